/**
 * Issue 10: a project's organization's name (projects.organization_name, read by the project list's
 * JSON) is stored and kept current by every write that changes it, in its own transaction. A property
 * test writes random SQL sequences (projects added under an organization, moved to another, several
 * moved in one statement, organizations renamed, a rename rolled back) and after each step compares
 * every stored name with the organization's row. Seeded: ORGANIZATION_NAME_SEED=<n> replays a run
 * (the seed is printed). Then the list through the API right after a rename, and the functions in the
 * database against what the code generates now.
 */
import { DataSource } from 'typeorm';
import { ORGANIZATION_NAME_FUNCTIONS, organizationNameTriggerStatements } from '../src/modules/projects/organization-name-stored.sql';
import { orgIdByName } from './support/db-state';
import { seededRandom } from './support/random';
import { expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';

const YEAR = 2074;
const SEED = Number(process.env.ORGANIZATION_NAME_SEED ?? 20261205);
const STEPS = Number(process.env.ORGANIZATION_NAME_STEPS ?? 200);

describe('stored organization names of projects', () => {
  let t: TestApp;
  const seen = new Set<string>();

  /** Every project's stored name (of `year`, or all) against its organization's row now. */
  const check = async (context: string, year: number | null = YEAR) => {
    const wrong = await t.sql<{ code: string; stored: string | null; name: string }>(
      `SELECT p.code, p.organization_name AS stored, o.name FROM projects p JOIN organizations o ON o.id = p.organization_id
        WHERE ($1::int IS NULL OR p.year = $1) AND p.organization_name IS DISTINCT FROM o.name`,
      [year],
    );
    if (wrong.length) throw new Error(`${context} (seed ${SEED}): ${wrong.length} differ: ${JSON.stringify(wrong.slice(0, 3))}`);
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, ORGANIZATION_NAME_FUNCTIONS, {
      like: 'project\\_organization\\_name\\_%',
      statements: organizationNameTriggerStatements(),
    });
  });

  it('holds for every project the demo data wrote', async () => {
    await check('after the demo data', null);
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE organization_name IS NOT NULL`);
    expect(n).toBeGreaterThan(10);
  });

  it('stays equal to the organizations after every step of random writes', async () => {
    console.log(`organization-name-stored property test: seed ${SEED} (ORGANIZATION_NAME_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    const orgs: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const [row] = await t.sql<{ id: string }>(`INSERT INTO organizations (code, name, kind) VALUES ($1, $2, 'department') RETURNING id`, [
        `ONS-${i}`,
        `单位名称存储 ${i}`,
      ]);
      orgs.push(row.id);
    }
    let n = 0;
    let renames = 0;
    const addProject = async () => {
      n++;
      await t.sql(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, $2, $3, 'project', $4, '100.00')`,
        [YEAR, `ONS-P${String(n).padStart(4, '0')}`, `名称存储项目 ${n}`, rnd.pick(orgs)],
      );
    };
    for (let i = 0; i < 6; i++) await addProject();
    await check('after the first projects');
    for (let step = 1; step <= STEPS; step++) {
      const ps = (await t.sql<{ id: string }>(`SELECT id FROM projects WHERE year = $1 ORDER BY code`, [YEAR])).map((r) => r.id);
      const op = rnd.int(8);
      let did: string;
      if (op <= 1) {
        await addProject();
        did = 'added';
      } else if (op <= 3) {
        await t.sql(`UPDATE projects SET organization_id = $2 WHERE id = $1`, [rnd.pick(ps), rnd.pick(orgs)]);
        did = 'moved';
      } else if (op === 4) {
        await t.sql(`UPDATE projects SET organization_id = $2 WHERE year = $3 AND organization_id = $1`, [
          rnd.pick(orgs),
          rnd.pick(orgs),
          YEAR,
        ]);
        did = 'several moved in one statement';
      } else if (op <= 6) {
        await t.sql(`UPDATE organizations SET name = $2 WHERE id = $1`, [rnd.pick(orgs), `改名单位 ${++renames}`]);
        did = 'organization renamed';
      } else {
        await expect(
          t.running.app.get(DataSource).transaction(async (m) => {
            await m.query(`UPDATE organizations SET name = name || '（撤销）' WHERE id = $1`, [rnd.pick(orgs)]);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        did = 'rename rolled back';
      }
      seen.add(did);
      await check(`step ${step}: ${did}`);
    }
    expect([...seen].sort()).toEqual(['added', 'moved', 'organization renamed', 'rename rolled back', 'several moved in one statement']);
  });

  it('the project list shows an organization’s new name at once after it is renamed', async () => {
    const finance = await t.login('finance');
    const org = await orgIdByName(t, '区教育局');
    const listed = async () => {
      const res = await t.request('GET', `/api/v1/projects?year=2022&organizationId=${org}&pageSize=5`, { token: finance });
      expect(res.status).toBe(200);
      return new Set((res.body as { items: { organizationName: string }[] }).items.map((i) => i.organizationName));
    };
    expect(await listed()).toEqual(new Set(['区教育局']));
    await t.sql(`UPDATE organizations SET name = '区教育局（改名）' WHERE id = $1`, [org]);
    try {
      expect(await listed()).toEqual(new Set(['区教育局（改名）']));
    } finally {
      await t.sql(`UPDATE organizations SET name = '区教育局' WHERE id = $1`, [org]);
    }
  });
});
