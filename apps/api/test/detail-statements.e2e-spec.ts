/**
 * THE generated statement budget of the details (issue 10, city scale): every detail route of the app
 * (a GET of `owner` scope whose path ends in the row's id) reads its row with `readOne`
 * (`@ReadsOne`, common/scope/read-one.ts) — for a caller resolved a moment ago ONE statement: the
 * row with what its page shows, the caller's credential confirmed and the row's owner checked in it
 * (no authentication statement, no owner-check statement before the handler) — or is named in
 * NOT_YET below with why. Nothing here lists routes: a new detail route is held to this the moment
 * it exists.
 *
 * What one statement must not lose is checked for each such route too: a row outside the caller's
 * scope is still a 404 (answered like a row that does not exist), an id that is no UUID still a 400,
 * and a session ended on any instance is refused at the very next read (the statement's fingerprint
 * differs, the credential is resolved again in full).
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './support/test-app';
import { OpenApiDoc, Operation, operationsOf } from './support/openapi';
import { queriesDuring } from './support/statements';

/** The statement that resolves a session in full (modules/auth/credential-rows.sql.ts). */
const AUTHENTICATION = /FROM auth_sessions s LEFT JOIN users u/;

/**
 * Detail routes that do not read their row through `readOne` yet, each with why. Nothing else may
 * be; a route that moves onto `readOne` must leave this list (the test says so).
 */
const NOT_YET: Record<string, string> = {};

/** A statement that records a refusal in the audit log (its counters, its entry), not one that reads it. */
const AUDIT_WRITE = /^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?audit_(logs|refusal_counters)\b/i;

/** Demo users: finance reads the whole district, `health` a department's subtree. */
const CALLERS = ['finance', 'health'] as const;
/** Demo users whose scope is their assignments: an agency's organization, an expert's reviews. */
const ASSIGNED: readonly string[] = ['agency', 'expert'];
/** Demo users of a department each (its subtree). */
const DEPARTMENTS = ['health', 'edu'] as const;

/** A detail route: a GET of `owner` (or `registry`) scope whose last path segment is the row's id parameter. */
function isDetail(op: Operation): boolean {
  const last = op.path.split('/').pop() ?? '';
  return op.method === 'GET' && (op.scope?.kind === 'owner' || op.scope?.kind === 'registry') && last === `{${op.scope?.param ?? 'id'}}`;
}

describe('statements a detail sends, generated from the route list', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let details: Operation[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    // no audit sealing on a timer: its statements would be counted with a request's
    t = await startTestApp({ AUDIT_SEAL_INTERVAL_SECONDS: '0' });
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    details = operationsOf(doc).filter(isDetail);
    for (const username of CALLERS) tokens.set(username, await t.login(username));
  });
  afterAll(async () => t?.close());

  it('knows the detail routes: each reads its row with readOne or is named in NOT_YET, and NOT_YET names only such routes', () => {
    expect(details.length).toBeGreaterThan(5);
    const reading = details.filter((op) => op.op['x-reads-one'] === true).map((op) => op.key);
    expect(reading).toEqual(expect.arrayContaining(['GET /api/v1/projects/{id}', 'GET /api/v1/targets/{id}']));
    const others = details.filter((op) => op.op['x-reads-one'] !== true).map((op) => op.key);
    expect(others.sort()).toEqual(Object.keys(NOT_YET).sort());
    // `@ReadsOne` is for GET detail routes of owner (or registry) scope only
    const marked = operationsOf(doc).filter((op) => op.op['x-reads-one'] === true);
    expect(marked.filter((op) => !isDetail(op)).map((op) => op.key)).toEqual([]);
  });

  /**
   * A row of the route's scope entity (`x-scope`): the first one the caller owns (`own`: in its
   * organization's subtree; finance every one that has an owner), one it does not (`foreign`), or one assigned to it
   * (`assigned`: the scope's assignee column holds its organization or its id). Read from the tables
   * the scope names, so no route needs a list of its own to find its rows.
   */
  const rowOf = async (op: Operation, username: string, which: 'own' | 'foreign' | 'assigned'): Promise<string | undefined> => {
    const ds = t.running.app.get(DataSource);
    const meta = ds.entityMetadatas.find((m) => m.name === op.scope?.entity);
    if (!meta) throw new Error(`${op.key}: no entity ${op.scope?.entity}`);
    const column = (property: string) => {
      const c = meta.findColumnWithPropertyPath(property);
      if (!c) throw new Error(`${op.key}: ${meta.name} has no column ${property}`);
      return `"${c.databaseName}"`;
    };
    const [user] = await t.sql<{ id: string; organization_id: string | null }>(
      `SELECT id, organization_id FROM users WHERE username = $1`,
      [username],
    );
    const subtree = `(WITH RECURSIVE s AS (SELECT id FROM organizations WHERE id = $1 UNION ALL
                        SELECT o.id FROM organizations o JOIN s ON o.parent_id = s.id) SELECT id FROM s)`;
    // (a register's entry has no owner column: read by its assignee's)
    const owner = column(op.scope?.kind === 'registry' ? op.scope.assignee!.column : (op.scope?.column ?? 'organizationId'));
    const assignee = op.scope?.assignee;
    const assignedTo = assignee && (assignee.match === 'user' ? user.id : user.organization_id);
    const [sql, params] =
      which === 'assigned'
        ? [`${column(assignee!.column)} = $1`, [assignedTo]]
        : op.scope?.kind === 'registry'
          ? // a register's entries are everyone's to read but an assignee's (an agency): another's is foreign to it
            which === 'own'
            ? ['true', []]
            : assignedTo && ASSIGNED.includes(username)
              ? [`${column(assignee!.column)} <> $1`, [assignedTo]]
              : ['false', []]
          : username === 'finance'
            ? [which === 'own' ? `${owner} IS NOT NULL` : 'false', []]
            : [`${owner} ${which === 'own' ? 'IN' : 'NOT IN'} ${subtree}`, [user.organization_id]];
    const rows = await t.sql<{ id: string }>(`SELECT id FROM "${meta.tableName}" WHERE ${sql} ORDER BY id LIMIT 1`, params);
    return rows[0]?.id;
  };

  const reading = () => operationsOf(doc).filter((op) => isDetail(op) && op.op['x-reads-one'] === true);

  it.each(CALLERS.map((c) => [c]))('reads each readOne detail in one statement, as %s, and refuses what it must', async (username) => {
    const token = tokens.get(username)!;
    for (const op of reading()) {
      const id = await rowOf(op, username, 'own');
      // the demo data holds a row of every detail each caller may read
      expect({ route: op.key, row: id !== undefined }).toEqual({ route: op.key, row: true });
      const url = op.path.replace(/\{[^}]+\}$/, id!);
      // the first read may resolve the session in full; the next one is the steady state counted here
      expect((await t.request('GET', url, { token })).status).toBe(200);
      let res: { status: number; body: any } | undefined;
      const sent = await queriesDuring(async () => (res = await t.request('GET', url, { token })));
      expect({ url, status: res!.status, id: res!.body?.id }).toEqual({ url, status: 200, id });
      expect({ url, statements: sent.map((q) => q.text.replace(/\s+/g, ' ').slice(0, 120)) }).toEqual({
        url,
        statements: [expect.any(String)],
      });
      expect(sent.filter((q) => AUTHENTICATION.test(q.text))).toEqual([]);
      // a row that does not exist, and a path that names no row
      const missing = await t.request('GET', op.path.replace(/\{[^}]+\}$/, randomUUID()), { token });
      expect({ url, status: missing.status, code: missing.body?.code }).toEqual({ url, status: 404, code: 'NOT_FOUND' });
      const malformed = await t.request('GET', op.path.replace(/\{[^}]+\}$/, 'not-a-uuid'), { token });
      expect({ url, status: malformed.status }).toEqual({ url, status: 400 });
    }
  });

  it("answers a department's read of another department's row 404, as if it did not exist, with no row of it in the answer", async () => {
    const finance = tokens.get('finance')!;
    for (const op of reading()) {
      // a department with a row of the route outside its subtree (the demo data may hold one department's only)
      let found: { department: string; id: string } | undefined;
      // (a register's entry is foreign only to an assignee: an agency reading another's)
      for (const department of op.scope?.kind === 'registry' ? ASSIGNED : DEPARTMENTS) {
        const id = await rowOf(op, department, 'foreign');
        if (id) {
          found = { department, id };
          break;
        }
      }
      expect({ route: op.key, foreign: found !== undefined }).toEqual({ route: op.key, foreign: true });
      const department = tokens.get(found!.department) ?? (await t.login(found!.department));
      tokens.set(found!.department, department);
      const url = op.path.replace(/\{[^}]+\}$/, found!.id);
      // twice: the second read is the one-statement form (the caller resolved a moment ago)
      for (let i = 0; i < 2; i++) {
        let res: any;
        const sent = await queriesDuring(async () => (res = await t.request('GET', url, { token: department })));
        // refused by the read's own statement: no owner-check statement of the guard's before or after it
        // (the refusal itself is audited, as every refusal is: those statements aside)
        // (a detail may READ the audit log — a list's history — so only the statements writing it are set aside)
        const reads = sent.filter((q) => !AUDIT_WRITE.test(q.text)).map((q) => q.text.slice(0, 120));
        if (i === 1) expect({ url, reads }).toEqual({ url, reads: [expect.any(String)] });
        expect({ url, status: res.status, code: res.body?.code, id: res.body?.id }).toEqual({
          url,
          status: 404,
          code: 'NOT_FOUND',
          id: undefined,
        });
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      // the same row read by finance: there
      expect((await t.request('GET', url, { token: finance })).status).toBe(200);
    }
  });

  it('reads a row assigned to an agency or an expert (a route whose scope has an assignee) in one statement, as the assignee', async () => {
    const assigned = reading().filter((op) => op.scope?.assignee);
    expect(assigned.length).toBeGreaterThan(0);
    for (const op of assigned) {
      // the demo users an organization's and a person's assignments go to
      const username = op.scope!.assignee!.match === 'organization' ? 'agency' : 'expert';
      const token = tokens.get(username) ?? (await t.login(username));
      tokens.set(username, token);
      const id = await rowOf(op, username, 'assigned');
      // the demo data assigns each such route a row
      expect({ route: op.key, username, row: id !== undefined }).toEqual({ route: op.key, username, row: true });
      const url = op.path.replace(/\{[^}]+\}$/, id!);
      expect((await t.request('GET', url, { token })).status).toBe(200);
      let res: { status: number; body: any } | undefined;
      const sent = await queriesDuring(async () => (res = await t.request('GET', url, { token })));
      expect({ url, status: res!.status, id: res!.body?.id, statements: sent.length }).toEqual({ url, status: 200, id, statements: 1 });
    }
  });

  it('refuses a session ended elsewhere at the next detail read, though the read sends no authentication statement of its own', async () => {
    for (const op of reading()) {
      const token = await t.login('health');
      const url = op.path.replace(/\{[^}]+\}$/, (await rowOf(op, 'health', 'own'))!);
      expect((await t.request('GET', url, { token })).status).toBe(200);
      // ended by another instance: nothing this one keeps is told
      await t.sql(
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'logout'
          WHERE id = (SELECT s.id FROM auth_sessions s WHERE s.revoked_at IS NULL
                         AND s.user_id = (SELECT id FROM users WHERE username = 'health') ORDER BY s.created_at DESC LIMIT 1)`,
      );
      const res = await t.request('GET', url, { token });
      expect({ url, status: res.status, code: res.body?.code, id: res.body?.id }).toEqual({
        url,
        status: 401,
        code: 'AUTH_TOKEN_INVALID',
        id: undefined,
      });
    }
  });
});
