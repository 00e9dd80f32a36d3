import { Permission } from '@jixiao/contracts';
import { type ActionRules, defineActionRules, defineWorkflow } from '@jixiao/domain';
import type { TargetStatus } from './entities/target.entity';
import type { ChangeRequestStatus } from './entities/target-change-request.entity';

export type TargetWorkflowAction =
  | 'submit'
  | 'submit_to_department'
  | 'department_pass'
  | 'department_return'
  | 'pass'
  | 'pass_to_expert_review'
  | 'return'
  | 'pick_for_expert_review'
  | 'assign_experts'
  | 'conclude_approve'
  | 'conclude_consult'
  | 'conclude_return'
  | 'conclude_reject'
  | 'consultation_submit'
  | 'consultation_confirm'
  | 'consultation_return'
  | 'request_change';

/**
 * R7, R8, N5: the review of a performance target.
 * - 谁批预算谁批目标: a unit's target goes first to its department (department_review), which passes
 *   it on to the bureau or returns it; targets of departments and towns go straight to the bureau.
 * - N5 良 (finalised after consultation): the expert review ends in in_consultation with the
 *   bureau's comments; the department revises and submits (consultation_submitted); the bureau
 *   confirms (approved, no second expert round) or sends it back (in_consultation).
 * Editing is allowed in draft, returned and in_consultation.
 */
export const TARGET_WORKFLOW = defineWorkflow<TargetStatus, TargetWorkflowAction>({
  name: 'target',
  states: [
    'draft',
    'department_review',
    'submitted',
    'returned',
    'expert_review',
    'in_consultation',
    'consultation_submitted',
    'approved',
    'rejected',
  ],
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    submit_to_department: { from: ['draft', 'returned'], to: 'department_review' },
    department_pass: { from: ['department_review'], to: 'submitted' },
    department_return: { from: ['department_review'], to: 'returned' },
    pass: { from: ['submitted'], to: 'approved' },
    pass_to_expert_review: { from: ['submitted'], to: 'expert_review' },
    return: { from: ['submitted'], to: 'returned' },
    pick_for_expert_review: { from: ['submitted'], to: 'submitted' },
    assign_experts: { from: ['expert_review'], to: 'expert_review' },
    conclude_approve: { from: ['expert_review'], to: 'approved' },
    conclude_consult: { from: ['expert_review'], to: 'in_consultation' },
    conclude_return: { from: ['expert_review'], to: 'returned' },
    conclude_reject: { from: ['expert_review'], to: 'rejected' },
    consultation_submit: { from: ['in_consultation'], to: 'consultation_submitted' },
    consultation_confirm: { from: ['consultation_submitted'], to: 'approved' },
    consultation_return: { from: ['consultation_submitted'], to: 'in_consultation' },
    request_change: { from: ['approved'], to: 'approved' },
  },
});

/** Whoever submitted the target (to the bureau or to its department first). */
const SUBMITTERS = ['submit', 'submit_to_department'] as const;

/**
 * Who takes each step: the owner writes, submits, revises in consultation and asks for changes; the
 * unit's own department pre-reviews (within its subtree; the service also checks it is the unit's
 * parent); the bureau reviews (district-only). Segregation of duties — whoever asks never
 * approves: whoever submitted a target does not pass it (in pre-review or review) or conclude its
 * review; an expert who scored it does not conclude it; whoever submitted a consultation revision
 * does not confirm it. Sending one's own submission back (return) stays open: it approves nothing.
 */
export const TARGET_ACTION_RULES: ActionRules<TargetWorkflowAction> = defineActionRules('target', {
  submit: { permission: Permission.TargetWrite },
  submit_to_department: { permission: Permission.TargetWrite },
  department_pass: { permission: Permission.TargetPreReview, notByActorOf: 'submit_to_department' },
  department_return: { permission: Permission.TargetPreReview },
  request_change: { permission: Permission.TargetWrite },
  pass: { permission: Permission.TargetReview, notByActorOf: SUBMITTERS },
  pass_to_expert_review: { permission: Permission.TargetReview, notByActorOf: SUBMITTERS },
  return: { permission: Permission.TargetReview },
  pick_for_expert_review: { permission: Permission.TargetReview },
  assign_experts: { permission: Permission.TargetReview },
  conclude_approve: { permission: Permission.TargetReview, notByActorOf: [...SUBMITTERS, 'expert_score'] },
  conclude_consult: { permission: Permission.TargetReview, notByActorOf: [...SUBMITTERS, 'expert_score'] },
  conclude_return: { permission: Permission.TargetReview, notByActorOf: [...SUBMITTERS, 'expert_score'] },
  conclude_reject: { permission: Permission.TargetReview, notByActorOf: [...SUBMITTERS, 'expert_score'] },
  consultation_submit: { permission: Permission.TargetWrite },
  consultation_confirm: { permission: Permission.TargetReview, notByActorOf: 'consultation_submit' },
  consultation_return: { permission: Permission.TargetReview },
});

/** Editing a target's content is not a transition, but the same kind of step as submitting it. */
export const TARGET_EDIT_RULE = TARGET_ACTION_RULES.submit;

export const EDITABLE_TARGET_STATUSES: readonly TargetStatus[] = ['draft', 'returned', 'in_consultation'];

export const CHANGE_REQUEST_WORKFLOW = defineWorkflow<ChangeRequestStatus, 'approve' | 'reject'>({
  name: 'target_change_request',
  states: ['pending', 'approved', 'rejected'],
  transitions: {
    approve: { from: ['pending'], to: 'approved' },
    reject: { from: ['pending'], to: 'rejected' },
  },
});

/** A change request: the bureau approves or rejects it; whoever asked never approves it (rejecting withdraws it). */
export const CHANGE_REQUEST_ACTION_RULES: ActionRules<'approve' | 'reject'> = defineActionRules('target.change_request', {
  approve: { permission: Permission.TargetReview, notByActorOf: 'create' },
  reject: { permission: Permission.TargetReview },
});
