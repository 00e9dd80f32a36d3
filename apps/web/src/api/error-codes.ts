/**
 * Error codes the SPA reacts to (beyond showing the message). They belong to the API's auth
 * and common modules; if @jixiao/contracts grows a list of codes, import them from there.
 */
export const ErrorCode = {
  InvalidCredentials: 'AUTH_INVALID_CREDENTIALS',
  AccountDisabled: 'AUTH_ACCOUNT_DISABLED',
  AuthRequired: 'AUTH_REQUIRED',
  TokenExpired: 'AUTH_TOKEN_EXPIRED',
  SessionExpired: 'AUTH_SESSION_EXPIRED',
  RefreshInvalid: 'AUTH_REFRESH_INVALID',
  PasswordChangeRequired: 'AUTH_PASSWORD_CHANGE_REQUIRED',
  MfaEnrolmentRequired: 'AUTH_MFA_ENROLMENT_REQUIRED',
  MfaTokenInvalid: 'AUTH_MFA_TOKEN_INVALID',
  MfaCodeInvalid: 'AUTH_MFA_CODE_INVALID',
  PasswordWeak: 'AUTH_PASSWORD_WEAK',
  VersionConflict: 'VERSION_CONFLICT',
} as const;
