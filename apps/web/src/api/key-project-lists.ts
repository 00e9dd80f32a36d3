import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';
import { filenameFromDisposition, saveBlob } from './files';

export type KeyProjectListPage = ResponseOf<'/api/v1/key-project-lists', 'get'>;
export type KeyProjectList = KeyProjectListPage['items'][number];
export type KeyProjectListQuery = QueryOf<'/api/v1/key-project-lists', 'get'>;
export type KeyProjectListDetail = ResponseOf<'/api/v1/key-project-lists/{id}', 'get'>;
export type KeyProjectListItem = KeyProjectListDetail['items'][number];
export type KeyProjectListHistory = KeyProjectListDetail['history'][number];
export type CoveragePlan = ResponseOf<'/api/v1/key-project-lists/coverage-plan', 'get'>;
export type CoverageOrganization = CoveragePlan['items'][number];
export type CoverageProject = ResponseOf<'/api/v1/key-project-lists/coverage-plan/projects', 'get'>['items'][number];
export type SubmitKeyProjectListBody = BodyOf<'/api/v1/key-project-lists/{id}/submit', 'post'>;
export type ReturnKeyProjectListBody = BodyOf<'/api/v1/key-project-lists/{id}/return', 'post'>;
export type FileKeyProjectListBody = BodyOf<'/api/v1/key-project-lists/{id}/file', 'post'>;
export type AmendKeyProjectListBody = BodyOf<'/api/v1/key-project-lists/{id}/amend', 'post'>;
export type KeyProjectListRevision = KeyProjectListDetail['revisions'][number];
export type KeyListChanges = NonNullable<KeyProjectListDetail['changesSinceFiling']>;

const path = (id: string) => ({ params: { path: { id } } });

async function download(call: Promise<{ data?: unknown; error?: unknown; response: Response }>, fallback: string): Promise<void> {
  const { data, error, response } = await call;
  if (!response.ok || !(data instanceof Blob)) return void (await unwrap(Promise.resolve({ data: undefined, error, response })));
  saveBlob(data, filenameFromDisposition(response.headers.get('content-disposition'), fallback));
}

export const keyProjectListsApi = {
  list: (query: KeyProjectListQuery) => unwrap(api.GET('/api/v1/key-project-lists', { params: { query } })),
  current: (year: number) => unwrap(api.GET('/api/v1/key-project-lists/current', { params: { query: { year } } })),
  get: (id: string) => unwrap(api.GET('/api/v1/key-project-lists/{id}', path(id))),
  submit: (id: string, body: SubmitKeyProjectListBody) => unwrap(api.POST('/api/v1/key-project-lists/{id}/submit', { ...path(id), body })),
  file: (id: string, body: FileKeyProjectListBody) => unwrap(api.POST('/api/v1/key-project-lists/{id}/file', { ...path(id), body })),
  amend: (id: string, body: AmendKeyProjectListBody) => unwrap(api.POST('/api/v1/key-project-lists/{id}/amend', { ...path(id), body })),
  giveBack: (id: string, body: ReturnKeyProjectListBody) =>
    unwrap(api.POST('/api/v1/key-project-lists/{id}/return', { ...path(id), body })),
  coveragePlan: (query: QueryOf<'/api/v1/key-project-lists/coverage-plan', 'get'>) =>
    unwrap(api.GET('/api/v1/key-project-lists/coverage-plan', { params: { query } })),
  coveragePlanProjects: (query: QueryOf<'/api/v1/key-project-lists/coverage-plan/projects', 'get'>) =>
    unwrap(api.GET('/api/v1/key-project-lists/coverage-plan/projects', { params: { query } })),
  exportOne: (id: string) =>
    download(api.GET('/api/v1/key-project-lists/{id}/export', { ...path(id), parseAs: 'blob' }), 'key-project-list.xlsx'),
  exportDistrict: (year: number) =>
    download(
      api.GET('/api/v1/key-project-lists/export', { params: { query: { year } }, parseAs: 'blob' }),
      `key-project-lists-${year}.xlsx`,
    ),
};
