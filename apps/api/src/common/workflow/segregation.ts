import { AUDIT_ACTION_LABELS, isAuditAction, type Label } from '@jixiao/contracts';
import { type ActionRecord, type ActionRules, declaredActionRules, type ActorOf, segregationConflict } from '@jixiao/domain';
import { AppError } from '../errors/app-error';

export const SEGREGATION_OF_DUTIES = 'SEGREGATION_OF_DUTIES';

/** The name a table of action rules was declared under (its audit prefix). */
function nameOf(rules: ActionRules<string>): string | null {
  for (const [name, table] of declaredActionRules()) if (table === rules) return name;
  return null;
}

function labelOf(prefix: string | null, action: string): Label {
  const key = prefix ? `${prefix}.${action}` : action;
  return isAuditAction(key) ? AUDIT_ACTION_LABELS[key] : { zh: action, en: action };
}

/**
 * Segregation of duties, enforced in this one place: refuses with 403 SEGREGATION_OF_DUTIES,
 * naming the earlier step, when the caller took an action on the record that the rule of `action`
 * keeps apart from it (the rule's `notByActorOf`, declared once in the module's ActionRules table,
 * which also keeps the action out of the record's `actions`). Call it before anything is written.
 */
export function assertSegregated<A extends string>(
  rules: ActionRules<A>,
  action: A,
  caller: { id: string },
  record: ActionRecord,
): void {
  const earlier = segregationConflict(rules[action], caller, record);
  if (earlier === null) return;
  const prefix = nameOf(rules as ActionRules<string>);
  const did = labelOf(prefix, earlier);
  const want = labelOf(prefix, action);
  throw new AppError(
    SEGREGATION_OF_DUTIES,
    403,
    `职责分离：您已在此记录上执行「${did.zh}」，不能再执行「${want.zh}」，须由他人办理`,
    `Segregation of duties: you took "${did.en}" on this record, so someone else must take "${want.en}"`,
    [],
    { action, earlierAction: earlier },
  );
}

/** The record's `actors` with the caller as the one who took `action` (a user's or an API key's id). */
export function withActor(actors: Readonly<Record<string, ActorOf>> | null | undefined, action: string, caller: { id: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(actors ?? {})) if (typeof v === 'string') out[k] = v;
  out[action] = caller.id;
  return out;
}
