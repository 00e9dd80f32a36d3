import {
  KEY_BASIS_LABELS,
  KEY_PROJECT_LIST_STATUSES,
  KEY_PROJECT_LIST_STATUS_LABELS,
  type KeyBasis,
  type KeyProjectListStatus,
} from '@jixiao/contracts';
import { formatMoneyDisplay, yuanToWan } from '@jixiao/domain';
import { currentLocale, pickLabel } from '@/locales';

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

/** Yuan with separators and two decimals, exact (the amount is a decimal string). */
export const yuan = (amount: string) => formatMoneyDisplay(amount, currentLocale());
/** 万元 with two decimals, exact. */
export const wan = (amount: string) => formatMoneyDisplay(yuanToWan(amount), currentLocale());

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
