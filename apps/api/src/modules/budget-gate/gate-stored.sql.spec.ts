import { BUDGET_GATE_PROFILE_PATHS } from '@jixiao/domain';
import { jsonbPathsSql } from './gate-stored.sql';

describe('jsonbPathsSql', () => {
  it('nests each path under its keys, one object per shared prefix, leaves read by #>', () => {
    expect(jsonbPathsSql('v', [['a', 'b'], ['d'], ['a', 'c', 'e']])).toBe(
      `jsonb_build_object('a', jsonb_build_object('b', v #> '{a,b}', 'c', jsonb_build_object('e', v #> '{a,c,e}')), 'd', v #> '{d}')`,
    );
  });

  it('holds every path the gate rule reads of a profile', () => {
    const sql = jsonbPathsSql('"values"', BUDGET_GATE_PROFILE_PATHS);
    for (const path of BUDGET_GATE_PROFILE_PATHS) expect(sql).toContain(`"values" #> '{${path.join(',')}}'`);
  });
});
