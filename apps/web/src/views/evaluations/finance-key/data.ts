import { MAX_PAGE_SIZE, type Label } from '@jixiao/contracts';
import { pickLabel } from '@/locales';
import type { FinanceKeyCandidate, FinanceKeySelection, SelectFinanceKeyBody } from '@/api/evaluations';

/**
 * 财政重点评价选定 (R14): the page keeps the bureau's departures from the ranking while it pages
 * through the candidates, and shows what the selection would be. The server decides (the same
 * libs/domain rule); these helpers only say what the page shows before it asks.
 */

/** One departure from the ranking, with what the page shows of the candidate (kept across pages). */
export interface PendingOverride {
  projectId: string;
  action: 'add' | 'remove';
  reason: string;
  projectCode: string;
  projectName: string;
  organizationName: string;
  rank: number;
}

export type OverrideAction = PendingOverride['action'];

/** The action a row's button offers: remove one of the first N, add one outside them, or undo an override made. */
export function rowAction(
  row: Pick<FinanceKeyCandidate, 'projectId' | 'withinCount'>,
  overrides: readonly PendingOverride[],
): OverrideAction | 'undo' {
  if (overrides.some((o) => o.projectId === row.projectId)) return 'undo';
  return row.withinCount ? 'remove' : 'add';
}

/** Whether the row is in the selection the page would send: among the first N unless removed, or added. */
export function isChosen(row: Pick<FinanceKeyCandidate, 'projectId' | 'withinCount'>, overrides: readonly PendingOverride[]): boolean {
  const override = overrides.find((o) => o.projectId === row.projectId);
  if (override) return override.action === 'add';
  return row.withinCount;
}

/**
 * How many the selection would hold: the first N by rank (as many as there are candidates), less the
 * removed, plus the added.
 */
export function selectionCount(required: number, total: number, overrides: readonly PendingOverride[]): number {
  const byRanking = Math.min(Math.max(required, 0), Math.max(total, 0));
  const added = overrides.filter((o) => o.action === 'add').length;
  const removed = overrides.filter((o) => o.action === 'remove').length;
  return byRanking - removed + added;
}

/** The live count against the profile's number: `ok` when they match, else how many are missing or too many. */
export function countState(count: number, required: number): { state: 'ok' | 'short' | 'over'; difference: number } {
  if (count === required) return { state: 'ok', difference: 0 };
  return count < required ? { state: 'short', difference: required - count } : { state: 'over', difference: count - required };
}

/** Adds an override, or replaces an earlier one of the same candidate (one override per candidate, as the API wants). */
export function withOverride(overrides: readonly PendingOverride[], next: PendingOverride): PendingOverride[] {
  return [...overrides.filter((o) => o.projectId !== next.projectId), { ...next, reason: next.reason.trim() }].sort(
    (a, b) => a.rank - b.rank,
  );
}

export function withoutOverride(overrides: readonly PendingOverride[], projectId: string): PendingOverride[] {
  return overrides.filter((o) => o.projectId !== projectId);
}

/** The request body: the evaluated year and the overrides in the order shown (the field errors refer to that order). */
export function selectionBody(year: number, overrides: readonly PendingOverride[]): SelectFinanceKeyBody {
  return { year, overrides: overrides.map((o) => ({ projectId: o.projectId, action: o.action, reason: o.reason.trim() })) };
}

/**
 * The API's field errors (`overrides.<n>.reason`, `overrides.<n>.projectId`, `selected`, `year`) placed
 * where the page shows them: by the candidate of the n-th override sent, the rest as general lines.
 */
export function placeFieldErrors(
  errors: Record<string, string>,
  sent: readonly Pick<PendingOverride, 'projectId'>[],
): { byProject: Record<string, string>; general: string[] } {
  const byProject: Record<string, string> = {};
  const general: string[] = [];
  for (const [field, message] of Object.entries(errors)) {
    const match = /^overrides\.(\d+)(\.|$)/.exec(field);
    const target = match ? sent[Number(match[1])] : undefined;
    if (target) byProject[target.projectId] = byProject[target.projectId] ? `${byProject[target.projectId]}; ${message}` : message;
    else general.push(message);
  }
  return { byProject, general };
}

/** The selected projects of a recorded selection (for the table's "selected" column after the decision). */
export function recordedIds(selection: FinanceKeySelection | null | undefined): Set<string> {
  return new Set((selection?.selected ?? []).map((s) => s.projectId));
}

export const CRITERION_LABELS: Record<string, Label> = {
  last_year_execution: { zh: '上年预算执行率', en: 'Last year’s execution rate' },
  management_chain: { zh: '管理链条', en: 'Management chain' },
  livelihood: { zh: '民生重点', en: 'Livelihood priority' },
  public_attention: { zh: '百姓关注度', en: 'Public attention' },
};

export const criterionLabel = (c: string) => pickLabel(CRITERION_LABELS[c]) || c;

export const VIA_LABELS: Record<'ranking' | 'override', Label> = {
  ranking: { zh: '按排名', en: 'By ranking' },
  override: { zh: '调整加入', en: 'Added by override' },
};

export const viaLabel = (via: string) => pickLabel(VIA_LABELS[via as 'ranking' | 'override']) || via;

/** Page sizes offered: up to the list contract's cap on the server. */
export const PAGE_SIZES = [20, 50, 100, MAX_PAGE_SIZE];
