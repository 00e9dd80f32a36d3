import { evaluationDueYear, isEvaluationOverdue, isKeyByAmount, planCoverage } from './key-project';
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

  it('keeps numeric ids', () => {
    const plan = planCoverage([{ id: 7, lastEvaluatedYear: null }], 2022, 2022, P);
    expect(plan.years[0].projectIds).toEqual([7]);
  });
});
