import { defineErrors } from '../errors/app-error';

export const AuthErrors = defineErrors({
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  /**
   * Wrong password, unknown username and a locked account answer alike (same status, body and
   * work), so usernames cannot be enumerated; the audit log records which it was
   * (`AUTH_ACCOUNT_LOCKED` there) and administrators see the lock in the user list.
   */
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码错误（连续失败多次后账户将被临时锁定）',
    en: 'Wrong username or password (repeated failures lock the account for a while)',
  },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '账户已停用', en: 'The account is disabled' },
  AUTH_TOKEN_INVALID: { status: 401, zh: '登录凭证无效', en: 'The access token is not valid' },
  AUTH_TOKEN_EXPIRED: { status: 401, zh: '登录凭证已过期，请刷新', en: 'The access token has expired; refresh it' },
  AUTH_SESSION_EXPIRED: {
    status: 401,
    zh: '长时间未操作，会话已结束，请重新登录',
    en: 'The session ended after inactivity; sign in again',
  },
  AUTH_REFRESH_INVALID: { status: 401, zh: '刷新凭证无效，请重新登录', en: 'The refresh token is not valid; sign in again' },
  AUTH_PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录须修改初始密码', en: 'Change the initial password first' },
  AUTH_PASSWORD_WEAK: { status: 400, zh: '密码不符合安全要求', en: 'The password does not meet the rules' },
  AUTH_PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  AUTH_PASSWORD_REUSED: { status: 400, zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  AUTH_MFA_TOKEN_INVALID: {
    status: 401,
    zh: '登录验证已失效，请重新输入用户名和密码',
    en: 'The sign-in step has expired; enter your username and password again',
  },
  AUTH_MFA_CODE_INVALID: {
    status: 401,
    zh: '验证码错误、已使用或已过期（连续失败多次后账户将被临时锁定）',
    en: 'The code is wrong, used or expired (repeated failures lock the account for a while)',
  },
  AUTH_MFA_CODE_WRONG: { status: 400, zh: '验证码不正确或已使用', en: 'The code is wrong or has been used' },
  AUTH_MFA_ENROLMENT_REQUIRED: {
    status: 403,
    zh: '您的角色须先启用双因素认证',
    en: 'Your role requires two-factor authentication; enrol first',
  },
  AUTH_MFA_ALREADY_ENABLED: { status: 409, zh: '已启用双因素认证', en: 'Two-factor authentication is already enabled' },
  AUTH_MFA_NOT_STARTED: { status: 409, zh: '请先开始绑定身份验证器', en: 'Start the enrolment first' },
  AUTH_MFA_NOT_ENABLED: { status: 409, zh: '尚未启用双因素认证', en: 'Two-factor authentication is not enabled' },
  AUTH_MFA_REQUIRED_BY_POLICY: {
    status: 409,
    zh: '您的角色须使用双因素认证，不能关闭',
    en: 'Your role requires two-factor authentication; it cannot be turned off',
  },
  AUTH_API_KEY_INVALID: { status: 401, zh: '接口密钥无效', en: 'The API key is not valid' },
  AUTH_ROUTE_UNDECLARED: {
    status: 403,
    zh: '接口未声明访问权限，默认拒绝',
    en: 'The route declares no access rule and is refused by default',
  },
});
