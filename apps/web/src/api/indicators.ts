import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';

export type IndicatorPage = ResponseOf<'/api/v1/indicators', 'get'>;
export type Indicator = IndicatorPage['items'][number];
export type IndicatorQuery = QueryOf<'/api/v1/indicators', 'get'>;
export type ProposalQuery = QueryOf<'/api/v1/indicators/proposals', 'get'>;
export type CreateIndicatorBody = BodyOf<'/api/v1/indicators', 'post'>;
export type UpdateIndicatorBody = BodyOf<'/api/v1/indicators/{id}', 'patch'>;
export type ProposeIndicatorBody = BodyOf<'/api/v1/indicators/proposals', 'post'>;
export type CategoryNode = ResponseOf<'/api/v1/indicator-categories/tree', 'get'>[number];
export type CreateCategoryBody = BodyOf<'/api/v1/indicator-categories', 'post'>;

const path = (id: string) => ({ params: { path: { id } } });

export const indicatorsApi = {
  tree: () => unwrap(api.GET('/api/v1/indicator-categories/tree')),
  createCategory: (body: CreateCategoryBody) => unwrap(api.POST('/api/v1/indicator-categories', { body })),
  renameCategory: (id: string, version: number, name: string) =>
    unwrap(api.PATCH('/api/v1/indicator-categories/{id}', { ...path(id), body: { version, name } })),
  removeCategory: (id: string) => unwrap(api.DELETE('/api/v1/indicator-categories/{id}', path(id))),
  search: (query: IndicatorQuery) => unwrap(api.GET('/api/v1/indicators', { params: { query } })),
  create: (body: CreateIndicatorBody) => unwrap(api.POST('/api/v1/indicators', { body })),
  update: (id: string, body: UpdateIndicatorBody) => unwrap(api.PATCH('/api/v1/indicators/{id}', { ...path(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/indicators/{id}', path(id))),
  proposals: (query: ProposalQuery) => unwrap(api.GET('/api/v1/indicators/proposals', { params: { query } })),
  propose: (body: ProposeIndicatorBody) => unwrap(api.POST('/api/v1/indicators/proposals', { body })),
  accept: (id: string, version: number, comment?: string, isCore?: boolean) =>
    unwrap(api.POST('/api/v1/indicators/{id}/accept', { ...path(id), body: { version, ...(comment ? { comment } : {}), ...(isCore !== undefined ? { isCore } : {}) } })),
  reject: (id: string, version: number, comment: string) =>
    unwrap(api.POST('/api/v1/indicators/{id}/reject', { ...path(id), body: { version, comment } })),
  suggestions: (projectId: string) => unwrap(api.GET('/api/v1/indicators/suggestions', { params: { query: { projectId } } })),
};
