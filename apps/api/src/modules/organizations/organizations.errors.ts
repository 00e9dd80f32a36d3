import { defineErrors } from '../../common/errors/app-error';

export const OrganizationErrors = defineErrors({
  ORGANIZATION_CODE_TAKEN: { status: 409, zh: '机构编码已存在', en: 'The organization code is already used' },
  ORGANIZATION_PARENT_INVALID: { status: 400, zh: '上级机构类型不允许', en: 'This kind of organization cannot sit under that parent' },
  ORGANIZATION_HAS_ACTIVE_CHILDREN: {
    status: 409,
    zh: '仍有启用的下级机构，不能停用',
    en: 'Active child organizations exist; deactivate them first',
  },
});
