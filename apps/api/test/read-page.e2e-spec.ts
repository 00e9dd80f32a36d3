/**
 * A list's page statement as a named prepared statement (common/list/read-page.ts): on PostgreSQL a
 * first page or a cursor's runs under a name (planned once per connection), a search or a page
 * skipped to by number runs unnamed; on the embedded PGlite every statement runs unnamed. Either
 * way the rows are the same: a named page's entities equal those TypeORM's own path makes of the
 * same rows (read at a page number, unnamed).
 */
import { DataSource } from 'typeorm';
import { MAX_NAMED_SHAPES, queryPrepared } from '../src/database/named-statement';
import { startTestApp, TestApp } from './support/test-app';
import { queriesDuring } from './support/statements';

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

  /** The list read's answer and its page statement as sent. */
  async function read(query: string, as = token) {
    let res: Awaited<ReturnType<TestApp['request']>> | undefined;
    const sent = await queriesDuring(async () => {
      res = await t.request('GET', `/api/v1/projects?${query}`, { token: as });
    });
    expect(res!.status).toBe(200);
    const pages = sent.filter((q) => PROJECT_PAGE.test(q.text));
    expect(pages).toHaveLength(1);
    return { body: res!.body as Record<string, any>, page: pages[0] };
  }

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

  it('leaves a search unnamed: its plan depends on its words', async () => {
    const found = await read(`year=2022&q=${encodeURIComponent('项目')}`);
    expect(found.body.items.length).toBeGreaterThan(0);
    expect(found.page.name).toBeUndefined();
  });

  it('reads every department’s page by one statement text, whatever the number of its organizations', async () => {
    const sizes = await t.sql<{ username: string; n: number }>(
      `SELECT u.username, (SELECT count(*)::int FROM organizations o WHERE o.id = u.organization_id OR o.parent_id = u.organization_id) AS n
         FROM users u WHERE u.username IN ('edu', 'edu-unit') ORDER BY u.username`,
    );
    expect(sizes[0].n).not.toBe(sizes[1].n); // a department with its units, and one unit
    // (before the shape bound below is reached: both named)
    const pages = [];
    for (const username of ['edu', 'edu-unit']) pages.push((await read('year=2022&pageSize=10', await t.login(username))).page);
    expect(pages[0].text).toBe(pages[1].text);
    if (ON_SERVER) expect(pages[0].name).toMatch(/^jx_/);
    expect(pages[1].name).toBe(pages[0].name);
  });

  it('names a statement fenced by OFFSET 0, and runs a literal skip or a search unnamed', async () => {
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
    if (ON_SERVER) expect(nameOf(texts.fenced)).toMatch(/^jx_/);
    expect([nameOf(texts.skipping), nameOf(texts.search)]).toEqual([undefined, undefined]);
    expect(sent.filter((q) => Object.values(texts).includes(q.text))).toHaveLength(3);
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
});
