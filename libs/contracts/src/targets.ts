/** Enums and labels of the targets module (绩效目标 / 审核 / 评审), shared by the API and the SPA. */
import { Label, labelled } from './labels';

export type TargetStatus =
  | 'draft'
  | 'department_review'
  | 'submitted'
  | 'returned'
  | 'expert_review'
  | 'in_consultation'
  | 'consultation_submitted'
  | 'approved'
  | 'rejected';
export const TARGET_STATUS_LABELS: Record<TargetStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  department_review: { zh: '待主管部门预审', en: 'Awaiting department pre-review' },
  submitted: { zh: '已提交待审核', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  expert_review: { zh: '专家评审中', en: 'In expert review' },
  in_consultation: { zh: '协商完善中', en: 'In consultation' },
  consultation_submitted: { zh: '协商修改待确认', en: 'Consultation revision awaiting confirmation' },
  approved: { zh: '已批复', en: 'Approved' },
  rejected: { zh: '评审未通过', en: 'Rejected' },
};
export const TARGET_STATUSES = labelled(TARGET_STATUS_LABELS);

/** Workflow actions of a target (the buttons the SPA may show). */
export type TargetAction =
  | 'edit'
  | 'submit'
  | 'submit_to_department'
  | 'pass'
  | 'pass_to_expert_review'
  | 'return'
  | 'pick_for_expert_review'
  | 'assign_experts'
  | 'conclude_approve'
  | 'conclude_consult'
  | 'conclude_return'
  | 'conclude_reject'
  | 'conclude'
  | 'department_pass'
  | 'department_return'
  | 'consultation_submit'
  | 'consultation_confirm'
  | 'consultation_return'
  | 'request_change';

export const TARGET_ACTION_LABELS: Record<TargetAction, Label> = {
  edit: { zh: '编辑', en: 'Edit' },
  submit: { zh: '提交审核', en: 'Submit' },
  submit_to_department: { zh: '提交主管部门预审', en: 'Submit to the department' },
  pass: { zh: '审核通过', en: 'Pass' },
  pass_to_expert_review: { zh: '审核通过，转专家评审', en: 'Pass to expert review' },
  return: { zh: '退回修改', en: 'Return' },
  pick_for_expert_review: { zh: '选取专家评审', en: 'Pick for expert review' },
  assign_experts: { zh: '指派评审专家', en: 'Assign experts' },
  conclude_approve: { zh: '评审结论：批复', en: 'Conclude: approve' },
  conclude_consult: { zh: '评审结论：协商完善（良）', en: 'Conclude: finalise after consultation (good)' },
  conclude_return: { zh: '评审结论：退回修改', en: 'Conclude: return' },
  conclude_reject: { zh: '评审结论：不予通过', en: 'Conclude: reject' },
  conclude: { zh: '形成评审结论', en: 'Conclude the expert review' },
  department_pass: { zh: '预审通过，报送财政局', en: 'Pre-review passed: send to the bureau' },
  department_return: { zh: '预审退回', en: 'Return from pre-review' },
  consultation_submit: { zh: '提交协商修改', en: 'Submit the consultation revision' },
  consultation_confirm: { zh: '确认协商结果', en: 'Confirm the consultation' },
  consultation_return: { zh: '协商意见退回', en: 'Send the revision back with comments' },
  request_change: { zh: '申请调整', en: 'Request a change' },
};

export type TargetChangeRequestStatus = 'pending' | 'approved' | 'rejected';
export const TARGET_CHANGE_REQUEST_STATUS_LABELS: Record<TargetChangeRequestStatus, Label> = {
  pending: { zh: '待审核', en: 'Pending' },
  approved: { zh: '已同意', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};

export type ExpertReviewStatus = 'assigned' | 'submitted';
export const EXPERT_REVIEW_STATUS_LABELS: Record<ExpertReviewStatus, Label> = {
  assigned: { zh: '待评审', en: 'Assigned' },
  submitted: { zh: '已评分', en: 'Submitted' },
};

/**
 * Indicator levels (N4), comparisons and units come from ./indicators (IndicatorLevel1,
 * LEVEL2_BY_LEVEL1, COMPARISONS, INDICATOR_UNITS): a target's indicators use the library's lists.
 */

/** Codes of the quality-check items (R8). */
export type TargetQualityCode =
  | 'OVERALL_GOAL_REQUIRED'
  | 'OUTPUT_INDICATOR_REQUIRED'
  | 'EFFECT_INDICATOR_REQUIRED'
  | 'INDICATOR_MEASURABLE'
  | 'QUALITATIVE_ONLY_WHEN_QUALITATIVE'
  | 'COST_WITHIN_BUDGET'
  | 'NO_DUPLICATE_INDICATORS'
  | 'VAGUE_WORDING';
