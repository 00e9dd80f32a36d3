import { type ActionRules, defineActionRules, defineWorkflow } from '@jixiao/domain';
import { Permission, type PreAssessmentStatus } from '@jixiao/contracts';

/** R5/N6: the department (or its agency) submits, the finance bureau accepts or returns with a comment. */
export const PRE_ASSESSMENT_WORKFLOW = defineWorkflow<PreAssessmentStatus, 'submit' | 'accept' | 'return'>({
  name: 'pre_assessment',
  states: ['draft', 'submitted', 'accepted', 'returned'],
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    accept: { from: ['submitted'], to: 'accepted' },
    return: { from: ['submitted'], to: 'returned' },
  },
});

/** States in which scores, opinions, the conclusion and the report may still change. */
export const EDITABLE_STATES: readonly PreAssessmentStatus[] = ['draft', 'returned'];

/**
 * Who takes each step: the department (or the commissioned agency) submits; the bureau accepts or
 * returns; whoever submitted never accepts (returning approves nothing); 调整后支持: the department records the adjustment as done, never
 * whoever accepted the conclusion that asked for it (else one person would open the budget gate).
 */
export const PRE_ASSESSMENT_ACTION_RULES: ActionRules<'submit' | 'accept' | 'return' | 'adjustment_complete'> = defineActionRules(
  'pre_assessment',
  {
    submit: { permission: Permission.PreAssessmentWrite },
    accept: { permission: Permission.PreAssessmentReview, notByActorOf: 'submit' },
    return: { permission: Permission.PreAssessmentReview },
    adjustment_complete: { permission: Permission.PreAssessmentWrite, notByActorOf: 'accept' },
  },
);
