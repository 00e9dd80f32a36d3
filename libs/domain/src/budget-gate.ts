/**
 * The budget gate (R5, R7, N5, N6): may a project's budget be arranged? Pure rule; the API
 * gathers the inputs (the project's flags, its target, its pre-assessment) in bulk.
 */
import { GATE_REASON_LABELS, type GateReason, type GateReasonCode, type GateResult } from '@jixiao/contracts';
import { reviewGrade } from './grades';
import { targetInConsultation } from './target-flow';
import type { PolicyProfileValues } from './policy-profile';
import { preAssessmentRequired, preAssessmentSupports, type PreAssessmentState } from './pre-assessment';

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
