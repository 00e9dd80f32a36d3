/**
 * Issue 10 (city scale): an organization picker reads a level at a time (GET /organizations/options)
 * instead of the whole tree at every filtered list — the top of what the caller sees, a level's
 * children, or a search capped at ORGANIZATION_OPTIONS_LIMIT; always within the caller's data scope.
 */
import { ORGANIZATION_OPTIONS_LIMIT } from '@jixiao/contracts';
import { startTestApp, TestApp } from './support/test-app';
import { orgIdByName, subtreeIds } from './support/db-state';

interface Option {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  active: boolean;
  leaf: boolean;
}

describe('organization options (a picker, a level at a time)', () => {
  let t: TestApp;
  let finance: string;
  let edu: string;
  let eduOrg: string;
  let healthOrg: string;

  beforeAll(async () => {
    t = await startTestApp();
    [finance, edu] = await Promise.all(['finance', 'edu'].map((u) => t.login(u)));
    eduOrg = await orgIdByName(t, '区教育局');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
  });
  afterAll(async () => t?.close());

  const options = async (token: string, query: Record<string, string> = {}): Promise<Option[]> => {
    const res = await t.request('GET', `/api/v1/organizations/options?${new URLSearchParams(query)}`, { token });
    expect(res.status).toBe(200);
    return res.body as Option[];
  };
  /** The rows SQL gives for the same question, with whether any organization (of `within`) is below each. */
  const expected = async (where: string, params: unknown[], within: string[] | null = null): Promise<Option[]> =>
    t.sql<Option>(
      `SELECT o.id, o.code, o.name, o.kind, o.parent_id AS "parentId", o.active,
              NOT EXISTS (SELECT 1 FROM organizations c WHERE c.parent_id = o.id AND ($${params.length + 1}::uuid[] IS NULL OR c.id = ANY($${params.length + 1}::uuid[]))) AS leaf
         FROM organizations o WHERE ${where} ORDER BY o.code, o.id`,
      [...params, within],
    );

  it('gives the bureau the top level (every organization without a parent) and each level’s children, each saying whether it has any', async () => {
    const top = await options(finance);
    expect(top).toEqual(await expected('o.parent_id IS NULL', []));
    expect(top.find((o) => o.id === eduOrg)).toMatchObject({ name: '区教育局', leaf: false });
    const units = await options(finance, { parentId: eduOrg });
    expect(units.length).toBeGreaterThan(0);
    expect(units).toEqual(await expected('o.parent_id = $1', [eduOrg]));
  });

  it('gives a department only its own subtree: itself at the top, its units below, nothing of another department', async () => {
    const mine = await subtreeIds(t, eduOrg);
    expect(await options(edu)).toEqual(await expected('o.id = $1', [eduOrg], mine));
    expect(await options(edu, { parentId: eduOrg })).toEqual(await expected('o.parent_id = $1', [eduOrg], mine));
    expect(await options(edu, { parentId: healthOrg })).toEqual([]);
    const found = await options(edu, { q: '医院' });
    for (const o of found) expect(mine).toContain(o.id);
    // the bureau finds the health commission's hospital the department does not
    expect((await options(finance, { q: '医院' })).some((o) => !mine.includes(o.id))).toBe(true);
  });

  it('searches names and codes, in code order, at most the stated limit, the text taken literally', async () => {
    const byName = await options(finance, { q: '教育' });
    expect(byName).toEqual(
      await expected(`(o.name ILIKE '%教育%' OR o.code ILIKE '%教育%')`, []).then((r) => r.slice(0, ORGANIZATION_OPTIONS_LIMIT)),
    );
    const [{ code }] = await t.sql<{ code: string }>(`SELECT code FROM organizations WHERE id = $1`, [eduOrg]);
    expect((await options(finance, { q: code.toLowerCase() })).map((o) => o.id)).toContain(eduOrg);
    // a wildcard is a character, not a pattern
    expect(await options(finance, { q: '%' })).toEqual(await expected(`o.name LIKE '%\\%%' OR o.code LIKE '%\\%%'`, []));
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM organizations WHERE code ILIKE '%-%'`);
    expect(n).toBeGreaterThan(ORGANIZATION_OPTIONS_LIMIT);
    expect(await options(finance, { q: '-' })).toHaveLength(ORGANIZATION_OPTIONS_LIMIT);
  });

  it('refuses a malformed parent or an overlong search with a coded 400', async () => {
    for (const query of [{ parentId: 'abc' }, { q: 'x'.repeat(101) }, { q: 'a\u0000b' }] as Record<string, string>[]) {
      const res = await t.request('GET', `/api/v1/organizations/options?${new URLSearchParams(query)}`, { token: finance });
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
  });
});
