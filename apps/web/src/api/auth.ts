import { unwrap, type ChangePasswordBody, type LoginBody } from '@jixiao/api-client';
import { api } from './http';

export const authApi = {
  login: (body: LoginBody) => unwrap(api.POST('/api/v1/auth/login', { body })),
  refresh: (refreshToken: string) => unwrap(api.POST('/api/v1/auth/refresh', { body: { refreshToken } })),
  logout: () => unwrap(api.POST('/api/v1/auth/logout')),
  me: () => unwrap(api.GET('/api/v1/auth/me')),
  changePassword: (body: ChangePasswordBody) => unwrap(api.POST('/api/v1/auth/change-password', { body })),
};
