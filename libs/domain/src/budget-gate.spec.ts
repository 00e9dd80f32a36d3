import { budgetGate, BudgetGateInput, preAssessmentRequired } from './budget-gate';
import { DEFAULT_POLICY_PROFILE as P } from './policy-profile';

const approved = { status: 'approved', reviewGrade: 'excellent' } as const;
const accepted = { status: 'accepted', conclusion: 'support' } as const;
const base: BudgetGateInput = { isNew: false, isMajor: false, isCapitalConstruction: false, target: approved, preAssessment: null };
const codes = (input: Partial<BudgetGateInput>) => budgetGate({ ...base, ...input }, P).reasons.map((r) => r.code);

describe('R5 preAssessmentRequired', () => {
  it('requires a pre-assessment only for new projects that are major or capital construction', () => {
    expect(preAssessmentRequired({ isNew: true, isMajor: true, isCapitalConstruction: false })).toBe(true);
    expect(preAssessmentRequired({ isNew: true, isMajor: false, isCapitalConstruction: true })).toBe(true);
    expect(preAssessmentRequired({ isNew: true, isMajor: false, isCapitalConstruction: false })).toBe(false);
    expect(preAssessmentRequired({ isNew: false, isMajor: true, isCapitalConstruction: true })).toBe(false);
  });
});

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
    expect(codes({ ...newMajor, preAssessment: { status: 'accepted', conclusion: 'support_after_adjustment' } })).toEqual([]);
    expect(codes({ isNew: true, isCapitalConstruction: true, preAssessment: { status: 'accepted', conclusion: 'reject' } })).toEqual([
      'PRE_ASSESSMENT_REJECTED',
    ]);
  });

  it('ignores pre-assessments where none is required', () => {
    expect(codes({ isNew: false, isMajor: true, preAssessment: { status: 'accepted', conclusion: 'reject' } })).toEqual([]);
    expect(codes({ isNew: true, preAssessment: null })).toEqual([]);
  });

  it('lists every reason at once', () => {
    expect(codes({ isNew: true, isMajor: true, target: null, preAssessment: null })).toEqual(['NO_TARGET', 'PRE_ASSESSMENT_MISSING']);
  });
});
