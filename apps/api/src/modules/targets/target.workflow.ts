import { defineWorkflow } from '@jixiao/domain';
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

export const EDITABLE_TARGET_STATUSES: readonly TargetStatus[] = ['draft', 'returned'];

export const CHANGE_REQUEST_WORKFLOW = defineWorkflow<ChangeRequestStatus, 'approve' | 'reject'>({
  name: 'target_change_request',
  states: ['pending', 'approved', 'rejected'],
  transitions: {
    approve: { from: ['pending'], to: 'approved' },
    reject: { from: ['pending'], to: 'rejected' },
  },
});
