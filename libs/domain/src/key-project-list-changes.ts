/** R3: what changed in the key projects since a list was filed (the filed snapshot against the library now). */
import type { KeyBasis } from '@jixiao/contracts';
import { compareMoney } from './money';

export interface KeyListEntry {
  projectId: string;
  basis: KeyBasis;
  budgetAmount: string;
}

export interface KeyListChange<E extends KeyListEntry> {
  /** The entry as filed. */
  filed: E;
  /** The entry now. */
  now: E;
  amountChanged: boolean;
  basisChanged: boolean;
}

export interface KeyListChanges<E extends KeyListEntry> {
  /** Key now but not in the filed snapshot (e.g. became key after filing). */
  added: E[];
  /** In the filed snapshot but no longer key (or gone from the library). */
  removed: E[];
  /** In both, with another budget amount or basis. */
  changed: KeyListChange<E>[];
  /** True when any of the above is non-empty. */
  any: boolean;
}

/**
 * Compares the filed snapshot with the key projects now. Amounts are compared as money (exact),
 * so '6000000' and '6000000.00' are the same amount. Order follows the inputs.
 */
export function keyListChanges<E extends KeyListEntry>(filed: readonly E[], now: readonly E[]): KeyListChanges<E> {
  const filedById = new Map(filed.map((e) => [e.projectId, e]));
  const nowById = new Map(now.map((e) => [e.projectId, e]));
  const added = now.filter((e) => !filedById.has(e.projectId));
  const removed = filed.filter((e) => !nowById.has(e.projectId));
  const changed: KeyListChange<E>[] = [];
  for (const f of filed) {
    const n = nowById.get(f.projectId);
    if (!n) continue;
    const amountChanged = compareMoney(f.budgetAmount, n.budgetAmount) !== 0;
    const basisChanged = f.basis !== n.basis;
    if (amountChanged || basisChanged) changed.push({ filed: f, now: n, amountChanged, basisChanged });
  }
  return { added, removed, changed, any: added.length + removed.length + changed.length > 0 };
}
