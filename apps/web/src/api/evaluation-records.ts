import { unwrap, type QueryOf, type ResponseOf } from '@jixiao/api-client';
import { downloadFile, uploadWorkbook } from './files';
import { api } from './http';

/** 历史评价记录 (issue 9): past evaluations by project code — the old system's history and finished evaluations. */
export type EvaluationRecordPage = ResponseOf<'/api/v1/evaluation-records', 'get'>;
export type EvaluationRecord = EvaluationRecordPage['items'][number];
export type EvaluationRecordQuery = QueryOf<'/api/v1/evaluation-records', 'get'>;
export type EvaluationRecordImportResult = ResponseOf<'/api/v1/evaluation-records/import', 'post'>;

export const evaluationRecordsApi = {
  list: (query: EvaluationRecordQuery) => unwrap(api.GET('/api/v1/evaluation-records', { params: { query } })),
  downloadImportTemplate: () => downloadFile('/api/v1/evaluation-records/import-template', {}, '历史评价记录导入模板.xlsx'),
  import: (file: File, onProgress: (percent: number) => void) =>
    uploadWorkbook<EvaluationRecordImportResult>('/api/v1/evaluation-records/import', file, onProgress),
};
