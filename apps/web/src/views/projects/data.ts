import {
  FUND_SOURCES,
  GATE_REASON_LABELS,
  KEY_BASIS_LABELS,
  PROJECT_KINDS,
  PUBLIC_ATTENTIONS,
  type GateStatus,
  type KeyBasis,
  type ProjectKind,
} from '@jixiao/contracts';
import { addMoney, canBeKey, compareMoney, formatMoneyDisplay, isMoney } from '@jixiao/domain';

/** R1: which kinds can be on the key list at all (the rule the API applies; overall expenditure never). */
export { canBeKey };
import { currentLocale, pickLabel } from '@/locales';

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

export const yuan = (amount: string) => formatMoneyDisplay(amount, currentLocale());
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
