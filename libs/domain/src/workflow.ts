/**
 * Workflow state machines as data: the allowed transitions of a workflow are a table, and one
 * function decides whether an action may move a record from its state. Every module's workflow
 * (key project lists, pre-assessments, targets, change requests …) is declared with it.
 */
import { type DataScopeKind, mayHoldPermission, type Permission } from '@jixiao/contracts';

export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
}

export interface Workflow<S extends string, A extends string> {
  name: string;
  states: readonly S[];
  transitions: Readonly<Record<A, Transition<S>>>;
}

export function defineWorkflow<S extends string, A extends string>(workflow: Workflow<S, A>): Workflow<S, A> {
  for (const [action, t] of Object.entries(workflow.transitions) as [string, Transition<S>][]) {
    for (const state of [...t.from, t.to]) {
      if (!workflow.states.includes(state)) throw new Error(`${workflow.name}.${action} names unknown state ${state}`);
    }
  }
  return workflow;
}

export type TransitionCheck<S extends string> =
  | { allowed: true; to: S }
  | { allowed: false; code: 'ILLEGAL_TRANSITION'; message: string; messageEn: string; from: S; action: string; allowedFrom: readonly S[] };

/** May `action` move a record that is in `from`? Returns the new state, or why not. */
export function checkTransition<S extends string, A extends string>(workflow: Workflow<S, A>, from: S, action: A): TransitionCheck<S> {
  const t = workflow.transitions[action];
  if (t && t.from.includes(from)) return { allowed: true, to: t.to };
  return {
    allowed: false,
    code: 'ILLEGAL_TRANSITION',
    message: `当前状态（${from}）不能执行该操作（${String(action)}）`,
    messageEn: `${workflow.name}: "${String(action)}" is not allowed from state "${from}"`,
    from,
    action: String(action),
    allowedFrom: t?.from ?? [],
  };
}

/** The actions available from a state, e.g. to show only the buttons that can work. */
export function availableActions<S extends string, A extends string>(workflow: Workflow<S, A>, from: S): A[] {
  return (Object.keys(workflow.transitions) as A[]).filter((a) => workflow.transitions[a].from.includes(from));
}

/** Who is asking, as far as offering actions is concerned (the API's principal satisfies it). */
export interface WorkflowActor {
  /** User id or API key id. */
  id: string;
  permissions: ReadonlySet<string>;
  readOnly: boolean;
  dataScope: DataScopeKind;
  organizationId: string | null;
}

/** What one action needs from the caller, beyond the state the workflow table asks for. */
export interface ActionRule {
  /** The permission the route of the action is guarded with. */
  permission: Permission;
  /** Taken only by the record's own organization (a department submits its own list; the bureau does not submit for it). */
  ownOrganizationOnly?: boolean;
  /**
   * Segregation of duties ("whoever asks never approves"): not by whoever took this earlier action
   * (or any of these) on the record, e.g. `{ notByActorOf: 'submit' }` on a review. The record says
   * who that was in `actors`.
   */
  notByActorOf?: string | readonly string[];
}

export type ActionRules<A extends string> = Readonly<Record<A, ActionRule>>;

/** Who took an earlier action on a record: a user or API key id, or several (e.g. every expert who scored). */
export type ActorOf = string | readonly string[] | null | undefined;

/** The record the actions are for: its owning organization and who took earlier actions on it. */
export interface ActionRecord {
  organizationId: string | null;
  actors?: Readonly<Record<string, ActorOf>>;
}

const registry = new Map<string, ActionRules<string>>();

/**
 * Declares a module's action rules once, under the name its audit entries use as prefix (`target`,
 * `key_project_list`, `target.change_request` …): `<name>.<action>` is the audited action, so the
 * segregation error can name the earlier step, and a test can find every table that segregates.
 */
export function defineActionRules<A extends string>(name: string, rules: ActionRules<A>): ActionRules<A> {
  const known = registry.get(name);
  if (known && known !== rules) throw new Error(`action rules "${name}" are declared twice`);
  registry.set(name, rules);
  return rules;
}

/** Every declared table of action rules, by name (for tests that must cover each segregation rule). */
export function declaredActionRules(): ReadonlyMap<string, ActionRules<string>> {
  return registry;
}

/** The earlier actions a rule keeps apart from itself (none, one or several). */
export function segregatedFrom(rule: ActionRule): readonly string[] {
  if (!rule.notByActorOf) return [];
  return typeof rule.notByActorOf === 'string' ? [rule.notByActorOf] : rule.notByActorOf;
}

/**
 * Segregation of duties: the earlier action on this record that this actor took and that the rule
 * keeps apart from it, or null when there is none (the actor may take the action, as far as
 * segregation goes).
 */
export function segregationConflict(rule: ActionRule, actor: Pick<WorkflowActor, 'id'>, record: ActionRecord): string | null {
  for (const earlier of segregatedFrom(rule)) {
    const by = record.actors?.[earlier];
    if (by === actor.id || (Array.isArray(by) && by.includes(actor.id))) return earlier;
  }
  return null;
}

/**
 * May this caller take the action on this record (leaving the workflow state aside)? It must hold
 * the permission, within its data scope (district-only permissions need district-wide scope), not
 * be read-only, and meet the action's own-organization and segregation rules.
 */
export function mayTakeAction(rule: ActionRule, actor: WorkflowActor, record: ActionRecord): boolean {
  if (actor.readOnly) return false;
  if (!actor.permissions.has(rule.permission) || !mayHoldPermission(rule.permission, actor.dataScope)) return false;
  if (rule.ownOrganizationOnly && (actor.organizationId === null || actor.organizationId !== record.organizationId)) return false;
  if (segregationConflict(rule, actor, record) !== null) return false;
  return true;
}

/**
 * THE `actions` of a resource: the transitions the workflow table allows from the record's state
 * that this caller may take. Every response that lists `actions` is computed with it, so a button
 * the SPA shows is one the API will accept.
 */
export function permittedActions<S extends string, A extends string>(
  workflow: Workflow<S, A>,
  from: S,
  rules: ActionRules<A>,
  actor: WorkflowActor,
  record: ActionRecord,
): A[] {
  return availableActions(workflow, from).filter((action) => mayTakeAction(rules[action], actor, record));
}
