import {
  COMPARISON_LABELS,
  EVALUATION_KIND_LABELS,
  INDICATOR_LEVEL1_LABELS,
  INDICATOR_LEVEL2_LABELS,
  Permission,
  labelled,
  type Comparison,
  type Label,
} from '@jixiao/contracts';
import { GRADE_LABELS, type Grade } from '@jixiao/domain';
import { currentLocale, pickLabel, t } from '@/locales';
import { indicatorValueText } from '@/utils/amount';
import { unitLabel } from '@/utils/labels';
import type { EvaluationItem } from '@/api/evaluations';
import type { Column, FilterField } from '@/components/paged-table';

/** Where an evaluation stands (the API's `status`). */
export type EvaluationStatus = EvaluationItem['status'];

export const STATUS_LABELS: Record<EvaluationStatus, Label> = {
  draft: { zh: '填报中', en: 'Draft' },
  returned: { zh: '已退回', en: 'Returned' },
  submitted: { zh: '待部门审核', en: 'Awaiting department' },
  completed: { zh: '已完成', en: 'Completed' },
};

/** The list's status filter: the statuses, and "not submitted" (draft or returned) as the coverage counts it. */
export const STATUS_FILTER_LABELS: Record<EvaluationStatus | 'in_progress', Label> = {
  in_progress: { zh: '未提交（填报中或已退回）', en: 'Not submitted (draft or returned)' },
  ...STATUS_LABELS,
};

/** The list's commission filter (R13). */
export const COMMISSION_FILTER_LABELS: Record<'commissioned' | 'to_grade', Label> = {
  commissioned: { zh: '已委托第三方', en: 'Commissioned to an agency' },
  to_grade: { zh: '待评定受托机构工作质量', en: 'Awaiting a grade of the agency’s work' },
};

export const STATUS_TAG: Record<EvaluationStatus, 'info' | 'warning' | 'primary' | 'success' | 'danger'> = {
  draft: 'info',
  returned: 'danger',
  submitted: 'warning',
  completed: 'success',
};

export const GRADE_TAG: Record<Grade, 'success' | 'primary' | 'warning' | 'danger'> = {
  excellent: 'success',
  good: 'primary',
  fair: 'warning',
  poor: 'danger',
};

export const PROJECT_KIND_LABELS: Record<string, Label> = {
  project: { zh: '项目', en: 'Project' },
  policy: { zh: '政策', en: 'Policy' },
  department_overall: { zh: '部门整体支出', en: 'Department overall expenditure' },
};

export const statusLabel = (s: string) => pickLabel(STATUS_LABELS[s as EvaluationStatus]) || s;
export const kindLabel = (k: string) => pickLabel(EVALUATION_KIND_LABELS[k as keyof typeof EVALUATION_KIND_LABELS]) || k;
export const gradeLabel = (g: string | null | undefined) => (g ? pickLabel(GRADE_LABELS[g as Grade]) || g : '—');
export const projectKindLabel = (k: string) => pickLabel(PROJECT_KIND_LABELS[k]) || k;
export const level1Label = (l: string) => pickLabel(INDICATOR_LEVEL1_LABELS[l as keyof typeof INDICATOR_LEVEL1_LABELS]) || l;
export const level2Label = (l: string | null | undefined) =>
  l ? pickLabel(INDICATOR_LEVEL2_LABELS[l as keyof typeof INDICATOR_LEVEL2_LABELS]) || l : '';

/** The label of a profile item ({ zh, en }) in the UI language. */
export const profileLabel = (item: { zh: string; en: string } | null | undefined) => (item ? pickLabel(item) : '');

/** A two-place figure as a score ('95.80'), '—' when there is none. */
export const scoreText = (score: string | null | undefined) => (score === null || score === undefined || score === '' ? '—' : score);
export const pct = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? '—' : `${value}%`);

/** An indicator's target as the approved target states it: '≥ 42000 人', or a qualitative one's wording. */
export function targetText(i: { comparison: string; target: string | null; unit: string | null }): string {
  if (i.target === null || i.target === '') return '—';
  if (i.comparison === 'qualitative') return i.target;
  const unit = i.unit ? ` ${unitLabel(i.unit)}` : '';
  return `${pickLabel(COMPARISON_LABELS[i.comparison as Comparison]) || i.comparison} ${indicatorValueText(i.target, i.unit)}${unit}`;
}

/**
 * A breakdown line's message (the rule's own sentence from libs/domain) in the UI language. The
 * English sentence quotes the indicator's figures with the unit as stored (Chinese, e.g. '43150人');
 * here they read with the unit's English label ('43150 persons').
 */
export function lineText(
  line: { message: string; messageEn: string },
  indicator?: { target: string | null; actual?: string | null; unit: string | null } | null,
): string {
  if (currentLocale() !== 'en-US') return line.message;
  let text = line.messageEn;
  const unit = indicator?.unit;
  if (indicator && unit) {
    const english = unitLabel(unit, 'en-US');
    if (english !== unit) {
      for (const value of [indicator.actual, indicator.target]) {
        if (value) text = text.split(`${value}${unit}`).join(`${value} ${english}`);
      }
    }
  }
  return text;
}

/** An issue (field error from the rules or the API) in the UI language. */
export const issueText = (issue: { message: string; messageEn?: string | null }) =>
  currentLocale() === 'en-US' ? issue.messageEn || issue.message : issue.message;

// ── The list ────────────────────────────────────────────────────────────────────────────────

export function defaultFilters() {
  return {
    q: '',
    /** The evaluated budget year; the page sets the working year − 1 when no link says otherwise. */
    year: undefined as number | undefined,
    kind: '' as '' | EvaluationItem['kind'],
    status: '' as '' | EvaluationStatus | 'in_progress',
    organizationId: '',
    /** R13: commissioned to an agency, or completed by it and awaiting the caller's grade (a workbench link). */
    commission: '' as '' | 'commissioned' | 'to_grade',
  };
}
export const DEFAULT_SORT = '-createdAt';

export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'year', label: 'evaluations.evaluatedYear', kind: 'year', width: 110, testid: 'evaluations-year' },
  { field: 'kind', label: 'evaluations.kind', kind: 'select', options: labelled(EVALUATION_KIND_LABELS), width: 150, immediate: true },
  { field: 'status', label: 'evaluations.status', kind: 'select', options: labelled(STATUS_FILTER_LABELS), width: 170, immediate: true },
  { field: 'organizationId', label: 'evaluations.organization', kind: 'org', width: 200 },
  {
    field: 'commission',
    label: 'commissions.filter',
    kind: 'select',
    options: labelled(COMMISSION_FILTER_LABELS),
    width: 190,
    immediate: true,
    testid: 'evaluations-commission',
  },
  { field: 'q', kind: 'input', placeholder: 'evaluations.searchPlaceholder', width: 180 },
];

export const COLUMNS: Column<EvaluationItem>[] = [
  { prop: 'projectCode', label: 'evaluations.projectCode', width: 185, sortable: true },
  { prop: 'projectName', label: 'evaluations.projectName', minWidth: 170, ellipsis: true },
  { prop: 'organizationName', label: 'evaluations.organization', minWidth: 130, ellipsis: true, priority: 2 },
  { prop: 'kind', label: 'evaluations.kind', width: 110, formatter: 'label', labels: EVALUATION_KIND_LABELS, priority: 3 },
  { key: 'status', label: 'evaluations.status', width: 110 },
  { prop: 'score', label: 'evaluations.score', width: 80, align: 'right', sortable: true, formatter: (r) => scoreText(r.score) },
  { key: 'grade', label: 'evaluations.grade', width: 80 },
  { key: 'due', label: 'evaluations.due', width: 110, priority: 4 },
  {
    prop: 'agencyName',
    label: 'commissions.agencyColumn',
    minWidth: 150,
    ellipsis: true,
    priority: 5,
    formatter: (r) => r.agencyName ?? '—',
  },
];

/** A list row's due date, and whether it has passed while the evaluation is not yet submitted. */
export function dueState(row: Pick<EvaluationItem, 'due' | 'status'>, today: string): 'none' | 'open' | 'overdue' | 'done' {
  if (!row.due) return 'none';
  if (row.status === 'submitted' || row.status === 'completed') return 'done';
  return today > row.due.due ? 'overdue' : 'open';
}

/** "2021 年度" / "budget year 2021". */
export const yearText = (year: number) => t('evaluations.yearOf', { year });

/**
 * The kinds of evaluation this user may start (N3): a self-evaluation by the owners (departments,
 * units, towns) of their own projects; a department evaluation of key-list projects by a department
 * or town (R12); a finance key evaluation by the bureau (R14).
 */
export function startKindsFor(
  me: { organizationKind: string; dataScope: string; permissions: readonly string[] } | null | undefined,
): EvaluationItem['kind'][] {
  if (!me || !me.permissions.includes(Permission.EvaluationWrite)) return [];
  const kinds: EvaluationItem['kind'][] = [];
  if (['department', 'unit', 'town'].includes(me.organizationKind)) kinds.push('self');
  if (['department', 'town'].includes(me.organizationKind)) kinds.push('department');
  if (me.dataScope === 'all' && me.permissions.includes(Permission.EvaluationReview)) kinds.push('finance_key');
  return kinds;
}
