/**
 * Issue 10: a project's search keys (projects.search_keys, what the index projects_search_keys holds
 * and a search of one or two characters reads) are stored and kept current by every write of a
 * project's name or code, in its own transaction. A property test writes random SQL sequences
 * (projects added, renamed, recoded, both, several renamed in one statement, an upsert, a write of
 * another column, a rename rolled back) and after each step compares every stored value with
 * `jx_search_keys(name, code)` computed afresh. Seeded: SEARCH_KEYS_SEED=<n> replays a run (the seed is
 * printed). Then a search through the API right after a rename, and the functions in the database
 * against what the code generates now.
 */
import { DataSource } from 'typeorm';
import {
  SEARCH_KEYS_FUNCTIONS,
  SEARCH_TEXT_MATCHES_FUNCTION,
  searchKeysTriggerStatements,
} from '../src/modules/projects/search-keys-stored.sql';
import { orgIdByName } from './support/db-state';
import { seededRandom } from './support/random';
import { expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';

const YEAR = 2075;
const SEED = Number(process.env.SEARCH_KEYS_SEED ?? 20261206);
const STEPS = Number(process.env.SEARCH_KEYS_STEPS ?? 150);

/** Characters names are made of: Chinese, Latin of both cases, digits, full-width and punctuation. */
const CHARACTERS = [...'建设道路学校医院鑫信息化改造Ab zQ1９%_ＡＢ'];

describe('stored search keys of projects', () => {
  let t: TestApp;
  const seen = new Set<string>();

  /** Every project's stored keys (of `year`, or all) against the function computed now. */
  const check = async (context: string, year: number | null = YEAR) => {
    const wrong = await t.sql<{ code: string; name: string }>(
      `SELECT code, name FROM projects WHERE ($1::int IS NULL OR year = $1) AND search_keys IS DISTINCT FROM jx_search_keys(name, code)`,
      [year],
    );
    if (wrong.length) throw new Error(`${context} (seed ${SEED}): ${wrong.length} differ: ${JSON.stringify(wrong.slice(0, 3))}`);
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, SEARCH_KEYS_FUNCTIONS, {
      like: 'project\\_search\\_keys\\_%',
      statements: searchKeysTriggerStatements(),
    });
    // the check beside the keys: its body, and the cost and volatility the plans depend on
    const [fn] = await t.sql<{ prosrc: string; procost: number; provolatile: string; proparallel: string }>(
      `SELECT prosrc, procost::int AS procost, provolatile, proparallel FROM pg_proc WHERE proname = 'jx_search_text_matches'`,
    );
    expect(fn).toEqual({
      prosrc: /\$search_keys\$([\s\S]*)\$search_keys\$/.exec(SEARCH_TEXT_MATCHES_FUNCTION)![1],
      procost: Number(/COST (\d+)/.exec(SEARCH_TEXT_MATCHES_FUNCTION)![1]),
      provolatile: 'i',
      proparallel: 'u',
    });
    expect(fn.procost).toBeGreaterThanOrEqual(1000);
  });

  it('holds for every project the demo data wrote, and the index reads the column', async () => {
    await check('after the demo data', null);
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE search_keys <> ''::tsvector`);
    expect(n).toBeGreaterThan(10);
    const [{ def }] = await t.sql<{ def: string }>(`SELECT pg_get_indexdef('projects_search_keys'::regclass) AS def`);
    expect(def).toMatch(/USING gin \(search_keys\)/);
  });

  it('stays equal to the function after every step of random writes', async () => {
    console.log(`search-keys-stored property test: seed ${SEED} (SEARCH_KEYS_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    const org = await orgIdByName(t, '区教育局');
    const word = () => Array.from({ length: 1 + rnd.int(8) }, () => rnd.pick(CHARACTERS)).join('');
    let n = 0;
    const addProject = async () => {
      n++;
      await t.sql(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, $2, $3, 'project', $4, '100.00')`,
        [YEAR, `SK-${String(n).padStart(4, '0')}${rnd.pick(['', 'a', 'Zq', '鑫'])}`, word(), org],
      );
    };
    for (let i = 0; i < 6; i++) await addProject();
    await check('after the first projects');
    for (let step = 1; step <= STEPS; step++) {
      const ps = (await t.sql<{ id: string }>(`SELECT id FROM projects WHERE year = $1 ORDER BY code`, [YEAR])).map((r) => r.id);
      const op = rnd.int(9);
      let did: string;
      if (op <= 1) {
        await addProject();
        did = 'added';
      } else if (op === 2) {
        await t.sql(`UPDATE projects SET name = $2 WHERE id = $1`, [rnd.pick(ps), word()]);
        did = 'renamed';
      } else if (op === 3) {
        await t.sql(`UPDATE projects SET code = code || $2 WHERE id = $1`, [rnd.pick(ps), rnd.pick(['x', '医', 'Q'])]);
        did = 'recoded';
      } else if (op === 4) {
        await t.sql(`UPDATE projects SET name = $2, code = code || 'b' WHERE id = $1`, [rnd.pick(ps), word()]);
        did = 'renamed and recoded';
      } else if (op === 5) {
        await t.sql(`UPDATE projects SET name = name || $2 WHERE year = $1 AND code LIKE $3`, [YEAR, word(), `SK-000${rnd.int(10)}%`]);
        did = 'several renamed in one statement';
      } else if (op === 6) {
        const [{ code }] = await t.sql<{ code: string }>(`SELECT code FROM projects WHERE id = $1`, [rnd.pick(ps)]);
        await t.sql(
          `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, $2, $3, 'project', $4, '1.00')
           ON CONFLICT (year, code) DO UPDATE SET name = EXCLUDED.name`,
          [YEAR, code, word(), org],
        );
        did = 'upserted';
      } else if (op === 7) {
        await t.sql(`UPDATE projects SET budget_amount = budget_amount + 1 WHERE id = $1`, [rnd.pick(ps)]);
        did = 'another column written';
      } else {
        await expect(
          t.running.app.get(DataSource).transaction(async (m) => {
            await m.query(`UPDATE projects SET name = '撤销的名称' WHERE id = $1`, [rnd.pick(ps)]);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        did = 'rename rolled back';
      }
      seen.add(did);
      await check(`step ${step}: ${did}`);
    }
    expect([...seen].sort()).toEqual(
      [
        'added',
        'another column written',
        'recoded',
        'rename rolled back',
        'renamed',
        'renamed and recoded',
        'several renamed in one statement',
        'upserted',
      ].sort(),
    );
  });

  it('a project renamed through the API is found by a word of its new name at once, and no longer by its old one', async () => {
    const edu = await t.login('edu');
    const org = await orgIdByName(t, '区教育局');
    const [row] = await t.sql<{ id: string; version: number }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES (2076, 'SK-API-1', '旧名鑫项目', 'project', $1, '10.00')
       RETURNING id, version`,
      [org],
    );
    const found = async (q: string) => {
      const res = await t.request('GET', `/api/v1/projects?year=2076&q=${encodeURIComponent(q)}`, { token: edu });
      expect(res.status).toBe(200);
      return (res.body as { items: { code: string }[] }).items.map((i) => i.code);
    };
    expect(await found('鑫')).toEqual(['SK-API-1']);
    const renamed = await t.request('PATCH', `/api/v1/projects/${row.id}`, {
      token: edu,
      body: { name: '新名淼项目', version: row.version },
    });
    expect(renamed.status).toBe(200);
    expect(await found('淼')).toEqual(['SK-API-1']);
    expect(await found('鑫')).toEqual([]);
  });
});
