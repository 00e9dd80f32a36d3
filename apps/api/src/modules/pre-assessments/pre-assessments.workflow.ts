import { defineWorkflow } from '@jixiao/domain';
import type { PreAssessmentStatus } from '@jixiao/contracts';

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
