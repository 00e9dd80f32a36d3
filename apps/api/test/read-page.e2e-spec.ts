/**
 * A list's page statement as a named prepared statement (common/list/read-page.ts): on PostgreSQL a
 * first page or a cursor's runs under a name (planned once per connection), a search or a page
 * skipped to by number runs unnamed; on the embedded PGlite every statement runs unnamed. Either
 * way the rows are the same: a named page's entities equal those TypeORM's own path makes of the
 * same rows (read at a page number, unnamed).
 */
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
  async function read(query: string) {
    let res: Awaited<ReturnType<TestApp['request']>> | undefined;
    const sent = await queriesDuring(async () => {
      res = await t.request('GET', `/api/v1/projects?${query}`, { token });
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
});
