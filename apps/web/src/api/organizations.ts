import { unwrap, type CreateOrganizationBody, type OrganizationQuery, type UpdateOrganizationBody } from '@jixiao/api-client';
import { api } from './http';

export const organizationsApi = {
  list: (query: OrganizationQuery) => unwrap(api.GET('/api/v1/organizations', { params: { query } })),
  tree: () => unwrap(api.GET('/api/v1/organizations/tree')),
  /** A picker's level: the children of `parentId` the caller sees (the top without it), or a search (`q`). */
  options: (query: { parentId?: string; q?: string } = {}) => unwrap(api.GET('/api/v1/organizations/options', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
  create: (body: CreateOrganizationBody) => unwrap(api.POST('/api/v1/organizations', { body })),
  update: (id: string, body: UpdateOrganizationBody) => unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id } }, body })),
};
