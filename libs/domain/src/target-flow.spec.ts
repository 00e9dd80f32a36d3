import { budgetGate } from './budget-gate';
import { DEFAULT_POLICY_PROFILE as P, type PolicyProfileValues } from './policy-profile';
import { indicatorWeightCap, indicatorWeightIssues, isPreReviewerOf, needsDepartmentPreReview, targetInConsultation } from './target-flow';

describe('N5 consultation', () => {
  it('is the 良 path: in consultation and revision submitted, nothing else', () => {
    expect(targetInConsultation('in_consultation')).toBe(true);
    expect(targetInConsultation('consultation_submitted')).toBe(true);
    for (const s of ['draft', 'submitted', 'expert_review', 'approved', 'rejected']) expect(targetInConsultation(s)).toBe(false);
  });

  it('blocks the budget with TARGET_IN_CONSULTATION until the bureau confirms', () => {
    const base = { isNew: false, isMajor: false, isCapitalConstruction: false, preAssessment: null };
    for (const status of ['in_consultation', 'consultation_submitted']) {
      const gate = budgetGate({ ...base, target: { status, reviewGrade: 'good' } }, P);
      expect(gate).toEqual({
        status: 'blocked',
        reasons: [
          { code: 'TARGET_IN_CONSULTATION', message: expect.stringContaining('协商'), messageEn: expect.stringContaining('consultation') },
        ],
      });
    }
    expect(budgetGate({ ...base, target: { status: 'approved', reviewGrade: 'good' } }, P).status).toBe('ready');
  });
});

describe('谁批预算谁批目标: department pre-review', () => {
  it('sends a unit’s target to its department or town, others straight to the bureau', () => {
    expect(needsDepartmentPreReview({ kind: 'unit', parentKind: 'department' })).toBe(true);
    expect(needsDepartmentPreReview({ kind: 'unit', parentKind: 'town' })).toBe(true);
    expect(needsDepartmentPreReview({ kind: 'unit', parentKind: null })).toBe(false);
    expect(needsDepartmentPreReview({ kind: 'department', parentKind: 'finance_bureau' })).toBe(false);
    expect(needsDepartmentPreReview({ kind: 'town', parentKind: null })).toBe(false);
  });

  it('lets only the unit’s parent pre-review, never the unit itself', () => {
    const unit = { id: 'u1', parentId: 'd1' };
    expect(isPreReviewerOf('d1', unit)).toBe(true);
    expect(isPreReviewerOf('u1', unit)).toBe(false);
    expect(isPreReviewerOf('d2', unit)).toBe(false);
    expect(isPreReviewerOf(null, unit)).toBe(false);
    expect(isPreReviewerOf('d1', { id: 'd1', parentId: 'd1' })).toBe(false);
  });
});

describe('indicator weights', () => {
  it('are capped by the year’s total score, not by 100', () => {
    expect(indicatorWeightCap(P)).toBe(P.evaluation.totalScore);
    expect(indicatorWeightIssues([{ weight: 100 }, { weight: null }, {}], indicatorWeightCap(P))).toEqual([]);
    expect(indicatorWeightIssues([{ weight: 10 }, { weight: 100.01 }], indicatorWeightCap(P))).toEqual([
      expect.objectContaining({ field: 'indicators.1.weight', code: 'weightAboveTotalScore', message: expect.stringContaining('100') }),
    ]);
    const wide: PolicyProfileValues = { ...P, evaluation: { ...P.evaluation, totalScore: 150 } };
    expect(indicatorWeightCap(wide)).toBe(150);
    expect(indicatorWeightIssues([{ weight: 120 }], indicatorWeightCap(wide))).toEqual([]);
    expect(indicatorWeightIssues([{ weight: 150.5 }], indicatorWeightCap(wide))).toHaveLength(1);
  });
});
