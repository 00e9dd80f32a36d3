/** N1 evaluation grades and N5 target-review grades with what each review grade means for the budget. */
import type { Label } from '@jixiao/contracts';
import type { GradeThresholds, PolicyProfileValues } from './policy-profile';

export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, Label> = {
  excellent: { zh: '优', en: 'Excellent' },
  good: { zh: '良', en: 'Good' },
  fair: { zh: '中', en: 'Fair' },
  poor: { zh: '差', en: 'Poor' },
};

export const REVIEW_OUTCOMES = [
  'to_budget',
  'finalise_after_consultation',
  'revise_and_resubmit',
  'excluded_from_budget',
] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** N5 (财预〔2015〕88号). */
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, Label> = {
  to_budget: { zh: '进入预算安排流程', en: 'Goes to budget arrangement' },
  finalise_after_consultation: {
    zh: '协商完善绩效目标后进入预算安排流程',
    en: 'Finalised after consultation, then goes to budget arrangement',
  },
  revise_and_resubmit: { zh: '修改完善后重新报送审核', en: 'Unit revises and resubmits for review' },
  excluded_from_budget: { zh: '不得进入预算安排流程', en: 'Does not enter budget arrangement' },
};

const OUTCOME_BY_GRADE: Record<Grade, ReviewOutcome> = {
  excellent: 'to_budget',
  good: 'finalise_after_consultation',
  fair: 'revise_and_resubmit',
  poor: 'excluded_from_budget',
};

/** Throws RangeError unless 0 ≤ score ≤ totalScore. */
export function assertScore(score: number, totalScore: number): void {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > totalScore) {
    throw new RangeError(`score must be between 0 and ${totalScore}, got ${score}`);
  }
}

/** The grade of a score under thresholds: ≥ excellent, ≥ good, ≥ pass, else poor. */
export function gradeFor(score: number, thresholds: GradeThresholds, totalScore: number): Grade {
  assertScore(score, totalScore);
  if (score >= thresholds.excellent) return 'excellent';
  if (score >= thresholds.good) return 'good';
  if (score >= thresholds.pass) return 'fair';
  return 'poor';
}

/** N1: 优 / 良 / 中 / 差 of an evaluation score. */
export function evaluationGrade(score: number, profile: PolicyProfileValues): Grade {
  return gradeFor(score, profile.evaluation.grades, profile.evaluation.totalScore);
}

/** N5: grade of a target-review score (scored out of the same total as evaluations). */
export function reviewGrade(score: number, profile: PolicyProfileValues): Grade {
  return gradeFor(score, profile.targetReview.grades, profile.evaluation.totalScore);
}

/** N5: what a target-review grade means for the budget. */
export function reviewOutcome(grade: Grade): ReviewOutcome {
  const outcome = OUTCOME_BY_GRADE[grade];
  if (!outcome) throw new RangeError(`unknown grade ${String(grade)}`);
  return outcome;
}

/** R7/N5: a reviewed target lets the budget be arranged, possibly after consultation (优, 良). */
export function reviewAllowsBudget(grade: Grade): boolean {
  const outcome = reviewOutcome(grade);
  return outcome === 'to_budget' || outcome === 'finalise_after_consultation';
}
