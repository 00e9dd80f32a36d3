import { budgetGate, BudgetGateInput } from './budget-gate';
import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';

const approved = { status: 'approved', reviewGrade: 'excellent' } as const;
const accepted = { status: 'accepted', conclusion: 'support' } as const;
const base: BudgetGateInput = { isNew: false, isMajor: false, isCapitalConstruction: false, target: approved, preAssessment: null };
const codes = (input: Partial<BudgetGateInput>) => budgetGate({ ...base, ...input }, P).reasons.map((r) => r.code);

describe('R7 budgetGate', () => {
  it('is ready with an approved target and no pre-assessment need', () => {
    expect(budgetGate(base)).toEqual({ status: 'ready', reasons: [] });
  });

  it('blocks without a target, with labels in both languages', () => {
    const result = budgetGate({ ...base, target: null });
    expect(result.status).toBe('blocked');
    expect(result.reasons).toEqual([{ code: 'NO_TARGET', message: '未填报绩效目标', messageEn: 'No performance target' }]);
  });

  it('blocks a target in any status but approved', () => {
    for (const status of ['draft', 'submitted', 'returned', 'expert_review']) {
      expect(codes({ target: { status, reviewGrade: null } })).toEqual(['TARGET_NOT_APPROVED']);
    }
  });

  it('treats a rejected target or a poor grade as TARGET_REVIEW_POOR (N5 差)', () => {
    expect(codes({ target: { status: 'rejected', reviewGrade: null } })).toEqual(['TARGET_REVIEW_POOR']);
    expect(codes({ target: { status: 'approved', reviewGrade: 'poor' } })).toEqual(['TARGET_REVIEW_POOR']);
    expect(codes({ target: { status: 'expert_review', reviewGrade: 'poor' } })).toEqual(['TARGET_REVIEW_POOR']);
    expect(codes({ target: { status: 'approved', reviewGrade: 'fair' } })).toEqual([]);
  });

  it('derives the grade from the score with the profile when no grade was recorded', () => {
    expect(codes({ target: { status: 'approved', reviewGrade: null, reviewScore: '59.99' } })).toEqual(['TARGET_REVIEW_POOR']);
    expect(codes({ target: { status: 'approved', reviewGrade: null, reviewScore: '60.00' } })).toEqual([]);
    expect(budgetGate({ ...base, target: { status: 'approved', reviewGrade: null, reviewScore: '10' } }).status).toBe('ready');
  });

  it('requires an accepted pre-assessment for new major or capital projects', () => {
    const newMajor = { isNew: true, isMajor: true };
    expect(codes({ ...newMajor, preAssessment: null })).toEqual(['PRE_ASSESSMENT_MISSING']);
    for (const status of ['draft', 'submitted', 'returned']) {
      expect(codes({ ...newMajor, preAssessment: { status, conclusion: 'support' } })).toEqual(['PRE_ASSESSMENT_MISSING']);
    }
    expect(codes({ ...newMajor, preAssessment: accepted })).toEqual([]);
    expect(codes({ ...newMajor, preAssessment: { status: 'accepted', conclusion: 'support_after_adjustment', adjustmentCompleted: true } })).toEqual([]);
    expect(codes({ isNew: true, isCapitalConstruction: true, preAssessment: { status: 'accepted', conclusion: 'reject' } })).toEqual([
      'PRE_ASSESSMENT_REJECTED',
    ]);
  });

  it('keeps 调整后支持 blocked until the adjustment is recorded as done', () => {
    const pa = { status: 'accepted', conclusion: 'support_after_adjustment' } as const;
    expect(codes({ isNew: true, isMajor: true, preAssessment: pa })).toEqual(['PRE_ASSESSMENT_ADJUSTMENT_PENDING']);
    expect(codes({ isNew: true, isMajor: true, preAssessment: { ...pa, adjustmentCompleted: false } })).toEqual([
      'PRE_ASSESSMENT_ADJUSTMENT_PENDING',
    ]);
    expect(codes({ isNew: true, isMajor: true, preAssessment: { ...pa, adjustmentCompleted: true } })).toEqual([]);
  });

  it('requires one for a continuing capital-construction project under the seed reading, not under the earlier one', () => {
    const old = copyProfile(P);
    old.preAssessment.requirement = 'new_major_or_new_capital';
    expect(codes({ isCapitalConstruction: true, preAssessment: null })).toEqual(['PRE_ASSESSMENT_MISSING']);
    expect(budgetGate({ ...base, isCapitalConstruction: true, preAssessment: null }, old).status).toBe('ready');
  });

  it('counts a finished supporting pre-assessment of the same code in an earlier year', () => {
    expect(codes({ isCapitalConstruction: true, preAssessment: null, earlierSupportingPreAssessment: true })).toEqual([]);
    expect(codes({ isCapitalConstruction: true, preAssessment: { status: 'draft', conclusion: null }, earlierSupportingPreAssessment: true })).toEqual([]);
    // the project's own accepted assessment decides over the earlier one
    expect(
      codes({ isCapitalConstruction: true, preAssessment: { status: 'accepted', conclusion: 'reject' }, earlierSupportingPreAssessment: true }),
    ).toEqual(['PRE_ASSESSMENT_REJECTED']);
  });

  it('ignores pre-assessments where none is required', () => {
    expect(codes({ isNew: false, isMajor: true, preAssessment: { status: 'accepted', conclusion: 'reject' } })).toEqual([]);
    expect(codes({ isNew: true, preAssessment: null })).toEqual([]);
  });

  it('lists every reason at once', () => {
    expect(codes({ isNew: true, isMajor: true, target: null, preAssessment: null })).toEqual(['NO_TARGET', 'PRE_ASSESSMENT_MISSING']);
  });
});
