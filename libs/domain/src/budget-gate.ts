/**
 * The budget gate (R5, R7, N5, N6): may a project's budget be arranged? Pure rule; the API
 * gathers the inputs (the project's flags, its target, its pre-assessment) in bulk.
 */
import { GATE_REASON_LABELS, type GateReason, type GateReasonCode, type GateResult } from '@jixiao/contracts';
import { reviewGrade } from './grades';
import { targetInConsultation } from './target-flow';
import type { PolicyProfileValues } from './policy-profile';

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
  preAssessment: {
    status: 'draft' | 'submitted' | 'accepted' | 'returned' | string;
    conclusion: 'support' | 'support_after_adjustment' | 'reject' | string | null;
  } | null;
}

/** R5: a pre-assessment is required for new projects that are major or capital construction. */
export function preAssessmentRequired(input: Pick<BudgetGateInput, 'isNew' | 'isMajor' | 'isCapitalConstruction'>): boolean {
  return input.isNew && (input.isMajor || input.isCapitalConstruction);
}

function reason(code: GateReasonCode): GateReason {
  const label = GATE_REASON_LABELS[code];
  return { code, message: label.zh, messageEn: label.en };
}

/**
 * R7 / N5: no target → NO_TARGET; target rejected or graded 差 → TARGET_REVIEW_POOR; graded 良 and
 * still in consultation → TARGET_IN_CONSULTATION; otherwise not approved → TARGET_NOT_APPROVED.
 * R5 / N6: a required pre-assessment not accepted by the bureau → PRE_ASSESSMENT_MISSING; accepted
 * with 不予支持 → PRE_ASSESSMENT_REJECTED. Ready when no reason.
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
  if (preAssessmentRequired(input)) {
    const pa = input.preAssessment;
    if (!pa || pa.status !== 'accepted') reasons.push(reason('PRE_ASSESSMENT_MISSING'));
    else if (pa.conclusion === 'reject') reasons.push(reason('PRE_ASSESSMENT_REJECTED'));
  }
  return { status: reasons.length ? 'blocked' : 'ready', reasons };
}
