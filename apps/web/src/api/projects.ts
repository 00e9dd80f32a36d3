import { unwrap, type BodyOf, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { downloadFile, uploadWorkbook } from './files';
import { api } from './http';

export type ProjectList = ResponseOf<'/api/v1/projects', 'get'>;
export type Project = ProjectList['items'][number];
export type ProjectQuery = QueryOf<'/api/v1/projects', 'get'>;
export type ProjectFilter = QueryOf<'/api/v1/projects/export', 'get'>;
export type CreateProjectBody = BodyOf<'/api/v1/projects', 'post'>;
export type UpdateProjectBody = BodyOf<'/api/v1/projects/{id}', 'patch'>;
export type SetKeyBasisBody = BodyOf<'/api/v1/projects/{id}/key-basis', 'put'>;
export type ImportResult = ResponseOf<'/api/v1/projects/import', 'post'>;
export type BudgetGateList = ResponseOf<'/api/v1/budget-gate', 'get'>;
export type BudgetGateItem = BudgetGateList['items'][number];
export type BudgetGateQuery = QueryOf<'/api/v1/budget-gate', 'get'>;
export type TargetCoverage = ResponseOf<'/api/v1/budget-gate/coverage', 'get'>;
export type TargetCoverageRow = TargetCoverage['items'][number];
export type TargetCoverageQuery = QueryOf<'/api/v1/budget-gate/coverage', 'get'>;
export type TargetCoverageMissing = ResponseOf<'/api/v1/budget-gate/coverage/missing', 'get'>['items'][number];
export type TargetCoverageMissingQuery = QueryOf<'/api/v1/budget-gate/coverage/missing', 'get'>;

/** One bad cell of an import, as the API reports it (sheet, row, column, both languages). */
export interface ImportCellError {
  field: string;
  sheet: string;
  row: number;
  column: string;
  code: string;
  message: string;
  messageEn: string;
}

/** Uploads a project workbook with progress; rejects with an ApiProblem carrying the cell errors. */
export const importProjects = (file: File, onProgress: (percent: number) => void) =>
  uploadWorkbook<ImportResult>('/api/v1/projects/import', file, onProgress);

/** The cell errors of a failed import (empty for other problems). */
export function importCellErrors(problem: { body?: Record<string, unknown> } | unknown): ImportCellError[] {
  const body = (problem as { body?: Record<string, unknown> })?.body;
  return Array.isArray(body?.errors) ? (body.errors as ImportCellError[]) : [];
}

export const projectsApi = {
  list: (query: ProjectQuery) => unwrap(api.GET('/api/v1/projects', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })),
  create: (body: CreateProjectBody) => unwrap(api.POST('/api/v1/projects', { body })),
  update: (id: string, body: UpdateProjectBody) => unwrap(api.PATCH('/api/v1/projects/{id}', { params: { path: { id } }, body })),
  setKeyBasis: (id: string, body: SetKeyBasisBody) =>
    unwrap(api.PUT('/api/v1/projects/{id}/key-basis', { params: { path: { id } }, body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/projects/{id}', { params: { path: { id } } })),
  downloadTemplate: () => downloadFile('/api/v1/projects/import-template', {}, '项目导入模板.xlsx'),
  exportList: (filter: ProjectFilter) =>
    downloadFile('/api/v1/projects/export', filter as Record<string, unknown>, `项目库.${filter.format ?? 'xlsx'}`),
  import: importProjects,
};

export const budgetGateApi = {
  list: (query: BudgetGateQuery) => unwrap(api.GET('/api/v1/budget-gate', { params: { query } })),
  coverage: (query: TargetCoverageQuery) => unwrap(api.GET('/api/v1/budget-gate/coverage', { params: { query } })),
  coverageMissing: (query: TargetCoverageMissingQuery) => unwrap(api.GET('/api/v1/budget-gate/coverage/missing', { params: { query } })),
};
