/**
 * The list contract at city scale (issue 10): keyset positions (`cursor`) that return every row
 * exactly once while rows are inserted between pages, a total counted up to COUNT_BOUND (exact
 * below it, "at least" above), page numbers only as far as PAGE_JUMP_LIMIT, and coded 400s for a
 * cursor that is not ours. The keyset condition itself is checked against PostgreSQL's own
 * ORDER BY over random rows with NULLs and mixed directions.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { COUNT_BOUND, PAGE_JUMP_LIMIT, SEARCH_COUNT_BOUND, SEARCH_PAGE_ROWS } from '@jixiao/contracts';
import { keysetCondition, type KeyTerm } from '../src/common/list/keyset';
import { startTestApp, TestApp } from './support/test-app';
import { expectProblem } from './support/http';
import { statementsDuring } from './support/statements';
import { bulkInsertProjects, orgIdByName } from './support/db-state';
import { projectSearchSql } from '../src/modules/projects/project-search.sql';
import { SearchKeyStatistics } from '../src/modules/projects/search-key-statistics.service';

/** TypeORM's named parameters (`:name`) as positional ones, for running a condition through `t.sql`. */
function positional(sql: string, params: Record<string, string>): { text: string; values: string[] } {
  const values: string[] = [];
  const index = new Map<string, number>();
  const text = sql.replace(/:(lc_c\d+)/g, (_, name: string) => {
    if (!index.has(name)) {
      values.push(params[name]);
      index.set(name, values.length);
    }
    return `$${index.get(name)}`;
  });
  return { text, values };
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

describe('list contract (keyset, bounded count)', () => {
  let t: TestApp;
  let health: string;
  let healthOrg: string;

  beforeAll(async () => {
    t = await startTestApp();
    health = await t.login('health');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
  });
  afterAll(async () => t?.close());

  const insertProjects = (year: number, prefix: string, count: number, amount: (i: string) => string) =>
    bulkInsertProjects(t, { year, prefix, count, organizationId: healthOrg, name: `'列表测试' || g`, amount: amount('g') });
  const list = (query: string) => t.request('GET', `/api/v1/projects?${query}`, { token: health });
  /** The codes of the projects of `year` the department's list finds for `q`, paged by cursor to the end, sorted. */
  const codesFound = async (year: number, q: string) => {
    const codes: string[] = [];
    let res = await list(`year=${year}&pageSize=100&q=${encodeURIComponent(q)}`);
    for (;;) {
      expect(res.status).toBe(200);
      codes.push(...res.body.items.map((p: { code: string }) => p.code));
      if (!res.body.hasMore) break;
      res = await list(`year=${year}&pageSize=100&q=${encodeURIComponent(q)}&cursor=${res.body.nextCursor}`);
    }
    return codes.sort();
  };

  describe('the keyset condition', () => {
    it('pages through random rows with NULLs in every direction exactly as ORDER BY does, forwards and backwards', async () => {
      await t.sql(`CREATE TABLE lc_rows (id uuid PRIMARY KEY, a int, b text)`);
      const next = random(20261130);
      const rows: [string, number | null, string | null][] = [];
      for (let i = 0; i < 60; i++) {
        const a = next() < 0.25 ? null : Math.floor(next() * 5);
        const b = next() < 0.25 ? null : ['甲', '乙', 'b', 'B'][Math.floor(next() * 4)];
        rows.push([randomUUID(), a, b]);
      }
      for (const [id, a, b] of rows) await t.sql(`INSERT INTO lc_rows VALUES ($1, $2, $3)`, [id, a, b]);
      // the same rows without NULLs, for keys declared NOT NULL (row comparison when sorted one way)
      await t.sql(`CREATE TABLE lc_full AS SELECT id, coalesce(a, 7) AS a, coalesce(b, '丙') AS b FROM lc_rows`);

      for (const [table, nullable] of [
        ['lc_rows', true],
        ['lc_full', false],
      ] as const)
        for (const da of ['ASC', 'DESC'] as const) {
          for (const db of ['ASC', 'DESC'] as const) {
            const keys: KeyTerm[] = [
              { expr: 'r.a', direction: da, nullable },
              { expr: 'r.b', direction: db, nullable },
              { expr: 'r.id', direction: da, nullable: false },
            ];
            const order = (backwards: boolean) =>
              keys.map((k) => `${k.expr} ${backwards ? (k.direction === 'ASC' ? 'DESC' : 'ASC') : k.direction}`).join(', ');
            const expected = (await t.sql<{ id: string }>(`SELECT r.id FROM ${table} r ORDER BY ${order(false)}`)).map((r) => r.id);
            expect(expected).toHaveLength(60);

            const walk = async (backwards: boolean) => {
              const seen: string[] = [];
              let position: (string | null)[] | null = null;
              for (let guard = 0; guard < 100; guard++) {
                let where = 'true';
                let values: string[] = [];
                if (position) {
                  const c = keysetCondition(keys, position, backwards);
                  ({ text: where, values } = positional(c.sql, c.params));
                }
                const page = await t.sql<{ id: string; ka: string | null; kb: string | null; kid: string }>(
                  `SELECT r.id, r.a::text AS ka, r.b::text AS kb, r.id::text AS kid FROM ${table} r WHERE ${where} ORDER BY ${order(backwards)} LIMIT 7`,
                  values,
                );
                if (!page.length) return seen;
                seen.push(...page.map((r) => r.id));
                const last = page[page.length - 1];
                position = [last.ka, last.kb, last.kid];
              }
              throw new Error('keyset walk did not end');
            };
            expect(await walk(false)).toEqual(expected);
            expect(await walk(true)).toEqual([...expected].reverse());
          }
        }
    });
  });

  describe('GET /projects by cursor', () => {
    it('returns every row exactly once while rows are inserted between pages, and goes back with prevCursor', async () => {
      // 45 rows whose budgets tie in threes, sorted by budget descending (ties broken by id)
      await insertProjects(2031, 'KS-', 45, (g) => `((${g} % 15) * 1000 + 0.5)`);
      const original = new Set((await t.sql<{ id: string }>(`SELECT id FROM projects WHERE year = 2031`)).map((r) => r.id));
      const query = 'year=2031&sort=-budgetAmount&pageSize=7';
      const seen: string[] = [];
      const pages: { items: { id: string }[]; prevCursor: string | null; nextCursor: string | null }[] = [];
      let res = await list(query);
      for (let i = 0; ; i++) {
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((p: { id: string }) => p.id));
        pages.push(res.body);
        if (!res.body.hasMore) {
          expect(res.body.nextCursor).toBeNull();
          break;
        }
        // new rows on both sides of the current position, and with the very budget of the last row
        await insertProjects(2031, `KS-N${i}-`, 3, (g) => `(${g} * 4000 + 0.5)`);
        res = await list(`${query}&cursor=${res.body.nextCursor}`);
        if (i > 40) throw new Error('paging did not end');
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of original) expect(seen).toContain(id);
      expect(pages[0].prevCursor).toBeNull();

      // with nothing inserted meanwhile, every page's prevCursor gives exactly the page before it
      const still: { items: { id: string }[]; prevCursor: string | null; nextCursor: string | null }[] = [];
      for (let r = await list(query); ; r = await list(`${query}&cursor=${r.body.nextCursor}`)) {
        still.push(r.body);
        if (!r.body.hasMore) break;
      }
      for (let i = 1; i < still.length; i++) {
        const back = await list(`${query}&cursor=${still[i].prevCursor}`);
        expect(back.status).toBe(200);
        expect(back.body.items.map((p: { id: string }) => p.id)).toEqual(still[i - 1].items.map((p) => p.id));
        expect(back.body.hasMore).toBe(true);
        expect(back.body.prevCursor === null).toBe(i === 1);
      }

      // the order the cursor pages follow is the sort's: budgets never rise
      const budgets = await t.sql<{ id: string; b: string }>(
        `SELECT id, budget_amount::text AS b FROM projects WHERE id = ANY($1::uuid[])`,
        [seen],
      );
      const byId = new Map(budgets.map((r) => [r.id, Number(r.b)]));
      const firstPages = pages[0].items.map((p) => byId.get(p.id)!);
      expect([...firstPages].sort((x, y) => y - x)).toEqual(firstPages);
    });

    it('refuses a cursor of another sort, a malformed one and one whose values are not of the sort’s types, with coded 400s', async () => {
      const first = await list('year=2031&sort=-budgetAmount&pageSize=5');
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const otherSort = await list(`year=2031&sort=code&cursor=${first.body.nextCursor}`);
      expectProblem(otherSort, 400, 'LIST_CURSOR_INVALID');
      expect(otherSort.body.errors[0]).toMatchObject({ field: 'cursor', code: 'cursorSort' });
      expectProblem(await list('year=2031&cursor=a.b*c'), 400, 'LIST_CURSOR_INVALID');
      expectProblem(await list('year=2031&cursor=bm90LWpzb24'), 400, 'LIST_CURSOR_INVALID');
      const crafted = Buffer.from(JSON.stringify({ s: '-budgetAmount', k: ['not a number', 'not a uuid'] })).toString('base64url');
      expectProblem(await list(`year=2031&sort=-budgetAmount&cursor=${crafted}`), 400);
      const wrongLength = Buffer.from(JSON.stringify({ s: '-budgetAmount', k: ['1'] })).toString('base64url');
      expectProblem(await list(`year=2031&sort=-budgetAmount&cursor=${wrongLength}`), 400, 'LIST_CURSOR_INVALID');
    });
  });

  describe('a list with joins (paginate reads the page ids first): GET /trackings', () => {
    const trackings = (query: string) => t.request('GET', `/api/v1/trackings?year=2039&${query}`, { token: health });
    const addTrackings = async (prefix: string, count: number, seed: number) => {
      await insertProjects(2039, prefix, count, (g) => `(${g} * 1000)`);
      const projects = await t.sql<{ id: string }>(`SELECT id FROM projects WHERE year = 2039 AND code LIKE $1 ORDER BY code`, [
        `${prefix}%`,
      ]);
      const rnd = random(seed);
      for (const p of projects) {
        // few as-of days and rates: ties the id breaks
        const asOf = `2039-0${1 + Math.floor(rnd() * 3)}-28`;
        const rate = String(Math.floor(rnd() * 4) * 10);
        await t.sql(
          `INSERT INTO trackings (project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate, round, round_due)
           VALUES ($1, $2, 2039, $3, 0, 'budget', 1000, $4, 'first_tracking', $3)`,
          [p.id, healthOrg, asOf, rate],
        );
      }
    };

    it('returns every row once by cursor while rows are inserted, the same pages as page numbers, and goes back', async () => {
      await addTrackings('JT-', 26, 33);
      const original = (await t.sql<{ id: string }>(`SELECT id FROM trackings WHERE year = 2039`)).map((r) => r.id);
      for (const sort of ['-asOf,projectCode', 'executionRate', '-executionRate,-asOf']) {
        const query = `sort=${sort}&pageSize=4`;
        // with nothing inserted: the cursor walk gives exactly the pages page numbers give, and prevCursor the page before
        const byCursor: { items: { id: string }[]; prevCursor: string | null; nextCursor: string | null; hasMore: boolean }[] = [];
        for (let r = await trackings(query); ; r = await trackings(`${query}&cursor=${r.body.nextCursor}`)) {
          expect(r.status).toBe(200);
          byCursor.push(r.body);
          if (!r.body.hasMore) break;
          if (byCursor.length > 20) throw new Error('paging did not end');
        }
        const ids = byCursor.flatMap((b) => b.items.map((i) => i.id));
        expect([...ids].sort()).toEqual([...new Set([...original, ...ids])].sort());
        for (let i = 0; i < byCursor.length; i++) {
          const numbered = await trackings(`${query}&page=${i + 1}`);
          expect(numbered.body.items.map((x: { id: string }) => x.id)).toEqual(byCursor[i].items.map((x) => x.id));
          if (i > 0) {
            const back = await trackings(`${query}&cursor=${byCursor[i].prevCursor}`);
            expect(back.body.items.map((x: { id: string }) => x.id)).toEqual(byCursor[i - 1].items.map((x) => x.id));
          }
        }
      }
      // rows inserted between pages: every row there at the start is seen, none twice
      const seen: string[] = [];
      let res = await trackings('pageSize=5');
      for (let i = 0; ; i++) {
        seen.push(...res.body.items.map((x: { id: string }) => x.id));
        if (!res.body.hasMore) break;
        await addTrackings(`JT-N${i}-`, 2, 100 + i);
        res = await trackings(`pageSize=5&cursor=${res.body.nextCursor}`);
        if (i > 40) throw new Error('paging did not end');
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of original) expect(seen).toContain(id);
    });
  });

  describe('a list written in SQL (sqlPage): GET /trackings/coverage by cursor', () => {
    const coverage = (query: string) => t.request('GET', `/api/v1/trackings/coverage?year=2022&q=SQLP-&${query}`, { token: health });

    it('returns every row exactly once while rows are inserted between pages, forwards and back, by a nullable sort key', async () => {
      // 30 projects of the working year, some with a tracking (a last execution rate) and some without (NULL)
      await insertProjects(2022, 'SQLP-', 30, (g) => `(${g} * 1000)`);
      const tracked = await t.sql<{ id: string }>(
        `SELECT id FROM projects WHERE year = 2022 AND code LIKE 'SQLP-%' ORDER BY code LIMIT 20`,
      );
      for (const [i, p] of tracked.entries()) {
        await t.sql(
          `INSERT INTO trackings (project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate, round, round_due)
           VALUES ($1, $2, 2022, '2022-06-30', 0, 'budget', 1000, $3, 'first_tracking', '2022-07-15')`,
          [p.id, healthOrg, (i % 4) * 10],
        );
      }
      const original = new Set((await t.sql<{ id: string }>(`SELECT id FROM projects WHERE code LIKE 'SQLP-%'`)).map((r) => r.id));
      for (const sort of ['-lastExecutionRate', 'lastExecutionRate', 'projectCode', '-due']) {
        const query = `sort=${sort}&pageSize=4`;
        const seen: string[] = [];
        const pages: { items: { projectId: string }[]; prevCursor: string | null; hasMore: boolean }[] = [];
        let res = await coverage(query);
        for (let i = 0; ; i++) {
          expect(res.status).toBe(200);
          seen.push(...res.body.items.map((r: { projectId: string }) => r.projectId));
          pages.push(res.body);
          if (!res.body.hasMore) {
            expect(res.body.nextCursor).toBeNull();
            break;
          }
          await insertProjects(2022, `SQLP-${sort}-${i}-`, 2, (g) => `(${g} * 500)`);
          res = await coverage(`${query}&cursor=${res.body.nextCursor}`);
          if (i > 60) throw new Error('paging did not end');
        }
        expect(new Set(seen).size).toBe(seen.length);
        for (const id of original) expect(seen).toContain(id);
        expect(pages[0].prevCursor).toBeNull();
        // every page's prevCursor reads the page before it (no inserts meanwhile: from the second page of a fresh walk)
        const first = await coverage(query);
        const second = await coverage(`${query}&cursor=${first.body.nextCursor}`);
        const back = await coverage(`${query}&cursor=${second.body.prevCursor}`);
        expect(back.body.items.map((r: { projectId: string }) => r.projectId)).toEqual(
          first.body.items.map((r: { projectId: string }) => r.projectId),
        );
        expect(back.body.prevCursor).toBeNull();
      }
    });

    it('tells the total and refuses a cursor of another sort or a malformed one with coded 400s', async () => {
      const first = await coverage('sort=projectCode&pageSize=5');
      expect(first.body).toMatchObject({ totalExact: true, hasMore: true });
      expect(first.body.total).toBe(first.body.summary.total);
      const otherSort = await coverage(`sort=-due&cursor=${first.body.nextCursor}`);
      expectProblem(otherSort, 400, 'LIST_CURSOR_INVALID');
      expect(otherSort.body.errors[0]).toMatchObject({ field: 'cursor', code: 'cursorSort' });
      expectProblem(await coverage('cursor=a.b*c'), 400, 'LIST_CURSOR_INVALID');
      const wrongLength = Buffer.from(JSON.stringify({ s: 'projectCode', k: ['1'] })).toString('base64url');
      expectProblem(await coverage(`sort=projectCode&cursor=${wrongLength}`), 400, 'LIST_CURSOR_INVALID');
    });
  });

  describe('searching names and codes', () => {
    it('reads the trigram indexes for a Chinese name or a code fragment, and finds the rows', async () => {
      await insertProjects(2034, 'TG-', 20_000, () => '1000');
      await t.sql(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
         VALUES (2034, 'XXH-001', '区政务信息化平台运维', 'project', $1, 1000), (2034, 'XXH-002', '教育信息化设备更新', 'project', $1, 1000)`,
        [healthOrg],
      );
      await t.sql(`ANALYZE projects`);
      // whether the index can answer the pattern at all (on a table this small the planner may
      // rightly prefer reading it; at city size it picks the index, see `pnpm bench api`)
      const plan = (column: string, pattern: string) =>
        t.running.app.get(DataSource).transaction(async (m) => {
          await m.query(`SET LOCAL enable_seqscan = off`);
          const rows = (await m.query(`EXPLAIN SELECT id FROM projects p WHERE p.${column} ILIKE $1`, [pattern])) as {
            'QUERY PLAN': string;
          }[];
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      expect(await plan('name', '%信息化%')).toContain('projects_name_trgm');
      expect(await plan('code', '%XXH-00%')).toContain('projects_code_trgm');
      const found = await list('year=2034&q=信息化');
      expect(found.body.items.map((p: { code: string }) => p.code).sort()).toEqual(['XXH-001', 'XXH-002']);
      expect(found.body).toMatchObject({ total: 2, totalExact: true });
      // a caller who sees few organizations (health, a department) reads its own rows: its condition no index
      // answers (project-search.sql.ts, NARROW_SEARCH_ORGANIZATIONS); the whole district's (finance) the trigram index
      const conditionPlan = (narrow: boolean, word = '信息化', frequent = true) => {
        const values: string[] = [];
        const condition = projectSearchSql('p', word, (value) => `$${values.push(value)}`, narrow, null, frequent);
        return t.running.app.get(DataSource).transaction(async (m) => {
          await m.query(`SET LOCAL enable_seqscan = off`);
          const rows = (await m.query(`EXPLAIN SELECT id FROM projects p WHERE ${condition}`, values)) as { 'QUERY PLAN': string }[];
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      };
      expect(await conditionPlan(false)).toContain('projects_name_trgm');
      expect(await conditionPlan(true)).not.toContain('_trgm');
      // a word of two characters alike: the index of search keys for the district, the caller's own rows for a department
      expect(await conditionPlan(false, '信息')).toContain('projects_search_keys');
      expect(await conditionPlan(true, '信息')).not.toContain('projects_search_keys');
      // unless the statistics hold the word rare (searchKeyFrequent): then the department's too reads the index of keys
      expect(await conditionPlan(true, '信息', false)).toContain('projects_search_keys');
      const byFinance = await t.request('GET', '/api/v1/projects?year=2034&q=信息化', { token: await t.login('finance') });
      expect(byFinance.body.items.map((p: { code: string }) => p.code).sort()).toEqual(['XXH-001', 'XXH-002']);
      for (const word of ['信息', '信']) {
        const byDepartment = await list(`year=2034&q=${encodeURIComponent(word)}`);
        expect({ word, codes: byDepartment.body.items.map((p: { code: string }) => p.code).sort() }).toEqual({
          word,
          codes: ['XXH-001', 'XXH-002'],
        });
      }
    });

    it('reads the statistics of the search keys, and writes a department’s rare word of two characters for the index of keys, a frequent one for its own rows; both find what ILIKE finds', async () => {
      await insertProjects(2044, 'SK-', 6000, () => '1000');
      await t.sql(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
         VALUES (2044, 'YY-001', '鹬蚌相争', 'project', $1, 1000), (2044, 'YY-002', '鹬蚌列表', 'project', $1, 1000)`,
        [healthOrg],
      );
      await t.sql(`ANALYZE projects`);
      const common = await t.running.app.get(SearchKeyStatistics).refresh();
      // 列表 is in every generated name; 鹬蚌 in two projects of more than 6,000 (PostgreSQL keeps an element among
      // the most common when the rows it sampled hold it more often than a bound that grows with their keys)
      expect({ 列表: common?.has('列表'), 鹬蚌: common?.has('鹬蚌') }).toEqual({ 列表: true, 鹬蚌: false });
      const byIlike = async (q: string) =>
        (await t.sql<{ code: string }>(`SELECT code FROM projects WHERE year = 2044 AND (name ILIKE $1 OR code ILIKE $1)`, [`%${q}%`]))
          .map((r) => r.code)
          .sort();
      const searched = async (q: string) => {
        let codes: string[] = [];
        const sent = await statementsDuring(async () => (codes = await codesFound(2044, q)));
        // TypeORM quotes the alias: "p"."search_keys"
        const reads = sent.filter((s) => /search_keys"? @@/.test(s));
        return {
          codes,
          reads: reads.length > 0,
          narrow: reads.every((s) => /search_keys"? @@ jx_search_query\(CAST\(\$\d+ AS text\)\)\) IS TRUE/.test(s)),
        };
      };
      expect(await searched('鹬蚌')).toEqual({ codes: ['YY-001', 'YY-002'], reads: true, narrow: false });
      const frequent = await searched('列表');
      expect(frequent).toEqual({ codes: await byIlike('列表'), reads: true, narrow: true });
      expect(frequent.codes).toHaveLength(6001);
    });

    it('finds a Chinese or Latin word of one or two characters through the index of characters and pairs; every short word finds exactly the rows ILIKE finds', async () => {
      await insertProjects(2042, 'GF-', 300, () => '1000');
      const named: [string, string][] = [
        ['GR-001', '量子计算平台'],
        ['GR-002', '教育ab设备'],
        ['gr-003', 'Ab测试'],
        ['GR-004', '完成100%_指标'],
        ['GR-005', '甲乙'],
        ['GR-006', '𠀀古籍'],
        ['GR-007', 'x'],
        ['GR-008', 'ＡＢ测试'],
        ['GR-009', 'kelvin'],
        ['GR-010', '测试X'],
        ['GR-011', "O'测\\试"],
        ['GR-012', '工程鑫'],
        ['GR-013', '设备zq'],
        ['QJ-014', '改造'],
        // letters whose lowered or raised form is another character (Roman numerals, Greek, İ): ILIKE lowers them
        ['GT-015', 'Ⅱ期工程'],
        ['GT-016', 'ⅱ期维护'],
        ['GT-017', 'ΣΑΒ改造'],
        ['GT-018', 'İstanbul交流（一）'],
      ];
      for (const [code, name] of named) {
        await t.sql(
          `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES (2042, $1, $2, 'project', $3, 1000)`,
          [code, name, healthOrg],
        );
      }
      await t.sql(`ANALYZE projects`);
      // the statement's own condition (project-search.sql.ts) is the one the index answers
      const planOf = (word: string) => {
        const values: string[] = [];
        const short = projectSearchSql('p', word, (value) => `$${values.push(value)}`);
        return t.running.app.get(DataSource).transaction(async (m) => {
          await m.query(`SET LOCAL enable_seqscan = off`);
          const rows = (await m.query(`EXPLAIN SELECT id FROM projects p WHERE ${short}`, values)) as { 'QUERY PLAN': string }[];
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      };
      expect(await planOf('量子')).toContain('projects_search_keys');
      expect(await planOf('量')).toContain('projects_search_keys');
      // a rare Latin word of one or two letters too (migration ProjectSearchLatinKeys)
      expect(await planOf('zq')).toContain('projects_search_keys');
      expect(await planOf('Q')).toContain('projects_search_keys');

      // what ILIKE finds, written here on its own (escaped as the list escapes its words)
      const byIlike = async (q: string) => {
        const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const rows = await t.sql<{ code: string }>(`SELECT code FROM projects WHERE year = 2042 AND (name ILIKE $1 OR code ILIKE $1)`, [
          pattern,
        ]);
        return rows.map((r) => r.code).sort();
      };
      // Chinese words of one or two characters: the pairs-and-characters index; the others (full-width Latin, digits and
      // punctuation alone, letters with case beyond ASCII), ILIKE
      const chinese = [
        '量子',
        '子计',
        '列表',
        '成1',
        '乙G',
        'b测',
        '𠀀古',
        '无关',
        '试x',
        '量',
        '列',
        '𠀀',
        '无',
        '测',
        '鑫',
        "'测",
        '测\\',
        '\\试',
      ];
      // Latin words of one or two characters holding a letter (ASCII): the same index
      const latin = ['ab', 'AB', 'aB', 'gr', 'x', 'X', 'zq', 'ZQ', 'q', 'Q', 'qj', 'j-', 'r-', 'o1', '1x', 'k', 'v'];
      // from three characters on, a word without case is matched by LIKE, any other by ILIKE (project-search.sql.ts)
      const others = ['不存在', '量子计', 'ａｂ', 'ＡＢ', 'Ａ', 'é', '\u212a', '\u212ae', 'é测', 'xé', 'abc'];
      const longer = [
        '成100',
        '100%_',
        '完成100%',
        '期工程',
        'ⅱ期工',
        'Ⅱ期维',
        'σαβ改',
        'i̇stan',
        'İst',
        '交流（一）',
        '流（一',
        'ＡＢ测试',
      ];
      const words = [...chinese, ...latin, ...others, ...longer, '%', '%_', '_', '-0', '07', '1', '-'];
      const counts: Record<string, number> = {};
      for (const q of words) {
        const expected = await byIlike(q);
        expect({ q, codes: await codesFound(2042, q) }).toEqual({ q, codes: expected });
        counts[q] = expected.length;
      }
      // the words were chosen to find something, nothing, and many (more than a page)
      expect(counts).toMatchObject({
        量子: 1,
        成1: 1,
        ab: 2,
        AB: 2,
        ＡＢ: 1,
        '%_': 1,
        乙G: 0,
        𠀀古: 1,
        试x: 1,
        无: 0,
        x: 2,
        zq: 1,
        ZQ: 1,
        Q: 2,
        qj: 1,
        k: 1,
        'j-': 1,
        gr: 13,
        量: 1,
        𠀀: 1,
        测: 304,
        鑫: 1,
        "'测": 1,
        '测\\': 1,
        '\\试': 1,
        成100: 1,
        '100%_': 1,
        期工程: 1,
        '交流（一）': 1,
        ＡＢ测试: 1,
      });
      // which words the index answers: exactly the Chinese and the Latin one- and two-character ones
      for (const q of words)
        expect({ q, pairs: projectSearchSql('p', q, () => '$1').includes('search_keys @@') }).toEqual({
          q,
          pairs: chinese.includes(q) || latin.includes(q),
        });
      expect(counts['列']).toBe(300);
    });
  });

  describe('the bounded total', () => {
    it('is exact below the bound, with or without a count statement', async () => {
      await insertProjects(2032, 'BC-', 33, () => '1000');
      const firstPage = await list('year=2032&pageSize=10');
      expect(firstPage.body).toMatchObject({ total: 33, totalExact: true, hasMore: true });
      const lastPage = await list('year=2032&pageSize=10&page=4');
      expect(lastPage.body).toMatchObject({ total: 33, totalExact: true, hasMore: false, nextCursor: null });
      expect(lastPage.body.items).toHaveLength(3);
      const past = await list('year=2032&pageSize=10&page=9');
      expect(past.body).toMatchObject({ total: 33, totalExact: true, hasMore: false, items: [] });
      const byCursor = await list(`year=2032&pageSize=10&cursor=${firstPage.body.nextCursor}`);
      expect(byCursor.body).toMatchObject({ total: 33, totalExact: true });
    });

    it(`counts a text search up to ${SEARCH_COUNT_BOUND}: exact below, "at least" above, every match still reached by cursor`, async () => {
      await bulkInsertProjects(t, {
        year: 2037,
        prefix: 'SB-',
        count: SEARCH_COUNT_BOUND + 30,
        organizationId: healthOrg,
        name: `CASE WHEN g % 40 = 0 THEN '少见搜索词' ELSE '常见搜索词' END || g`,
        amount: '1000',
      });
      // below the bound the total is exact (a page of 2 whose statement read all the matches: SEARCH_PAGE_ROWS)
      const rareCount = Math.floor((SEARCH_COUNT_BOUND + 30) / 40);
      expect(rareCount).toBeGreaterThan(2);
      const rare = await list(`year=2037&q=${encodeURIComponent('少见搜索')}&pageSize=2`);
      expect(rare.body).toMatchObject({ total: rareCount, totalExact: true, hasMore: true });
      const common = await list(`year=2037&q=${encodeURIComponent('常见搜索')}&pageSize=50`);
      expect(common.body).toMatchObject({ total: SEARCH_COUNT_BOUND, totalExact: false, hasMore: true });
      // the same rows without the search: counted to the list's own bound, exactly
      const all = await list('year=2037&pageSize=10');
      expect(all.body).toMatchObject({ total: SEARCH_COUNT_BOUND + 30, totalExact: true });
      let res = common;
      let seen = res.body.items.length;
      while (res.body.hasMore) {
        res = await list(`year=2037&q=${encodeURIComponent('常见搜索')}&pageSize=50&cursor=${res.body.nextCursor}`);
        expect(res.status).toBe(200);
        seen += res.body.items.length;
      }
      expect(seen).toBe(SEARCH_COUNT_BOUND + 30 - rareCount);
    });

    it('counts a search in the list’s default order (its index), whatever the page’s sort; a list without a search unordered', async () => {
      // 25 matches: more than a search's page statement reads (SEARCH_PAGE_ROWS), so a page of 3 is counted
      expect(SEARCH_PAGE_ROWS).toBeLessThan(25);
      await bulkInsertProjects(t, {
        year: 2038,
        prefix: 'SO-',
        count: 100,
        organizationId: healthOrg,
        name: `CASE WHEN g % 4 = 0 THEN '排序计数' ELSE '其他' END || g`,
        amount: `(1000 + g)`,
      });
      // the bounded count rides in the page statement: its subquery, between "(SELECT count(*)" and ") counted"
      const countOf = async (query: string) => {
        let body: { total: number; totalExact: boolean } | undefined;
        const sent = await statementsDuring(async () => (body = (await list(query)).body));
        const counts = sent.flatMap((text) => /\(SELECT count\(\*\)::int AS n FROM \((.*?)\) counted\)/s.exec(text)?.[1] ?? []);
        expect(counts).toHaveLength(1);
        return { sql: counts[0], body: body! };
      };
      const q = encodeURIComponent('排序计数');
      for (const sort of ['', '&sort=-budgetAmount']) {
        const searched = await countOf(`year=2038&q=${q}&pageSize=3${sort}`);
        expect(searched.body).toMatchObject({ total: 25, totalExact: true });
        // a word without case matched by LIKE (project-search.sql.ts `likeFindsAsIlike`)
        expect(searched.sql).toMatch(/ LIKE .* ORDER BY "p"."code" ASC, "p"."id" ASC LIMIT \d+$/s);
      }
      const plain = await countOf('year=2038&pageSize=3&sort=-budgetAmount');
      expect(plain.body).toMatchObject({ total: 100, totalExact: true });
      expect(plain.sql).not.toContain('ORDER BY');
    });

    it(`reads a search's small page as ${SEARCH_PAGE_ROWS} rows (the plan PostgreSQL picks), cuts it on the server, and knows the total from them`, async () => {
      await bulkInsertProjects(t, {
        year: 2043,
        prefix: 'SP-',
        count: 120,
        organizationId: healthOrg,
        name: `CASE WHEN g % 20 = 0 THEN '小页搜索' ELSE '其他项目' END || g`,
        amount: '1000',
      });
      const q = encodeURIComponent('小页搜索');
      const read = async (query: string) => {
        let res: Awaited<ReturnType<typeof list>> | undefined;
        const sent = await statementsDuring(async () => (res = await list(query)));
        const pages = sent.filter((text) => text.includes('ks_k0'));
        expect(pages).toHaveLength(1);
        // the page's own LIMIT: the statement's last (a count riding along is in its select list, before it)
        return { res: res!, limit: Number(/LIMIT (\d+)(?![\s\S]*LIMIT)/.exec(pages[0])?.[1]), sent };
      };
      // six matches, a page of one: the statement reads SEARCH_PAGE_ROWS rows, the answer has one, the total is exact, no count statement
      const first = await read(`year=2043&q=${q}&pageSize=1`);
      expect(first.limit).toBe(SEARCH_PAGE_ROWS);
      expect(first.res.body).toMatchObject({ total: 6, totalExact: true, hasMore: true });
      expect(first.res.body.items.map((p: { code: string }) => p.code)).toEqual(['SP-000020']);
      expect(first.sent.some((text) => /count\(\*\)/.test(text))).toBe(false);
      // the cursor goes on from the one row shown, not from the rows read beyond it
      const second = await read(`year=2043&q=${q}&pageSize=1&cursor=${first.res.body.nextCursor}`);
      expect(second.res.body.items.map((p: { code: string }) => p.code)).toEqual(['SP-000040']);
      expect(second.res.body).toMatchObject({ total: 6, totalExact: true, hasMore: true });
      const back = await read(`year=2043&q=${q}&pageSize=1&cursor=${second.res.body.prevCursor}`);
      expect(back.res.body.items.map((p: { code: string }) => p.code)).toEqual(['SP-000020']);
      // page numbers: the last page of one row
      const last = await read(`year=2043&q=${q}&pageSize=1&page=6`);
      expect(last.res.body).toMatchObject({ total: 6, totalExact: true, hasMore: false });
      expect(last.res.body.items.map((p: { code: string }) => p.code)).toEqual(['SP-000120']);
      // a word of two characters (the stored search keys and the check beside them: no ILIKE in the statement's text) too
      const short = await read(`year=2043&q=${encodeURIComponent('小页')}&pageSize=1`);
      expect(short.limit).toBe(SEARCH_PAGE_ROWS);
      expect(short.res.body).toMatchObject({ total: 6, totalExact: true, hasMore: true });
      expect(short.sent.some((text) => /count\(\*\)/.test(text))).toBe(false);
      // a list without a search reads one row more than its page, as before
      const plain = await read('year=2043&pageSize=1');
      expect(plain.limit).toBe(2);
      expect(plain.res.body).toMatchObject({ total: 120, totalExact: true, hasMore: true });
    });

    it(`stops counting at ${COUNT_BOUND} and says so; page numbers end at ${PAGE_JUMP_LIMIT} rows, cursors go on`, async () => {
      await insertProjects(2033, 'BIG-', COUNT_BOUND + 50, () => '1000');
      const first = await list('year=2033&pageSize=50');
      expect(first.body).toMatchObject({ total: COUNT_BOUND, totalExact: false, hasMore: true });
      const exactlyAtBound = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE year = 2033`);
      expect(exactlyAtBound[0].n).toBe(COUNT_BOUND + 50);

      const deepest = await list(`year=2033&pageSize=50&page=${PAGE_JUMP_LIMIT / 50}`);
      expect(deepest.status).toBe(200);
      expect(deepest.body.items).toHaveLength(50);
      const tooDeep = await list(`year=2033&pageSize=50&page=${PAGE_JUMP_LIMIT / 50 + 1}`);
      expectProblem(tooDeep, 400, 'PAGE_BEYOND_JUMP_LIMIT');
      expect(tooDeep.body.errors[0]).toMatchObject({ field: 'page' });

      // from the last page numbers reach, the cursor reads on to the end: the 50 rows beyond the bound
      let res = await list(`year=2033&pageSize=50&cursor=${deepest.body.nextCursor}`);
      const beyond: string[] = [];
      while (res.status === 200) {
        beyond.push(...res.body.items.map((p: { code: string }) => p.code));
        if (!res.body.hasMore) break;
        res = await list(`year=2033&pageSize=50&cursor=${res.body.nextCursor}`);
      }
      expect(res.status).toBe(200);
      expect(beyond).toHaveLength(50);
      expect(beyond[0]).toBe(`BIG-${String(PAGE_JUMP_LIMIT + 1).padStart(6, '0')}`);
    }, 300_000);
  });
});
