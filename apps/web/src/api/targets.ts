import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';

export type TargetPage = ResponseOf<'/api/v1/targets', 'get'>;
export type TargetItem = TargetPage['items'][number];
export type TargetQuery = QueryOf<'/api/v1/targets', 'get'>;
export type TargetDetail = ResponseOf<'/api/v1/targets/{id}', 'get'>;
export type TargetIndicator = TargetDetail['indicators'][number];
export type TargetEvent = TargetDetail['events'][number];
export type QualityCheck = ResponseOf<'/api/v1/targets/{id}/quality-check', 'get'>;
export type QualityItem = QualityCheck['items'][number];
export type CreateTargetBody = BodyOf<'/api/v1/targets/projects/{projectId}', 'post'>;
export type UpdateTargetBody = BodyOf<'/api/v1/targets/{id}', 'put'>;
export type IndicatorInput = UpdateTargetBody['indicators'][number];
export type ReturnTargetBody = BodyOf<'/api/v1/targets/{id}/return', 'post'>;
export type ChangeRequestPage = ResponseOf<'/api/v1/targets/change-requests', 'get'>;
export type ChangeRequest = ChangeRequestPage['items'][number];
export type ChangeRequestQuery = QueryOf<'/api/v1/targets/change-requests', 'get'>;
export type CreateChangeRequestBody = BodyOf<'/api/v1/targets/{id}/change-requests', 'post'>;
export type IndicatorSuggestions = ResponseOf<'/api/v1/indicators/suggestions', 'get'>;
export type IndicatorSuggestion = IndicatorSuggestions['items'][number];
export type ProjectPage = ResponseOf<'/api/v1/projects', 'get'>;
export type ProjectOption = ProjectPage['items'][number];

const path = (id: string) => ({ params: { path: { id } } });

export const targetsApi = {
  list: (query: TargetQuery) => unwrap(api.GET('/api/v1/targets', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/targets/{id}', path(id))),
  qualityCheck: (id: string) => unwrap(api.GET('/api/v1/targets/{id}/quality-check', path(id))),
  create: (projectId: string, body: CreateTargetBody) =>
    unwrap(api.POST('/api/v1/targets/projects/{projectId}', { params: { path: { projectId } }, body })),
  update: (id: string, body: UpdateTargetBody) => unwrap(api.PUT('/api/v1/targets/{id}', { ...path(id), body })),
  submit: (id: string, version: number) => unwrap(api.POST('/api/v1/targets/{id}/submit', { ...path(id), body: { version } })),
  pass: (id: string, version: number, comment?: string) =>
    unwrap(api.POST('/api/v1/targets/{id}/pass', { ...path(id), body: { version, ...(comment ? { comment } : {}) } })),
  returnTarget: (id: string, body: ReturnTargetBody) => unwrap(api.POST('/api/v1/targets/{id}/return', { ...path(id), body })),
  pick: (id: string, version: number, picked: boolean) =>
    unwrap(api.PUT('/api/v1/targets/{id}/expert-review-pick', { ...path(id), body: { version, picked } })),
  conclude: (id: string, version: number, comment?: string) =>
    unwrap(api.POST('/api/v1/targets/{id}/conclude-review', { ...path(id), body: { version, ...(comment ? { comment } : {}) } })),
  /** 谁批预算谁批目标: the unit's department passes the target on to the bureau, or returns it. */
  departmentPass: (id: string, version: number, comment?: string) =>
    unwrap(api.POST('/api/v1/targets/{id}/department-review/pass', { ...path(id), body: { version, ...(comment ? { comment } : {}) } })),
  departmentReturn: (id: string, body: ReturnTargetBody) =>
    unwrap(api.POST('/api/v1/targets/{id}/department-review/return', { ...path(id), body })),
  /** N5 良: the department submits its revision; the bureau confirms it or sends it back. */
  consultationSubmit: (id: string, version: number, comment?: string) =>
    unwrap(api.POST('/api/v1/targets/{id}/consultation/submit', { ...path(id), body: { version, ...(comment ? { comment } : {}) } })),
  consultationConfirm: (id: string, version: number, comment?: string) =>
    unwrap(api.POST('/api/v1/targets/{id}/consultation/confirm', { ...path(id), body: { version, ...(comment ? { comment } : {}) } })),
  consultationReturn: (id: string, version: number, comment: string) =>
    unwrap(api.POST('/api/v1/targets/{id}/consultation/return', { ...path(id), body: { version, comment } })),
  createChangeRequest: (id: string, body: CreateChangeRequestBody) =>
    unwrap(api.POST('/api/v1/targets/{id}/change-requests', { ...path(id), body })),
  listChangeRequests: (query: ChangeRequestQuery) => unwrap(api.GET('/api/v1/targets/change-requests', { params: { query } })),
  approveChangeRequest: (id: string, version: number, comment?: string) =>
    unwrap(api.POST('/api/v1/targets/change-requests/{id}/approve', { ...path(id), body: { version, ...(comment ? { comment } : {}) } })),
  rejectChangeRequest: (id: string, version: number, comment: string) =>
    unwrap(api.POST('/api/v1/targets/change-requests/{id}/reject', { ...path(id), body: { version, comment } })),
  suggestions: (projectId: string) => unwrap(api.GET('/api/v1/indicators/suggestions', { params: { query: { projectId } } })),
  projects: (q: string) => unwrap(api.GET('/api/v1/projects', { params: { query: { q: q || undefined, pageSize: 20 } } })),
};
