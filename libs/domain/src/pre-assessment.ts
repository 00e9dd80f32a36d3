/**
 * R5 / N6: which projects need a pre-assessment (事前绩效评估), which conclusion a total score
 * supports, and whether a pre-assessment lets the budget go ahead. One definition, used by the
 * API (in TypeScript and, through `preAssessmentRequirementClauses`, in SQL) and by the SPA.
 */
import { PRE_ASSESSMENT_CONCLUSION_CODE_LABELS, type FieldError, type PreAssessmentConclusionCode } from '@jixiao/contracts';
import { fieldIssue } from './field-issue';
import type { PolicyProfileValues, PreAssessmentRequirement } from './policy-profile';
import { PRE_ASSESSMENT_REQUIREMENTS } from './policy-profile';

/** The project flags R5 reads. */
export type PreAssessmentFlag = 'isNew' | 'isMajor' | 'isCapitalConstruction';
export type PreAssessmentFlags = Record<PreAssessmentFlag, boolean>;

/**
 * R5 as data: a pre-assessment is required when every flag of at least one clause is set.
 * - `new_major_or_any_capital` (the seed, 二.(二).1 「对新增重大政策和项目、基建投资项目进行事前绩效评估」):
 *   new and major, or any capital-construction investment project;
 * - `new_major_or_new_capital` (the earlier reading): new, and major or capital construction.
 * The SQL predicate is built from the same clauses, so the two cannot drift apart.
 */
export const PRE_ASSESSMENT_REQUIREMENT_CLAUSES: Readonly<Record<PreAssessmentRequirement, readonly (readonly PreAssessmentFlag[])[]>> = {
  new_major_or_any_capital: [['isNew', 'isMajor'], ['isCapitalConstruction']],
  new_major_or_new_capital: [
    ['isNew', 'isMajor'],
    ['isNew', 'isCapitalConstruction'],
  ],
};

/** The clauses of the profile's reading (a profile without one reads as the seed). */
export function preAssessmentRequirementClauses(profile: Pick<PolicyProfileValues, 'preAssessment'> | undefined) {
  const reading = profile?.preAssessment?.requirement;
  return PRE_ASSESSMENT_REQUIREMENT_CLAUSES[
    reading && PRE_ASSESSMENT_REQUIREMENTS.includes(reading) ? reading : 'new_major_or_any_capital'
  ];
}

/** R5: does the project need a pre-assessment under the year's profile? */
export function preAssessmentRequired(
  project: PreAssessmentFlags,
  profile: Pick<PolicyProfileValues, 'preAssessment'> | undefined,
): boolean {
  return preAssessmentRequirementClauses(profile).some((clause) => clause.every((flag) => project[flag]));
}

/**
 * R5 as an SQL boolean expression over a projects row, one CASE branch per reading: `column` maps
 * a flag to its column (e.g. `p.is_new`), `readingSql` is an expression giving the row's reading.
 * Generated from `PRE_ASSESSMENT_REQUIREMENT_CLAUSES`; an unknown or missing reading falls back to
 * the seed's, as `preAssessmentRequired` does.
 */
export function preAssessmentRequiredSql(column: (flag: PreAssessmentFlag) => string, readingSql: string): string {
  const clausesSql = (reading: PreAssessmentRequirement) =>
    `(${PRE_ASSESSMENT_REQUIREMENT_CLAUSES[reading].map((clause) => `(${clause.map(column).join(' AND ')})`).join(' OR ')})`;
  const branches = PRE_ASSESSMENT_REQUIREMENTS.filter((r) => r !== 'new_major_or_any_capital')
    .map((r) => `WHEN '${r}' THEN ${clausesSql(r)}`)
    .join(' ');
  return `(CASE ${readingSql} ${branches} ELSE ${clausesSql('new_major_or_any_capital')} END)`;
}

/**
 * N6: the conclusion the total score supports under the profile's bands: at or above `support`
 * → 支持, at or above `adjustThenSupport` → 调整后支持, below → 不予支持. Scores are compared in
 * hundredths, so '79.99' stays below a band of 80.
 */
/** What the conclusion rules read of a profile: the N6 bands (the SPA has them from the pre-assessment). */
export interface ConclusionBandsSource {
  preAssessment: Pick<PolicyProfileValues['preAssessment'], 'conclusionBands'>;
}

export function conclusionForScore(total: string | number, profile: ConclusionBandsSource): PreAssessmentConclusionCode {
  const value = typeof total === 'number' ? total : Number(total);
  if (!Number.isFinite(value)) throw new RangeError(`conclusionForScore: not a score: ${String(total)}`);
  const hundredths = Math.round(value * 100);
  const bands = profile.preAssessment.conclusionBands;
  if (hundredths >= Math.round(bands.support * 100)) return 'support';
  if (hundredths >= Math.round(bands.adjustThenSupport * 100)) return 'support_after_adjustment';
  return 'reject';
}

/** The state of a pre-assessment the budget gate reads. */
export interface PreAssessmentState {
  status: 'draft' | 'submitted' | 'accepted' | 'returned' | string;
  conclusion: PreAssessmentConclusionCode | string | null;
  /** For 调整后支持: the department has recorded the adjustment as done. */
  adjustmentCompleted?: boolean;
}

/**
 * Finished and supporting: accepted by the finance bureau, concluded 支持, or 调整后支持 with the
 * adjustment recorded as done. Such a pre-assessment opens the gate — for its own project, and
 * for a project with the same code in a later year.
 */
export function preAssessmentSupports(pa: PreAssessmentState | null | undefined): boolean {
  if (!pa || pa.status !== 'accepted') return false;
  if (pa.conclusion === 'support') return true;
  return pa.conclusion === 'support_after_adjustment' && pa.adjustmentCompleted === true;
}

/**
 * `preAssessmentSupports` as an SQL boolean (never NULL) over a pre-assessment's columns:
 * `status`, `conclusion` and `adjustmentCompleted` (a boolean expression) are SQL expressions.
 */
export function preAssessmentSupportsSql(status: string, conclusion: string, adjustmentCompleted: string): string {
  return `((${status} = 'accepted' AND (${conclusion} = 'support' OR (${conclusion} = 'support_after_adjustment' AND ${adjustmentCompleted}))) IS TRUE)`;
}

/** What `conclusionIssues` reads of a pre-assessment. */
export interface ConclusionInput {
  /** The total of the scores, when every dimension is scored; null while the scoring is partial. */
  completeTotal: string | number | null;
  conclusion: PreAssessmentConclusionCode | string | null;
  /** Why the conclusion departs from the one the score supports. */
  departureReason?: string | null;
  /** For 调整后支持: what the department has to adjust. */
  adjustmentRequired?: string | null;
}

const blank = (text: string | null | undefined) => !text || !text.trim();

/**
 * N6: a conclusion must agree with the band of the complete total score (`conclusionForScore`),
 * unless a reason for departing is recorded (`departureReason`); 调整后支持 must say what is to be
 * adjusted (`adjustmentRequired`). No conclusion yet → no issue.
 */
export function conclusionIssues(input: ConclusionInput, profile: ConclusionBandsSource): FieldError[] {
  const issues: FieldError[] = [];
  if (!input.conclusion) return issues;
  if (input.completeTotal !== null) {
    const suggested = conclusionForScore(input.completeTotal, profile);
    if (suggested !== input.conclusion && blank(input.departureReason)) {
      const label = PRE_ASSESSMENT_CONCLUSION_CODE_LABELS[suggested];
      issues.push(
        fieldIssue(
          'departureReason',
          'DEPARTS_FROM_SCORE',
          `总分 ${Number(input.completeTotal).toFixed(2)} 对应的结论为「${label.zh}」，选择其他结论须说明理由`,
          `a total of ${Number(input.completeTotal).toFixed(2)} supports "${label.en}"; another conclusion needs a reason`,
        ),
      );
    }
  }
  if (input.conclusion === 'support_after_adjustment' && blank(input.adjustmentRequired)) {
    issues.push(
      fieldIssue(
        'adjustmentRequired',
        'REQUIRED',
        '结论为调整后支持时须写明调整要求',
        'support after adjustment needs the adjustment required',
      ),
    );
  }
  return issues;
}
