/**
 * Issue 10: the per-organization counts are also kept rolled up to each organization's department or
 * town (migration RolledUpCounts), in the writing transaction, for the whole-city dashboards. A
 * property test builds a random organization tree with projects in it and changes it at random
 * (organizations moved to another parent or to none, their kind changed, several moved in one
 * statement; projects added, deleted, moved to another organization, their target approved) and after
 * each step compares every roll-up with its counts grouped here. Seeded: ROLLUP_SEED=<n> replays a
 * run (the seed is printed). Then the dashboards through the API right after a move — the whole
 * city's answer (read from the roll-ups) and a department's own (read from its counts) agree — and
 * the functions in the database against what the code generates now.
 */
import { ROLLED_UP_FUNCTIONS, rolledUpTriggerStatements } from '../src/database/rolled-up-counts.sql';
import { copyProfiles, subtreeIds } from './support/db-state';
import { seededRandom } from './support/random';
import { expectRollupsMatchCounts, expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';

const SEED = Number(process.env.ROLLUP_SEED ?? 20261202);
const STEPS = Number(process.env.ROLLUP_STEPS ?? 150);
const YEAR = 2043;
const KINDS = ['department', 'town', 'unit', 'unit', 'unit', 'agency'];
const PROJECT_KINDS = ['project', 'project', 'policy', 'department_overall'];

describe('counts rolled up to departments and towns', () => {
  let t: TestApp;
  let finance: string;
  const seen = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.login('finance');
    await copyProfiles(t, [YEAR]);
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, ROLLED_UP_FUNCTIONS, { like: '%rollup%', statements: rolledUpTriggerStatements() });
  });

  it('hold for every count the demo data wrote', async () => {
    await expectRollupsMatchCounts(t, 'after the demo data');
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM target_coverage_counts_rollup WHERE total <> 0`);
    expect(n).toBeGreaterThan(3);
  });

  it('stay equal to the counts grouped after every step of random changes of the tree and its projects', async () => {
    console.log(`rolled-up-counts property test: seed ${SEED} (ROLLUP_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    let orgs = 0;
    let projects = 0;
    const ours = async () =>
      (await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE code LIKE 'RUC-%' ORDER BY code COLLATE "C"`)).map((r) => r.id);
    const addProject = async (organizationId: string) => {
      projects++;
      await t.sql(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, manual_key_basis, target_status)
         VALUES ($1, $2, $3, $4, $5, '1000.00', $6, $7)`,
        [
          YEAR,
          `RUC-P${String(projects).padStart(4, '0')}`,
          `汇总测试项目 ${projects}`,
          rnd.pick(PROJECT_KINDS),
          organizationId,
          rnd.chance(0.5) ? 'CORE_FUNCTION' : null,
          rnd.pick([null, 'draft', 'approved']),
        ],
      );
    };
    const addOrg = async (parent: string | null) => {
      orgs++;
      const [{ id }] = await t.sql<{ id: string }>(
        `INSERT INTO organizations (code, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [`RUC-${String(orgs).padStart(4, '0')}`, `汇总测试单位 ${orgs}`, rnd.pick(KINDS), parent],
      );
      await addProject(id);
    };
    for (let i = 0; i < 6; i++) await addOrg(null);
    await expectRollupsMatchCounts(t, 'after the first organizations');
    for (let step = 1; step <= STEPS; step++) {
      const ids = await ours();
      const op = rnd.int(12);
      let did: string;
      if (op <= 1 || ids.length < 10) {
        await addOrg(rnd.chance(0.9) ? rnd.pick(ids) : null);
        did = 'organization added';
      } else if (op <= 4) {
        // another parent, not one under it (the tree stays a tree), or none
        const id = rnd.pick(ids);
        const under = new Set(await subtreeIds(t, id));
        const parents = ids.filter((p) => !under.has(p));
        const parent = parents.length && rnd.chance(0.85) ? rnd.pick(parents) : null;
        await t.sql(`UPDATE organizations SET parent_id = $2 WHERE id = $1`, [id, parent]);
        did = 'organization moved';
      } else if (op <= 6) {
        await t.sql(`UPDATE organizations SET kind = $2 WHERE id = $1`, [rnd.pick(ids), rnd.pick(KINDS)]);
        did = 'kind changed';
      } else if (op === 7) {
        // several in one statement: the leaves of one organization moved to another top organization
        const tops = (await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE code LIKE 'RUC-%' AND parent_id IS NULL`)).map(
          (r) => r.id,
        );
        const from = rnd.pick(ids);
        const to = tops.filter((x) => x !== from);
        if (!to.length) continue;
        await t.sql(
          `UPDATE organizations SET parent_id = $2 WHERE parent_id = $1 AND NOT EXISTS (SELECT 1 FROM organizations c WHERE c.parent_id = organizations.id)`,
          [from, rnd.pick(to)],
        );
        did = 'leaves moved in one statement';
      } else if (op === 8) {
        await addProject(rnd.pick(ids));
        did = 'project added';
      } else if (op === 9) {
        const [p] = await t.sql<{ id: string }>(
          `SELECT id FROM projects WHERE year = $1 AND code LIKE 'RUC-P%' ORDER BY random() LIMIT 1`,
          [YEAR],
        );
        if (!p) continue;
        await t.sql(`DELETE FROM projects WHERE id = $1`, [p.id]);
        did = 'project deleted';
      } else if (op === 10) {
        // several projects of one organization moved to another in one statement
        await t.sql(`UPDATE projects SET organization_id = $2 WHERE year = $3 AND organization_id = $1`, [
          rnd.pick(ids),
          rnd.pick(ids),
          YEAR,
        ]);
        did = 'projects moved';
      } else {
        await t.sql(
          `UPDATE projects SET target_status = CASE WHEN target_status = 'approved' THEN 'draft' ELSE 'approved' END
            WHERE year = $1 AND organization_id = $2`,
          [YEAR, rnd.pick(ids)],
        );
        did = 'targets approved or reopened';
      }
      seen.add(did);
      await expectRollupsMatchCounts(t, `step ${step}: ${did} (seed ${SEED})`);
    }
    expect([...seen].sort()).toEqual([
      'kind changed',
      'leaves moved in one statement',
      'organization added',
      'organization moved',
      'project added',
      'project deleted',
      'projects moved',
      'targets approved or reopened',
    ]);
  });

  it("right after a unit moves, the whole city's dashboards count it for its new department, as that department sees itself", async () => {
    const edu = await t.login('edu');
    const [eduOrg] = await t.sql<{ id: string }>(`SELECT organization_id AS id FROM users WHERE username = 'edu'`);
    const [unit] = await t.sql<{ id: string; parent_id: string }>(
      `SELECT o.id, o.parent_id FROM organizations o JOIN organizations d ON d.id = o.parent_id AND d.kind = 'department'
        WHERE o.kind = 'unit' AND o.parent_id <> $1 AND o.code NOT LIKE 'RUC-%' ORDER BY o.code LIMIT 1`,
      [eduOrg.id],
    );
    await t.sql(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, target_status) VALUES ($1, 'RUC-MOVE', '划转测试项目', 'project', $2, '100.00', NULL)`,
      [YEAR, unit.id],
    );
    const coverageRow = async (token: string, organizationId: string) => {
      const res = await t.request('GET', `/api/v1/budget-gate/coverage?year=${YEAR}&kind=department&pageSize=200`, { token });
      expect(res.status).toBe(200);
      const body = res.body as { hasMore: boolean; items: { organizationId: string; projects: { total: number; approved: number } }[] };
      expect(body.hasMore).toBe(false);
      const row = body.items.find((r) => r.organizationId === organizationId)?.projects;
      return { total: row?.total ?? 0, approved: row?.approved ?? 0 };
    };
    const dashboardRow = async (token: string, organizationId: string) => {
      const res = await t.request('GET', `/api/v1/trackings/dashboard?year=${YEAR}&kind=department&pageSize=200`, { token });
      expect(res.status).toBe(200);
      const body = res.body as { hasMore: boolean; items: { organizationId: string; projects: number; budgetAmount: string }[] };
      expect(body.hasMore).toBe(false);
      const row = body.items.find((r) => r.organizationId === organizationId);
      return row ? { projects: row.projects, budgetAmount: row.budgetAmount } : null;
    };
    const before = await coverageRow(finance, eduOrg.id);
    expect(await coverageRow(edu, eduOrg.id)).toEqual(before);
    expect(await dashboardRow(edu, eduOrg.id)).toEqual(await dashboardRow(finance, eduOrg.id));
    await t.sql(`UPDATE organizations SET parent_id = $2 WHERE id = $1`, [unit.id, eduOrg.id]);
    try {
      const after = await coverageRow(finance, eduOrg.id);
      expect(after).toEqual({ total: before.total + 1, approved: before.approved });
      expect(await coverageRow(edu, eduOrg.id)).toEqual(after);
      const dashboard = await dashboardRow(finance, eduOrg.id);
      expect(dashboard).not.toBeNull();
      expect(await dashboardRow(edu, eduOrg.id)).toEqual(dashboard);
    } finally {
      await t.sql(`UPDATE organizations SET parent_id = $2 WHERE id = $1`, [unit.id, unit.parent_id]);
    }
    expect(await coverageRow(finance, eduOrg.id)).toEqual(before);
  });
});
