import {
  COMPARISONS,
  INDICATOR_LEVEL1S,
  INDICATOR_LEVEL2_LABELS,
  INDICATOR_UNITS,
  LEVEL2_BY_LEVEL1,
  TARGET_CHANGE_REQUEST_STATUS_LABELS,
  TARGET_STATUS_LABELS,
  TARGET_STATUSES,
  labelled,
  type IndicatorLevel1,
  type TargetChangeRequestStatus,
  type TargetStatus,
} from '@jixiao/contracts';
import { indicatorWeightIssues, TARGET_CONSULTATION_STATUSES } from '@jixiao/domain';
import { currentLocale, pickLabel } from '@/locales';
import type { ChangeRequest, IndicatorInput, TargetIndicator, TargetItem } from '@/api/targets';
import type { Column, FilterField } from '@/components/paged-table';

export function defaultFilters(status: TargetStatus | '' = '') {
  return { q: '', status, year: undefined as number | undefined };
}

/** The workbench entry 待本部门预审: units' targets waiting for the department's pre-review. */
export const PRE_REVIEW_STATUS: TargetStatus = 'department_review';
export const DEFAULT_SORT = '-updatedAt';

export const STATUS_OPTIONS = TARGET_STATUSES;
export const LEVEL1_OPTIONS = INDICATOR_LEVEL1S;
export const COMPARISON_OPTIONS = COMPARISONS;
export const UNIT_OPTIONS: string[] = [...INDICATOR_UNITS];

export const STATUS_TAG: Record<TargetStatus, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  draft: 'info',
  department_review: 'primary',
  submitted: 'primary',
  returned: 'warning',
  expert_review: 'primary',
  in_consultation: 'warning',
  consultation_submitted: 'primary',
  approved: 'success',
  rejected: 'danger',
};

/** N5 良: the states in which the bureau's consultation comments are shown. */
export const CONSULTATION_STATUSES: readonly string[] = TARGET_CONSULTATION_STATUSES;

/** Field errors of weights above the year's total score (the rule of libs/domain, as the API applies it). */
export function weightErrors(rows: readonly IndicatorRow[], cap: number): Record<number, string> {
  const out: Record<number, string> = {};
  for (const issue of indicatorWeightIssues(rows, cap)) {
    const index = Number(issue.field.split('.')[1]);
    out[index] = currentLocale() === 'en-US' ? issue.messageEn : issue.message;
  }
  return out;
}

export const statusLabel = (s: string) => pickLabel(TARGET_STATUS_LABELS[s as TargetStatus]);
export const changeRequestStatusLabel = (s: string) => pickLabel(TARGET_CHANGE_REQUEST_STATUS_LABELS[s as TargetChangeRequestStatus]);
/** N5 review grades (the same labels as libs/domain GRADE_LABELS). */
const GRADE_LABELS: Record<string, { zh: string; en: string }> = {
  excellent: { zh: '优', en: 'Excellent' },
  good: { zh: '良', en: 'Good' },
  fair: { zh: '中', en: 'Fair' },
  poor: { zh: '差', en: 'Poor' },
};
export const gradeLabel = (g: string | null | undefined) => (g ? pickLabel(GRADE_LABELS[g]) : '');
export const level1Label = (v: string) => pickLabel(LEVEL1_OPTIONS.find((o) => o.value === v));
export const level2Label = (v: string) => pickLabel(INDICATOR_LEVEL2_LABELS[v as keyof typeof INDICATOR_LEVEL2_LABELS]);
export const comparisonLabel = (v: string) => pickLabel(COMPARISON_OPTIONS.find((o) => o.value === v));

export function level2Options(level1: string) {
  return (LEVEL2_BY_LEVEL1[level1 as IndicatorLevel1] ?? []).map((value) => ({ value, label: level2Label(value) }));
}

/** One editable row of the indicator table. */
export interface IndicatorRow {
  id?: string;
  level1: IndicatorInput['level1'];
  level2: IndicatorInput['level2'];
  name: string;
  comparison: IndicatorInput['comparison'];
  value: string;
  unit: string;
  weight: number | null;
  libraryIndicatorId: string | null;
  reviewComment?: string | null;
}

export function emptyRow(): IndicatorRow {
  return { level1: 'output', level2: 'quantity', name: '', comparison: '>=', value: '', unit: '', weight: null, libraryIndicatorId: null };
}

export function toRow(i: TargetIndicator | Omit<IndicatorRow, 'id'>): IndicatorRow {
  return {
    ...('id' in i && i.id ? { id: i.id } : {}),
    level1: i.level1 as IndicatorRow['level1'],
    level2: i.level2 as IndicatorRow['level2'],
    name: i.name,
    comparison: i.comparison as IndicatorRow['comparison'],
    value: i.value ?? '',
    unit: i.unit ?? '',
    weight: i.weight ?? null,
    libraryIndicatorId: i.libraryIndicatorId ?? null,
    reviewComment: 'reviewComment' in i ? (i.reviewComment ?? null) : null,
  };
}

export function toInput(r: IndicatorRow): IndicatorInput {
  return {
    ...(r.id ? { id: r.id } : {}),
    level1: r.level1,
    level2: r.level2,
    name: r.name.trim(),
    comparison: r.comparison,
    value: r.value.trim() ? r.value.trim() : null,
    unit: (r.unit || null) as IndicatorInput['unit'],
    weight: r.weight,
    libraryIndicatorId: r.libraryIndicatorId,
  };
}

export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'q', label: 'targets.project', kind: 'input', placeholder: 'targets.searchPlaceholder', width: 220 },
  { field: 'year', label: 'targets.year', kind: 'year' },
  { field: 'status', label: 'targets.status', kind: 'select', options: STATUS_OPTIONS, width: 160 },
];

/** At 1366 px the update time and the revision give way first; the status stays beside the action. */
export const COLUMNS: Column<TargetItem>[] = [
  { prop: 'projectCode', label: 'targets.projectCode', sortable: true, width: 160 },
  { prop: 'projectName', label: 'targets.projectName', minWidth: 180, ellipsis: true },
  { prop: 'organizationName', label: 'targets.organization', minWidth: 140, ellipsis: true, priority: 2 },
  { prop: 'year', label: 'targets.year', sortable: true, width: 80 },
  { prop: 'budgetAmount', label: 'targets.budgetAmount', minWidth: 140, formatter: 'amount' },
  { key: 'status', sortField: 'status', label: 'targets.status', sortable: true, minWidth: 150 },
  { prop: 'revision', label: 'targets.revision', width: 80, priority: 3 },
  { prop: 'updatedAt', label: 'common.updatedAt', sortable: true, width: 150, formatter: 'datetime', priority: 4 },
];

export type ChangeRequestFilters = { status: TargetChangeRequestStatus | '' };

export const CHANGE_REQUEST_FILTERS: FilterField<ChangeRequestFilters>[] = [
  {
    field: 'status',
    label: 'targets.status',
    kind: 'select',
    options: labelled(TARGET_CHANGE_REQUEST_STATUS_LABELS),
    width: 160,
    immediate: true,
  },
];

export const CHANGE_REQUEST_COLUMNS: Column<ChangeRequest>[] = [
  { type: 'expand', label: '' },
  { prop: 'projectName', label: 'targets.projectName', minWidth: 200, ellipsis: true },
  { prop: 'reason', label: 'targets.changeReason', minWidth: 220, ellipsis: true },
  { prop: 'status', label: 'targets.status', width: 100, formatter: 'label', labels: TARGET_CHANGE_REQUEST_STATUS_LABELS },
  { prop: 'createdAt', label: 'common.createdAt', sortable: true, width: 150, formatter: 'datetime' },
];
