import { checkRecordedGrade, isKeyEvaluationKind, KEY_EVALUATION_KINDS, normalizeScore } from './evaluation-history';
import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';

describe('normalizeScore (N1: 0..totalScore, two decimals)', () => {
  it.each([
    ['85.5', '85.50'],
    ['100', '100.00'],
    ['0', '0.00'],
    [' 89.99 ', '89.99'],
    ['07.1', '7.10'],
  ])('%s → %s', (text, score) => {
    expect(normalizeScore(text, P)).toBe(score);
  });

  it.each(['100.01', '-1', '85.123', '85.', '.5', 'abc', '', '1e2', '85,5', '1000'])('refuses %p', (text) => {
    expect(normalizeScore(text, P)).toBeNull();
  });

  it('takes the total from the profile', () => {
    const profile = copyProfile(P);
    profile.evaluation.totalScore = 120;
    expect(normalizeScore('110.5', profile)).toBe('110.50');
    expect(normalizeScore('120.01', profile)).toBeNull();
  });
});

describe('checkRecordedGrade (the grade agrees with the score under the profile)', () => {
  it('agrees at the boundaries, and names the expected grade when it does not', () => {
    expect(checkRecordedGrade('90.00', 'excellent', P)).toEqual({ expected: 'excellent', agrees: true });
    expect(checkRecordedGrade('89.99', 'excellent', P)).toEqual({ expected: 'good', agrees: false });
    expect(checkRecordedGrade('59.99', 'poor', P)).toEqual({ expected: 'poor', agrees: true });
    expect(checkRecordedGrade('60', 'poor', P)).toEqual({ expected: 'fair', agrees: false });
  });

  it('gives a record without a grade the expected one', () => {
    expect(checkRecordedGrade('80', null, P)).toEqual({ expected: 'good', agrees: true });
  });

  it('reads the thresholds of the profile it is given', () => {
    const profile = copyProfile(P);
    profile.evaluation.grades = { excellent: 85, good: 75, pass: 50 };
    expect(checkRecordedGrade('85', 'excellent', profile).agrees).toBe(true);
    expect(checkRecordedGrade('85', 'excellent', P).agrees).toBe(false);
  });

  it('throws on what is not a score', () => {
    expect(() => checkRecordedGrade('101', 'excellent', P)).toThrow(RangeError);
  });
});

describe('KEY_EVALUATION_KINDS (R4)', () => {
  it('counts department and finance key evaluations, not self-evaluations', () => {
    expect([...KEY_EVALUATION_KINDS]).toEqual(['department', 'finance_key']);
    expect(isKeyEvaluationKind('self')).toBe(false);
    expect(isKeyEvaluationKind('finance_key')).toBe(true);
  });
});
