import { Permission } from '@jixiao/contracts';
import { type ActionRules, defineWorkflow } from '@jixiao/domain';
import type { TargetStatus } from './entities/target.entity';
import type { ChangeRequestStatus } from './entities/target-change-request.entity';

export type TargetWorkflowAction =
  | 'submit'
  | 'pass'
  | 'pass_to_expert_review'
  | 'return'
  | 'pick_for_expert_review'
  | 'assign_experts'
  | 'conclude_approve'
  | 'conclude_return'
  | 'conclude_reject'
  | 'request_change';

/** R7, R8, N5: the review of a performance target. Editing is allowed in draft and returned. */
export const TARGET_WORKFLOW = defineWorkflow<TargetStatus, TargetWorkflowAction>({
  name: 'target',
  states: ['draft', 'submitted', 'returned', 'expert_review', 'approved', 'rejected'],
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    pass: { from: ['submitted'], to: 'approved' },
    pass_to_expert_review: { from: ['submitted'], to: 'expert_review' },
    return: { from: ['submitted'], to: 'returned' },
    pick_for_expert_review: { from: ['submitted'], to: 'submitted' },
    assign_experts: { from: ['expert_review'], to: 'expert_review' },
    conclude_approve: { from: ['expert_review'], to: 'approved' },
    conclude_return: { from: ['expert_review'], to: 'returned' },
    conclude_reject: { from: ['expert_review'], to: 'rejected' },
    request_change: { from: ['approved'], to: 'approved' },
  },
});

/** Who takes each step: the owner writes, submits and asks for changes; the bureau reviews (district-only). */
export const TARGET_ACTION_RULES: ActionRules<TargetWorkflowAction> = {
  submit: { permission: Permission.TargetWrite },
  request_change: { permission: Permission.TargetWrite },
  pass: { permission: Permission.TargetReview },
  pass_to_expert_review: { permission: Permission.TargetReview },
  return: { permission: Permission.TargetReview },
  pick_for_expert_review: { permission: Permission.TargetReview },
  assign_experts: { permission: Permission.TargetReview },
  conclude_approve: { permission: Permission.TargetReview },
  conclude_return: { permission: Permission.TargetReview },
  conclude_reject: { permission: Permission.TargetReview },
};

/** Editing a target's content is not a transition, but the same kind of step as submitting it. */
export const TARGET_EDIT_RULE = TARGET_ACTION_RULES.submit;

export const EDITABLE_TARGET_STATUSES: readonly TargetStatus[] = ['draft', 'returned'];

export const CHANGE_REQUEST_WORKFLOW = defineWorkflow<ChangeRequestStatus, 'approve' | 'reject'>({
  name: 'target_change_request',
  states: ['pending', 'approved', 'rejected'],
  transitions: {
    approve: { from: ['pending'], to: 'approved' },
    reject: { from: ['pending'], to: 'rejected' },
  },
});
