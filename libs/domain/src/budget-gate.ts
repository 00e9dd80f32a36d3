/**
 * The budget gate (R5, R7, N5, N6): may a project's budget be arranged? Pure rule; the API
 * gathers the inputs (the project's flags, its target, its pre-assessment) in bulk.
 */
import { GATE_REASON_LABELS, type GateReason, type GateReasonCode, type GateResult } from '@jixiao/contracts';
import { gradeForSql, reviewGrade } from './grades';
import { TARGET_CONSULTATION_STATUSES, targetInConsultation } from './target-flow';
import type { PolicyProfileValues } from './policy-profile';
import {
  preAssessmentRequired,
  preAssessmentRequiredSql,
  preAssessmentSupports,
  preAssessmentSupportsSql,
  type PreAssessmentFlag,
  type PreAssessmentState,
} from './pre-assessment';

export interface BudgetGateInput {
  /** New project (not continuing). */
  isNew: boolean;
  isMajor: boolean;
  isCapitalConstruction: boolean;
  /** The project's performance target, if one exists. */
  target: {
    status: 'draft' | 'submitted' | 'returned' | 'expert_review' | 'approved' | 'rejected' | string;
    reviewGrade: 'excellent' | 'good' | 'fair' | 'poor' | string | null;
    /** Review score; used for the grade when no grade was recorded and a profile is given. */
    reviewScore?: string | number | null;
  } | null;
  /** The project's pre-assessment, if one exists. */
  preAssessment: PreAssessmentState | null;
  /** A finished, supporting pre-assessment of the same project code in an earlier year exists (R5). */
  earlierSupportingPreAssessment?: boolean;
}

function reason(code: GateReasonCode): GateReason {
  const label = GATE_REASON_LABELS[code];
  return { code, message: label.zh, messageEn: label.en };
}

/**
 * A stored gate (a project's gate_status and gate_reasons columns) as the JSON of its GateResult,
 * written by PostgreSQL: 'ready' or 'blocked', each reason code with its labels (GATE_REASON_LABELS)
 * in stored order. For lists whose items PostgreSQL writes.
 */
export function storedGateJsonSql(status: string, reasons: string): string {
  return `json_build_object('status', ${storedGateStatusSql(status)}, 'reasons', ${storedGateReasonsSql(reasons)})`;
}

/** The `status` of a stored gate (`storedGateJsonSql`): 'ready' or 'blocked'. */
export function storedGateStatusSql(status: string): string {
  return `(CASE WHEN ${status} = 'ready' THEN 'ready' ELSE 'blocked' END)`;
}

/**
 * The `reasons` of a stored gate (`storedGateJsonSql`): a JSON array of each code with its labels, in stored order.
 * A gate without reasons (every ready project) answers `[]`. The codes' array as JSON text, each quoted
 * code replaced by its labels' object (a literal): expressions only — no subquery for a list statement
 * planned at each request (a search) to plan again (the unnest it replaced: ~0.05–0.09 ms of
 * PostgreSQL's time a page on the city year, more under load). A code is replaced once, and no label
 * holds another code in quotes, so an object is never replaced into.
 */
export function storedGateReasonsSql(reasons: string): string {
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
  let json = `array_to_json(${reasons})::text`;
  for (const [code, label] of Object.entries(GATE_REASON_LABELS)) {
    json = `replace(${json}, ${literal(JSON.stringify(code))}, ${literal(JSON.stringify({ code, message: label.zh, messageEn: label.en }))})`;
  }
  return `(CASE WHEN cardinality(${reasons}) = 0 THEN '[]'::json ELSE ${json}::json END)`;
}

/**
 * R7 / N5: no target → NO_TARGET; target rejected or graded 差 → TARGET_REVIEW_POOR; graded 良 and
 * still in consultation → TARGET_IN_CONSULTATION; otherwise not approved → TARGET_NOT_APPROVED.
 * R5 / N6 (when `preAssessmentRequired` under the profile's reading): the project's own
 * pre-assessment, once accepted by the bureau, decides — 不予支持 → PRE_ASSESSMENT_REJECTED,
 * 调整后支持 with the adjustment not yet recorded as done → PRE_ASSESSMENT_ADJUSTMENT_PENDING; without
 * an accepted one of its own, a finished supporting one of the same code in an earlier year counts,
 * else PRE_ASSESSMENT_MISSING. Ready when no reason. Without a profile the seed's reading applies.
 */
export function budgetGate(input: BudgetGateInput, profile?: PolicyProfileValues): GateResult {
  const reasons: GateReason[] = [];
  const target = input.target;
  if (!target) {
    reasons.push(reason('NO_TARGET'));
  } else {
    let grade = target.reviewGrade;
    if (!grade && profile && target.reviewScore !== null && target.reviewScore !== undefined && target.reviewScore !== '') {
      const score = Number(target.reviewScore);
      if (Number.isFinite(score)) grade = reviewGrade(score, profile);
    }
    if (target.status === 'rejected' || grade === 'poor') reasons.push(reason('TARGET_REVIEW_POOR'));
    else if (targetInConsultation(target.status)) reasons.push(reason('TARGET_IN_CONSULTATION'));
    else if (target.status !== 'approved') reasons.push(reason('TARGET_NOT_APPROVED'));
  }
  if (preAssessmentRequired(input, profile)) {
    const pa = input.preAssessment;
    if (pa && pa.status === 'accepted') {
      if (pa.conclusion === 'reject') reasons.push(reason('PRE_ASSESSMENT_REJECTED'));
      else if (!preAssessmentSupports(pa)) {
        reasons.push(reason(pa.conclusion === 'support_after_adjustment' ? 'PRE_ASSESSMENT_ADJUSTMENT_PENDING' : 'PRE_ASSESSMENT_MISSING'));
      }
    } else if (!input.earlierSupportingPreAssessment) {
      reasons.push(reason('PRE_ASSESSMENT_MISSING'));
    }
  }
  return { status: reasons.length ? 'blocked' : 'ready', reasons };
}

/** SQL expressions for the inputs of `budgetGate` on one projects row (see `budgetGateReasonsSql`). */
export interface BudgetGateSqlInputs {
  /** A project flag's column, e.g. `p.is_new`. */
  flag: (flag: PreAssessmentFlag) => string;
  /** The target's status, grade and score (all NULL when there is no target; the status is never NULL otherwise). */
  targetStatus: string;
  targetGrade: string;
  targetScore: string;
  /** The project's own pre-assessment: status (NULL when none), conclusion, adjustment recorded as done (boolean). */
  preAssessmentStatus: string;
  preAssessmentConclusion: string;
  preAssessmentAdjustmentCompleted: string;
  /** Boolean: a finished, supporting pre-assessment of the same code in an earlier year exists. */
  earlierSupportingPreAssessment: string;
  /** The year's policy profile values (jsonb), NULL when the year has none. */
  profile: string;
}

/** What `budgetGate` reads of a profile (jsonb paths): a change elsewhere in the values leaves every gate as it is. */
export const BUDGET_GATE_PROFILE_PATHS: readonly (readonly string[])[] = [
  ['preAssessment', 'requirement'],
  ['targetReview', 'grades'],
];

const sqlCode = (code: GateReasonCode) => `'${code}'`;

/**
 * `budgetGate` as SQL: an expression giving the reason codes (text[], in the order `budgetGate`
 * gives them; empty when ready) from the inputs' expressions. Built from the same pieces as the
 * TypeScript rule — `targetInConsultation`'s statuses, `gradeFor`'s bands (`gradeForSql`, read
 * only when no grade is recorded and the year has a profile), R5's clauses (`preAssessmentRequiredSql`)
 * and `preAssessmentSupports` (`preAssessmentSupportsSql`).
 */
export function budgetGateReasonsSql(i: BudgetGateSqlInputs): string {
  const grade =
    `coalesce(nullif(${i.targetGrade}, ''), CASE WHEN ${i.profile} IS NOT NULL AND ${i.targetScore} IS NOT NULL ` +
    `THEN ${gradeForSql(i.targetScore, `(${i.profile}->'targetReview'->'grades')`)} END)`;
  const consultation = TARGET_CONSULTATION_STATUSES.map((s) => `'${s}'`).join(', ');
  const targetReason =
    `CASE WHEN ${i.targetStatus} IS NULL THEN ${sqlCode('NO_TARGET')}` +
    ` WHEN (${i.targetStatus} = 'rejected' OR ${grade} = 'poor') IS TRUE THEN ${sqlCode('TARGET_REVIEW_POOR')}` +
    ` WHEN ${i.targetStatus} IN (${consultation}) THEN ${sqlCode('TARGET_IN_CONSULTATION')}` +
    ` WHEN ${i.targetStatus} <> 'approved' THEN ${sqlCode('TARGET_NOT_APPROVED')} END`;
  const required = preAssessmentRequiredSql(i.flag, `(${i.profile}->'preAssessment'->>'requirement')`);
  const supports = preAssessmentSupportsSql(i.preAssessmentStatus, i.preAssessmentConclusion, i.preAssessmentAdjustmentCompleted);
  const preAssessmentReason =
    `CASE WHEN ${required} IS NOT TRUE THEN NULL` +
    ` WHEN ${i.preAssessmentStatus} = 'accepted' THEN CASE WHEN ${i.preAssessmentConclusion} = 'reject' THEN ${sqlCode('PRE_ASSESSMENT_REJECTED')}` +
    ` WHEN NOT ${supports} THEN CASE WHEN ${i.preAssessmentConclusion} = 'support_after_adjustment' THEN ${sqlCode('PRE_ASSESSMENT_ADJUSTMENT_PENDING')}` +
    ` ELSE ${sqlCode('PRE_ASSESSMENT_MISSING')} END END` +
    ` WHEN (${i.earlierSupportingPreAssessment}) IS NOT TRUE THEN ${sqlCode('PRE_ASSESSMENT_MISSING')} END`;
  return `array_remove(ARRAY[${targetReason}, ${preAssessmentReason}]::text[], NULL)`;
}
