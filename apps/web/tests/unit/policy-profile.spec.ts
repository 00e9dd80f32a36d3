import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_PROFILE, copyProfile } from '@jixiao/domain';
import { problemFieldErrors } from '@/utils/problem';
import { localProblem, nextYear, toFormValues, weightSum } from '@/views/system/policy-profiles/data';
import { changedKeys, toQuery } from '@/views/audit-logs/data';
import { childKinds } from '@/views/system/organizations/data';
import { userStatus } from '@/views/system/users/data';

describe('policy profile form helpers', () => {
  it('accepts the 2022 defaults', () => {
    expect(localProblem(copyProfile(DEFAULT_POLICY_PROFILE))).toBeNull();
  });

  it('reports bad values on the field paths the form items use', () => {
    const values = toFormValues({ values: copyProfile(DEFAULT_POLICY_PROFILE) as never });
    values.evaluation.grades.good = 95;
    values.deadlines[2].date = '02-30';
    const problem = localProblem(values);
    expect(problem?.code).toBe('VALIDATION_FAILED');
    const fields = Object.keys(problemFieldErrors(problem, 'zh-CN'));
    expect(fields).toContain('evaluation.grades.good');
    expect(fields).toContain('deadlines.2.date');
  });

  it('adds up weights and proposes the next year', () => {
    expect(weightSum(DEFAULT_POLICY_PROFILE.evaluation.selfEvaluationWeights)).toBe(100);
    expect(nextYear([2022, 2023])).toBe(2024);
  });
});

describe('other page helpers', () => {
  it('turns a date range into whole Shanghai days, `to` exclusive', () => {
    expect(toQuery({ range: ['2022-08-01', '2022-08-31'], result: '', action: 'user.update' })).toEqual({
      action: 'user.update',
      from: '2022-07-31T16:00:00.000Z',
      to: '2022-08-31T16:00:00.000Z',
    });
  });

  it('points at the changed keys of an audit entry', () => {
    expect(changedKeys({ a: 1, b: [1], c: 'x' }, { a: 1, b: [2], d: true })).toEqual(['b', 'c', 'd']);
    expect(changedKeys(null, { a: 1 })).toEqual([]);
  });

  it('offers only the kinds allowed under a parent', () => {
    expect(childKinds('department')).toEqual(['unit']);
    expect(childKinds('unit')).toEqual([]);
    expect(childKinds(undefined)).not.toContain('unit');
  });

  it('tells active, locked and disabled users apart', () => {
    const now = new Date('2022-08-31T00:00:00Z');
    expect(userStatus({ active: true, lockedUntil: null }, now)).toBe('active');
    expect(userStatus({ active: true, lockedUntil: '2022-08-31T00:10:00Z' }, now)).toBe('locked');
    expect(userStatus({ active: true, lockedUntil: '2022-08-30T00:10:00Z' }, now)).toBe('active');
    expect(userStatus({ active: false, lockedUntil: '2022-08-31T00:10:00Z' }, now)).toBe('disabled');
  });
});
