import type { Comparison, IndicatorLevel1 } from '@jixiao/contracts';
import {
  executionRate,
  isMoney,
  selfEvaluationScore,
  templateFor,
  templateScore,
  type ExecutionRate,
  type PolicyProfileValues,
  type SelfEvaluationResult,
  type TemplateScoreResult,
} from '@jixiao/domain';
import type { EvaluationDetail, SaveEvaluationBody } from '@/api/evaluations';

/**
 * "The score is computed live": the figures of an evaluation being typed, computed in the browser
 * with the very functions of libs/domain the API applies when it saves (execution rate,
 * `selfEvaluationScore` with the evaluated year's profile, `templateScore` on the profile's
 * indicator system). Nothing here is a second copy of a rule: this file only maps the form onto them.
 */

/**
 * The result the API saved, beside the live one. `neverSaved` when the API says nothing was saved
 * since the evaluation was started (`savedAt` null): its score is then only that of the pre-filled
 * values, so the editor says "not saved yet" rather than a score and grade.
 */
export interface SavedResult {
  score: string | null;
  grade: string | null;
  neverSaved: boolean;
}

export const savedResultOf = (d: Pick<EvaluationDetail, 'score' | 'grade' | 'savedAt'>): SavedResult => ({
  score: d.score,
  grade: d.grade,
  neverSaved: d.savedAt === null,
});

/** One indicator of the approved target as the form holds it (inputs as typed). */
export interface IndicatorRow {
  key: string;
  name: string;
  level1: string;
  level2: string | null;
  comparison: string;
  target: string | null;
  unit: string | null;
  weight: string | null;
  actual: string;
  band: string;
  explanation: string;
}

export interface FindingRow {
  finding: string;
  basis: string;
  amount: string;
  suggestedMeasure: string;
}

/** The editor's form: what a save sends. */
export interface EvaluationForm {
  executedAmount: string;
  summary: string;
  indicators: IndicatorRow[];
  /** Department and finance key evaluations: points by item code, as typed. */
  templateScores: Record<string, string>;
  findings: FindingRow[];
}

/** The form as the API's detail fills it. */
export function formFromDetail(detail: EvaluationDetail, profile: PolicyProfileValues | null): EvaluationForm {
  const templateScores: Record<string, string> = {};
  for (const d of detail.breakdown?.dimensions ?? []) for (const i of d.items) templateScores[i.code] = i.points ?? '';
  if (detail.kind !== 'self' && profile) {
    for (const d of templateFor(detail.projectKind as never, profile).dimensions) for (const i of d.items) templateScores[i.code] ??= '';
  }
  return {
    executedAmount: detail.executedAmount ?? '',
    summary: detail.summary ?? '',
    indicators: detail.indicators.map((i) => ({
      key: i.targetIndicatorId,
      name: i.name,
      level1: i.level1,
      level2: i.level2,
      comparison: i.comparison,
      target: i.target,
      unit: i.unit,
      weight: i.weight,
      actual: i.actual ?? '',
      band: i.band ?? '',
      explanation: i.explanation ?? '',
    })),
    templateScores,
    findings: detail.findings.map((f) => ({
      finding: f.finding,
      basis: f.basis ?? '',
      amount: f.amount ?? '',
      suggestedMeasure: f.suggestedMeasure ?? '',
    })),
  };
}

/** The budget the rate divides by: the latest approved adjusted budget, else the budget (as the API computes it). */
export function liveExecutionRate(executedAmount: string, budgetAmount: string, adjustedBudget: string | null): ExecutionRate | null {
  const executed = executedAmount.trim();
  if (!isMoney(executed)) return null;
  try {
    return executionRate(executed, budgetAmount, adjustedBudget);
  } catch {
    return null; // a zero budget: the API records no rate either
  }
}

export interface LiveSelfScore {
  rate: ExecutionRate | null;
  result: SelfEvaluationResult;
}

/** R11 / N2 live: the self-evaluation's score, grade, parts and rule lines for the form as typed. */
export function liveSelfScore(
  form: Pick<EvaluationForm, 'executedAmount' | 'indicators'>,
  budget: { budgetAmount: string; adjustedBudget: string | null },
  profile: PolicyProfileValues,
): LiveSelfScore {
  const rate = liveExecutionRate(form.executedAmount, budget.budgetAmount, budget.adjustedBudget);
  const result = selfEvaluationScore(
    {
      executionRate: rate?.rate ?? null,
      indicators: form.indicators.map((i) => ({
        key: i.key,
        name: i.name,
        level1: i.level1 as IndicatorLevel1,
        comparison: i.comparison as Comparison,
        target: i.target,
        unit: i.unit,
        actual: i.actual.trim() || null,
        band: i.band || null,
        weight: i.weight,
        explanation: i.explanation,
      })),
    },
    profile,
  );
  return { rate, result };
}

/** R12 / R14 live: the indicator system of what is evaluated, scored as typed. */
export function liveTemplateScore(projectKind: string, scores: Record<string, string>, profile: PolicyProfileValues): TemplateScoreResult {
  const given: Record<string, string> = {};
  for (const [code, points] of Object.entries(scores)) if (points.trim() !== '') given[code] = points.trim();
  return templateScore(templateFor(projectKind as never, profile), given, profile);
}

/** What a save sends for the form: everything the editor shows (the API changes only what is listed). */
export function saveBody(kind: string, version: number, form: EvaluationForm): SaveEvaluationBody {
  const text = (value: string) => (value.trim() ? value.trim() : null);
  return {
    version,
    summary: text(form.summary),
    ...(kind === 'self'
      ? {
          executedAmount: text(form.executedAmount),
          indicators: form.indicators.map((i) =>
            i.comparison === 'qualitative'
              ? { targetIndicatorId: i.key, band: i.band || null, explanation: text(i.explanation) }
              : { targetIndicatorId: i.key, actual: text(i.actual), explanation: text(i.explanation) },
          ),
        }
      : { templateScores: Object.entries(form.templateScores).map(([code, points]) => ({ code, points: text(points) })) }),
    findings: form.findings
      .filter((f) => f.finding.trim() || f.basis.trim() || f.amount.trim() || f.suggestedMeasure.trim())
      .map((f) => ({
        finding: f.finding.trim(),
        basis: text(f.basis),
        amount: text(f.amount),
        suggestedMeasure: text(f.suggestedMeasure),
      })),
  };
}

/** Has the form changed since it was filled from the detail? */
export function formChanged(a: EvaluationForm, b: EvaluationForm): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}
