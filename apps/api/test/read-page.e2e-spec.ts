/**
 * A list's page statement as a named prepared statement (common/list/read-page.ts): on PostgreSQL a
 * first page or a cursor's runs under a name (planned once per connection), a search under a name on
 * the searches' connections (parsed once, planned at every run for its words), a page skipped to by
 * number unnamed; on the embedded PGlite every statement runs unnamed. Either
 * way the rows are the same: a named page's entities equal those TypeORM's own path makes of the
 * same rows (read at a page number, unnamed).
 */
import { Logger } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { CONNECTION_SETTINGS } from '../src/database/data-source-options';
import { CUSTOM_PLANS, MAX_NAMED_SHAPES, queryNamed, queryPrepared, searchPoolOf } from '../src/database/named-statement';
import { BACKEND_MEMORY_PRIMER } from '../src/database/backend-memory';
import pg, { Pool, type PoolConfig } from 'pg';
import { startTestApp, TestApp } from './support/test-app';
import { queriesDuring, unwrapped } from './support/statements';

const ON_SERVER = Boolean(process.env.DATABASE_URL);
/** The page statement of the project list (its table, its order). */
const PROJECT_PAGE = /FROM "projects" "p".*ORDER BY "p"\."code" ASC/s;

describe('a list page as a named statement', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ AUDIT_SEAL_INTERVAL_SECONDS: '0' });
    token = await t.login('finance');
  });
  afterAll(() => t?.close());

  /** A list read's answer and its page statement (the one statement sent that `page` matches). */
  async function readList(path: string, page: RegExp, as = token) {
    let res: Awaited<ReturnType<TestApp['request']>> | undefined;
    const sent = await queriesDuring(async () => {
      res = await t.request('GET', path, { token: as });
    });
    expect(res!.status).toBe(200);
    const pages = sent.filter((q) => page.test(q.text));
    expect(pages).toHaveLength(1);
    return { body: res!.body as Record<string, any>, page: pages[0] };
  }

  /** The project list read's answer and its page statement as sent. */
  const read = (query: string, as = token) => readList(`/api/v1/projects?${query}`, PROJECT_PAGE, as);

  it('names a first page and a cursor page on PostgreSQL, not on PGlite; the same rows either way', async () => {
    const first = await read('year=2022&pageSize=10&sort=code');
    expect(first.body.items).toHaveLength(10);
    const next = await read(`year=2022&pageSize=10&sort=code&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    for (const { page } of [first, next]) {
      if (ON_SERVER) expect(page.name).toMatch(/^jx_[0-9a-f]{32}$/);
      else expect(page.name).toBeUndefined();
    }
    // the same rows through TypeORM's own path (a page number: unnamed) — every field alike
    const second = await read('year=2022&pageSize=5&page=2&sort=code');
    expect(second.page.name).toBeUndefined();
    expect(second.body.items).toEqual(first.body.items.slice(5, 10));
    expect(second.body.items[0].fundSources.length).toBeGreaterThan(0);
    expect(typeof second.body.items[0].budgetAmount).toBe('string');
  });

  it('names a search on connections that plan it at every run for its words (also the next time, when its text is known as such)', async () => {
    const found = await read(`year=2022&q=${encodeURIComponent('项目')}`);
    expect(found.body.items.length).toBeGreaterThan(0);
    // (the first read of a new credential confirms it apart: the second and third send one text)
    const again = await read(`year=2022&q=${encodeURIComponent('工程')}`);
    const third = await read(`year=2022&q=${encodeURIComponent('项目')}`);
    expect(third.page.text).toBe(again.page.text);
    for (const { page } of [found, again, third]) {
      if (ON_SERVER) expect(page.name).toMatch(/^jx_[0-9a-f]{32}$/);
      else expect(page.name).toBeUndefined();
    }
    expect(third.page.name).toBe(again.page.name);
    expect(third.body).toEqual(found.body);
  });

  it('runs a search on connections without generic plans, and inside a transaction on its connection', async () => {
    const dataSource = t.running.app.get(DataSource);
    const text = `SELECT current_setting('plan_cache_mode') AS mode WHERE 'abc' ILIKE $1`;
    const modes: string[] = [];
    const sent = await queriesDuring(async () => {
      // more runs than the pool has connections, more than the five custom plans before PostgreSQL may choose a generic one
      for (let k = 0; k < 12; k++) modes.push((await queryPrepared<{ mode: string }>(dataSource, text, ['%b%']))[0].mode);
    });
    expect([...new Set(modes)]).toEqual([ON_SERVER ? CUSTOM_PLANS : 'auto']);
    const names = new Set(sent.filter((q) => q.text === text).map((q) => q.name));
    expect([...names]).toEqual([ON_SERVER ? expect.stringMatching(/^jx_/) : undefined]);
    // a transaction's statements stay on its connection (its snapshot), unnamed
    const inside = await dataSource.transaction((manager) =>
      queryPrepared<{ mode: string }>(dataSource, text, ['%b%'], manager.queryRunner),
    );
    expect(inside).toEqual([{ mode: 'auto' }]);
  });

  it('runs every statement of the app, searches included, without JIT and without parallel workers (CONNECTION_SETTINGS)', async () => {
    const dataSource = t.running.app.get(DataSource);
    const text = `SELECT current_setting('jit') AS jit, current_setting('max_parallel_workers_per_gather') AS workers WHERE 'abc' ILIKE $1`;
    const settings: { jit: string; workers: string }[] = [];
    for (let k = 0; k < 12; k++) {
      // the app's own connections, and (on PostgreSQL) the searches' (named-statement.ts), each more times than the pool has connections
      settings.push(...((await dataSource.query(text, ['%b%'])) as { jit: string; workers: string }[]));
      settings.push(...(await queryPrepared<{ jit: string; workers: string }>(dataSource, text, ['%b%'])));
    }
    expect(settings).toHaveLength(24);
    expect(new Set(settings.map((s) => s.workers))).toEqual(new Set(['0']));
    // PGlite's socket takes no startup settings: JIT reads 'on' there, where a WebAssembly build has nothing to compile with
    expect(new Set(settings.map((s) => s.jit))).toEqual(new Set([ON_SERVER ? 'off' : 'on']));
    expect(CONNECTION_SETTINGS).toBe('-c jit=off -c max_parallel_workers_per_gather=0');
  });

  it("primes each new connection's backend memory once, before the statement it was taken for (a PostgreSQL server; not PGlite)", async () => {
    const dataSource = t.running.app.get(DataSource);
    const main = (dataSource.driver as unknown as { master: Pool }).master;
    const pools = ON_SERVER ? [main, searchPoolOf(dataSource)] : [main];
    const before = pools.map((pool) => pool.totalCount);
    const search = `SELECT pg_backend_pid() AS pid FROM pg_sleep(0.05) WHERE 'abc' ILIKE $1`;
    const sent = await queriesDuring(async () => {
      // more at once than either pool has idle connections: each opens new ones (up to its size)
      await Promise.all(
        Array.from({ length: 12 }, (_, k) =>
          k % 2 ? dataSource.query(`SELECT pg_backend_pid() AS pid FROM pg_sleep(0.05)`) : queryPrepared(dataSource, search, ['%b%']),
        ),
      );
      // and again: connections already primed are not primed twice
      await Promise.all(Array.from({ length: 4 }, () => queryPrepared(dataSource, search, ['%b%'])));
    });
    const opened = pools.reduce((n, pool, i) => n + pool.totalCount - before[i], 0);
    const primers = sent.filter((q) => q.text === BACKEND_MEMORY_PRIMER).length;
    if (ON_SERVER) {
      expect(opened).toBeGreaterThan(0);
      expect(primers).toBe(opened);
    } else {
      expect(primers).toBe(0);
    }
    // PGlite's socket serves one connection at a time (the app's): a pool of its own only on a server
    if (!ON_SERVER) return;
    // a pool made with the app's pool's options (as the searches' pool is): each of its two connections primed once, first
    const own = new Pool({ ...(main as unknown as { options: PoolConfig }).options, max: 2 });
    const order: { text: string; client: unknown }[] = [];
    const original = pg.Client.prototype.query;
    (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
      if ((own as unknown as { _clients: unknown[] })._clients.includes(this)) {
        order.push({ text: typeof args[0] === 'string' ? args[0] : String((args[0] as { text: string }).text), client: this });
      }
      return (original as unknown as (...a: unknown[]) => unknown).apply(this, args);
    };
    try {
      for (let round = 0; round < 2; round++) await Promise.all([1, 2, 3].map(() => own.query('SELECT 1 AS one')));
    } finally {
      pg.Client.prototype.query = original;
      await own.end();
    }
    const clients = [...new Set(order.map((o) => o.client))];
    expect(clients).toHaveLength(2);
    for (const client of clients) {
      const texts = order.filter((o) => o.client === client).map((o) => o.text);
      expect(texts[0]).toBe(BACKEND_MEMORY_PRIMER);
      expect(texts.filter((text) => text === BACKEND_MEMORY_PRIMER)).toHaveLength(1);
    }
    expect(order.filter((o) => o.text === 'SELECT 1 AS one')).toHaveLength(6);
  });

  it('plans a credential check once per connection, also where statements are planned at every run: it locks the index it reads, not every one', async () => {
    const dataSource = t.running.app.get(DataSource);
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      // as on the searches' connections (CUSTOM_PLANS); the first call plans
      await runner.query(`SET plan_cache_mode = ${CUSTOM_PLANS}`);
      for (const [check, table, column] of [
        ['jx_session_check', 'auth_sessions', 'access_token_hash'],
        ['jx_api_key_check', 'api_keys', 'key_hash'],
      ]) {
        await runner.query(`SELECT ${check}('no such credential') AS v`);
        await runner.startTransaction();
        await runner.query(`SELECT ${check}('no such credential') AS v`);
        const locked: { index: string; reads: boolean }[] = await runner.query(
          `SELECT i.indexrelid::regclass::text AS index, a.attname IS NOT NULL AS reads
             FROM pg_index i JOIN pg_locks l ON l.relation = i.indexrelid AND l.pid = pg_backend_pid()
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] AND a.attname = $2
            WHERE i.indrelid = $1::regclass`,
          [table, column],
        );
        await runner.commitTransaction();
        const indexes: { n: number }[] = await runner.query(`SELECT count(*)::int AS n FROM pg_index WHERE indrelid = $1::regclass`, [
          table,
        ]);
        expect(indexes[0].n).toBeGreaterThan(1);
        // planned again, every index of the table would be locked (the planner opens them all)
        expect({ check, locked: locked.filter((l) => !l.reads) }).toEqual({ check, locked: [] });
      }
    } finally {
      await runner.query('RESET plan_cache_mode');
      await runner.release();
    }
  });

  // The searches' connections are a PostgreSQL server's: the embedded PGlite runs searches unnamed on its one backend.
  (ON_SERVER ? it : it.skip)('says in the log when a search connection fails while idle, and searches on a new one', async () => {
    const dataSource = t.running.app.get(DataSource);
    const text = `SELECT pg_backend_pid() AS pid WHERE 'abc' ILIKE $1`;
    const pids = async () => {
      const seen = new Set<number>();
      for (let k = 0; k < 12; k++) seen.add((await queryPrepared<{ pid: number }>(dataSource, text, ['%b%']))[0].pid);
      return seen;
    };
    const before = await pids();
    const warned: string[] = [];
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warned.push(String(message)));
    try {
      // ended from another connection while idle in the searches' pool
      await dataSource.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [[...before]]);
      for (let waited = 0; warned.filter((m) => m.includes("searches' pool")).length < before.size && waited < 5000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      warn.mockRestore();
    }
    expect(warned.filter((m) => m.includes("searches' pool"))).toHaveLength(before.size);
    const after = await pids();
    expect([...after].filter((pid) => before.has(pid))).toEqual([]);
  });

  it('reads every department’s page by one statement text, whatever the number of its organizations', async () => {
    const sizes = await t.sql<{ username: string; n: number }>(
      `SELECT u.username, (SELECT count(*)::int FROM organizations o WHERE o.id = u.organization_id OR o.parent_id = u.organization_id) AS n
         FROM users u WHERE u.username IN ('edu', 'edu-unit') ORDER BY u.username`,
    );
    expect(sizes[0].n).not.toBe(sizes[1].n); // a department with its units, and one unit
    // (before the shape bound below is reached: both named)
    const pages = [];
    // (the shape's first read sends the statement as it is, later ones its rows as JSON: the same statement inside)
    for (const username of ['edu', 'edu-unit', 'edu']) pages.push((await read('year=2022&pageSize=10', await t.login(username))).page);
    expect(unwrapped(pages[0].text)).toBe(unwrapped(pages[1].text));
    expect(pages[1].text).toBe(pages[2].text);
    if (ON_SERVER) expect(pages[0].name).toMatch(/^jx_/);
    if (ON_SERVER) expect(pages[1].name).toMatch(/^jx_/);
    expect(pages[2].name).toBe(pages[1].name);
  });

  it('names a statement fenced by OFFSET 0 and a search, and runs a literal skip unnamed', async () => {
    const dataSource = t.running.app.get(DataSource);
    const texts = {
      fenced: `SELECT f.n FROM (SELECT $1::int AS n OFFSET 0) f`,
      skipping: `SELECT f.n FROM (SELECT $1::int AS n) f OFFSET 40`,
      search: `SELECT f.n FROM (SELECT $1::int AS n) f WHERE 'abc' ILIKE '%b%'`,
    };
    const answers: unknown[] = [];
    const sent = await queriesDuring(async () => {
      for (const text of Object.values(texts)) answers.push(await queryPrepared<{ n: number }>(dataSource, text, [7]));
    });
    expect(answers).toEqual([[{ n: 7 }], [], [{ n: 7 }]]);
    const nameOf = (text: string) => sent.find((q) => q.text === text)?.name;
    if (ON_SERVER)
      expect([nameOf(texts.fenced), nameOf(texts.search)]).toEqual([expect.stringMatching(/^jx_/), expect.stringMatching(/^jx_/)]);
    else expect([nameOf(texts.fenced), nameOf(texts.search)]).toEqual([undefined, undefined]);
    expect(nameOf(texts.skipping)).toBeUndefined();
    expect(sent.filter((q) => Object.values(texts).includes(q.text))).toHaveLength(3);
  });

  it('writes a SQL list’s window into its text: a first and a cursor’s page named, LIMIT and no OFFSET; a page by number unnamed', async () => {
    // (a LIMIT as a parameter: PostgreSQL costs a generic plan for rows it cannot count and plans every run anew;
    // before the shape bound below is reached: named)
    const MISSING_PAGE = /FROM projects c\s+WHERE c\.year = \$1 AND c\.target_status IS DISTINCT FROM 'approved'/;
    const missing = (query: string) => readList(`/api/v1/budget-gate/coverage/missing?year=2022&pageSize=3${query}`, MISSING_PAGE);
    const first = await missing('');
    expect(first.body.items).toHaveLength(3);
    const next = await missing(`&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    const second = await missing('&page=2');
    expect(second.body.items).toEqual(next.body.items);
    for (const { page } of [first, next]) {
      expect(unwrapped(page.text)).toMatch(/ORDER BY r\.code ASC, r\.id ASC LIMIT 4\)/);
      expect(unwrapped(page.text)).not.toMatch(/\bOFFSET\b|LIMIT \$/);
      if (ON_SERVER) expect(page.name).toMatch(/^jx_[0-9a-f]{32}$/);
      else expect(page.name).toBeUndefined();
    }
    expect(unwrapped(second.page.text)).toMatch(/LIMIT 4 OFFSET 3\)/);
    expect(second.page.name).toBeUndefined();
  });

  it('names a bounded number of shapes a process; further shapes run unnamed, with the same answers', async () => {
    const dataSource = t.running.app.get(DataSource);
    const shapes = MAX_NAMED_SHAPES + 50;
    const answers: number[] = [];
    const sent = await queriesDuring(async () => {
      for (let k = 0; k < shapes; k++)
        answers.push((await queryPrepared<{ n: number }>(dataSource, `SELECT $1::int + ${k} AS n`, [1]))[0].n);
    });
    expect(answers).toEqual(Array.from({ length: shapes }, (_, k) => 1 + k));
    const ours = sent.filter((q) => /^SELECT \$1::int \+ \d+ AS n$/.test(q.text));
    expect(ours).toHaveLength(shapes);
    const named = ours.filter((q) => q.name !== undefined).length;
    if (ON_SERVER) {
      // the app's own shapes (this file's list reads) took their part of the bound first
      expect(named).toBeGreaterThan(0);
      expect(named).toBeLessThan(MAX_NAMED_SHAPES);
      expect(ours.slice(named).every((q) => q.name === undefined)).toBe(true);
    } else expect(named).toBe(0);
  });

  it('reads a statement it has run before as one JSON array a row, decoded into the same rows, every type alike', async () => {
    const dataSource = t.running.app.get(DataSource);
    const text = `SELECT v.* FROM (VALUES
        ('2022-03-04 05:06:07.123456+08'::timestamptz, '2022-03-04'::date, '12345678901234.56'::numeric(18, 2), 9007199254740993::int8,
         0.1::float8, true, 7::int2, 2147483647, '{"a": [1, 2.50, null]}'::jsonb, '[1, "x"]'::json, E'引号" \\\\ \n tab\t \u0001'::text,
         ARRAY['a', 'b,c', NULL]::text[], ARRAY[1, 2]::int4[], 'approved'::text, '0b6f4a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5b'::uuid, interval '1 day 2 hours', 'NaN'::float8),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
      ) v(ts, d, money, big, f, b, small, i, jb, j, t, texts, ints, e, id, span, nan) WHERE $1::int = 1`;
    const sent = await queriesDuring(async () => {
      const first = await queryPrepared<Record<string, unknown>>(dataSource, text, [1]);
      const again = await queryPrepared<Record<string, unknown>>(dataSource, text, [1]);
      expect(first).toHaveLength(2);
      expect(again).toEqual(first);
      expect(Object.keys(again[0])).toEqual(Object.keys(first[0]));
      expect(first[0].ts).toBeInstanceOf(Date);
      expect(again[0].ts).toEqual(first[0].ts);
      expect([again[0].money, again[0].big, again[0].t]).toEqual(['12345678901234.56', '9007199254740993', '引号" \\ \n tab\t \u0001']);
      expect(again[0].jb).toEqual({ a: [1, 2.5, null] });
      expect(again[0].texts).toEqual(['a', 'b,c', null]);
      expect(Number.isNaN(again[0].nan)).toBe(true);
    });
    const ours = sent.filter((q) => unwrapped(q.text) === text);
    expect(ours).toHaveLength(2);
    expect(ours[0].text).toBe(text);
    expect(ours[1].text).not.toBe(text);
    expect(ours[1].text).toMatch(/AS lx_row/);
  });

  it('reads a page reached by number as it is every time: its text is one of many, no codec is kept for it', async () => {
    const dataSource = t.running.app.get(DataSource);
    const text = `SELECT g AS n FROM generate_series(1, 50) g WHERE $1::int = 1 ORDER BY g OFFSET 40`;
    const sent = await queriesDuring(async () => {
      for (let k = 0; k < 2; k++)
        expect(await queryPrepared<{ n: number }>(dataSource, text, [1])).toEqual(
          [41, 42, 43, 44, 45, 46, 47, 48, 49, 50].map((n) => ({ n })),
        );
    });
    expect(sent.filter((q) => unwrapped(q.text) === text).map((q) => q.text)).toEqual([text, text]);
  });

  it('gives a connection back after its statement fails, named statements and all; one whose backend ended is not given out again', async () => {
    const dataSource = t.running.app.get(DataSource);
    const backend = async () =>
      (await queryNamed<{ pid: number }>(dataSource, 'jx_test_backend_pid', 'SELECT pg_backend_pid() AS pid', []))[0].pid;
    const first = await backend();
    // a statement's own error: the pool keeps its connection (the one given back last is the next taken)
    await expect(queryNamed(dataSource, 'jx_test_fails', 'SELECT 1 / $1::int AS n', [0])).rejects.toBeInstanceOf(QueryFailedError);
    expect(await backend()).toBe(first);
    expect(await queryPrepared<{ n: number }>(dataSource, 'SELECT $1::int + 1 AS n', [1])).toEqual([{ n: 2 }]);
    if (!ON_SERVER) return; // the embedded PGlite has one backend, which cannot be ended from a statement
    // the connection's backend ends while the statement runs: the statement fails, the connection is not taken again
    await expect(
      queryNamed(dataSource, 'jx_test_ends_itself', 'SELECT pg_terminate_backend(pg_backend_pid()) AS ended', []),
    ).rejects.toBeInstanceOf(QueryFailedError);
    for (let i = 0; i < 3; i++) expect(await backend()).not.toBe(first);
    // the same through TypeORM's own query runner (repositories, transactions)
    const viaTypeorm = async () => ((await dataSource.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0].pid;
    const second = await viaTypeorm();
    await expect(dataSource.query('SELECT pg_terminate_backend(pg_backend_pid()) AS ended')).rejects.toBeInstanceOf(QueryFailedError);
    for (let i = 0; i < 3; i++) expect(await viaTypeorm()).not.toBe(second);
    const res = await t.request('GET', '/api/v1/projects?pageSize=5', { token });
    expect(res.status).toBe(200);
  });
});
