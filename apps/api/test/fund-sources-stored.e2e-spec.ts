/**
 * Issue 10: a project's fund sources as its list item shows them (projects.fund_sources_json) are
 * stored and kept current by every write to project_fund_sources, in its own transaction. A property
 * test writes random SQL sequences (sources added one by one and several projects' in one statement,
 * amounts and codes changed, rows moved to another project, deleted one by one and a project's all at
 * once, projects deleted with theirs, a transaction rolled back) and after each step compares every
 * stored value with the JSON the list's definition makes from the rows (`fundSourcesJsonSql`).
 * Seeded: FUND_SOURCES_SEED=<n> replays a run (the seed is printed). Then the list through the API
 * right after a project's sources change, and the functions in the database against what the code
 * generates now.
 */
import { FundSource } from '@jixiao/contracts';
import { DataSource } from 'typeorm';
import { fundSourcesJsonSql } from '../src/modules/projects/fund-sources-json.sql';
import { FUND_SOURCES_FUNCTIONS, fundSourcesTriggerStatements } from '../src/modules/projects/fund-sources-stored.sql';
import { orgIdByName } from './support/db-state';
import { seededRandom } from './support/random';
import { expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';

const YEAR = 2073;
const SEED = Number(process.env.FUND_SOURCES_SEED ?? 20261205);
const STEPS = Number(process.env.FUND_SOURCES_STEPS ?? 250);
const SOURCES: string[] = Object.values(FundSource);

describe('stored fund sources of projects', () => {
  let t: TestApp;
  let org: string;
  const seen = new Set<string>();

  /** Every project's stored JSON (of `year`, or all) against the JSON made from its rows now. */
  const check = async (context: string, year: number | null = YEAR) => {
    const wrong = await t.sql<{ code: string; stored: string; rows: string }>(
      `SELECT p.code, p.fund_sources_json::text AS stored, ${fundSourcesJsonSql('project', 'p.id')}::text AS rows
         FROM projects p WHERE ($1::int IS NULL OR p.year = $1)
          AND p.fund_sources_json::text IS DISTINCT FROM ${fundSourcesJsonSql('project', 'p.id')}::text`,
      [year],
    );
    const differing = wrong.filter((w) => w.stored !== w.rows);
    if (differing.length)
      throw new Error(`${context} (seed ${SEED}): ${differing.length} differ: ${JSON.stringify(differing.slice(0, 3))}`);
  };

  beforeAll(async () => {
    t = await startTestApp();
    org = await orgIdByName(t, '区教育局');
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, FUND_SOURCES_FUNCTIONS, {
      like: 'project\\_fund\\_sources\\_json\\_%',
      statements: fundSourcesTriggerStatements(),
    });
  });

  it('holds for every project the demo data wrote', async () => {
    await check('after the demo data', null);
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE fund_sources_json::text <> '[]'`);
    expect(n).toBeGreaterThan(10);
  });

  it('stays equal to the rows after every step of random writes', async () => {
    console.log(`fund-sources-stored property test: seed ${SEED} (FUND_SOURCES_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    let n = 0;
    const addProject = async () => {
      n++;
      await t.sql(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, $2, $3, 'project', $4, '1000000.00')`,
        [YEAR, `FSS-${String(n).padStart(4, '0')}`, `资金来源存储 ${n}`, org],
      );
    };
    const projects = async () =>
      (await t.sql<{ id: string }>(`SELECT id FROM projects WHERE year = $1 ORDER BY code COLLATE "C"`, [YEAR])).map((r) => r.id);
    const sources = async () =>
      await t.sql<{ id: string; project_id: string; source: string }>(
        `SELECT f.id, f.project_id, f.source FROM project_fund_sources f JOIN projects p ON p.id = f.project_id WHERE p.year = $1 ORDER BY f.id`,
        [YEAR],
      );
    const amount = () => `${rnd.int(100000)}.${String(rnd.int(100)).padStart(2, '0')}`;
    /** A source the project has not got yet (a project holds each at most once), or null. */
    const freeSource = async (project: string) => {
      const taken = new Set((await sources()).filter((s) => s.project_id === project).map((s) => s.source));
      const free = SOURCES.filter((s) => !taken.has(s));
      return free.length ? rnd.pick(free) : null;
    };
    for (let i = 0; i < 6; i++) await addProject();
    await check('after the first projects');
    for (let step = 1; step <= STEPS; step++) {
      const ps = await projects();
      const rows = await sources();
      const op = rnd.int(12);
      let did = 'nothing';
      if (op <= 2 || rows.length < 4) {
        const project = rnd.pick(ps);
        const source = await freeSource(project);
        if (source) {
          await t.sql(`INSERT INTO project_fund_sources (project_id, source, amount) VALUES ($1, $2, $3)`, [project, source, amount()]);
          did = 'added';
        }
      } else if (op === 3) {
        // several projects' sources in one statement (an import): a source none of them has yet
        const some = ps.filter(() => rnd.chance(0.5));
        const source = rnd.pick(SOURCES);
        const holders = new Set(rows.filter((r) => r.source === source).map((r) => r.project_id));
        const free = some.filter((p) => !holders.has(p));
        if (free.length > 1) {
          await t.sql(`INSERT INTO project_fund_sources (project_id, source, amount) SELECT p, $2, $3 FROM unnest($1::uuid[]) AS p`, [
            free,
            source,
            amount(),
          ]);
          did = 'added to several in one statement';
        }
      } else if (op <= 5) {
        await t.sql(`UPDATE project_fund_sources SET amount = $2 WHERE id = $1`, [rnd.pick(rows).id, amount()]);
        did = 'amount changed';
      } else if (op === 6) {
        const row = rnd.pick(rows);
        const source = await freeSource(row.project_id);
        if (source) {
          await t.sql(`UPDATE project_fund_sources SET source = $2 WHERE id = $1`, [row.id, source]);
          did = 'source changed';
        }
      } else if (op === 7) {
        const row = rnd.pick(rows);
        const to = rnd.pick(ps.filter((p) => p !== row.project_id));
        if (!rows.some((r) => r.project_id === to && r.source === row.source)) {
          await t.sql(`UPDATE project_fund_sources SET project_id = $2 WHERE id = $1`, [row.id, to]);
          did = 'moved to another project';
        }
      } else if (op === 8) {
        await t.sql(`DELETE FROM project_fund_sources WHERE id = $1`, [rnd.pick(rows).id]);
        did = 'deleted';
      } else if (op === 9) {
        await t.sql(`DELETE FROM project_fund_sources WHERE project_id = $1`, [rnd.pick(rows).project_id]);
        did = "a project's all deleted";
      } else if (op === 10) {
        // a project deleted with its sources (cascade), another added in its place
        await t.sql(`DELETE FROM projects WHERE id = $1`, [rnd.pick(rows).project_id]);
        await addProject();
        did = 'project deleted';
      } else {
        // a transaction that changes sources and is rolled back leaves what was stored
        await expect(
          t.running.app.get(DataSource).transaction(async (m) => {
            await m.query(`UPDATE project_fund_sources SET amount = amount + 1 WHERE id = $1`, [rnd.pick(rows).id]);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        did = 'rolled back';
      }
      seen.add(did);
      await check(`step ${step}: ${did}`);
    }
    expect([...seen].filter((d) => d !== 'nothing').sort()).toEqual([
      "a project's all deleted",
      'added',
      'added to several in one statement',
      'amount changed',
      'deleted',
      'moved to another project',
      'project deleted',
      'rolled back',
      'source changed',
    ]);
    const [{ filled }] = await t.sql<{ filled: number }>(
      `SELECT count(*)::int AS filled FROM projects WHERE year = $1 AND fund_sources_json::text <> '[]'`,
      [YEAR],
    );
    expect(filled).toBeGreaterThan(0);
  });

  it('the project list shows a project’s new sources at once after they change through the API', async () => {
    const edu = await t.login('edu');
    const created = await t.request('POST', '/api/v1/projects', {
      token: edu,
      body: {
        year: 2022,
        code: 'FSS-API-1',
        name: '资金来源即时可见',
        kind: 'project',
        organizationId: org,
        budgetAmount: '300.00',
        isNew: false,
        isMajor: false,
        isCapitalConstruction: false,
        fundSources: [{ source: 'general_budget', amount: '300' }],
      },
    });
    expect({ status: created.status, body: created.status === 201 ? null : created.body }).toEqual({ status: 201, body: null });
    const listed = async () => {
      const res = await t.request('GET', '/api/v1/projects?year=2022&q=FSS-API-1', { token: edu });
      expect(res.status).toBe(200);
      return (res.body as { items: { fundSources: unknown }[] }).items.map((i) => i.fundSources);
    };
    expect(await listed()).toEqual([[{ source: 'general_budget', amount: '300.00' }]]);
    const changed = await t.request('PATCH', `/api/v1/projects/${created.body.id}`, {
      token: edu,
      body: {
        version: created.body.version,
        fundSources: [
          { source: 'government_bonds', amount: '100' },
          { source: 'direct_funds', amount: '200' },
        ],
      },
    });
    expect(changed.status).toBe(200);
    expect(await listed()).toEqual([
      [
        { source: 'direct_funds', amount: '200.00' },
        { source: 'government_bonds', amount: '100.00' },
      ],
    ]);
  });
});
