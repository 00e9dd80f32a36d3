import { defineWorkflow } from '@jixiao/domain';
import type { IndicatorStatus } from '@jixiao/contracts';

/** A department's proposal: the bureau accepts it into the library or rejects it with a comment. */
export const PROPOSAL_WORKFLOW = defineWorkflow<IndicatorStatus, 'accept' | 'reject'>({
  name: 'indicator_proposal',
  states: ['proposed', 'active', 'rejected'],
  transitions: {
    accept: { from: ['proposed'], to: 'active' },
    reject: { from: ['proposed'], to: 'rejected' },
  },
});
