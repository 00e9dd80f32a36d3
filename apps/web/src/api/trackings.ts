import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { downloadFile, uploadWorkbook } from './files';
import { api } from './http';

/** 双监控 (issue 8): trackings, warnings and answers, review, coverage, the dashboard, adjusted budgets. */
export type TrackingPage = ResponseOf<'/api/v1/trackings', 'get'>;
export type TrackingItem = TrackingPage['items'][number];
export type TrackingQuery = QueryOf<'/api/v1/trackings', 'get'>;
export type TrackingDetail = ResponseOf<'/api/v1/trackings/{id}', 'get'>;
export type TrackingWarning = TrackingDetail['warnings'][number];
export type IndicatorReading = TrackingDetail['indicators'][number];
export type CreateTrackingBody = BodyOf<'/api/v1/trackings/projects/{projectId}', 'post'>;
export type AnswerWarningBody = BodyOf<'/api/v1/trackings/warnings/{id}/answer', 'post'>;
export type CoveragePage = ResponseOf<'/api/v1/trackings/coverage', 'get'>;
export type CoverageRow = CoveragePage['items'][number];
export type CoverageQuery = QueryOf<'/api/v1/trackings/coverage', 'get'>;
export type MonitoringDashboard = ResponseOf<'/api/v1/trackings/dashboard', 'get'>;
export type DashboardQuery = QueryOf<'/api/v1/trackings/dashboard', 'get'>;
export type DashboardOrganization = MonitoringDashboard['items'][number];
export type SuggestionPage = ResponseOf<'/api/v1/trackings/adjustment-suggestions', 'get'>;
export type Suggestion = SuggestionPage['items'][number];
export type SuggestionQuery = QueryOf<'/api/v1/trackings/adjustment-suggestions', 'get'>;
export type BudgetHistory = ResponseOf<'/api/v1/trackings/projects/{projectId}/budget-adjustments', 'get'>;
export type TrackingImportResult = ResponseOf<'/api/v1/trackings/import', 'post'>;
export type CreateBudgetAdjustmentBody = BodyOf<'/api/v1/trackings/projects/{projectId}/budget-adjustments', 'post'>;

const path = (id: string) => ({ params: { path: { id } } });
const project = (projectId: string) => ({ params: { path: { projectId } } });

export const trackingsApi = {
  list: (query: TrackingQuery) => unwrap(api.GET('/api/v1/trackings', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/trackings/{id}', path(id))),
  create: (projectId: string, body: CreateTrackingBody) =>
    unwrap(api.POST('/api/v1/trackings/projects/{projectId}', { ...project(projectId), body })),
  answer: (warningId: string, body: AnswerWarningBody) =>
    unwrap(api.POST('/api/v1/trackings/warnings/{id}/answer', { ...path(warningId), body })),
  review: (id: string, version: number, comment?: string) =>
    unwrap(api.POST('/api/v1/trackings/{id}/review', { ...path(id), body: { version, ...(comment ? { comment } : {}) } })),
  coverage: (query: CoverageQuery) => unwrap(api.GET('/api/v1/trackings/coverage', { params: { query } })),
  dashboard: (query: DashboardQuery) => unwrap(api.GET('/api/v1/trackings/dashboard', { params: { query } })),
  suggestions: (query: SuggestionQuery) => unwrap(api.GET('/api/v1/trackings/adjustment-suggestions', { params: { query } })),
  budgetHistory: (projectId: string) => unwrap(api.GET('/api/v1/trackings/projects/{projectId}/budget-adjustments', project(projectId))),
  addBudgetAdjustment: (projectId: string, body: CreateBudgetAdjustmentBody) =>
    unwrap(api.POST('/api/v1/trackings/projects/{projectId}/budget-adjustments', { ...project(projectId), body })),
  downloadImportTemplate: () => downloadFile('/api/v1/trackings/import-template', {}, '执行数据导入模板.xlsx'),
  import: (file: File, onProgress: (percent: number) => void) =>
    uploadWorkbook<TrackingImportResult>('/api/v1/trackings/import', file, onProgress),
};
