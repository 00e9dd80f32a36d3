import { defineErrors } from '../../common/errors/app-error';

export const ApiKeyErrors = defineErrors({
  API_KEY_EXPIRY_IN_PAST: { status: 400, zh: '过期时间必须晚于当前时间', en: 'The expiry must be in the future' },
  API_KEY_PERMISSION_NOT_HELD: { status: 403, zh: '不能授予自己没有的权限', en: 'You cannot grant a permission you do not hold' },
  API_KEY_DISTRICT_PERMISSION: {
    status: 400,
    zh: '限定机构的密钥不能拥有全区范围的权限',
    en: 'A key limited to one organization cannot hold district-wide permissions',
  },
  API_KEY_ALREADY_REVOKED: { status: 409, zh: '密钥已吊销', en: 'The key is already revoked' },
});
