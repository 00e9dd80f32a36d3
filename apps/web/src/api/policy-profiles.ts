import { unwrap, type CreatePolicyProfileBody, type QueryOf, type UpdatePolicyProfileBody } from '@jixiao/api-client';
import { api } from './http';

export const policyProfilesApi = {
  list: (query: QueryOf<'/api/v1/policy-profiles', 'get'> = {}) => unwrap(api.GET('/api/v1/policy-profiles', { params: { query } })),
  get: (year: number) => unwrap(api.GET('/api/v1/policy-profiles/{year}', { params: { path: { year } } })),
  update: (year: number, body: UpdatePolicyProfileBody) =>
    unwrap(api.PUT('/api/v1/policy-profiles/{year}', { params: { path: { year } }, body })),
  copy: (body: CreatePolicyProfileBody) => unwrap(api.POST('/api/v1/policy-profiles', { body })),
  calendar: (year: number) => unwrap(api.GET('/api/v1/policy-profiles/{year}/calendar', { params: { path: { year } } })),
};
