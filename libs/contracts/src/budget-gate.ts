/** Enums and labels of the budget-gate module (R5, R7, N5, N6), shared by the API and the SPA. */
import { Label, labelled } from './labels';

export const GateStatus = { Ready: 'ready', Blocked: 'blocked' } as const;
export type GateStatus = (typeof GateStatus)[keyof typeof GateStatus];
export const GATE_STATUS_LABELS: Record<GateStatus, Label> = {
  ready: { zh: '可安排预算', en: 'Ready for budget' },
  blocked: { zh: '暂不安排预算', en: 'Blocked' },
};
export const GATE_STATUSES = labelled(GATE_STATUS_LABELS);

export const GateReasonCode = {
  NoTarget: 'NO_TARGET',
  TargetNotApproved: 'TARGET_NOT_APPROVED',
  TargetReviewPoor: 'TARGET_REVIEW_POOR',
  TargetInConsultation: 'TARGET_IN_CONSULTATION',
  PreAssessmentMissing: 'PRE_ASSESSMENT_MISSING',
  PreAssessmentRejected: 'PRE_ASSESSMENT_REJECTED',
  PreAssessmentAdjustmentPending: 'PRE_ASSESSMENT_ADJUSTMENT_PENDING',
} as const;
export type GateReasonCode = (typeof GateReasonCode)[keyof typeof GateReasonCode];
export const GATE_REASON_CODES: GateReasonCode[] = Object.values(GateReasonCode);

export const GATE_REASON_LABELS: Record<GateReasonCode, Label> = {
  NO_TARGET: { zh: '未填报绩效目标', en: 'No performance target' },
  TARGET_NOT_APPROVED: { zh: '绩效目标未审核通过', en: 'Performance target not approved' },
  TARGET_REVIEW_POOR: { zh: '绩效目标评审结果为差或未通过', en: 'Target review graded poor or rejected' },
  TARGET_IN_CONSULTATION: {
    zh: '绩效目标评审为良，协商完善尚未确认',
    en: 'Target reviewed as good: consultation not yet confirmed',
  },
  PRE_ASSESSMENT_MISSING: { zh: '需事前绩效评估但尚未完成', en: 'Pre-assessment required but missing' },
  PRE_ASSESSMENT_REJECTED: { zh: '事前绩效评估结论为不予支持', en: 'Pre-assessment concluded: not supported' },
  PRE_ASSESSMENT_ADJUSTMENT_PENDING: {
    zh: '事前绩效评估结论为调整后支持，调整尚未完成',
    en: 'Pre-assessment concluded: support after adjustment; the adjustment is not yet done',
  },
};
export const GATE_REASONS = labelled(GATE_REASON_LABELS);

/** One reason a project is blocked, with its labels (so API clients need no table). */
export interface GateReason {
  code: GateReasonCode;
  message: string;
  messageEn: string;
}

export interface GateResult {
  status: GateStatus;
  reasons: GateReason[];
}
