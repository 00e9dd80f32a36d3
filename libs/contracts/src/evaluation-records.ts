/**
 * Evaluation records (issue 9, "The old performance system's history"): one row per project code,
 * organization, evaluated year and kind — imported from the old system's export or written when an
 * evaluation finishes. Shared by the API (import, list) and the SPA (labels, filters).
 */
import { Label, labelled } from './labels';

// The evaluation kinds (N3) are those of ./evaluations.

/** Where a record came from: the old system's export, or an evaluation finished in Jixiao. */
export const EVALUATION_RECORD_SOURCE_LABELS = {
  history_import: { zh: '历史数据导入', en: 'Imported history' },
  evaluation: { zh: '本系统评价', en: 'Evaluation in Jixiao' },
} as const satisfies Record<string, Label>;
export type EvaluationRecordSource = keyof typeof EVALUATION_RECORD_SOURCE_LABELS;
export const EVALUATION_RECORD_SOURCES = labelled<EvaluationRecordSource>(EVALUATION_RECORD_SOURCE_LABELS);

/** The old system's export as the import reads it: the data sheet and its columns, headers in Chinese. */
export const EVALUATION_RECORD_IMPORT_SHEET = '评价记录';
export const EVALUATION_RECORD_IMPORT_INSTRUCTIONS_SHEET = '填写说明';
export const EVALUATION_RECORD_IMPORT_COLUMNS = [
  { key: 'projectCode', zh: '项目编码', en: 'Project code', required: true },
  { key: 'organizationCode', zh: '单位编码', en: 'Organization code', required: true },
  { key: 'year', zh: '年度', en: 'Year evaluated', required: true },
  { key: 'kind', zh: '评价类型', en: 'Kind of evaluation', required: true },
  { key: 'score', zh: '得分', en: 'Score', required: true },
  { key: 'grade', zh: '等级', en: 'Grade', required: false },
  { key: 'evaluator', zh: '评价机构/评价人', en: 'Evaluator', required: false },
] as const;
export type EvaluationRecordImportColumnKey = (typeof EVALUATION_RECORD_IMPORT_COLUMNS)[number]['key'];
