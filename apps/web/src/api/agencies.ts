import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';

export type AgencyPage = ResponseOf<'/api/v1/agencies', 'get'>;
export type Agency = AgencyPage['items'][number];
export type AgencyQuery = QueryOf<'/api/v1/agencies', 'get'>;
export type AgencyDetail = ResponseOf<'/api/v1/agencies/{id}', 'get'>;
export type AgencyViolation = AgencyDetail['violations'][number];
export type AgencyTie = AgencyDetail['ties'][number];
export type AgencyGrade = AgencyDetail['grades'][number];
export type CreateAgencyBody = BodyOf<'/api/v1/agencies', 'post'>;
export type UpdateAgencyBody = BodyOf<'/api/v1/agencies/{id}', 'patch'>;
export type ChangeAgencyStateBody = BodyOf<'/api/v1/agencies/{id}/state', 'post'>;
export type CreateViolationBody = BodyOf<'/api/v1/agencies/{id}/violations', 'post'>;
export type CreateTieBody = BodyOf<'/api/v1/agencies/{id}/ties', 'post'>;

const path = (id: string) => ({ params: { path: { id } } });

/** 第三方机构名录 (R13, N8): the bureau keeps it; departments read it; an agency sees its own entry. */
export const agenciesApi = {
  list: (query: AgencyQuery) => unwrap(api.GET('/api/v1/agencies', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/agencies/{id}', path(id))),
  create: (body: CreateAgencyBody) => unwrap(api.POST('/api/v1/agencies', { body })),
  update: (id: string, body: UpdateAgencyBody) => unwrap(api.PATCH('/api/v1/agencies/{id}', { ...path(id), body })),
  changeState: (id: string, body: ChangeAgencyStateBody) => unwrap(api.POST('/api/v1/agencies/{id}/state', { ...path(id), body })),
  addViolation: (id: string, body: CreateViolationBody) => unwrap(api.POST('/api/v1/agencies/{id}/violations', { ...path(id), body })),
  removeViolation: (id: string, violationId: string) =>
    unwrap(api.DELETE('/api/v1/agencies/{id}/violations/{violationId}', { params: { path: { id, violationId } } })),
  addTie: (id: string, body: CreateTieBody) => unwrap(api.POST('/api/v1/agencies/{id}/ties', { ...path(id), body })),
  removeTie: (id: string, tieId: string) => unwrap(api.DELETE('/api/v1/agencies/{id}/ties/{tieId}', { params: { path: { id, tieId } } })),
};
