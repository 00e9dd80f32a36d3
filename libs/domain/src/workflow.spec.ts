import { availableActions, checkTransition, defineWorkflow } from './workflow';

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
