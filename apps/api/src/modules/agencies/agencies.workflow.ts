import { type ActionRules, AGENCY_STATE_WORKFLOW, defineActionRules } from '@jixiao/domain';
import { type AgencyStateAction, Permission } from '@jixiao/contracts';

export { AGENCY_STATE_WORKFLOW };

/**
 * The bureau changes an agency's state (the transitions are AGENCY_STATE_WORKFLOW in libs/domain);
 * lifting a sanction takes a second person: whoever suspended or blacklisted the agency does not reinstate it.
 */
export const AGENCY_ACTION_RULES: ActionRules<AgencyStateAction> = defineActionRules('agency', {
  suspend: { permission: Permission.AgencyManage },
  blacklist: { permission: Permission.AgencyManage },
  reinstate: { permission: Permission.AgencyManage, notByActorOf: ['suspend', 'blacklist'] },
});
