/**
 * Workflow state machines as data: the allowed transitions of a workflow are a table, and one
 * function decides whether an action may move a record from its state. Every module's workflow
 * (key project lists, pre-assessments, targets, change requests …) is declared with it.
 */
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
