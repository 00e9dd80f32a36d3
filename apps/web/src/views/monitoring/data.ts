import {
  COMPARISON_LABELS,
  FUND_SOURCE_LABELS,
  TARGET_STATUS_LABELS,
  labelled,
  type Comparison,
  type FundSource,
  type Label,
  type TargetStatus,
} from '@jixiao/contracts';
import {
  TRACKING_STATE_LABELS,
  WARNING_LABELS,
  WARNING_RESPONSE_LABELS,
  type TrackingState,
  type WarningCode,
  type WarningResponse,
} from '@jixiao/domain';
import { currentLocale, pickLabel, t } from '@/locales';
import { indicatorValueText } from '@/utils/amount';
import { unitLabel } from '@/utils/labels';
import type { CoverageRow, Suggestion, TrackingItem, TrackingWarning } from '@/api/trackings';
import type { Column, FilterField } from '@/components/paged-table';

/** A percentage as every monitoring page shows it: the API's two-place figure with '%'. */
export function pct(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : `${value}%`;
}

/** The rule's message (message / messageEn) in the UI language. */
export function ruleText(m: { message: string; messageEn: string }): string {
  return currentLocale() === 'en-US' ? m.messageEn : m.message;
}

export const WILL_REACH_LABELS: Record<'yes' | 'likely' | 'no', Label> = {
  yes: { zh: '能完成', en: 'Yes' },
  likely: { zh: '可能完成', en: 'Likely' },
  no: { zh: '不能完成', en: 'No' },
};
export const WILL_REACH_OPTIONS = labelled(WILL_REACH_LABELS);

export const BASIS_LABELS: Record<string, Label> = {
  ratio: { zh: '完成值 ÷ 全年目标值', en: 'value so far ÷ year value' },
  inverse_ratio: { zh: '全年目标值 ÷ 完成值（越小越好）', en: 'year value ÷ value so far (lower is better)' },
  band: { zh: '定性档次', en: 'qualitative band' },
  not_read: { zh: '未填报', en: 'not read' },
  not_numeric: { zh: '目标值非数值，未计入', en: 'year value not a number, not counted' },
};

export const warningLabel = (code: string) => pickLabel(WARNING_LABELS[code as WarningCode]) || code;
export const responseLabel = (r: string | null | undefined) => (r ? pickLabel(WARNING_RESPONSE_LABELS[r as WarningResponse]) : '');
export const stateLabel = (s: string) => pickLabel(TRACKING_STATE_LABELS[s as TrackingState]);
export const willReachLabel = (w: string | null | undefined) =>
  w ? pickLabel(WILL_REACH_LABELS[w as keyof typeof WILL_REACH_LABELS]) : '—';
export const basisLabel = (b: string) => pickLabel(BASIS_LABELS[b]) || b;
export const fundSourceLabel = (s: string) => pickLabel(FUND_SOURCE_LABELS[s as FundSource]) || s;
export const targetStatusLabel = (s: string | null | undefined) =>
  s ? pickLabel(TARGET_STATUS_LABELS[s as TargetStatus]) : t('monitoring.noTarget');

/** An indicator's year value as the target states it: '≥ 100%', or the wording of a qualitative one. */
export function yearValueText(i: { comparison: string; yearValue: string | null; unit: string | null }): string {
  if (i.yearValue === null || i.yearValue === '') return '—';
  if (i.comparison === 'qualitative') return i.yearValue;
  const unit = i.unit ? ` ${unitLabel(i.unit)}` : '';
  return `${pickLabel(COMPARISON_LABELS[i.comparison as Comparison]) || i.comparison} ${indicatorValueText(i.yearValue, i.unit)}${unit}`;
}

/** The working of one indicator's degree, labelled: which figures were divided, or the band. */
export function degreeWorking(
  basis: string,
  r: { valueSoFar: string | null; yearValue: string | null; bandLabel?: string },
  degree: string | null,
): string {
  const label = basisLabel(basis);
  if (degree === null) return label;
  const sep = t('monitoring.sep');
  const capped = Number(degree) >= 100 ? ` ${t('monitoring.capped')}` : '';
  // Number() only picks which working to show; the degree itself is the domain's exact figure.
  const so = Number(r.valueSoFar);
  const year = Number(r.yearValue);
  if (basis === 'ratio') {
    return year === 0
      ? `${label}${sep}${r.yearValue} = 0 → ${pct(degree)}`
      : `${label}${sep}${r.valueSoFar} ÷ ${r.yearValue} = ${pct(degree)}${capped}`;
  }
  if (basis === 'inverse_ratio') {
    return so <= year
      ? `${label}${sep}${r.valueSoFar} ≤ ${r.yearValue} → ${pct(degree)}`
      : `${label}${sep}${r.yearValue} ÷ ${r.valueSoFar} = ${pct(degree)}`;
  }
  if (basis === 'band') return `${label}${sep}${r.bandLabel ?? ''} = ${pct(degree)}`;
  return label;
}

export const STATE_TAG: Record<TrackingState, 'success' | 'primary' | 'danger' | 'info'> = {
  tracked: 'success',
  due: 'primary',
  overdue: 'danger',
  not_trackable: 'info',
};

/** Open = not answered yet; late or overdue ones say so. */
export function warningState(
  w: Pick<TrackingWarning, 'answer' | 'answeredLate' | 'answerDue'>,
  today: string,
): 'open' | 'overdue' | 'answered' | 'answered_late' {
  if (w.answer) return w.answeredLate ? 'answered_late' : 'answered';
  return today > w.answerDue ? 'overdue' : 'open';
}

export const WARNING_STATE_TAG = { open: 'warning', overdue: 'danger', answered: 'success', answered_late: 'warning' } as const;

/** Today in Asia/Shanghai (the API's calendar), 'YYYY-MM-DD'. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

// ── The trackings list ───────────────────────────────────────────────────────────────────────

export function defaultFilters() {
  return {
    q: '',
    year: undefined as number | undefined,
    organizationId: '',
    projectId: '',
    openWarnings: '' as '' | 'true' | 'false',
    reviewStatus: '' as '' | 'pending' | 'reviewed',
  };
}
export const DEFAULT_SORT = '-asOf';

export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'year', label: 'monitoring.year', kind: 'year' },
  { field: 'organizationId', label: 'monitoring.organization', kind: 'org' },
  { field: 'q', kind: 'input', placeholder: 'monitoring.searchPlaceholder', width: 200 },
  { field: 'openWarnings', label: 'monitoring.warnings', kind: 'select', options: () => OPEN_WARNING_OPTIONS, width: 150, immediate: true },
  {
    field: 'reviewStatus',
    label: 'monitoring.reviewStatus',
    kind: 'select',
    options: () => REVIEW_STATUS_OPTIONS,
    width: 120,
    immediate: true,
  },
];

export const COLUMNS: Column<TrackingItem>[] = [
  { prop: 'projectCode', label: 'monitoring.projectCode', width: 150 },
  { prop: 'projectName', label: 'monitoring.projectName', minWidth: 180, ellipsis: true },
  { prop: 'organizationName', label: 'monitoring.organization', minWidth: 140, ellipsis: true, priority: 2 },
  { prop: 'asOf', label: 'monitoring.asOf', width: 110, sortable: true },
  { prop: 'executedAmount', label: 'monitoring.executedAmountYuan', minWidth: 140, formatter: 'amount', priority: 3 },
  { prop: 'executionRate', label: 'monitoring.executionRate', width: 100, align: 'right', formatter: (r) => pct(r.executionRate) },
  { prop: 'achievementRate', label: 'monitoring.achievementRate', width: 110, align: 'right', formatter: (r) => pct(r.achievementRate) },
  { key: 'warnings', label: 'monitoring.warnings', minWidth: 150 },
  { key: 'reviewStatus', label: 'monitoring.reviewStatus', width: 100 },
];

export const REVIEW_STATUS_LABELS: Record<'pending' | 'reviewed', Label> = {
  pending: { zh: '待审核', en: 'To review' },
  reviewed: { zh: '已审核', en: 'Reviewed' },
};
const REVIEW_STATUS_OPTIONS = labelled(REVIEW_STATUS_LABELS);
/** The list's openWarnings filter: some warning unanswered, or every warning answered (or none). */
const OPEN_WARNING_OPTIONS = labelled({
  true: { zh: '有未答复预警', en: 'Some unanswered' },
  false: { zh: '均已答复或无预警', en: 'All answered or none' },
} as Record<'true' | 'false', Label>);

// ── Coverage (R9) ────────────────────────────────────────────────────────────────────────────

export function defaultCoverageFilters() {
  return { year: undefined as number | undefined, organizationId: '', state: '' as TrackingState | '', q: '' };
}

export const COVERAGE_FILTERS: FilterField<ReturnType<typeof defaultCoverageFilters>>[] = [
  { field: 'year', label: 'monitoring.year', kind: 'year' },
  { field: 'organizationId', label: 'monitoring.organization', kind: 'org' },
  { field: 'state', label: 'monitoring.state', kind: 'select', options: labelled(TRACKING_STATE_LABELS), width: 150, immediate: true },
  { field: 'q', kind: 'input', placeholder: 'monitoring.searchPlaceholder', width: 200 },
];

export const COVERAGE_COLUMNS: Column<CoverageRow>[] = [
  { prop: 'projectCode', label: 'monitoring.projectCode', width: 150 },
  { prop: 'projectName', label: 'monitoring.projectName', minWidth: 180, ellipsis: true },
  { prop: 'organizationName', label: 'monitoring.organization', minWidth: 140, ellipsis: true, priority: 2 },
  { prop: 'budgetAmount', label: 'monitoring.budgetAmountYuan', minWidth: 130, formatter: 'amount', priority: 3 },
  { key: 'state', label: 'monitoring.state', minWidth: 170 },
  { prop: 'due', label: 'monitoring.due', width: 110 },
  { prop: 'lastAsOf', label: 'monitoring.lastAsOf', width: 110, priority: 4 },
  { prop: 'lastExecutionRate', label: 'monitoring.executionRate', width: 100, align: 'right', formatter: (r) => pct(r.lastExecutionRate) },
  { prop: 'openWarnings', label: 'monitoring.openWarnings', width: 90, align: 'right', priority: 5 },
];

// ── Adjustment suggestions ───────────────────────────────────────────────────────────────────

export const SUGGESTION_STATUS_LABELS: Record<'open' | 'applied' | 'dismissed', Label> = {
  open: { zh: '待应用', en: 'Open' },
  applied: { zh: '已应用', en: 'Applied' },
  dismissed: { zh: '已驳回', en: 'Dismissed' },
};

export function defaultSuggestionFilters() {
  return { year: undefined as number | undefined, status: '' as '' | 'open' | 'applied' | 'dismissed' };
}

export const SUGGESTION_FILTERS: FilterField<ReturnType<typeof defaultSuggestionFilters>>[] = [
  { field: 'year', label: 'monitoring.year', kind: 'year' },
  {
    field: 'status',
    label: 'monitoring.suggestionStatus',
    kind: 'select',
    options: labelled(SUGGESTION_STATUS_LABELS),
    width: 130,
    immediate: true,
  },
];

export const SUGGESTION_COLUMNS: Column<Suggestion>[] = [
  { prop: 'projectCode', label: 'monitoring.projectCode', width: 150 },
  { prop: 'projectName', label: 'monitoring.projectName', minWidth: 180, ellipsis: true },
  { prop: 'organizationName', label: 'monitoring.organization', minWidth: 140, ellipsis: true, priority: 2 },
  { prop: 'kind', label: 'monitoring.suggestionKind', width: 90, formatter: 'label', labels: WARNING_RESPONSE_LABELS },
  { prop: 'amount', label: 'monitoring.suggestionAmountYuan', minWidth: 130, formatter: 'amount' },
  { prop: 'reason', label: 'monitoring.reason', minWidth: 180, ellipsis: true, priority: 3 },
  { prop: 'status', label: 'monitoring.suggestionStatus', width: 90, formatter: 'label', labels: SUGGESTION_STATUS_LABELS },
  { prop: 'createdAt', label: 'common.createdAt', width: 150, formatter: 'datetime', sortable: true, priority: 4 },
];
