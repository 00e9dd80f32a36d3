/**
 * Lists whose items PostgreSQL writes as JSON (common/list/json-items.ts). Under jest every such
 * page is also read as entities, mapped by the list's DTO mapping and compared; here the production
 * page — ids, keys and each item's JSON, nothing else of the rows — is read too (the comparison
 * turned off), and both answers must be the same, page after page by cursor, for the whole city
 * and for a department.
 */
import { jsonItemsMode } from '../src/common/list/json-items';
import { startTestApp, TestApp } from './support/test-app';
import { queriesDuring } from './support/statements';

/** The lists written by PostgreSQL, with the table their page reads. */
const LISTS = [
  { path: '/api/v1/projects?year=2022&pageSize=7', table: 'projects' },
  { path: '/api/v1/budget-gate?year=2022&pageSize=7', table: 'projects' },
  { path: '/api/v1/targets?year=2022&pageSize=7', table: 'targets' },
  { path: '/api/v1/trackings?pageSize=3', table: 'trackings' },
  { path: '/api/v1/evaluations?pageSize=3', table: 'evaluations' },
];

describe('list items written by PostgreSQL', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ AUDIT_SEAL_INTERVAL_SECONDS: '0' });
    for (const user of ['finance', 'edu']) tokens[user] = await t.login(user);
  });
  afterAll(() => {
    jsonItemsMode.verify = true;
    return t?.close();
  });

  /** Up to three pages of a list by cursor, and the page statements sent for them. */
  async function pages(path: string, token: string) {
    const bodies: Record<string, any>[] = [];
    const sent = await queriesDuring(async () => {
      let cursor: string | null = null;
      for (let i = 0; i < 3; i++) {
        const res: { status: number; headers: Headers; body: unknown } = await t.request(
          'GET',
          cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path,
          { token },
        );
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        bodies.push(res.body as Record<string, any>);
        cursor = (res.body as { nextCursor: string | null }).nextCursor;
        if (!cursor) break;
      }
    });
    return { bodies, statements: sent.map((q) => q.text).filter((text) => text.includes('lx_json')) };
  }

  it.each(LISTS)('$path: the production page answers as the compared one, for the city and for a department', async ({ path, table }) => {
    let seen = 0;
    for (const user of ['finance', 'edu']) {
      jsonItemsMode.verify = true;
      const compared = await pages(path, tokens[user]);
      jsonItemsMode.verify = false;
      const production = await pages(path, tokens[user]);
      jsonItemsMode.verify = true;

      expect(production.bodies).toEqual(compared.bodies);
      seen += compared.bodies.reduce((n, b) => n + b.items.length, 0);
      // the compared page read the entities' columns beside the JSON; the production page only ids, keys and the JSON
      expect(compared.statements.length).toBe(compared.bodies.length);
      expect(production.statements.length).toBe(production.bodies.length);
      for (const text of production.statements) {
        expect(text).toMatch(new RegExp(`FROM "${table}"`));
        const selected = text.slice(0, text.indexOf('json_build_object'));
        expect(selected).not.toMatch(/"(p|t|e)_(name|code|status|version)"/);
      }
      for (const text of compared.statements) expect(text.slice(0, text.indexOf('json_build_object'))).toMatch(/"(p|t|e)_version"/);
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('puts the items into the answer as PostgreSQL wrote them: the fields of the DTO, money as decimal text', async () => {
    jsonItemsMode.verify = false;
    const res = await t.request('GET', '/api/v1/projects?year=2022&pageSize=3', { token: tokens.edu });
    jsonItemsMode.verify = true;
    expect(res.status).toBe(200);
    const body = res.body as { items: Record<string, unknown>[]; total: number; totalExact: boolean };
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) {
      expect(item.budgetAmount).toMatch(/^\d+\.\d{2}$/);
      expect(item.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'organizationName', 'fundSources', 'gate', 'keyBasis']));
    }
    expect(typeof body.total).toBe('number');
  });

  it('gives each evaluation in the list the due date its detail gives (kind, years and the sector decide it)', async () => {
    const list = await t.request('GET', '/api/v1/evaluations?pageSize=100', { token: tokens.finance });
    expect(list.status).toBe(200);
    const items = (list.body as { items: { id: string; organizationId: string; due: unknown }[] }).items;
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) {
      const detail = await t.request('GET', `/api/v1/evaluations/${item.id}`, { token: tokens.finance });
      expect(detail.status).toBe(200);
      expect({ id: item.id, due: item.due }).toEqual({ id: item.id, due: (detail.body as { due: unknown }).due });
    }
  });
});
