import {
  KEY_BASIS_LABELS,
  KEY_PROJECT_LIST_STATUSES,
  KEY_PROJECT_LIST_STATUS_LABELS,
  type KeyBasis,
  type KeyProjectListStatus,
} from '@jixiao/contracts';
import type { KeyProjectList } from '@/api/key-project-lists';
import type { Column, FilterField } from '@/components/paged-table';
import { pickLabel } from '@/locales';
import { formatAmount } from '@/utils/amount';

export const STATUS_OPTIONS = KEY_PROJECT_LIST_STATUSES;

export const STATUS_TAG: Record<KeyProjectListStatus, 'info' | 'primary' | 'success' | 'danger'> = {
  draft: 'info',
  submitted: 'primary',
  filed: 'success',
  returned: 'danger',
  amending: 'primary',
};

export function defaultFilters() {
  return { year: undefined as number | undefined, status: '' as KeyProjectListStatus | '', organizationId: '' };
}

export const DEFAULT_SORT = '-year,organization';

export const statusLabel = (status: string) => pickLabel(KEY_PROJECT_LIST_STATUS_LABELS[status as KeyProjectListStatus]);
export const basisLabel = (basis: string) => pickLabel(KEY_BASIS_LABELS[basis as KeyBasis]);

/** Yuan with separators and two decimals, exact, without the unit (the label names it): `formatAmount`. */
export const yuan = (amount: string) => formatAmount(amount, { withUnit: false });
/** 万元 with two decimals, exact, without the unit: `formatAmount`. */
export const wan = (amount: string) => formatAmount(amount, { unit: 'wan', withUnit: false });

/** The history's action code → the i18n key of its verb. */
export function historyKey(action: string): string {
  const verb = action.replace(/^key_project_list\./, '');
  return ['open', 'submit', 'file', 'return', 'amend'].includes(verb) ? `keyProjectLists.history_${verb}` : action;
}

/** Planner tag for one project: overdue beats due this year beats covered. */
export function coverageState(p: { overdue: boolean; dueThisYear: boolean; covered: boolean }): 'overdue' | 'due' | 'covered' | 'planned' {
  if (p.overdue) return 'overdue';
  if (p.dueThisYear) return 'due';
  if (p.covered) return 'covered';
  return 'planned';
}

export const COVERAGE_TAG = { overdue: 'danger', due: 'warning', covered: 'success', planned: 'info' } as const;

/** The filter form of the district's key project lists. */
export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'year', label: 'keyProjectLists.year', kind: 'year', width: 130 },
  {
    field: 'status',
    label: 'keyProjectLists.status',
    kind: 'select',
    options: STATUS_OPTIONS,
    width: 140,
    testid: 'key-lists-status-filter',
  },
  { field: 'organizationId', label: 'keyProjectLists.organization', kind: 'org' },
];

export const COLUMNS: Column<KeyProjectList>[] = [
  { prop: 'year', label: 'keyProjectLists.year', sortable: true, width: 90 },
  { prop: 'organizationName', sortField: 'organization', label: 'keyProjectLists.organization', sortable: true, minWidth: 180 },
  { key: 'status', sortField: 'status', label: 'keyProjectLists.status', sortable: true, width: 110 },
  { prop: 'submittedAt', label: 'keyProjectLists.submittedAt', sortable: true, width: 150, formatter: 'datetime' },
  { prop: 'reviewComment', label: 'keyProjectLists.reviewComment', minWidth: 200, ellipsis: true, priority: 2 },
];

/** The department's own list: one filter, the year. */
export const FILTERS_MINE: FilterField<{ year: number | undefined }>[] = [
  { field: 'year', label: 'keyProjectLists.year', kind: 'year', width: 130 },
];
