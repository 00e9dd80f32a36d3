import { unwrap, type CreateOrganizationBody, type OrganizationQuery, type UpdateOrganizationBody } from '@jixiao/api-client';
import { api } from './http';

export const organizationsApi = {
  list: (query: OrganizationQuery) => unwrap(api.GET('/api/v1/organizations', { params: { query } })),
  tree: () => unwrap(api.GET('/api/v1/organizations/tree')),
  get: (id: string) => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
  create: (body: CreateOrganizationBody) => unwrap(api.POST('/api/v1/organizations', { body })),
  update: (id: string, body: UpdateOrganizationBody) => unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id } }, body })),
};
