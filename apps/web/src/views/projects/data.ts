import {
  FUND_SOURCES,
  GATE_STATUSES,
  GATE_REASON_LABELS,
  KEY_BASIS_LABELS,
  PROJECT_KINDS,
  PUBLIC_ATTENTIONS,
  type GateStatus,
  type KeyBasis,
  type ProjectKind,
} from '@jixiao/contracts';
import { addMoney, canBeKey, compareMoney, isMoney } from '@jixiao/domain';
import type { Project } from '@/api/projects';
import type { Column, FilterField } from '@/components/paged-table';
import { formatAmount } from '@/utils/amount';

/** R1: which kinds can be on the key list at all (the rule the API applies; overall expenditure never). */
export { canBeKey };
import { pickLabel } from '@/locales';

/** Filters of the project list (the API's year, organizationId, kind, q, keyOnly, gateStatus). */
export function defaultFilters() {
  return {
    year: null as number | null,
    organizationId: '',
    kind: '' as ProjectKind | '',
    q: '',
    keyOnly: false as boolean,
    gateStatus: '' as GateStatus | '',
  };
}

export const DEFAULT_SORT = 'code';
export const KIND_OPTIONS = PROJECT_KINDS;
export const FUND_SOURCE_OPTIONS = FUND_SOURCES;
export const ATTENTION_OPTIONS = PUBLIC_ATTENTIONS;

/** An amount in yuan without the unit (the label names it): the one formatter, `formatAmount`. */
export const yuan = (amount: string) => formatAmount(amount, { withUnit: false });
export const kindLabel = (kind: string) => pickLabel(PROJECT_KINDS.find((k) => k.value === kind));
export const fundSourceLabel = (source: string) => pickLabel(FUND_SOURCES.find((f) => f.value === source));
export const keyBasisLabel = (basis: KeyBasis | null | undefined) => (basis ? pickLabel(KEY_BASIS_LABELS[basis]) : '');
export const reasonLabel = (code: keyof typeof GATE_REASON_LABELS) => pickLabel(GATE_REASON_LABELS[code]);

export const GATE_TAG: Record<GateStatus, 'success' | 'danger'> = { ready: 'success', blocked: 'danger' };

/** A money input is a decimal string with at most two decimals (never a float). */
export function moneyOk(value: string): boolean {
  return isMoney(value.trim());
}

/** The fund sources must not add up to more than the budget (checked again on the server). */
export function fundSourcesWithinBudget(budget: string, sources: { amount: string }[]): boolean {
  if (!moneyOk(budget) || sources.some((s) => !moneyOk(s.amount))) return true;
  const sum = sources.reduce((acc, s) => addMoney(acc, s.amount.trim()), '0');
  return compareMoney(sum, budget.trim()) <= 0;
}

/** The filter form of the project library. */
export const FILTERS: FilterField<ReturnType<typeof defaultFilters>>[] = [
  { field: 'year', label: 'projects.year', kind: 'year' },
  { field: 'organizationId', label: 'projects.organization', kind: 'org' },
  { field: 'kind', label: 'projects.kind', kind: 'select', options: PROJECT_KINDS, width: 150 },
  { field: 'gateStatus', label: 'projects.gate', kind: 'select', options: GATE_STATUSES, width: 130 },
  { field: 'q', kind: 'input', placeholder: 'projects.searchPlaceholder', width: 180 },
  { field: 'keyOnly', label: 'projects.keyOnly', kind: 'switch' },
];

/**
 * The project library's columns. At 1366 px with the sidebar open the budget-arrangement status
 * (预算安排状态) stays beside the actions; the kind, then the organization give way first.
 */
export const COLUMNS: Column<Project>[] = [
  { prop: 'code', label: 'projects.code', sortable: true, width: 150 },
  { prop: 'name', label: 'projects.name', sortable: true, minWidth: 150, ellipsis: true },
  { prop: 'kind', label: 'projects.kind', width: 90, formatter: 'label', labels: PROJECT_KINDS, priority: 3 },
  { prop: 'organizationName', label: 'projects.organization', minWidth: 130, ellipsis: true, priority: 2 },
  { prop: 'budgetAmount', label: 'projects.budgetAmount', sortable: true, minWidth: 140, formatter: 'amount' },
  { key: 'keyBasis', label: 'projects.keyBasis', width: 80 },
  { key: 'gate', label: 'projects.gate', minWidth: 170 },
];
