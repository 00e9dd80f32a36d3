import { defineErrors } from '../../common/errors/app-error';

export const ApiKeyErrors = defineErrors({
  API_KEY_EXPIRY_IN_PAST: { status: 400, zh: '过期时间必须晚于当前时间', en: 'The expiry must be in the future' },
  API_KEY_ALREADY_REVOKED: { status: 409, zh: '密钥已吊销', en: 'The key is already revoked' },
});
