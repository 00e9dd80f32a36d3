import { keyListChanges } from './key-project-list-changes';

const e = (projectId: string, budgetAmount: string, basis: 'AMOUNT' | 'CORE_FUNCTION' | 'DISTRICT_PRIORITY' = 'AMOUNT') => ({
  projectId,
  budgetAmount,
  basis,
});

describe('R3 keyListChanges', () => {
  it('finds nothing when the snapshot is still right (amounts compared as money)', () => {
    const r = keyListChanges([e('a', '6000000.00'), e('b', '7000000.00')], [e('b', '7000000'), e('a', '6000000.00')]);
    expect(r).toEqual({ added: [], removed: [], changed: [], any: false });
  });

  it('lists projects that became key after filing as added', () => {
    const r = keyListChanges([e('a', '6000000.00')], [e('a', '6000000.00'), e('101', '8000000.00'), e('203', '100.00', 'CORE_FUNCTION')]);
    expect(r.added.map((x) => x.projectId)).toEqual(['101', '203']);
    expect(r.removed).toEqual([]);
    expect(r.any).toBe(true);
  });

  it('lists projects no longer key as removed, and changed amounts or bases as changed', () => {
    const r = keyListChanges(
      [e('a', '6000000.00'), e('b', '7000000.00'), e('c', '9000000.00')],
      [e('b', '7500000.00'), e('c', '9000000.00', 'DISTRICT_PRIORITY')],
    );
    expect(r.removed.map((x) => x.projectId)).toEqual(['a']);
    expect(r.changed).toEqual([
      { filed: e('b', '7000000.00'), now: e('b', '7500000.00'), amountChanged: true, basisChanged: false },
      { filed: e('c', '9000000.00'), now: e('c', '9000000.00', 'DISTRICT_PRIORITY'), amountChanged: false, basisChanged: true },
    ]);
    expect(r.any).toBe(true);
  });
});
