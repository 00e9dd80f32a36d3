/**
 * Evaluation records (issue 9): what a recorded score and grade must satisfy, and which records feed
 * the five-year planner (R4). Scores are decimal strings with at most two decimals.
 */
import type { EvaluationKind } from '@jixiao/contracts';
import { evaluationGrade, type Grade } from './grades';
import type { PolicyProfileValues } from './policy-profile';

/**
 * R4: the evaluations that count as a project's key evaluation — the department's (R12) and the
 * finance bureau's (R14). A unit's self-evaluation (R11) does not.
 */
export const KEY_EVALUATION_KINDS: readonly EvaluationKind[] = ['department', 'finance_key'];

export function isKeyEvaluationKind(kind: string): boolean {
  return (KEY_EVALUATION_KINDS as readonly string[]).includes(kind);
}

const SCORE = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/**
 * N1: a score as recorded — 0 to the profile's total score with at most two decimals — as
 * 'NN.NN' ('85.5' → '85.50', '100' → '100.00'), or null when it is not one.
 */
export function normalizeScore(text: string, profile: PolicyProfileValues): string | null {
  const m = SCORE.exec(text.trim());
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (hundredths > Math.round(profile.evaluation.totalScore * 100)) return null;
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/**
 * N1: the grade a recorded score has under the evaluated year's profile, and whether the grade
 * given with it agrees. A record without a grade takes the expected one.
 */
export function checkRecordedGrade(score: string, grade: Grade | null, profile: PolicyProfileValues): { expected: Grade; agrees: boolean } {
  const normalized = normalizeScore(score, profile);
  if (normalized === null) throw new RangeError(`not a score of 0–${profile.evaluation.totalScore}: ${score}`);
  // Two-decimal texts and the profile's thresholds compare exactly as numbers (same decimal → same double, order kept).
  const expected = evaluationGrade(Number(normalized), profile);
  return { expected, agrees: grade === null || grade === expected };
}
