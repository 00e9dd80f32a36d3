import { defineErrors } from '../errors/app-error';

export const AuthErrors = defineErrors({
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_ACCOUNT_LOCKED: { status: 423, zh: '登录失败次数过多，账户已临时锁定', en: 'Too many failed logins; the account is locked for a while' },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '账户已停用', en: 'The account is disabled' },
  AUTH_TOKEN_INVALID: { status: 401, zh: '登录凭证无效', en: 'The access token is not valid' },
  AUTH_TOKEN_EXPIRED: { status: 401, zh: '登录凭证已过期，请刷新', en: 'The access token has expired; refresh it' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '长时间未操作，会话已结束，请重新登录', en: 'The session ended after inactivity; sign in again' },
  AUTH_REFRESH_INVALID: { status: 401, zh: '刷新凭证无效，请重新登录', en: 'The refresh token is not valid; sign in again' },
  AUTH_PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录须修改初始密码', en: 'Change the initial password first' },
  AUTH_PASSWORD_WEAK: { status: 400, zh: '密码不符合安全要求', en: 'The password does not meet the rules' },
  AUTH_PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  AUTH_PASSWORD_REUSED: { status: 400, zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  AUTH_API_KEY_INVALID: { status: 401, zh: '接口密钥无效', en: 'The API key is not valid' },
  AUTH_ROUTE_UNDECLARED: { status: 403, zh: '接口未声明访问权限，默认拒绝', en: 'The route declares no access rule and is refused by default' },
});
