import { defineErrors } from '../../common/errors/app-error';

export const KeyProjectListErrors = defineErrors({
  KEY_LIST_ORGANIZATION_KIND: {
    status: 403,
    zh: '只有区级预算主管部门和镇（街道）编报重点项目清单',
    en: 'Only departments and towns keep key project lists',
  },
  KEY_LIST_NOT_OWN: {
    status: 403,
    zh: '只能由清单所属部门（镇）报送本单位的重点项目清单',
    en: 'Only the list’s own department or town submits it',
  },
  KEY_LIST_EMPTY_NEEDS_NOTE: {
    status: 400,
    zh: '清单中没有重点项目，报送时须填写说明',
    en: 'The list has no key projects: a note is required to submit it',
  },
});
