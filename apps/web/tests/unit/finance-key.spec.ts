import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { Permission, dataScopeOf, permissionsOf, type Role } from '@jixiao/contracts';
import messages from '@/locales/modules/evaluations';
import { mayOpen } from '@/router/access';
import { routes } from '@/router/routes';
import { satisfies } from '@/stores/auth';
import {
  countState,
  isChosen,
  placeFieldErrors,
  rowAction,
  selectionBody,
  selectionCount,
  withOverride,
  withoutOverride,
  type PendingOverride,
} from '@/views/evaluations/finance-key/data';

const override = (projectId: string, action: 'add' | 'remove', rank: number, reason = '理由'): PendingOverride => ({
  projectId,
  action,
  reason,
  projectCode: `C-${projectId}`,
  projectName: `项目 ${projectId}`,
  organizationName: '区卫生健康委员会',
  rank,
});

describe('finance key selection: what the page would send (R14)', () => {
  it('counts the first N by rank, less the removed, plus the added', () => {
    expect(selectionCount(10, 16, [])).toBe(10);
    expect(selectionCount(10, 16, [override('a', 'remove', 3)])).toBe(9);
    expect(selectionCount(10, 16, [override('a', 'remove', 3), override('b', 'add', 12)])).toBe(10);
    expect(selectionCount(10, 16, [override('b', 'add', 12), override('c', 'add', 14)])).toBe(12);
    // Fewer candidates than the profile's number: only those are pre-selected.
    expect(selectionCount(10, 7, [])).toBe(7);
    expect(selectionCount(10, 0, [])).toBe(0);
  });

  it('says whether the count matches the number required, and by how much it does not', () => {
    expect(countState(10, 10)).toEqual({ state: 'ok', difference: 0 });
    expect(countState(9, 10)).toEqual({ state: 'short', difference: 1 });
    expect(countState(12, 10)).toEqual({ state: 'over', difference: 2 });
  });

  it('offers remove within the count, add outside it, undo where an override is made; chosen follows', () => {
    const within = { projectId: 'a', withinCount: true };
    const outside = { projectId: 'b', withinCount: false };
    expect(rowAction(within, [])).toBe('remove');
    expect(rowAction(outside, [])).toBe('add');
    expect(isChosen(within, [])).toBe(true);
    expect(isChosen(outside, [])).toBe(false);
    const made = [override('a', 'remove', 1), override('b', 'add', 11)];
    expect(rowAction(within, made)).toBe('undo');
    expect(rowAction(outside, made)).toBe('undo');
    expect(isChosen(within, made)).toBe(false);
    expect(isChosen(outside, made)).toBe(true);
  });

  it('keeps one override per candidate in rank order, trimmed, and undoes it', () => {
    let list = withOverride([], override('b', 'add', 12, '  群众来信集中 '));
    list = withOverride(list, override('a', 'remove', 2));
    list = withOverride(list, override('b', 'add', 12, '再次说明'));
    expect(list.map((o) => [o.projectId, o.reason])).toEqual([
      ['a', '理由'],
      ['b', '再次说明'],
    ]);
    expect(withOverride([], override('b', 'add', 12, '  群众来信集中 '))[0].reason).toBe('群众来信集中');
    expect(withoutOverride(list, 'a').map((o) => o.projectId)).toEqual(['b']);
    expect(selectionBody(2021, list)).toEqual({
      year: 2021,
      overrides: [
        { projectId: 'a', action: 'remove', reason: '理由' },
        { projectId: 'b', action: 'add', reason: '再次说明' },
      ],
    });
  });

  it('places the API’s field errors by the override they name, the rest as general lines', () => {
    const sent = [override('a', 'remove', 2), override('b', 'add', 12)];
    const placed = placeFieldErrors(
      {
        'overrides.1.reason': '调整排序结果须说明理由',
        'overrides.1.projectId': 'C-b 已在前 10 名中',
        'overrides.7.projectId': '该对象不在候选名单中',
        selected: '须选定 10 个财政重点评价，现为 11 个',
      },
      sent,
    );
    expect(placed.byProject).toEqual({ b: '调整排序结果须说明理由; C-b 已在前 10 名中' });
    expect(placed.general).toEqual(['该对象不在候选名单中', '须选定 10 个财政重点评价，现为 11 个']);
  });
});

describe('finance key selection page: who opens it', () => {
  const router = createRouter({ history: createMemoryHistory(), routes });
  const meta = router.getRoutes().find((r) => r.name === 'evaluation-finance-key')?.meta;
  const KIND: Partial<Record<Role, string>> = { finance: 'finance_bureau', department: 'department', unit: 'unit', auditor: 'auditor' };
  const opens = (role: Role) => {
    const granted = new Set<string>(permissionsOf([role]));
    const who = { roles: [role], dataScope: dataScopeOf([role]), organizationKind: KIND[role] ?? role };
    return mayOpen(meta!, { can: (required) => satisfies(granted, required), who });
  };

  it('is the bureau’s: evaluation:review held district-wide', () => {
    expect(meta?.permission).toBe(Permission.EvaluationReview);
    expect(opens('finance')).toBe(true);
    // Departments review their units' self-evaluations, but the selection is not theirs.
    expect(opens('department')).toBe(false);
    expect(opens('unit')).toBe(false);
    expect(opens('auditor')).toBe(false);
  });

  it('has every text in Chinese and English', () => {
    const zh = Object.keys(messages['zh-CN'].evaluations.financeKey).sort();
    expect(Object.keys(messages['en-US'].evaluations.financeKey).sort()).toEqual(zh);
  });
});
