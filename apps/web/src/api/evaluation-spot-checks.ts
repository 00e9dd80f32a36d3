import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';

/** 自评质量抽查 (issue 9, 质量管理): the bureau's recorded random sample of completed self-evaluations, verdicts and conclusion. */
export type SpotCheckPage = ResponseOf<'/api/v1/evaluation-spot-checks', 'get'>;
export type SpotCheck = SpotCheckPage['items'][number];
export type SpotCheckQuery = QueryOf<'/api/v1/evaluation-spot-checks', 'get'>;
export type SpotCheckDetail = ResponseOf<'/api/v1/evaluation-spot-checks/{id}', 'get'>;
export type SpotCheckItem = SpotCheckDetail['items'][number];
export type DrawSpotCheckBody = BodyOf<'/api/v1/evaluation-spot-checks', 'post'>;
export type SpotCheckVerdictBody = BodyOf<'/api/v1/evaluation-spot-checks/{id}/items/{itemId}', 'put'>;

const path = (id: string) => ({ params: { path: { id } } });

export const spotChecksApi = {
  list: (query: SpotCheckQuery) => unwrap(api.GET('/api/v1/evaluation-spot-checks', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/evaluation-spot-checks/{id}', path(id))),
  draw: (body: DrawSpotCheckBody) => unwrap(api.POST('/api/v1/evaluation-spot-checks', { body })),
  setVerdict: (id: string, itemId: string, body: SpotCheckVerdictBody) =>
    unwrap(api.PUT('/api/v1/evaluation-spot-checks/{id}/items/{itemId}', { params: { path: { id, itemId } }, body })),
  conclude: (id: string, version: number, conclusion: string) =>
    unwrap(api.POST('/api/v1/evaluation-spot-checks/{id}/conclude', { ...path(id), body: { version, conclusion } })),
};
