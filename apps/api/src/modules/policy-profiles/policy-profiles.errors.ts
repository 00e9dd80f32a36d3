import { defineErrors } from '../../common/errors/app-error';

export const PolicyProfileErrors = defineErrors({
  POLICY_PROFILE_NOT_FOUND: { status: 404, zh: '该年度政策参数不存在', en: 'No policy profile for that year' },
  POLICY_PROFILE_EXISTS: { status: 409, zh: '该年度政策参数已存在', en: 'That year already has a policy profile' },
  POLICY_PROFILE_INVALID: { status: 400, zh: '政策参数不合法', en: 'The policy profile values are invalid' },
});
