import { budgetGate, BudgetGateInput, budgetGateReasonsSql, BUDGET_GATE_PROFILE_PATHS } from './budget-gate';
import { gradeForSql } from './grades';
import { preAssessmentSupportsSql } from './pre-assessment';
import { TARGET_CONSULTATION_STATUSES } from './target-flow';
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
    expect(
      codes({ ...newMajor, preAssessment: { status: 'accepted', conclusion: 'support_after_adjustment', adjustmentCompleted: true } }),
    ).toEqual([]);
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
    expect(
      codes({ isCapitalConstruction: true, preAssessment: { status: 'draft', conclusion: null }, earlierSupportingPreAssessment: true }),
    ).toEqual([]);
    // the project's own accepted assessment decides over the earlier one
    expect(
      codes({
        isCapitalConstruction: true,
        preAssessment: { status: 'accepted', conclusion: 'reject' },
        earlierSupportingPreAssessment: true,
      }),
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

describe('budgetGateReasonsSql (the SQL form of budgetGate)', () => {
  const inputs = {
    flag: (f: string) => `p.${f}`,
    targetStatus: 't.status',
    targetGrade: 't.review_grade',
    targetScore: 't.review_score',
    preAssessmentStatus: 'pa.status',
    preAssessmentConclusion: 'pa.conclusion',
    preAssessmentAdjustmentCompleted: '(pa.adjustment_completed_at IS NOT NULL)',
    earlierSupportingPreAssessment: 'earlier.ok',
    profile: 'pp."values"',
  };
  const sql = budgetGateReasonsSql(inputs);

  it('gives a text[] of the target reason, then the pre-assessment reason, without NULLs', () => {
    expect(sql.startsWith('array_remove(ARRAY[CASE WHEN t.status IS NULL THEN ')).toBe(true);
    expect(sql.endsWith(']::text[], NULL)')).toBe(true);
    const at = (code: string) => sql.indexOf(`'${code}'`);
    const order = [
      'NO_TARGET',
      'TARGET_REVIEW_POOR',
      'TARGET_IN_CONSULTATION',
      'TARGET_NOT_APPROVED',
      'PRE_ASSESSMENT_REJECTED',
      'PRE_ASSESSMENT_ADJUSTMENT_PENDING',
    ];
    for (const code of order) expect(at(code)).toBeGreaterThan(0);
    expect(order.map(at)).toEqual([...order.map(at)].sort((a, b) => a - b));
    expect(sql.split("'PRE_ASSESSMENT_MISSING'").length - 1).toBe(2);
  });

  it('reads every input it is given, and every consultation status and R5 reading', () => {
    for (const expr of Object.values(inputs).filter((v): v is string => typeof v === 'string')) expect(sql).toContain(expr);
    for (const flag of ['p.isNew', 'p.isMajor', 'p.isCapitalConstruction']) expect(sql).toContain(flag);
    for (const status of TARGET_CONSULTATION_STATUSES) expect(sql).toContain(`'${status}'`);
    expect(sql).toContain(`WHEN 'new_major_or_new_capital' THEN`);
    expect(sql).toContain(`pp."values"->'preAssessment'->>'requirement'`);
  });

  it('derives a grade from the score with the profile bands only when no grade is recorded', () => {
    expect(sql).toContain(
      `coalesce(nullif(t.review_grade, ''), CASE WHEN pp."values" IS NOT NULL AND t.review_score IS NOT NULL THEN (CASE WHEN t.review_score >= ((pp."values"->'targetReview'->'grades')->>'excellent')::numeric THEN 'excellent'`,
    );
    expect(gradeForSql('s', 'g')).toBe(
      `(CASE WHEN s >= (g->>'excellent')::numeric THEN 'excellent' WHEN s >= (g->>'good')::numeric THEN 'good' WHEN s >= (g->>'pass')::numeric THEN 'fair' ELSE 'poor' END)`,
    );
  });

  it('tests supporting pre-assessments as preAssessmentSupports does, never NULL', () => {
    expect(preAssessmentSupportsSql('s', 'c', 'a')).toBe(
      `((s = 'accepted' AND (c = 'support' OR (c = 'support_after_adjustment' AND a))) IS TRUE)`,
    );
  });

  it('names the profile parts the rule reads', () => {
    expect(BUDGET_GATE_PROFILE_PATHS).toEqual([
      ['preAssessment', 'requirement'],
      ['targetReview', 'grades'],
    ]);
  });
});
