import { checkTransition } from './workflow';
import {
  KEY_PROJECT_LIST_WORKFLOW as W,
  coverageCycleStart,
  coveragePercent,
  evaluationDueYear,
  isEvaluationOverdue,
  canBeKey,
  isKeyByAmount,
  keyBasisOf,
  planCoverage,
  yuanToWan,
} from './key-project';
import { MoneyFormatError } from './money';
import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';

describe('R1 isKeyByAmount', () => {
  it('includes the threshold itself and excludes one cent below', () => {
    expect(isKeyByAmount('6000000.00', P)).toBe(true);
    expect(isKeyByAmount('6000000', P)).toBe(true);
    expect(isKeyByAmount('5999999.99', P)).toBe(false);
    expect(isKeyByAmount('6000000.01', P)).toBe(true);
    expect(isKeyByAmount('0', P)).toBe(false);
  });

  it('takes the threshold from the profile', () => {
    const profile = copyProfile(P);
    profile.keyProjects.amountThreshold = '5000000.00';
    expect(isKeyByAmount('5000000.00', profile)).toBe(true);
    expect(isKeyByAmount('4999999.99', profile)).toBe(false);
  });

  it('rejects invalid and negative amounts', () => {
    expect(() => isKeyByAmount('6e6', P)).toThrow(MoneyFormatError);
    expect(() => isKeyByAmount('-7000000', P)).toThrow(MoneyFormatError);
    expect(() => isKeyByAmount('6000000.001', P)).toThrow(MoneyFormatError);
  });
});

describe('R4 evaluation cycle', () => {
  it('gives a never-evaluated project the whole cycle from its listing year', () => {
    expect(evaluationDueYear(null, 2022, P)).toBe(2026);
  });

  it('counts the next cycle from the last evaluation', () => {
    expect(evaluationDueYear(2023, 2022, P)).toBe(2028);
    expect(evaluationDueYear(2022, 2022, P)).toBe(2027);
  });

  it('does not let an evaluation before the listing shorten the first cycle', () => {
    expect(evaluationDueYear(2018, 2022, P)).toBe(2026);
    expect(evaluationDueYear(2021, 2022, P)).toBe(2026);
  });

  it('uses the cycle length of the profile', () => {
    const profile = copyProfile(P);
    profile.keyProjects.evaluationCycleYears = 3;
    expect(evaluationDueYear(null, 2022, profile)).toBe(2024);
    expect(evaluationDueYear(2022, 2020, profile)).toBe(2025);
  });

  it('is overdue only after the due year', () => {
    expect(isEvaluationOverdue(null, 2022, 2026, P)).toBe(false);
    expect(isEvaluationOverdue(null, 2022, 2027, P)).toBe(true);
    expect(isEvaluationOverdue(2020, 2019, 2025, P)).toBe(false);
    expect(isEvaluationOverdue(2020, 2019, 2026, P)).toBe(true);
  });

  it('rejects years that are not years', () => {
    expect(() => evaluationDueYear(null, 2022.5, P)).toThrow(RangeError);
    expect(() => evaluationDueYear(Number.NaN, 2022, P)).toThrow(RangeError);
    expect(() => isEvaluationOverdue(null, 2022, 22, P)).toThrow(RangeError);
  });
});

describe('R4 planCoverage', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i + 1}`, lastEvaluatedYear: null }));

  it('spreads projects evenly over the whole cycle, earlier years taking the remainder', () => {
    const plan = planCoverage(ids(12), 2022, 2022, P);
    expect(plan.cycleEndYear).toBe(2026);
    expect(plan.years.map((y) => y.projectIds.length)).toEqual([3, 3, 2, 2, 2]);
    expect(plan.years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(plan.years.flatMap((y) => y.projectIds)).toEqual(ids(12).map((p) => p.id));
  });

  it('leaves out projects already evaluated in the cycle and uses only the remaining years', () => {
    const projects = [
      { id: 'a', lastEvaluatedYear: 2022 },
      { id: 'b', lastEvaluatedYear: 2021 },
      { id: 'c', lastEvaluatedYear: null },
      { id: 'd', lastEvaluatedYear: 2019 },
      { id: 'e', lastEvaluatedYear: 2023 },
    ];
    const plan = planCoverage(projects, 2024, 2022, P);
    expect(plan.covered).toEqual(['a', 'e']);
    expect(plan.years).toEqual([
      { year: 2024, projectIds: ['c'] },
      { year: 2025, projectIds: ['d'] },
      { year: 2026, projectIds: ['b'] },
    ]);
  });

  it('puts everything left in the last year of the cycle', () => {
    const plan = planCoverage(ids(4), 2026, 2022, P);
    expect(plan.years).toEqual([{ year: 2026, projectIds: ['p1', 'p2', 'p3', 'p4'] }]);
  });

  it('returns empty years when nothing remains', () => {
    const plan = planCoverage([], 2022, 2022, P);
    expect(plan.years.every((y) => y.projectIds.length === 0)).toBe(true);
  });

  it('refuses a current year outside the cycle', () => {
    expect(() => planCoverage(ids(1), 2027, 2022, P)).toThrow(RangeError);
    expect(() => planCoverage(ids(1), 2021, 2022, P)).toThrow(RangeError);
  });

  it('plans the earliest due first and never after the due year', () => {
    const projects = [
      { id: 'never', lastEvaluatedYear: null, dueYear: 2027 },
      { id: 'later', lastEvaluatedYear: null, dueYear: 2027 },
      { id: 'overdue', lastEvaluatedYear: 2016, dueYear: 2021 },
      { id: 'due-now', lastEvaluatedYear: 2018, dueYear: 2023 },
      { id: 'covered', lastEvaluatedYear: 2022, dueYear: 2027 },
    ];
    const plan = planCoverage(projects, 2023, 2022, P);
    expect(plan.covered).toEqual(['covered']);
    expect(plan.years).toEqual([
      { year: 2023, projectIds: ['overdue', 'due-now'] },
      { year: 2024, projectIds: ['never'] },
      { year: 2025, projectIds: ['later'] },
      { year: 2026, projectIds: [] },
    ]);
  });

  it('keeps an even spread when every due year is late enough', () => {
    const projects = Array.from({ length: 8 }, (_, i) => ({ id: `p${i + 1}`, lastEvaluatedYear: null, dueYear: 2026 }));
    const plan = planCoverage(projects, 2022, 2022, P);
    expect(plan.years.map((y) => y.projectIds.length)).toEqual([2, 2, 2, 1, 1]);
  });

  it('keeps numeric ids', () => {
    const plan = planCoverage([{ id: 7, lastEvaluatedYear: null }], 2022, 2022, P);
    expect(plan.years[0].projectIds).toEqual([7]);
  });
});

describe('R1–R2 keyBasisOf', () => {
  const project = (budgetAmount: string, manualKeyBasis?: 'CORE_FUNCTION' | 'DISTRICT_PRIORITY' | null, kind = 'project') => ({
    kind,
    budgetAmount,
    manualKeyBasis,
  });

  it('derives basis (1) from the amount and lets it win over a hand-set basis', () => {
    expect(keyBasisOf(project('6000000.00', null), P)).toBe('AMOUNT');
    expect(keyBasisOf(project('6000000.00', 'CORE_FUNCTION'), P)).toBe('AMOUNT');
    expect(keyBasisOf(project('5999999.99', null), P)).toBeNull();
    expect(keyBasisOf(project('5999999.99', 'CORE_FUNCTION'), P)).toBe('CORE_FUNCTION');
    expect(keyBasisOf(project('100.00', 'DISTRICT_PRIORITY'), P)).toBe('DISTRICT_PRIORITY');
    expect(keyBasisOf(project('6000000.00', null, 'policy'), P)).toBe('AMOUNT');
  });

  it('never makes a department overall expenditure key, by amount or by hand', () => {
    expect(canBeKey('department_overall')).toBe(false);
    expect(canBeKey('project')).toBe(true);
    expect(keyBasisOf(project('6000000.00', null, 'department_overall'), P)).toBeNull();
    expect(keyBasisOf(project('90000000.00', 'CORE_FUNCTION', 'department_overall'), P)).toBeNull();
  });

  it('follows the profile threshold, and reads only the hand-set basis without a profile', () => {
    const profile = copyProfile(P);
    profile.keyProjects.amountThreshold = '8000000.00';
    expect(keyBasisOf(project('6000000.00', null), profile)).toBeNull();
    expect(keyBasisOf(project('8000000.00'), profile)).toBe('AMOUNT');
    expect(keyBasisOf(project('8000000.00'), undefined)).toBeNull();
    expect(keyBasisOf(project('8000000.00', 'CORE_FUNCTION'), undefined)).toBe('CORE_FUNCTION');
  });
});

describe('R4 coverageCycleStart', () => {
  it('counts cycles of the profile length from the anchor year', () => {
    expect(coverageCycleStart(2022, 2022, P)).toBe(2022);
    expect(coverageCycleStart(2026, 2022, P)).toBe(2022);
    expect(coverageCycleStart(2027, 2022, P)).toBe(2027);
    expect(coverageCycleStart(2033, 2022, P)).toBe(2032);
  });

  it('starts a cycle in a year before the anchor, and uses the profile length', () => {
    expect(coverageCycleStart(2020, 2022, P)).toBe(2020);
    const profile = copyProfile(P);
    profile.keyProjects.evaluationCycleYears = 3;
    expect(coverageCycleStart(2025, 2022, profile)).toBe(2025);
    expect(coverageCycleStart(2024, 2022, profile)).toBe(2022);
  });

  it('rejects years that are not years', () => {
    expect(() => coverageCycleStart(2022.5, 2022, P)).toThrow(RangeError);
  });
});

describe('R4 coveragePercent', () => {
  it('is exact with two decimals, rounded half up', () => {
    expect(coveragePercent(1, 3)).toBe('33.33');
    expect(coveragePercent(2, 3)).toBe('66.67');
    expect(coveragePercent(1, 8)).toBe('12.50');
    expect(coveragePercent(5, 5)).toBe('100.00');
    expect(coveragePercent(0, 4)).toBe('0.00');
    expect(coveragePercent(0, 0)).toBe('0.00');
  });

  it('refuses impossible counts', () => {
    expect(() => coveragePercent(3, 2)).toThrow(RangeError);
    expect(() => coveragePercent(-1, 2)).toThrow(RangeError);
    expect(() => coveragePercent(0.5, 2)).toThrow(RangeError);
  });
});

describe('yuanToWan', () => {
  it('converts exactly, rounding half away from zero at the hundredth of 万元', () => {
    expect(yuanToWan('6000000.00')).toBe('600.00');
    expect(yuanToWan('5999999.99')).toBe('600.00');
    expect(yuanToWan('5994999.99')).toBe('599.50');
    expect(yuanToWan('5995000.00')).toBe('599.50');
    expect(yuanToWan('12345.00')).toBe('1.23');
    expect(yuanToWan('12350.00')).toBe('1.24');
    expect(yuanToWan('4999.99')).toBe('0.50');
    expect(yuanToWan('49.99')).toBe('0.00');
    expect(yuanToWan('0')).toBe('0.00');
    expect(yuanToWan('-15000.00')).toBe('-1.50');
    expect(yuanToWan('9999999999999999.99')).toBe('1000000000000.00');
  });

  it('refuses what is not money', () => {
    expect(() => yuanToWan('6e6')).toThrow(MoneyFormatError);
  });
});

describe('R3 key project list workflow', () => {
  it('allows draft → submitted → filed and submitted → returned → submitted', () => {
    expect(checkTransition(W, 'draft', 'submit')).toEqual({ allowed: true, to: 'submitted' });
    expect(checkTransition(W, 'submitted', 'file')).toEqual({ allowed: true, to: 'filed' });
    expect(checkTransition(W, 'submitted', 'return')).toEqual({ allowed: true, to: 'returned' });
    expect(checkTransition(W, 'returned', 'submit')).toEqual({ allowed: true, to: 'submitted' });
  });

  it('amends a filed list into an editable state that is submitted again', () => {
    expect(checkTransition(W, 'filed', 'amend')).toEqual({ allowed: true, to: 'amending' });
    expect(checkTransition(W, 'amending', 'submit')).toEqual({ allowed: true, to: 'submitted' });
  });

  it.each([
    ['draft', 'file'],
    ['draft', 'return'],
    ['submitted', 'submit'],
    ['filed', 'submit'],
    ['filed', 'file'],
    ['filed', 'return'],
    ['returned', 'file'],
    ['returned', 'return'],
    ['draft', 'amend'],
    ['submitted', 'amend'],
    ['returned', 'amend'],
    ['amending', 'amend'],
    ['amending', 'file'],
  ] as const)('refuses %s → %s', (from, action) => {
    expect(checkTransition(W, from, action)).toMatchObject({ allowed: false, code: 'ILLEGAL_TRANSITION' });
  });
});
