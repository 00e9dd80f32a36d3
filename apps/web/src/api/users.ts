import { unwrap, type CreateUserBody, type UpdateUserBody, type UserQuery } from '@jixiao/api-client';
import { api } from './http';

export const usersApi = {
  list: (query: UserQuery) => unwrap(api.GET('/api/v1/users', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
  create: (body: CreateUserBody) => unwrap(api.POST('/api/v1/users', { body })),
  update: (id: string, body: UpdateUserBody) => unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
  resetPassword: (id: string, newPassword: string) =>
    unwrap(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id } }, body: { newPassword } })),
  unlock: (id: string) => unwrap(api.POST('/api/v1/users/{id}/unlock', { params: { path: { id } } })),
  resetMfa: (id: string) => unwrap(api.POST('/api/v1/users/{id}/reset-mfa', { params: { path: { id } } })),
};
