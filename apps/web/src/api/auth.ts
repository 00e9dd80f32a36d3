import { unwrap, type ChangePasswordBody, type LoginBody, type MfaDisableBody, type MfaLoginBody } from '@jixiao/api-client';
import { api } from './http';

export const authApi = {
  login: (body: LoginBody) => unwrap(api.POST('/api/v1/auth/login', { body })),
  refresh: (refreshToken: string) => unwrap(api.POST('/api/v1/auth/refresh', { body: { refreshToken } })),
  logout: () => unwrap(api.POST('/api/v1/auth/logout')),
  me: () => unwrap(api.GET('/api/v1/auth/me')),
  changePassword: (body: ChangePasswordBody) => unwrap(api.POST('/api/v1/auth/change-password', { body })),
  loginMfa: (body: MfaLoginBody) => unwrap(api.POST('/api/v1/auth/login/mfa', { body })),
  mfaStatus: () => unwrap(api.GET('/api/v1/auth/mfa')),
  mfaEnrol: () => unwrap(api.POST('/api/v1/auth/mfa/enrol')),
  mfaConfirm: (code: string) => unwrap(api.POST('/api/v1/auth/mfa/confirm', { body: { code } })),
  mfaRecoveryCodes: (code: string) => unwrap(api.POST('/api/v1/auth/mfa/recovery-codes', { body: { code } })),
  mfaDisable: (body: MfaDisableBody) => unwrap(api.POST('/api/v1/auth/mfa/disable', { body })),
};
