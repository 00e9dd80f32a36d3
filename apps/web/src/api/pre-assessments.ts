import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';
import { asIs, filenameFromDisposition, saveBlob, uploadForm } from './files';

export type PreAssessmentPage = ResponseOf<'/api/v1/pre-assessments', 'get'>;
export type PreAssessment = PreAssessmentPage['items'][number];
export type PreAssessmentQuery = QueryOf<'/api/v1/pre-assessments', 'get'>;
export type CreatePreAssessmentBody = BodyOf<'/api/v1/pre-assessments/projects/{projectId}', 'post'>;
export type UpdatePreAssessmentBody = BodyOf<'/api/v1/pre-assessments/{id}', 'patch'>;

const path = (id: string) => ({ params: { path: { id } } });

export const preAssessmentsApi = {
  list: (query: PreAssessmentQuery) => unwrap(api.GET('/api/v1/pre-assessments', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/pre-assessments/{id}', path(id))),
  create: (projectId: string, body: CreatePreAssessmentBody) =>
    unwrap(api.POST('/api/v1/pre-assessments/projects/{projectId}', { params: { path: { projectId } }, body })),
  update: (id: string, body: UpdatePreAssessmentBody) => unwrap(api.PATCH('/api/v1/pre-assessments/{id}', { ...path(id), body })),
  submit: (id: string, version: number) => unwrap(api.POST('/api/v1/pre-assessments/{id}/submit', { ...path(id), body: { version } })),
  accept: (id: string, version: number, comment?: string) =>
    unwrap(api.POST('/api/v1/pre-assessments/{id}/accept', { ...path(id), body: { version, ...(comment ? { comment } : {}) } })),
  returnIt: (id: string, version: number, comment: string) =>
    unwrap(api.POST('/api/v1/pre-assessments/{id}/return', { ...path(id), body: { version, comment } })),
  completeAdjustment: (id: string, version: number, note: string) =>
    unwrap(api.POST('/api/v1/pre-assessments/{id}/adjustment-complete', { ...path(id), body: { version, note } })),
  attachReport: (id: string, version: number, file: File) =>
    unwrap(
      api.PUT('/api/v1/pre-assessments/{id}/report', {
        ...path(id),
        body: uploadForm(file, { version }) as never,
        bodySerializer: asIs,
      }),
    ),
  async downloadReport(id: string, fallback = 'report.pdf'): Promise<void> {
    const { data, error, response } = await api.GET('/api/v1/pre-assessments/{id}/report', {
      params: { path: { id }, query: { alt: 'media' } },
      parseAs: 'blob',
    });
    if (!response.ok || !(data instanceof Blob)) return void (await unwrap(Promise.resolve({ data: undefined, error, response })));
    saveBlob(data, filenameFromDisposition(response.headers.get('content-disposition'), fallback));
  },
};

/** Projects the caller may start a pre-assessment for (the project library's own list, searched by name). */
export const projectPicker = {
  search: (q: string) =>
    unwrap(api.GET('/api/v1/projects', { params: { query: { ...(q ? { q } : {}), kind: 'project', pageSize: 30, sort: 'code' } } })),
};

/** Third-party agencies a department can commission. */
export const agencyPicker = {
  list: () => unwrap(api.GET('/api/v1/pre-assessments/agencies')),
};
