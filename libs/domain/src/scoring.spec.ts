import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';
import {
  checkScoreParts,
  PRE_ASSESSMENT_CONCLUSION_LABELS,
  preAssessmentAllowsBudget,
  preAssessmentTotal,
  ScoreError,
  sumScoreParts,
  validateWeights,
} from './scoring';

/** N2's four parts summed against the profile's self-evaluation weights. */
const selfEvaluationScore = (parts: Record<string, number>, profile: typeof P) =>
  sumScoreParts(parts, profile.evaluation.selfEvaluationWeights);

const full = { budget_execution: 10, output: 50, effect: 30, satisfaction: 10 };

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScoreError) return error.issues.map((i) => [i.field, i.code]);
    throw error;
  }
  return [];
}

describe('sumScoreParts over the N2 weights', () => {
  it('sums the parts', () => {
    expect(selfEvaluationScore(full, P)).toBe(100);
    expect(selfEvaluationScore({ budget_execution: 8.5, output: 45.25, effect: 26, satisfaction: 9.5 }, P)).toBe(89.25);
  });

  it('sums decimals exactly (no 0.1 + 0.2 drift)', () => {
    expect(selfEvaluationScore({ budget_execution: 0.1, output: 0.2, effect: 0, satisfaction: 0 }, P)).toBe(0.3);
  });

  it('accepts each part at its weight and refuses one hundredth above', () => {
    expect(selfEvaluationScore({ ...full, output: 50 }, P)).toBe(100);
    expect(issuesOf(() => selfEvaluationScore({ ...full, output: 50.01 }, P))).toEqual([['output', 'OUT_OF_RANGE']]);
    expect(issuesOf(() => selfEvaluationScore({ ...full, budget_execution: 10.5 }, P))).toEqual([
      ['budget_execution', 'OUT_OF_RANGE'],
    ]);
  });

  it('reports negative, missing, unknown, non-numeric and over-precise parts', () => {
    expect(issuesOf(() => selfEvaluationScore({ ...full, effect: -1 }, P))).toEqual([['effect', 'OUT_OF_RANGE']]);
    const { satisfaction: _omitted, ...missing } = full;
    expect(issuesOf(() => selfEvaluationScore(missing, P))).toEqual([['satisfaction', 'REQUIRED']]);
    expect(issuesOf(() => selfEvaluationScore({ ...full, cost: 5 }, P))).toEqual([['cost', 'UNKNOWN_ITEM']]);
    expect(issuesOf(() => selfEvaluationScore({ ...full, output: Number.NaN }, P))).toEqual([
      ['output', 'NOT_A_NUMBER'],
    ]);
    expect(issuesOf(() => selfEvaluationScore({ ...full, output: '50' as unknown as number }, P))).toEqual([
      ['output', 'NOT_A_NUMBER'],
    ]);
    expect(issuesOf(() => selfEvaluationScore({ ...full, output: 40.125 }, P))).toEqual([
      ['output', 'TOO_MANY_DECIMALS'],
    ]);
  });

  it('gives messages in both languages and a ScoreError that is a RangeError', () => {
    const issues = checkScoreParts({ ...full, output: 60 }, P.evaluation.selfEvaluationWeights);
    expect(issues[0].message).toContain('产出指标');
    expect(issues[0].messageEn).toContain('between 0 and 50');
    expect(() => selfEvaluationScore({}, P)).toThrow(RangeError);
  });

  it('follows the weights of the profile', () => {
    const profile = copyProfile(P);
    profile.evaluation.selfEvaluationWeights[1].weight = 40;
    profile.evaluation.selfEvaluationWeights[2].weight = 40;
    expect(selfEvaluationScore({ ...full, output: 40, effect: 40 }, profile)).toBe(100);
    expect(issuesOf(() => selfEvaluationScore(full, profile))).toEqual([['output', 'OUT_OF_RANGE']]);
  });
});

describe('validateWeights', () => {
  it('accepts the default weights and dimensions', () => {
    expect(validateWeights(P.evaluation.selfEvaluationWeights, 100)).toEqual([]);
    expect(validateWeights(P.preAssessment.dimensions, 100)).toEqual([]);
  });

  it('reports a sum that is off by one', () => {
    const items = copyProfile(P).evaluation.selfEvaluationWeights;
    items[0].weight = 11;
    expect(validateWeights(items, 100).map((i) => [i.field, i.code])).toEqual([['', 'WEIGHTS_SUM_MISMATCH']]);
    expect(validateWeights(items, 101)).toEqual([]);
  });

  it('reports duplicate and malformed codes and non-positive weights', () => {
    const items = [
      { code: 'a', zh: '甲', en: 'A', weight: 50 },
      { code: 'a', zh: '乙', en: 'B', weight: 50 },
      { code: 'Bad Code', zh: '丙', en: 'C', weight: 0 },
    ];
    expect(validateWeights(items, 100).map((i) => [i.field, i.code])).toEqual([
      ['[1].code', 'DUPLICATE_CODE'],
      ['[2].code', 'INVALID_CODE'],
      ['[2].weight', 'INVALID_WEIGHT'],
    ]);
  });

  it('reports an empty list as a sum mismatch', () => {
    expect(validateWeights([], 100).map((i) => i.code)).toEqual(['WEIGHTS_SUM_MISMATCH']);
  });
});

describe('N6 pre-assessment', () => {
  const dims = { necessity: 18, economy: 15.5, target_reasonableness: 17, feasibility: 20, funding_compliance: 12 };

  it('totals the five dimensions', () => {
    expect(preAssessmentTotal(dims, P)).toBe(82.5);
  });

  it('caps each dimension at its weight', () => {
    expect(issuesOf(() => preAssessmentTotal({ ...dims, feasibility: 20.01 }, P))).toEqual([
      ['feasibility', 'OUT_OF_RANGE'],
    ]);
    expect(issuesOf(() => preAssessmentTotal({ necessity: 20 }, P)).map(([, code]) => code)).toEqual([
      'REQUIRED',
      'REQUIRED',
      'REQUIRED',
      'REQUIRED',
    ]);
  });

  it('labels the conclusions and gates the budget', () => {
    expect(PRE_ASSESSMENT_CONCLUSION_LABELS.support_after_adjustment.zh).toBe('调整后支持');
    expect(PRE_ASSESSMENT_CONCLUSION_LABELS.reject.zh).toBe('不予支持');
    expect(preAssessmentAllowsBudget('support')).toBe(true);
    expect(preAssessmentAllowsBudget('support_after_adjustment')).toBe(true);
    expect(preAssessmentAllowsBudget('reject')).toBe(false);
    expect(preAssessmentAllowsBudget(null)).toBe(false);
  });
});
