/**
 * THE generated statement budget of the lists (issue 10, city scale): every list route of the app
 * (a GET answering the list contract, `{ items, total, … }`), read by finance (the whole district)
 * and by a department (its subtree), sends at most three SQL statements — the authentication (one
 * statement: session, user and scope together), the page (its rows with their names, fund sources,
 * children… joined or aggregated in it) and the bounded count when the page does not show the
 * end. A page read right after another read of the same caller sends no authentication statement,
 * an empty page too: it confirms the caller's session itself (common/auth/credential-check.ts; an
 * empty page in its statement's head, common/list/page-head.ts). Transaction control counts too, so a read runs in no transaction. Each route is read at a
 * page that is full and has more rows behind it (a count is needed), then at the next page by
 * cursor (a count is always needed there).
 *
 * Nothing here lists routes: a new list route is covered the moment it exists. A route over the
 * budget may only be excused in EXCEPTIONS below, each with its reason.
 */
import { startTestApp, TestApp } from './support/test-app';
import { declaredRoutes } from './support/route-walk';

const ON_SERVER = Boolean(process.env.DATABASE_URL);
import { exampleParam, fillPath, isListOperation, OpenApiDoc, Operation, operationsOf } from './support/openapi';
import { queriesDuring } from './support/statements';
import { SEARCH_CONDITION } from '../src/database/named-statement';
import {
  dataScopeOf,
  DISTRICT_ONLY_PERMISSIONS,
  Permission,
  permissionsOf,
  Role,
  SEARCH_COUNT_BOUND,
  SEARCH_PAGE_ROWS,
} from '@jixiao/contracts';
import { bulkInsertProjects, orgIdByName } from './support/db-state';

const MAX_STATEMENTS = 3;
/** The statement that resolves a session in full (modules/auth/credential-rows.sql.ts). */
const AUTHENTICATION = /FROM auth_sessions s LEFT JOIN users u/;
const ROUTES = declaredRoutes();

/**
 * Routes allowed over the budget for now, each with why. Nothing else may be.
 */
const EXCEPTIONS: Record<string, string> = {};

/** Demo users: finance reads the whole district, `health` a department's subtree. */
const CALLERS = ['finance', 'health'] as const;

describe('statements a list sends, generated from the route list', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let byId: Map<string, Operation>;
  const tokens = new Map<string, string>();
  /** What each caller may hold: its roles' permissions, less the district-wide ones below district scope. */
  const holds = new Map<string, Set<string>>();

  beforeAll(async () => {
    // no audit sealing on a timer: its statements would be counted with a request's
    t = await startTestApp({ AUDIT_SEAL_INTERVAL_SECONDS: '0' });
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    byId = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
    for (const username of CALLERS) {
      const token = await t.login(username);
      tokens.set(username, token);
      const roles = (await t.request('GET', '/api/v1/auth/me', { token })).body.roles as Role[];
      const permissions: string[] = permissionsOf(roles);
      holds.set(
        username,
        new Set(
          dataScopeOf(roles) === 'all' ? permissions : permissions.filter((p) => !DISTRICT_ONLY_PERMISSIONS.includes(p as Permission)),
        ),
      );
    }
  });
  afterAll(async () => t?.close());

  it('knows every route of the app, and every exception is a list route of it', () => {
    expect(ROUTES.length).toBeGreaterThan(0);
    expect(ROUTES.map((r) => r.operationId).filter((id) => !byId.has(id))).toEqual([]);
    const lists = [...byId.values()].filter((op) => isListOperation(doc, op)).map((op) => op.key);
    expect(Object.keys(EXCEPTIONS).filter((key) => !lists.includes(key))).toEqual([]);
  });

  /** A path for the list: its path parameters filled from the first row of the list above it. */
  const pathFor = async (op: Operation, token: string): Promise<string> => {
    const values: Record<string, string> = {};
    for (const param of op.pathParams) {
      const parentPath = op.path.slice(0, op.path.indexOf(`{${param.name}}`)).replace(/\/$/, '');
      const parent = byId.size ? [...byId.values()].find((o) => o.method === 'GET' && o.path === parentPath) : undefined;
      if (!parent) {
        values[param.name] = exampleParam(doc, param);
        continue;
      }
      const res = await t.request('GET', `${parentPath}?pageSize=200`, { token });
      const rows: { id: string }[] = Array.isArray(res.body?.items) ? res.body.items : [];
      if (!rows.length) throw new Error(`${op.key}: no row in ${parentPath} to fill {${param.name}}`);
      values[param.name] = rows[0].id;
    }
    return fillPath(doc, op, values);
  };

  /** The list's required query parameters (e.g. the year), from the document's examples. */
  const requiredQuery = (op: Operation): string[] =>
    op.queryParams.filter((p) => p.required).map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(exampleParam(doc, p))}`);

  describe.each(ROUTES.map((r) => [`${r.title} [${r.operationId}]`, r.operationId]))('%s', (_title, operationId) => {
    it.each(CALLERS.map((c) => [c]))(
      `reads a full page and the next one in at most ${MAX_STATEMENTS} statements each, as %s`,
      async (username) => {
        const op = byId.get(operationId);
        if (!op) throw new Error(`${operationId} is not in the OpenAPI document`);
        if (!isListOperation(doc, op)) {
          expect(Object.keys(EXCEPTIONS)).not.toContain(op.key);
          return;
        }
        const token = tokens.get(username)!;
        if (op.permission && op.permission !== 'authenticated' && !holds.get(username)!.has(op.permission)) {
          // a list this caller may not read: refused before any page statement
          expect((await t.request('GET', fillPath(doc, op), { token })).status).toBe(403);
          return;
        }
        const path = await pathFor(op, token);
        const takes = (name: string) => op.queryParams.some((p) => p.name === name);
        const query = [...requiredQuery(op), ...(takes('pageSize') ? ['pageSize=1'] : [])];
        const read = async (extra: string[]) => {
          const url = `${path}?${[...query, ...extra].join('&')}`;
          let res: { status: number; body: any } | undefined;
          const sent = await queriesDuring(async () => (res = await t.request('GET', url, { token })));
          return { url, res: res!, statements: sent.map((q) => q.text), sent };
        };
        // warm the caches (the policy profile) first: what is counted is a list read in the steady state
        await read([]);
        const first = await read([]);
        const ok = (r: typeof first) => ({ url: r.url, status: r.res.status, ...(r.res.status === 200 ? {} : { body: r.res.body }) });
        expect(ok(first)).toEqual({ url: first.url, status: 200 });
        const readings = [first];
        if (first.res.body.hasMore && first.res.body.nextCursor) {
          // the next page by position: a count is always needed there
          const next = await read([`cursor=${encodeURIComponent(first.res.body.nextCursor)}`]);
          expect(ok(next)).toEqual({ url: next.url, status: 200 });
          readings.push(next);
        } else if (takes('page')) {
          // too few rows for a full page with more behind it (or a list without cursors): a page
          // number past the end, which the page cannot tell the total from, so it is counted
          const beyond = await read(['page=5000']);
          expect(ok(beyond)).toEqual({ url: beyond.url, status: 200 });
          readings.push(beyond);
        }
        const excused = EXCEPTIONS[op.key];
        for (const r of readings) {
          const summary = {
            url: r.url,
            statements: r.statements.length,
            sql: r.statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 160)),
          };
          if (excused) continue;
          expect(summary.statements <= MAX_STATEMENTS ? MAX_STATEMENTS : summary).toEqual(MAX_STATEMENTS);
          // on PostgreSQL a list read in the steady state plans nothing again: every statement is a named
          // prepared one (queryPrepared, pageRunner), but a search's or a literal skip's (named-statement.ts)
          if (ON_SERVER) {
            const planned = r.sent.filter(
              (q) => q.name === undefined && !SEARCH_CONDITION.test(q.text) && !/\bOFFSET\s+0*[1-9]/i.test(q.text),
            );
            expect({ url: r.url, plannedEachTime: planned.map((q) => q.text.replace(/\s+/g, ' ').slice(0, 160)) }).toEqual({
              url: r.url,
              plannedEachTime: [],
            });
          }
          // a page confirms the caller resolved by the read before (credential-check.ts), an empty one too
          // (in its statement's head, page-head.ts): no authentication statement of its own
          expect({ url: r.url, authentication: r.statements.filter((s) => AUTHENTICATION.test(s)).length }).toEqual({
            url: r.url,
            authentication: 0,
          });
        }
      },
    );
  });

  /** A read by finance that must answer 200: its body and the statements it sent, whitespace folded. */
  const readAsFinance = async (url: string) => {
    const token = tokens.get('finance')!;
    let res: { status: number; body: any } | undefined;
    const statements = (await queriesDuring(async () => (res = await t.request('GET', url, { token })))).map((q) => q.text);
    expect(res!.status).toBe(200);
    return { body: res!.body, statements: statements.map((s) => s.replace(/\s+/g, ' ')) };
  };

  it('counts inside the page statement when the page joins one row each: the project list in one statement', async () => {
    const read = readAsFinance;
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE year = 2022`);
    expect(n).toBeGreaterThan(2);
    await read('/api/v1/projects?year=2022&pageSize=2');
    const first = await read('/api/v1/projects?year=2022&pageSize=2');
    expect(first.body).toMatchObject({ total: n, totalExact: true, hasMore: true });
    const next = await read(`/api/v1/projects?year=2022&pageSize=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(next.body).toMatchObject({ total: n, totalExact: true });
    for (const r of [first, next]) {
      // the page, its bounded count and the caller's session (resolved by the read before) in one
      expect(r.statements).toHaveLength(1);
      expect(r.statements[0]).toMatch(/SELECT count\(\*\)::int AS n FROM/);
      expect(r.statements[0]).toMatch(/jx_session_check\(/);
    }
  });

  it("counts a search only when its statement did not read to the end (it reads SEARCH_PAGE_ROWS rows at least); a joined list's first page in its order counts its matches itself", async () => {
    const read = readAsFinance;
    // a word a few of the year's projects have in their names, and how many
    const [{ word }] = await t.sql<{ word: string }>(
      `SELECT substr(name, 1, 2) AS word FROM projects WHERE year = 2022 GROUP BY 1 HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE year = 2022 AND name ILIKE $1`, [
      `%${word}%`,
    ]);
    expect(n).toBeGreaterThan(1);
    const url = (size: number) => `/api/v1/projects?year=2022&q=${encodeURIComponent(word)}&pageSize=${size}`;
    await read(url(n));
    const whole = await read(url(n));
    expect(whole.body).toMatchObject({ total: n, totalExact: true, hasMore: false });
    expect(whole.body.items).toHaveLength(n);
    // the page, its total shown by itself, the session confirmed in its head: one statement, no count in it
    expect(whole.statements).toHaveLength(1);
    expect(whole.statements[0]).not.toMatch(/count\(\*\)/);
    expect(whole.statements[0]).toMatch(/jx_session_check\(/);
    // a full page whose statement still read every match (fewer than SEARCH_PAGE_ROWS): one statement too
    expect(n).toBeLessThan(SEARCH_PAGE_ROWS);
    const part = await read(url(n - 1));
    expect(part.body).toMatchObject({ total: n, totalExact: true, hasMore: true });
    expect(part.statements).toHaveLength(1);
    expect(part.statements[0]).not.toMatch(/count\(\*\)/);
    // more matches than the statement reads: the page, then the bounded count read in the list's order (its index), as a
    // search's count always is (keyset.ts)
    // projects (and later their targets) whose names hold the word, `count` of them coded `prefix`
    const insertMatches = async (prefix: string, count: number) =>
      bulkInsertProjects(t, {
        year: 2022,
        prefix,
        count,
        organizationId: await orgIdByName(t, '区卫生健康委员会'),
        name: `'语句计数' || g`,
        amount: '1000',
      });
    const many = SEARCH_PAGE_ROWS + 4;
    await insertMatches('LS-', many);
    const manyUrl = `/api/v1/projects?year=2022&q=${encodeURIComponent('语句计数')}&pageSize=1`;
    await read(manyUrl);
    const counted = await read(manyUrl);
    expect(counted.body).toMatchObject({ total: many, totalExact: true, hasMore: true });
    expect(counted.statements).toHaveLength(2);
    expect(counted.statements[0]).not.toMatch(/count\(\*\)/);
    expect(counted.statements[1]).toMatch(
      /SELECT count\(\*\)::int AS n FROM .* ORDER BY "p"\."code" ASC, "p"\."id" ASC LIMIT \d+\) counted/,
    );
    // a list joined to its projects (targets): its first page in the list's order reads the matches once, in that order, up to
    // the bound + 1, and counts them there — one statement however many match
    await t.sql(
      `INSERT INTO targets (project_id, organization_id, year) SELECT id, organization_id, year FROM projects WHERE code LIKE 'LS-%'`,
    );
    const targetsUrl = `/api/v1/targets?year=2022&q=${encodeURIComponent('语句计数')}&pageSize=1`;
    await read(targetsUrl);
    const joined = await read(targetsUrl);
    expect(joined.body).toMatchObject({ total: many, totalExact: true, hasMore: true });
    expect(joined.statements).toHaveLength(1);
    expect(joined.statements[0]).toMatch(
      new RegExp(
        `"lx_ids" AS MATERIALIZED \\(.* ORDER BY "t"\\."updated_at" DESC, "t"\\."id" ASC LIMIT ${SEARCH_COUNT_BOUND + 1}\\) lx_r\\)`,
        's',
      ),
    );
    expect(joined.statements[0]).toMatch(/\(SELECT count\(\*\)::int FROM lx_ids\)/);
    // its next page (a cursor's): the page, then the bounded count in the list's order
    await read(`${targetsUrl}&cursor=${joined.body.nextCursor}`);
    const next = await read(`${targetsUrl}&cursor=${joined.body.nextCursor}`);
    expect(next.body).toMatchObject({ total: many, totalExact: true, hasMore: true });
    expect(next.statements).toHaveLength(2);
    expect(next.statements[1]).toMatch(
      /SELECT count\(\*\)::int AS n FROM .* ORDER BY "t"\."updated_at" DESC, "t"\."id" ASC LIMIT \d+\) counted/,
    );
    // past the search's count bound: the matches read stop at the bound + 1, and the total says so
    await insertMatches('LT-', SEARCH_COUNT_BOUND);
    await t.sql(
      `INSERT INTO targets (project_id, organization_id, year) SELECT id, organization_id, year FROM projects WHERE code LIKE 'LT-%'`,
    );
    const bounded = await read(targetsUrl);
    expect(bounded.body).toMatchObject({ total: SEARCH_COUNT_BOUND, totalExact: false, hasMore: true });
    expect(bounded.statements).toHaveLength(1);
  });
});
