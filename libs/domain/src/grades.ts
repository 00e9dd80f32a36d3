/** N1 evaluation grades and N5 target-review grades with what each review grade means for the budget. */
import type { Label } from '@jixiao/contracts';
import { compare, parseDecimal, type Ratio } from './decimal';
import type { GradeThresholds, PolicyProfileValues } from './policy-profile';

export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, Label> = {
  excellent: { zh: '优', en: 'Excellent' },
  good: { zh: '良', en: 'Good' },
  fair: { zh: '中', en: 'Fair' },
  poor: { zh: '差', en: 'Poor' },
};

export const REVIEW_OUTCOMES = ['to_budget', 'finalise_after_consultation', 'revise_and_resubmit', 'excluded_from_budget'] as const;
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

/**
 * A score as the API and the pages carry it: a decimal string with at most two places ('89.99');
 * numbers are accepted too (at most six places), and compared exactly, never as binary floats.
 */
export type ScoreInput = string | number;

function scoreRatio(score: ScoreInput): Ratio | null {
  return typeof score === 'string' ? parseDecimal(score, 2) : parseDecimal(score, 6);
}

function thresholdRatio(value: number, name: string): Ratio {
  const parsed = parseDecimal(value, 10);
  if (parsed === null) throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  return parsed;
}

/** Throws RangeError unless the score is a decimal (string: at most two places) with 0 ≤ score ≤ totalScore. */
export function assertScore(score: ScoreInput, totalScore: number): void {
  const value = scoreRatio(score);
  if (value === null || compare(value, thresholdRatio(totalScore, 'totalScore')) > 0) {
    throw new RangeError(`score must be between 0 and ${totalScore} with at most two decimals, got ${String(score)}`);
  }
}

/** The grade of a score under thresholds: ≥ excellent, ≥ good, ≥ pass, else poor — compared exactly ('89.99' stays below 90). */
export function gradeFor(score: ScoreInput, thresholds: GradeThresholds, totalScore: number): Grade {
  assertScore(score, totalScore);
  const value = scoreRatio(score) as Ratio;
  if (compare(value, thresholdRatio(thresholds.excellent, 'excellent')) >= 0) return 'excellent';
  if (compare(value, thresholdRatio(thresholds.good, 'good')) >= 0) return 'good';
  if (compare(value, thresholdRatio(thresholds.pass, 'pass')) >= 0) return 'fair';
  return 'poor';
}

/**
 * `gradeFor` as an SQL expression: `scoreSql` a numeric expression, `thresholdsSql` a jsonb
 * expression holding `GradeThresholds` ({excellent, good, pass}). Compared as numeric, exactly as
 * `gradeFor` does; a score outside 0..totalScore (which `gradeFor` refuses) gets the grade of its band.
 */
export function gradeForSql(scoreSql: string, thresholdsSql: string): string {
  const at = (key: keyof GradeThresholds) => `(${thresholdsSql}->>'${key}')::numeric`;
  return `(CASE WHEN ${scoreSql} >= ${at('excellent')} THEN 'excellent' WHEN ${scoreSql} >= ${at('good')} THEN 'good' WHEN ${scoreSql} >= ${at('pass')} THEN 'fair' ELSE 'poor' END)`;
}

/** N1: 优 / 良 / 中 / 差 of an evaluation score ('90.00' → excellent, '89.99' → good, '59.99' → poor). */
export function evaluationGrade(score: ScoreInput, profile: Pick<PolicyProfileValues, 'evaluation'>): Grade {
  return gradeFor(score, profile.evaluation.grades, profile.evaluation.totalScore);
}

/** N5: grade of a target-review score (scored out of the same total as evaluations). */
export function reviewGrade(score: ScoreInput, profile: PolicyProfileValues): Grade {
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
