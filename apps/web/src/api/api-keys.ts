import { unwrap, type CreateApiKeyBody, type QueryOf } from '@jixiao/api-client';
import { api } from './http';

export const apiKeysApi = {
  list: (query: QueryOf<'/api/v1/api-keys', 'get'>) => unwrap(api.GET('/api/v1/api-keys', { params: { query } })),
  create: (body: CreateApiKeyBody) => unwrap(api.POST('/api/v1/api-keys', { body })),
  revoke: (id: string) => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
};
