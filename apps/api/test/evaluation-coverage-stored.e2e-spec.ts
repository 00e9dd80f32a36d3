/**
 * Issue 10: the stored self-evaluation coverage (projects.self_evaluation_status and
 * evaluation_coverage_counts) is kept current by every write, in its own transaction. A property
 * test writes random SQL sequences (evaluations of every kind inserted, deleted, their status, kind
 * and project changed; projects inserted, deleted, moved between years and organizations) and after
 * each step compares every stored value with the raw rows. Seeded: EVALUATION_COVERAGE_SEED=<n>
 * replays a run (the seed is printed). Then the coverage through the API right after a write, and
 * the functions in the database against what the code generates now.
 */
import {
  EVALUATION_COVERAGE_FUNCTIONS,
  evaluationCoverageTriggerStatements,
} from '../src/modules/evaluations/evaluation-coverage-stored.sql';
import { seededRandom } from './support/random';
import { expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';
import { orgIdByName } from './support/db-state';

const Y1 = 2061;
const Y2 = 2062;
const SEED = Number(process.env.EVALUATION_COVERAGE_SEED ?? 20261203);
const STEPS = Number(process.env.EVALUATION_COVERAGE_STEPS ?? 300);

const KINDS = ['self', 'self', 'department', 'finance_key'];
const STATUSES = ['draft', 'returned', 'submitted', 'completed'];

describe('stored self-evaluation coverage', () => {
  let t: TestApp;
  let orgs: string[];
  const seen = new Set<string>();

  const check = async (context: string) => {
    const rows = await t.sql<{ id: string; year: number; organization_id: string; stored: string | null; raw: string | null }>(
      `SELECT p.id, p.year, p.organization_id, p.self_evaluation_status AS stored,
              (SELECT e.status FROM evaluations e WHERE e.project_id = p.id AND e.kind = 'self') AS raw
         FROM projects p WHERE p.year IN (${Y1}, ${Y2})`,
    );
    const counted = new Map<string, number>();
    for (const r of rows) {
      const key = `${r.year}|${r.organization_id}|${r.raw ?? ''}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
      seen.add(`status ${r.raw ?? 'none'}`);
    }
    const kept = await t.sql<{ key: string; projects: number }>(
      `SELECT concat_ws('|', year, organization_id, status) AS key, projects FROM evaluation_coverage_counts
        WHERE year IN (${Y1}, ${Y2}) AND projects <> 0`,
    );
    try {
      expect(Object.fromEntries(rows.map((r) => [r.id, r.stored]))).toEqual(Object.fromEntries(rows.map((r) => [r.id, r.raw])));
      expect(Object.fromEntries(kept.map((k) => [k.key, k.projects]))).toEqual(Object.fromEntries(counted));
    } catch (error) {
      throw new Error(`${context} (seed ${SEED}): ${(error as Error).message}`);
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    orgs = [await orgIdByName(t, '区卫生健康委员会'), await orgIdByName(t, '青浦区中心医院'), await orgIdByName(t, '区教育局')];
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, EVALUATION_COVERAGE_FUNCTIONS, {
      like: 'evaluation\\_coverage\\_%',
      statements: evaluationCoverageTriggerStatements(),
    });
  });

  it('holds for every project and evaluation the demo data wrote', async () => {
    const [{ wrong, evaluated }] = await t.sql<{ wrong: number; evaluated: number }>(
      `SELECT count(*) FILTER (WHERE p.self_evaluation_status IS DISTINCT FROM e.status)::int AS wrong, count(e.id)::int AS evaluated
         FROM projects p LEFT JOIN evaluations e ON e.project_id = p.id AND e.kind = 'self'`,
    );
    expect(evaluated).toBeGreaterThan(0);
    expect(wrong).toBe(0);
    const [{ stored, raw }] = await t.sql<{ stored: number; raw: number }>(
      `SELECT (SELECT sum(projects) FROM evaluation_coverage_counts WHERE status = 'completed')::int AS stored,
              (SELECT count(*) FROM evaluations WHERE kind = 'self' AND status = 'completed')::int AS raw`,
    );
    expect(stored).toBe(raw);
  });

  it('stays equal to the raw rows after every step of random writes', async () => {
    console.log(`evaluation-coverage property test: seed ${SEED} (EVALUATION_COVERAGE_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    let n = 0;
    const insertProject = async () => {
      await t.sql(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, $2, $3, 'project', $4, '1000.00')`,
        [rnd.pick([Y1, Y2]), `EC-${++n}`, `存储评价 ${n}`, rnd.pick(orgs)],
      );
    };
    for (let i = 0; i < 10; i++) await insertProject();
    await check('after inserting the projects');
    for (let step = 1; step <= STEPS; step++) {
      const ps = await t.sql<{ id: string; year: number; organization_id: string; kinds: string[] }>(
        `SELECT p.id, p.year, p.organization_id, ARRAY(SELECT e.kind::text FROM evaluations e WHERE e.project_id = p.id ORDER BY e.kind) AS kinds
           FROM projects p WHERE p.year IN (${Y1}, ${Y2}) ORDER BY p.code`,
      );
      const p = rnd.pick(ps);
      const op = rnd.int(9);
      let did = '';
      if (op <= 2) {
        const kind = rnd.pick(KINDS);
        if (p.kinds.includes(kind)) {
          await t.sql(`DELETE FROM evaluations WHERE project_id = $1 AND kind = $2`, [p.id, kind]);
          did = `${kind === 'self' ? 'self' : 'other'} evaluation delete`;
        } else {
          await t.sql(
            `INSERT INTO evaluations (kind, project_id, organization_id, year, work_year, status) VALUES ($1, $2, $3, $4, $5, $6)`,
            [kind, p.id, p.organization_id, p.year, p.year + 1, rnd.pick(STATUSES)],
          );
          did = `${kind === 'self' ? 'self' : 'other'} evaluation insert`;
        }
      } else if (op === 3 && p.kinds.length) {
        await t.sql(`UPDATE evaluations SET status = $3 WHERE project_id = $1 AND kind = $2`, [
          p.id,
          rnd.pick(p.kinds),
          rnd.pick(STATUSES),
        ]);
        did = 'evaluation status';
      } else if (op === 4 && p.kinds.length) {
        const to = rnd.pick(['self', 'department', 'finance_key'].filter((k) => !p.kinds.includes(k)));
        if (to) {
          await t.sql(`UPDATE evaluations SET kind = $3 WHERE project_id = $1 AND kind = $2`, [p.id, rnd.pick(p.kinds), to]);
          did = 'evaluation kind';
        }
      } else if (op === 5 && p.kinds.length) {
        const other = rnd.pick(ps.filter((o) => o.id !== p.id));
        const kind = rnd.pick(p.kinds);
        if (!other.kinds.includes(kind)) {
          await t.sql(`UPDATE evaluations SET project_id = $3 WHERE project_id = $1 AND kind = $2`, [p.id, kind, other.id]);
          did = 'evaluation moved to another project';
        }
      } else if (op === 6) {
        await t.sql(`UPDATE projects SET year = $2, organization_id = $3 WHERE id = $1`, [p.id, rnd.pick([Y1, Y2]), rnd.pick(orgs)]);
        did = 'project year and organization';
      } else if (op === 7 && !p.kinds.length && ps.length > 4) {
        await t.sql(`DELETE FROM projects WHERE id = $1`, [p.id]);
        did = 'project delete';
      } else if (ps.length < 20) {
        await insertProject();
        did = 'project insert';
      }
      if (did) seen.add(did);
      await check(`step ${step}: ${did || 'nothing'} on ${p.id}`);
    }
    expect([...seen].sort()).toEqual(
      [
        'evaluation kind',
        'evaluation moved to another project',
        'evaluation status',
        'other evaluation delete',
        'other evaluation insert',
        'project delete',
        'project insert',
        'project year and organization',
        'self evaluation delete',
        'self evaluation insert',
        'status completed',
        'status draft',
        'status none',
        'status returned',
        'status submitted',
      ].sort(),
    );
  });

  it('shows a completed self-evaluation in the coverage at once', async () => {
    const finance = await t.login('finance');
    const org = orgs[2];
    const coverageOf = async () => {
      const res = await t.request('GET', `/api/v1/evaluations/coverage?year=${Y1}&pageSize=100`, { token: finance });
      expect(res.status).toBe(200);
      return res.body as { summary: { due: number; completed: number; notStarted: number } };
    };
    const before = await coverageOf();
    const [p] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, 'EC-API', '存储评价 API', 'project', $2, '5000.00') RETURNING id`,
      [Y1, org],
    );
    const middle = await coverageOf();
    expect(middle.summary.due).toBe(before.summary.due + 1);
    expect(middle.summary.notStarted).toBe(before.summary.notStarted + 1);
    await t.sql(
      `INSERT INTO evaluations (kind, project_id, organization_id, year, work_year, status) VALUES ('self', $1, $2, $3, $4, 'completed')`,
      [p.id, org, Y1, Y1 + 1],
    );
    const after = await coverageOf();
    expect(after.summary.completed).toBe(before.summary.completed + 1);
    expect(after.summary.notStarted).toBe(before.summary.notStarted);
  });
});
