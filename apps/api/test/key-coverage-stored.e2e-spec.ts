/**
 * Issue 10: the stored coverage planner inputs (projects.is_key / key_last_year and
 * key_coverage_counts) are kept current by every write, in its own transaction. A property test
 * writes random SQL sequences (projects inserted, deleted, their kind, amount, hand-set basis, start
 * year, typed last evaluation year, code, organization and year changed; evaluation records of every
 * kind inserted, deleted and changed; the year's threshold changed) and after each step compares
 * every stored value with `keyBasisOf` and the last key evaluation year of the raw rows. Seeded:
 * KEY_COVERAGE_SEED=<n> replays a run (the seed is printed). Then the planner through the API right
 * after a write, and the functions in the database against what the code generates now.
 */
import { isKeyEvaluationKind, keyBasisOf, type PolicyProfileValues } from '@jixiao/domain';
import {
  KEY_COVERAGE_FUNCTIONS,
  keyCoverageFunctionStatements,
  keyCoverageTriggerStatements,
} from '../src/modules/key-project-lists/key-coverage-stored.sql';
import { seededRandom } from './support/random';
import { expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';
import { copyProfiles, orgIdByName } from './support/db-state';

const Y1 = 2097;
const Y2 = 2098;
const SEED = Number(process.env.KEY_COVERAGE_SEED ?? 20261206);
const STEPS = Number(process.env.KEY_COVERAGE_STEPS ?? 300);

const KINDS = ['project', 'project', 'policy', 'department_overall'];
const AMOUNTS = ['100.00', '5999999.99', '6000000.00', '9000000.00'];
const BASES = [null, null, 'CORE_FUNCTION', 'DISTRICT_PRIORITY'];
const RECORD_KINDS = ['self', 'department', 'finance_key'];
const CODES = ['KC-A', 'KC-B', 'KC-C', 'KC-D'];

describe('stored key coverage inputs', () => {
  let t: TestApp;
  let orgs: string[];
  const seen = new Set<string>();

  const check = async (context: string) => {
    const projects = await t.sql<{
      id: string;
      year: number;
      code: string;
      kind: string;
      budget: string;
      basis: string | null;
      start_year: number | null;
      typed_last: number | null;
      organization_id: string;
      is_key: boolean;
      key_last_year: number | null;
    }>(
      `SELECT id, year, code, kind, budget_amount::text AS budget, manual_key_basis AS basis, start_year, last_key_evaluation_year AS typed_last,
              organization_id, is_key, key_last_year
         FROM projects WHERE year IN (${Y1}, ${Y2})`,
    );
    const records = await t.sql<{ project_code: string; organization_id: string; year: number; kind: string }>(
      `SELECT project_code, organization_id, year, kind FROM evaluation_records WHERE project_code LIKE 'KC-%'`,
    );
    const profiles = new Map(
      (await t.sql<{ year: number; values: PolicyProfileValues }>(`SELECT year, "values" FROM policy_profiles`)).map((r) => [
        r.year,
        r.values,
      ]),
    );
    const stored: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    const counts = new Map<string, number>();
    for (const p of projects) {
      const isKey = keyBasisOf({ kind: p.kind, budgetAmount: p.budget, manualKeyBasis: p.basis as never }, profiles.get(p.year)) !== null;
      const recorded = records
        .filter((r) => r.project_code === p.code && r.organization_id === p.organization_id && isKeyEvaluationKind(r.kind))
        .map((r) => r.year);
      const years = [...recorded, ...(p.typed_last === null ? [] : [p.typed_last])];
      const last = years.length ? Math.max(...years) : null;
      stored[p.id] = { isKey: p.is_key, last: p.key_last_year };
      expected[p.id] = { isKey, last };
      seen.add(isKey ? 'key' : 'not key');
      if (recorded.length) seen.add('last from a record');
      if (isKey) {
        const key = [p.year, p.organization_id, last ?? 0, Math.min(p.start_year ?? p.year, p.year)].join('|');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const kept = await t.sql<{ key: string; projects: number }>(
      `SELECT concat_ws('|', year, organization_id, last_year, first_listed) AS key, projects FROM key_coverage_counts
        WHERE year IN (${Y1}, ${Y2}) AND projects <> 0`,
    );
    try {
      expect(stored).toEqual(expected);
      expect(Object.fromEntries(kept.map((k) => [k.key, k.projects]))).toEqual(Object.fromEntries(counts));
    } catch (error) {
      throw new Error(`${context} (seed ${SEED}): ${(error as Error).message}`);
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    await copyProfiles(t, [Y1, Y2]);
    orgs = [await orgIdByName(t, '区卫生健康委员会'), await orgIdByName(t, '青浦区中心医院')];
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, KEY_COVERAGE_FUNCTIONS, {
      like: 'key\\_coverage\\_%',
      statements: keyCoverageTriggerStatements(),
    });
    expect(keyCoverageFunctionStatements()).toHaveLength(KEY_COVERAGE_FUNCTIONS.length);
  });

  it('holds for every project the demo data wrote', async () => {
    const [{ keys, stored }] = await t.sql<{ keys: number; stored: number }>(
      `SELECT count(*) FILTER (WHERE is_key)::int AS keys, (SELECT COALESCE(sum(projects), 0)::int FROM key_coverage_counts) AS stored FROM projects`,
    );
    expect(keys).toBeGreaterThan(0);
    expect(stored).toBe(keys);
  });

  it('stays equal to the rule over the raw rows after every step of random writes', async () => {
    console.log(`key-coverage property test: seed ${SEED} (KEY_COVERAGE_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    let n = 0;
    const insertProject = async () => {
      const year = rnd.pick([Y1, Y2]);
      await t.sql(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, manual_key_basis, manual_key_reason, start_year, last_key_evaluation_year)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          year,
          `${rnd.pick(CODES)}-${++n}`,
          `存储覆盖 ${n}`,
          rnd.pick(KINDS),
          rnd.pick(orgs),
          rnd.pick(AMOUNTS),
          ...(() => {
            const basis = rnd.pick(BASES);
            return [basis, basis ? '核心职能' : null];
          })(),
          rnd.chance(0.5) ? null : year - rnd.int(6) + 1,
          rnd.chance(0.6) ? null : year - 1 - rnd.int(8),
        ],
      );
    };
    // The walk's records in an order that is the same on every database and run (ids are random).
    const recordsNow = () =>
      t.sql<{ id: string; project_code: string; organization_id: string; year: number }>(
        `SELECT r.id, r.project_code, r.organization_id, r.year FROM evaluation_records r JOIN organizations o ON o.id = r.organization_id
          WHERE r.project_code LIKE 'KC-%' ORDER BY r.project_code COLLATE "C", o.code COLLATE "C", r.year, r.kind`,
      );
    for (let i = 0; i < 10; i++) await insertProject();
    await check('after inserting the projects');
    for (let step = 1; step <= STEPS; step++) {
      const ps = await t.sql<{ id: string; year: number; code: string; organization_id: string }>(
        `SELECT id, year, code, organization_id FROM projects WHERE year IN (${Y1}, ${Y2}) ORDER BY code COLLATE "C", year`,
      );
      const p = rnd.pick(ps);
      const op = rnd.int(12);
      let did = '';
      if (op === 0) {
        await t.sql(`UPDATE projects SET budget_amount = $2 WHERE id = $1`, [p.id, rnd.pick(AMOUNTS)]);
        did = 'amount';
      } else if (op === 1) {
        await t.sql(`UPDATE projects SET kind = $2 WHERE id = $1`, [p.id, rnd.pick(KINDS)]);
        did = 'kind';
      } else if (op === 2) {
        const basis = rnd.pick(BASES);
        await t.sql(`UPDATE projects SET manual_key_basis = $2, manual_key_reason = $3 WHERE id = $1`, [
          p.id,
          basis,
          basis ? '区委区政府重点' : null,
        ]);
        did = 'hand-set basis';
      } else if (op === 3) {
        await t.sql(`UPDATE projects SET start_year = $2, last_key_evaluation_year = $3 WHERE id = $1`, [
          p.id,
          rnd.chance(0.4) ? null : p.year - rnd.int(6) + 1,
          rnd.chance(0.5) ? null : p.year - 1 - rnd.int(8),
        ]);
        did = 'start and typed last year';
      } else if (op === 4) {
        // Codes shared with other projects (and their evaluation records).
        const code = `${rnd.pick(CODES)}-${rnd.int(4)}`;
        const taken = await t.sql(`SELECT 1 FROM projects WHERE year = $1 AND code = $2`, [p.year, code]);
        if (!taken.length) {
          await t.sql(`UPDATE projects SET code = $2 WHERE id = $1`, [p.id, code]);
          did = 'code';
        }
      } else if (op === 5) {
        await t.sql(`UPDATE projects SET organization_id = $2 WHERE id = $1`, [p.id, rnd.pick(orgs)]);
        did = 'organization';
      } else if (op === 6) {
        const other = p.year === Y1 ? Y2 : Y1;
        const taken = await t.sql(`SELECT 1 FROM projects WHERE year = $1 AND code = $2`, [other, p.code]);
        if (!taken.length) {
          await t.sql(`UPDATE projects SET year = $2 WHERE id = $1`, [p.id, other]);
          did = 'year';
        }
      } else if (op === 7) {
        // An evaluation record of a project's code and organization (or of another organization), any kind.
        const org = rnd.chance(0.8) ? p.organization_id : rnd.pick(orgs);
        const year = p.year - 1 - rnd.int(6);
        const kind = rnd.pick(RECORD_KINDS);
        const existing = await t.sql(
          `SELECT 1 FROM evaluation_records WHERE project_code = $1 AND organization_id = $2 AND year = $3 AND kind = $4`,
          [p.code, org, year, kind],
        );
        if (!existing.length) {
          await t.sql(
            `INSERT INTO evaluation_records (project_code, organization_id, year, kind, score, grade, source) VALUES ($1, $2, $3, $4, 88, 'good', 'history_import')`,
            [p.code, org, year, kind],
          );
          did = 'record insert';
        }
      } else if (op === 8) {
        const records = await recordsNow();
        if (records.length) {
          await t.sql(`DELETE FROM evaluation_records WHERE id = $1`, [rnd.pick(records).id]);
          did = 'record delete';
        }
      } else if (op === 9) {
        const records = await recordsNow();
        if (records.length) {
          const r = rnd.pick(records);
          const kind = rnd.pick(RECORD_KINDS);
          // Not onto another record's (code, organization, year, kind): that would be refused.
          const clash = await t.sql(
            `SELECT 1 FROM evaluation_records WHERE project_code = $1 AND organization_id = $2 AND year = $3 AND kind = $4`,
            [r.project_code, r.organization_id, r.year - 1, kind],
          );
          if (!clash.length) {
            await t.sql(`UPDATE evaluation_records SET year = year - 1, kind = $2 WHERE id = $1`, [r.id, kind]);
            did = 'record year and kind';
          }
        }
      } else if (op === 10) {
        await t.sql(
          `UPDATE policy_profiles SET "values" = jsonb_set("values", '{keyProjects,amountThreshold}', to_jsonb($2::text)) WHERE year = $1`,
          [rnd.pick([Y1, Y2]), rnd.pick(['6000000.00', '5999999.99', '9000000.00', '100.00'])],
        );
        did = 'threshold';
      } else if (ps.length > 6 && rnd.chance(0.5)) {
        await t.sql(`DELETE FROM projects WHERE id = $1`, [p.id]);
        did = 'project delete';
      } else if (ps.length < 24) {
        await insertProject();
        did = 'project insert';
      }
      if (did) seen.add(did);
      await check(`step ${step}: ${did || 'nothing'} on ${p.id}`);
    }
    expect([...seen].sort()).toEqual(
      [
        'amount',
        'code',
        'hand-set basis',
        'key',
        'kind',
        'last from a record',
        'not key',
        'organization',
        'project delete',
        'project insert',
        'record delete',
        'record insert',
        'record year and kind',
        'start and typed last year',
        'threshold',
        'year',
      ].sort(),
    );
  });

  it('counts a new key project in the planner at once, and moves it to covered with its key evaluation record', async () => {
    const finance = await t.login('finance');
    const health = orgs[0];
    const plan = async () => {
      const res = await t.request('GET', `/api/v1/key-project-lists/coverage-plan?year=${Y1}&organizationId=${health}`, { token: finance });
      expect(res.status).toBe(200);
      return (res.body as { summary: { total: number; covered: number; plan: { year: number; count: number }[] } }).summary;
    };
    const before = await plan();
    // Above every threshold the walk may have left on the year (at most 9,000,000.00).
    await t.sql(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, 'KC-API', '存储覆盖 API', 'project', $2, '9500000.00')`,
      [Y1, health],
    );
    const added = await plan();
    expect(added.total).toBe(before.total + 1);
    expect(added.plan.reduce((s, y) => s + y.count, 0)).toBe(before.plan.reduce((s, y) => s + y.count, 0) + 1);
    await t.sql(
      `INSERT INTO evaluation_records (project_code, organization_id, year, kind, score, grade, source) VALUES ('KC-API', $1, $2, 'department', 91, 'excellent', 'history_import')`,
      [health, Y1],
    );
    const covered = await plan();
    expect(covered.total).toBe(before.total + 1);
    expect(covered.covered).toBe(before.covered + 1);
  });
});
