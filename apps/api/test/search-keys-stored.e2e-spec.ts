/**
 * Issue 10: a project's search keys (projects.search_keys, what the index projects_search_keys holds
 * and a search of one or two characters reads) are stored and kept current by every write of a
 * project's name or code, in its own transaction; the rows of the lists that are each a project's
 * (targets, trackings, evaluations, pre-assessments) carry a copy (project_search_keys), kept by their
 * writes and their project's. A property test writes random SQL sequences (projects added, renamed,
 * recoded, both, several renamed in one statement, an upsert, a write of another column, a rename
 * rolled back; list rows added, moved to another project, their copy written by hand) and after each
 * step compares every stored value with `jx_search_keys(name, code)` computed afresh and every copy
 * with its project's. Seeded: SEARCH_KEYS_SEED=<n> replays a run (the seed is printed). Then: the keys
 * of a word (`jx_search_query`, `jx_search_pairs_query`) hold for every name or code that holds it; a search through the API
 * right after a rename, on projects and on each list; and the functions in the database against what
 * the code generates now.
 */
import { DataSource } from 'typeorm';
import { holdsKeyPair, searchedByKeys } from '../src/modules/projects/project-search.sql';
import {
  SEARCH_KEYS_FUNCTIONS,
  SEARCH_KEYS_LISTS,
  SEARCH_KEYS_MATCH_FUNCTION,
  SEARCH_PAIRS_QUERY_FUNCTION,
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

  /**
   * Every project's stored keys (of `year`, or all) against the function computed now, and every list
   * row's copy (of those projects) against its project's keys.
   */
  const check = async (context: string, year: number | null = YEAR) => {
    const wrong = await t.sql<{ code: string; name: string }>(
      `SELECT code, name FROM projects WHERE ($1::int IS NULL OR year = $1) AND search_keys IS DISTINCT FROM jx_search_keys(name, code)`,
      [year],
    );
    if (wrong.length) throw new Error(`${context} (seed ${SEED}): ${wrong.length} differ: ${JSON.stringify(wrong.slice(0, 3))}`);
    const copies = await t.sql<{ list: string; code: string }>(
      SEARCH_KEYS_LISTS.map(
        (list) => `SELECT '${list}' AS list, p.code FROM ${list} l JOIN projects p ON p.id = l.project_id
                    WHERE ($1::int IS NULL OR p.year = $1) AND l.project_search_keys IS DISTINCT FROM p.search_keys`,
      ).join(' UNION ALL '),
      [year],
    );
    if (copies.length)
      throw new Error(`${context} (seed ${SEED}): ${copies.length} list rows' copies differ: ${JSON.stringify(copies.slice(0, 3))}`);
  };

  /** How many rows each list holds of the projects of YEAR. */
  const listRows = async () =>
    Object.fromEntries(
      await Promise.all(
        SEARCH_KEYS_LISTS.map(async (list) => {
          const [{ n }] = await t.sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${list} l JOIN projects p ON p.id = l.project_id WHERE p.year = $1`,
            [YEAR],
          );
          return [list, n] as const;
        }),
      ),
    );

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, SEARCH_KEYS_FUNCTIONS, {
      like: 'project\\_search\\_keys\\_%',
      statements: searchKeysTriggerStatements(),
    });
    // the query of a longer word's keys, as the code writes it
    const [query] = await t.sql<{ prosrc: string }>(`SELECT prosrc FROM pg_proc WHERE proname = 'jx_search_pairs_query'`);
    expect(query.prosrc).toBe(/\$search_keys\$([\s\S]*)\$search_keys\$/.exec(SEARCH_PAIRS_QUERY_FUNCTION)![1]);
    // the checks declared costly (beside the keys on projects, and on a list's own row): their bodies, and the cost
    // and volatility the plans depend on
    for (const [name, text] of [
      ['jx_search_text_matches', SEARCH_TEXT_MATCHES_FUNCTION],
      ['jx_search_keys_match', SEARCH_KEYS_MATCH_FUNCTION],
    ]) {
      const [fn] = await t.sql<{ prosrc: string; procost: number; provolatile: string; proparallel: string }>(
        `SELECT prosrc, procost::int AS procost, provolatile, proparallel FROM pg_proc WHERE proname = $1`,
        [name],
      );
      expect({ name, fn }).toEqual({
        name,
        fn: {
          prosrc: /\$search_keys\$([\s\S]*)\$search_keys\$/.exec(text)![1],
          procost: Number(/COST (\d+)/.exec(text)![1]),
          provolatile: 'i',
          proparallel: 'u',
        },
      });
      expect(fn.procost).toBeGreaterThanOrEqual(1000);
    }
  });

  it('holds for every project and list row the demo data wrote, and the indexes read the columns', async () => {
    await check('after the demo data', null);
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE search_keys <> ''::tsvector`);
    expect(n).toBeGreaterThan(10);
    const [{ def }] = await t.sql<{ def: string }>(`SELECT pg_get_indexdef('projects_search_keys'::regclass) AS def`);
    expect(def).toMatch(/USING gin \(search_keys\)/);
    for (const list of SEARCH_KEYS_LISTS) {
      const [{ rows }] = await t.sql<{ rows: number }>(
        `SELECT count(*)::int AS rows FROM ${list} WHERE project_search_keys <> ''::tsvector`,
      );
      expect({ list, some: rows > 0 }).toEqual({ list, some: true });
      const [{ def: own }] = await t.sql<{ def: string }>(`SELECT pg_get_indexdef('${list}_project_search_keys'::regclass) AS def`);
      expect(own).toMatch(/USING gin \(project_search_keys\)/);
    }
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
    let day = 0;
    /** A row of each list for `project` (as many trackings as asked; one of the others a project). */
    const addListRow = async (project: string) => {
      day++;
      const asOf = `${YEAR}-0${1 + (day % 9)}-${String(1 + (day % 28)).padStart(2, '0')}`;
      await t.sql(`INSERT INTO targets (project_id, organization_id, year) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        project,
        org,
        YEAR,
      ]);
      await t.sql(
        `INSERT INTO pre_assessments (project_id, organization_id, performed_by) VALUES ($1, $2, 'department') ON CONFLICT DO NOTHING`,
        [project, org],
      );
      await t.sql(
        `INSERT INTO evaluations (kind, project_id, organization_id, year, work_year) VALUES ('self', $1, $2, $3, $3 + 1) ON CONFLICT DO NOTHING`,
        [project, org, YEAR],
      );
      await t.sql(
        `INSERT INTO trackings (project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate, round, round_due)
         VALUES ($1, $2, $3, $4, '0.00', 'budget', '100.00', '0.00', 'adhoc', $4)`,
        [project, org, YEAR, asOf],
      );
    };
    for (let i = 0; i < 6; i++) await addProject();
    const first = (await t.sql<{ id: string }>(`SELECT id FROM projects WHERE year = $1 ORDER BY code`, [YEAR])).map((r) => r.id);
    for (const project of first.slice(0, 4)) await addListRow(project);
    await check('after the first projects and list rows');
    expect(Object.values(await listRows()).every((rows) => rows > 0)).toBe(true);
    for (let step = 1; step <= STEPS; step++) {
      const ps = (await t.sql<{ id: string }>(`SELECT id FROM projects WHERE year = $1 ORDER BY code`, [YEAR])).map((r) => r.id);
      const op = rnd.int(12);
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
      } else if (op === 8) {
        await expect(
          t.running.app.get(DataSource).transaction(async (m) => {
            await m.query(`UPDATE projects SET name = '撤销的名称' WHERE id = $1`, [rnd.pick(ps)]);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        did = 'rename rolled back';
      } else if (op === 9) {
        await addListRow(rnd.pick(ps));
        did = 'list row added';
      } else if (op === 10) {
        // a tracking or an evaluation moved to another project of the year (targets and pre-assessments are one a project)
        const list = rnd.pick(['trackings', 'evaluations']);
        const [row] = await t.sql<{ id: string }>(
          `SELECT l.id FROM ${list} l JOIN projects p ON p.id = l.project_id WHERE p.year = $1 ORDER BY l.id LIMIT 1 OFFSET $2`,
          [YEAR, rnd.int(3)],
        );
        // (an evaluation only to a project without one of its kind)
        const free =
          list === 'trackings' ? '' : ` AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.project_id = $2 AND e.kind = ${list}.kind)`;
        if (row) await t.sql(`UPDATE ${list} SET project_id = $2 WHERE id = $1${free}`, [row.id, rnd.pick(ps)]);
        did = 'list row moved';
      } else {
        // the copy written by hand: the trigger writes the project's keys over it
        const list = rnd.pick([...SEARCH_KEYS_LISTS]);
        await t.sql(
          `UPDATE ${list} SET project_search_keys = to_tsvector('simple', 'wrong') WHERE project_id IN (SELECT id FROM projects WHERE year = $1)`,
          [YEAR],
        );
        did = 'copy written by hand';
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
        'list row added',
        'list row moved',
        'copy written by hand',
      ].sort(),
    );
  });

  it('finds by the keys of a word (jx_search_query, jx_search_pairs_query for a longer one) every name or code that holds it, whatever its length', async () => {
    const rnd = seededRandom(SEED + 1);
    const words = Array.from({ length: 300 }, () => Array.from({ length: 1 + rnd.int(5) }, () => rnd.pick(CHARACTERS)).join(''));
    let asked = 0;
    for (const w of words) {
      const keyed = searchedByKeys(w) || holdsKeyPair(w);
      if (!keyed) continue;
      asked++;
      const like = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const [r] = await t.sql<{ query: string | null; missed: number }>(
        `SELECT q::text AS query, count(p.id) FILTER (WHERE NOT coalesce(p.search_keys @@ q, false))::int AS missed
           FROM (SELECT CASE WHEN length($1) <= 2 THEN jx_search_query($1) ELSE jx_search_pairs_query($1) END AS q) w
           LEFT JOIN projects p ON p.name ILIKE $2 OR p.code ILIKE $2 GROUP BY q`,
        [w, like],
      );
      // never an empty query for a word the search asks the keys of, and no match left out by them
      expect({ w, query: r.query === null ? null : 'some', missed: r.missed }).toEqual({ w, query: 'some', missed: 0 });
    }
    expect(asked).toBeGreaterThan(100);
    // a longer word's keys are its pairs, all of them; one or two characters as before
    const [q] = await t.sql<{ long: string; pair: string; one: string; none: string | null }>(
      `SELECT jx_search_pairs_query('信息化')::text AS long, jx_search_query('医院')::text AS pair, jx_search_query('鑫')::text AS one,
              jx_search_pairs_query('2022')::text AS none`,
    );
    expect(q).toEqual({ long: `'信息' & '息化'`, pair: `'医院'`, one: `'鑫':*`, none: null });
    expect([holdsKeyPair('信息化'), holdsKeyPair('2022'), holdsKeyPair('a12'), holdsKeyPair('医院')]).toEqual([true, false, true, false]);
  });

  it('a project renamed through the API is found by a word of its new name at once, and no longer by its old one, on every list of its rows', async () => {
    const edu = await t.login('edu');
    const org = await orgIdByName(t, '区教育局');
    const [row] = await t.sql<{ id: string; version: number }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES (2076, 'SK-API-1', '旧名鑫项目', 'project', $1, '10.00')
       RETURNING id, version`,
      [org],
    );
    // a row of each list that is a project's, written with the old name
    await t.sql(`INSERT INTO targets (project_id, organization_id, year) VALUES ($1, $2, 2076)`, [row.id, org]);
    await t.sql(`INSERT INTO pre_assessments (project_id, organization_id, performed_by) VALUES ($1, $2, 'department')`, [row.id, org]);
    await t.sql(`INSERT INTO evaluations (kind, project_id, organization_id, year, work_year) VALUES ('self', $1, $2, 2076, 2077)`, [
      row.id,
      org,
    ]);
    await t.sql(
      `INSERT INTO trackings (project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate, round, round_due)
       VALUES ($1, $2, 2076, '2076-06-30', '0.00', 'budget', '10.00', '0.00', 'adhoc', '2076-06-30')`,
      [row.id, org],
    );
    /** The project codes each list (projects and the four lists of a project's rows) finds for `q`. */
    const found = async (q: string) => {
      const codes: Record<string, string[]> = {};
      for (const list of ['projects', 'targets', 'trackings', 'evaluations', 'pre-assessments']) {
        const res = await t.request('GET', `/api/v1/${list}?year=2076&q=${encodeURIComponent(q)}`, { token: edu });
        expect(res.status).toBe(200);
        codes[list] = (res.body as { items: { code?: string; projectCode?: string }[] }).items.map((i) => i.projectCode ?? i.code ?? '');
      }
      return codes;
    };
    const everywhere = (codes: string[]) => ({
      projects: codes,
      targets: codes,
      trackings: codes,
      evaluations: codes,
      'pre-assessments': codes,
    });
    // a word of one character, of two, and a longer one (its pairs' keys checked on the list's own row)
    for (const q of ['鑫', '旧名', '鑫项目']) expect({ q, found: await found(q) }).toEqual({ q, found: everywhere(['SK-API-1']) });
    const renamed = await t.request('PATCH', `/api/v1/projects/${row.id}`, {
      token: edu,
      body: { name: '新名淼项目', version: row.version },
    });
    expect(renamed.status).toBe(200);
    for (const q of ['淼', '新名', '淼项目']) expect({ q, found: await found(q) }).toEqual({ q, found: everywhere(['SK-API-1']) });
    for (const q of ['鑫', '旧名', '鑫项目']) expect({ q, found: await found(q) }).toEqual({ q, found: everywhere([]) });
  });
});
