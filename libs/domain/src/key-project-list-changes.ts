/** R3: what changed in the key projects since a list was filed (the filed snapshot against the library now). */
import type { KeyBasis } from '@jixiao/contracts';
import { compareMoney } from './money';

export interface KeyListEntry {
  projectId: string;
  basis: KeyBasis;
  budgetAmount: string;
}

export interface KeyListChange<F extends KeyListEntry, N extends KeyListEntry = F> {
  /** The entry as filed. */
  filed: F;
  /** The entry now. */
  now: N;
  amountChanged: boolean;
  basisChanged: boolean;
}

export interface KeyListChanges<F extends KeyListEntry, N extends KeyListEntry = F> {
  /** Key now but not in the filed snapshot (e.g. became key after filing). */
  added: N[];
  /** In the filed snapshot but no longer key (or gone from the library). */
  removed: F[];
  /** In both, with another budget amount or basis. */
  changed: KeyListChange<F, N>[];
  /** True when any of the above is non-empty. */
  any: boolean;
}

/**
 * Compares the filed snapshot with the key projects now. Amounts are compared as money (exact),
 * so '6000000' and '6000000.00' are the same amount. Order follows the inputs.
 */
export function keyListChanges<F extends KeyListEntry, N extends KeyListEntry = F>(
  filed: readonly F[],
  now: readonly N[],
): KeyListChanges<F, N> {
  const filedById = new Map(filed.map((e) => [e.projectId, e]));
  const nowById = new Map(now.map((e) => [e.projectId, e]));
  const added = now.filter((e) => !filedById.has(e.projectId));
  const removed = filed.filter((e) => !nowById.has(e.projectId));
  const changed: KeyListChange<F, N>[] = [];
  for (const f of filed) {
    const n = nowById.get(f.projectId);
    if (!n) continue;
    const amountChanged = compareMoney(f.budgetAmount, n.budgetAmount) !== 0;
    const basisChanged = f.basis !== n.basis;
    if (amountChanged || basisChanged) changed.push({ filed: f, now: n, amountChanged, basisChanged });
  }
  return { added, removed, changed, any: added.length + removed.length + changed.length > 0 };
}
