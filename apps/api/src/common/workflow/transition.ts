import { checkTransition, Workflow } from '@jixiao/domain';
import { AppError } from '../errors/app-error';

/**
 * Applies a workflow table (libs/domain `defineWorkflow`): returns the new state or throws
 * 409 ILLEGAL_TRANSITION naming the state, the action and the states it is allowed from.
 */
export function assertTransition<S extends string, A extends string>(workflow: Workflow<S, A>, from: S, action: A): S {
  const check = checkTransition(workflow, from, action);
  if (check.allowed) return check.to;
  throw new AppError('ILLEGAL_TRANSITION', 409, check.message, check.messageEn, [], {
    workflow: workflow.name,
    from: check.from,
    action: check.action,
    allowedFrom: check.allowedFrom,
  });
}
