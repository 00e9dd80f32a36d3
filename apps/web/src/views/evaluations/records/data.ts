import { EVALUATION_KINDS, EVALUATION_RECORD_SOURCES } from '@jixiao/contracts';
import { GRADE_LABELS, type Grade } from '@jixiao/domain';
import type { EvaluationRecord, EvaluationRecordImportResult } from '@/api/evaluation-records';
import type { Column, FilterField } from '@/components/paged-table';
import { t } from '@/locales';

/** 历史评价记录: the list's filters and columns. */
export function defaultFilters() {
  return {
    year: undefined as number | undefined,
    kind: '' as '' | EvaluationRecord['kind'],
    organizationId: '',
    source: '' as '' | EvaluationRecord['source'],
    q: '',
  };
}
export const DEFAULT_SORT = '-year,projectCode,kind';

export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'year', label: 'evaluations.records.year', kind: 'year' },
  {
    field: 'kind',
    label: 'evaluations.records.kind',
    kind: 'select',
    options: EVALUATION_KINDS,
    width: 150,
    immediate: true,
    testid: 'filter-kind',
  },
  { field: 'organizationId', label: 'evaluations.records.organization', kind: 'org' },
  { field: 'source', label: 'evaluations.records.source', kind: 'select', options: EVALUATION_RECORD_SOURCES, width: 140, immediate: true },
  { field: 'q', kind: 'input', placeholder: 'evaluations.records.searchPlaceholder', width: 200, testid: 'filter-q' },
];

export const COLUMNS: Column<EvaluationRecord>[] = [
  { prop: 'year', label: 'evaluations.records.yearColumn', width: 90, sortable: true },
  { prop: 'projectCode', label: 'evaluations.records.projectCode', width: 170, sortable: true },
  {
    prop: 'projectName',
    label: 'evaluations.records.projectName',
    minWidth: 180,
    ellipsis: true,
    formatter: (r) => r.projectName ?? t('evaluations.records.notInLibrary'),
  },
  {
    prop: 'organizationName',
    label: 'evaluations.records.organization',
    minWidth: 150,
    ellipsis: true,
    sortField: 'organization',
    priority: 2,
  },
  { key: 'kind', label: 'evaluations.records.kind', minWidth: 190 },
  { prop: 'score', label: 'evaluations.records.score', width: 80, align: 'right', sortable: true },
  { key: 'grade', label: 'evaluations.records.grade', width: 70 },
  { prop: 'evaluator', label: 'evaluations.records.evaluator', minWidth: 160, ellipsis: true, priority: 3 },
  { prop: 'source', label: 'evaluations.records.source', width: 120, formatter: 'label', labels: EVALUATION_RECORD_SOURCES, priority: 4 },
  { prop: 'recordedAt', label: 'evaluations.records.recordedAt', width: 150, formatter: 'datetime', sortable: true, priority: 5 },
];

export const GRADE_TAG: Record<Grade, 'success' | 'primary' | 'warning' | 'danger'> = {
  excellent: 'success',
  good: 'primary',
  fair: 'warning',
  poor: 'danger',
};
export { GRADE_LABELS };

/** The import's answer in words. */
export function describeImport(result: EvaluationRecordImportResult): string {
  const done = t('evaluations.records.importDone', { rows: result.rows, created: result.created, unchanged: result.unchanged });
  return result.notInLibrary ? `${done}${t('evaluations.records.importNotInLibrary', { count: result.notInLibrary })}` : done;
}
