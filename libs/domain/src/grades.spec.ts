import {
  evaluationGrade,
  GRADE_LABELS,
  GRADES,
  REVIEW_OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  reviewAllowsBudget,
  reviewGrade,
  reviewOutcome,
  type Grade,
} from './grades';
import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';

describe('N1 evaluationGrade', () => {
  it.each<[number, Grade]>([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [80, 'good'],
    [79.99, 'fair'],
    [60, 'fair'],
    [59.99, 'poor'],
    [0, 'poor'],
  ])('%s → %s', (score, grade) => {
    expect(evaluationGrade(score, P)).toBe(grade);
  });

  it('rejects scores outside 0..totalScore', () => {
    expect(() => evaluationGrade(-0.01, P)).toThrow(RangeError);
    expect(() => evaluationGrade(100.01, P)).toThrow(RangeError);
    expect(() => evaluationGrade(Number.NaN, P)).toThrow(RangeError);
    expect(() => evaluationGrade(Infinity, P)).toThrow(RangeError);
    expect(() => evaluationGrade('100.01', P)).toThrow(RangeError);
  });

  it('reads decimal strings with at most two places exactly', () => {
    expect(evaluationGrade('90.00', P)).toBe('excellent');
    expect(evaluationGrade('89.99', P)).toBe('good');
    expect(evaluationGrade('59.99', P)).toBe('poor');
    expect(evaluationGrade('60', P)).toBe('fair');
    for (const bad of ['89.995', '-1', '', 'abc', '1e2', ' ', '9O']) {
      expect(() => evaluationGrade(bad, P)).toThrow(RangeError);
    }
    expect(() => evaluationGrade(null as unknown as string, P)).toThrow(RangeError);
  });

  it('takes thresholds and total from the profile', () => {
    const profile = copyProfile(P);
    profile.evaluation.grades = { excellent: 85, good: 75, pass: 50 };
    profile.evaluation.totalScore = 120;
    expect(evaluationGrade(85, profile)).toBe('excellent');
    expect(evaluationGrade(84.99, profile)).toBe('good');
    expect(evaluationGrade(50, profile)).toBe('fair');
    expect(evaluationGrade(110, profile)).toBe('excellent');
  });

  it('labels every grade in both languages', () => {
    expect(GRADES.map((g) => GRADE_LABELS[g].zh)).toEqual(['优', '良', '中', '差']);
    expect(GRADE_LABELS.poor.en).toBe('Poor');
  });
});

describe('N5 target review', () => {
  it('grades from the review thresholds, not the evaluation ones', () => {
    const profile = copyProfile(P);
    profile.targetReview.grades = { excellent: 95, good: 85, pass: 70 };
    expect(reviewGrade(90, profile)).toBe('good');
    expect(evaluationGrade(90, profile)).toBe('excellent');
    expect(reviewGrade(69.99, profile)).toBe('poor');
    expect(() => reviewGrade(101, profile)).toThrow(RangeError);
  });

  it('maps each grade to its budget outcome', () => {
    expect(reviewOutcome('excellent')).toBe('to_budget');
    expect(reviewOutcome('good')).toBe('finalise_after_consultation');
    expect(reviewOutcome('fair')).toBe('revise_and_resubmit');
    expect(reviewOutcome('poor')).toBe('excluded_from_budget');
    expect(() => reviewOutcome('bad' as Grade)).toThrow(RangeError);
    expect(REVIEW_OUTCOMES.every((o) => REVIEW_OUTCOME_LABELS[o].zh && REVIEW_OUTCOME_LABELS[o].en)).toBe(true);
  });

  it('R7: only 优 and 良 let the budget be arranged', () => {
    expect(reviewAllowsBudget(reviewGrade(80, P))).toBe(true);
    expect(reviewAllowsBudget(reviewGrade(79.99, P))).toBe(false);
    expect(reviewAllowsBudget('poor')).toBe(false);
  });
});
