import { KEY_PROJECT_LIST_ACTION_RULES } from './key-project';
import {
  type ActionRules,
  availableActions,
  checkTransition,
  declaredActionRules,
  defineActionRules,
  defineWorkflow,
  permittedActions,
  segregatedFrom,
  segregationConflict,
  type WorkflowActor,
} from './workflow';

const lists = defineWorkflow({
  name: 'key-project-list',
  states: ['draft', 'submitted', 'filed', 'returned'] as const,
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    file: { from: ['submitted'], to: 'filed' },
    return: { from: ['submitted'], to: 'returned' },
  },
});

describe('workflow state machines', () => {
  it('allows a listed transition and names the new state', () => {
    expect(checkTransition(lists, 'draft', 'submit')).toEqual({ allowed: true, to: 'submitted' });
    expect(checkTransition(lists, 'returned', 'submit')).toEqual({ allowed: true, to: 'submitted' });
  });

  it('refuses every transition that is not in the table, with a coded reason', () => {
    const refused = checkTransition(lists, 'filed', 'return');
    expect(refused).toMatchObject({ allowed: false, code: 'ILLEGAL_TRANSITION', from: 'filed', action: 'return', allowedFrom: ['submitted'] });
    expect(checkTransition(lists, 'draft', 'file').allowed).toBe(false);
  });

  it('lists the actions available from a state', () => {
    expect(availableActions(lists, 'submitted').sort()).toEqual(['file', 'return']);
    expect(availableActions(lists, 'filed')).toEqual([]);
  });

  it('rejects a table that names an unknown state', () => {
    expect(() =>
      defineWorkflow({ name: 'broken', states: ['a'] as const, transitions: { go: { from: ['a'], to: 'b' as 'a' } } }),
    ).toThrow(/unknown state b/);
  });
});

describe('permittedActions: what this caller may do now', () => {
  const rules: ActionRules<'submit' | 'file' | 'return'> = {
    submit: { permission: 'key_project_list:write', ownOrganizationOnly: true },
    file: { permission: 'key_project_list:review', notByActorOf: 'submit' },
    return: { permission: 'key_project_list:review' },
  };
  const record = { organizationId: 'dept', actors: { submit: 'u-dept' } };
  const finance: WorkflowActor = {
    id: 'u-fin',
    permissions: new Set(['key_project_list:read', 'key_project_list:write', 'key_project_list:review']),
    readOnly: false,
    dataScope: 'all',
    organizationId: 'bureau',
  };
  const department: WorkflowActor = {
    id: 'u-dept',
    permissions: new Set(['key_project_list:read', 'key_project_list:write']),
    readOnly: false,
    dataScope: 'subtree',
    organizationId: 'dept',
  };
  const auditor: WorkflowActor = { ...finance, id: 'u-aud', permissions: new Set(['key_project_list:read']), readOnly: true };

  it('offers the bureau file and return, and the department neither', () => {
    expect(permittedActions(lists, 'submitted', rules, finance, record)).toEqual(['file', 'return']);
    expect(permittedActions(lists, 'submitted', rules, department, record)).toEqual([]);
  });

  it('offers a read-only caller nothing, whatever its permissions', () => {
    expect(permittedActions(lists, 'submitted', rules, { ...auditor, permissions: finance.permissions }, record)).toEqual([]);
    expect(permittedActions(lists, 'draft', rules, auditor, record)).toEqual([]);
  });

  it('does not offer a district-only permission to a caller below district scope, even if it holds it', () => {
    const limitedKey: WorkflowActor = { ...department, id: 'key', permissions: finance.permissions };
    expect(permittedActions(lists, 'submitted', rules, limitedKey, record)).toEqual([]);
  });

  it('keeps own-organization actions to the owner, and segregates duties', () => {
    expect(permittedActions(lists, 'draft', rules, department, record)).toEqual(['submit']);
    expect(permittedActions(lists, 'draft', rules, finance, record)).toEqual([]);
    const submitterWithReview: WorkflowActor = { ...finance, id: 'u-dept' };
    expect(permittedActions(lists, 'submitted', rules, submitterWithReview, record)).toEqual(['return']);
  });
});


describe('segregation of duties: whoever asks never approves', () => {
  const rule = { permission: 'target_review:review', notByActorOf: ['submit', 'expert_score'] } as const;
  const record = { organizationId: 'dept', actors: { submit: 'u-a', expert_score: ['u-x', 'u-y'], other: 'u-z' } };

  it('names the earlier action the actor took, one actor or one of several', () => {
    expect(segregationConflict(rule, { id: 'u-a' }, record)).toBe('submit');
    expect(segregationConflict(rule, { id: 'u-y' }, record)).toBe('expert_score');
  });

  it('lets anyone else through, including whoever took an action the rule does not name', () => {
    expect(segregationConflict(rule, { id: 'u-b' }, record)).toBeNull();
    expect(segregationConflict(rule, { id: 'u-z' }, record)).toBeNull();
    expect(segregationConflict({ permission: 'target_review:review' }, { id: 'u-a' }, record)).toBeNull();
  });

  it('ignores actors not recorded (a record from before the rule, or a step not taken yet)', () => {
    expect(segregationConflict(rule, { id: 'u-a' }, { organizationId: 'dept' })).toBeNull();
    expect(segregationConflict(rule, { id: 'u-a' }, { organizationId: 'dept', actors: { submit: null } })).toBeNull();
  });

  it('reads one or several earlier actions from a rule', () => {
    expect(segregatedFrom(rule)).toEqual(['submit', 'expert_score']);
    expect(segregatedFrom({ permission: 'indicator:read', notByActorOf: 'submit' })).toEqual(['submit']);
    expect(segregatedFrom({ permission: 'indicator:read' })).toEqual([]);
  });

  it('keeps a declared table once, by name, for the tests that cover every segregation rule', () => {
    const table = defineActionRules('spec_table', { approve: { permission: 'indicator:manage', notByActorOf: 'request' } });
    expect(declaredActionRules().get('spec_table')).toBe(table);
    expect(declaredActionRules().get('key_project_list')).toBe(KEY_PROJECT_LIST_ACTION_RULES);
    expect(() => defineActionRules('spec_table', { approve: { permission: 'indicator:manage' } })).toThrow(/declared twice/);
  });
});
