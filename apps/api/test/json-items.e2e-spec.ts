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
  { path: '/api/v1/pre-assessments?year=2022&pageSize=2', table: 'pre_assessments' },
  { path: '/api/v1/organizations?pageSize=5', table: 'organizations' },
  { path: '/api/v1/key-project-lists?pageSize=1', table: 'key_project_lists' },
  { path: '/api/v1/trackings/adjustment-suggestions?pageSize=1', table: 'budget_adjustment_suggestions' },
  { path: '/api/v1/targets/change-requests?pageSize=1', table: 'target_change_requests' },
  { path: '/api/v1/users?pageSize=3', table: 'users' },
  { path: '/api/v1/evaluation-records?pageSize=2', table: 'evaluation_records' },
  // the bureau's only
  { path: '/api/v1/audit-logs?pageSize=4', table: 'audit_logs', users: ['finance'] },
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

  it.each(LISTS)(
    '$path: the production page answers as the compared one, for the city and for a department',
    async ({ path, table, users }) => {
      let seen = 0;
      for (const user of users ?? ['finance', 'edu']) {
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
          expect(selected).not.toMatch(/"(p|t|e|o|l|s|c|u|a|r)_(name|code|status|version|username|action|kind)"/);
        }
        for (const text of compared.statements)
          expect(text.slice(0, text.indexOf('json_build_object'))).toMatch(/"(p|t|e|o|l|s|c|u|a|r)_(version|id)"/);
      }
      expect(seen).toBeGreaterThan(0);
    },
  );

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
    type Item = { id: string; kind: string; year: number; workYear: number; due: { rule: string; due: string } | null };
    const before = await t.request('GET', '/api/v1/evaluations?pageSize=100', { token: tokens.finance });
    expect(before.status).toBe(200);
    // the education sector gets later evaluation deadlines in every work year on the page, so one page mixes two dates
    const workYears = new Set((before.body as { items: Item[] }).items.flatMap((i) => (i.due ? [i.workYear] : [])));
    expect(workYears.size).toBeGreaterThan(0);
    for (const workYear of workYears) {
      const current = await t.request('GET', `/api/v1/policy-profiles/${workYear}`, { token: tokens.finance });
      expect(current.status).toBe(200);
      const values = structuredClone(
        (current.body as { values: { deadlines: { code: string; sectorDates?: Record<string, string> }[] } }).values,
      );
      for (const d of values.deadlines) {
        if (d.code === 'self_evaluation') d.sectorDates = { ...d.sectorDates, education: '04-30' };
        if (d.code === 'department_evaluation') d.sectorDates = { ...d.sectorDates, education: '07-31' };
      }
      const put = await t.request('PUT', `/api/v1/policy-profiles/${workYear}`, {
        token: tokens.finance,
        body: { version: (current.body as { version: number }).version, values },
      });
      expect(put.status).toBe(200);
    }
    const list = await t.request('GET', '/api/v1/evaluations?pageSize=100', { token: tokens.finance });
    expect(list.status).toBe(200);
    const items = (list.body as { items: Item[] }).items;
    expect(items.length).toBeGreaterThan(1);
    const datesByKindAndYear = new Map<string, Set<string>>();
    for (const item of items) {
      if (!item.due) continue;
      const key = `${item.kind}|${item.year}`;
      datesByKindAndYear.set(key, (datesByKindAndYear.get(key) ?? new Set()).add(item.due.due));
    }
    // the page holds evaluations of one kind and year whose due dates differ only by their department's sector
    expect([...datesByKindAndYear.values()].some((dates) => dates.size > 1)).toBe(true);
    for (const item of items) {
      const detail = await t.request('GET', `/api/v1/evaluations/${item.id}`, { token: tokens.finance });
      expect(detail.status).toBe(200);
      expect({ id: item.id, due: item.due }).toEqual({ id: item.id, due: (detail.body as { due: unknown }).due });
    }
  });
});
