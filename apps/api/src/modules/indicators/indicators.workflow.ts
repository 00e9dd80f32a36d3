import { type ActionRules, defineActionRules, defineWorkflow } from '@jixiao/domain';
import { type IndicatorStatus, Permission } from '@jixiao/contracts';

/** A department's proposal: the bureau accepts it into the library or rejects it with a comment. */
export const PROPOSAL_WORKFLOW = defineWorkflow<IndicatorStatus, 'accept' | 'reject'>({
  name: 'indicator_proposal',
  states: ['proposed', 'active', 'rejected'],
  transitions: {
    accept: { from: ['proposed'], to: 'active' },
    reject: { from: ['proposed'], to: 'rejected' },
  },
});

/** The bureau decides on a proposal; whoever proposed it never accepts it (rejecting withdraws it). */
export const PROPOSAL_ACTION_RULES: ActionRules<'accept' | 'reject'> = defineActionRules('indicator', {
  accept: { permission: Permission.IndicatorManage, notByActorOf: 'propose' },
  reject: { permission: Permission.IndicatorManage },
});
