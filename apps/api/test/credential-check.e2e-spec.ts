/**
 * Issue 10 (city scale): "a list request issues the page query, its count when exact, and at most
 * one statement for authentication … Logout and locks still take effect at once on every instance."
 *
 * A list read right after another on the same instance reuses the principal resolved then and
 * confirms it inside its page statement (common/auth/credential-check.ts): no authentication
 * statement. What is checked here is that this changes nothing anyone can see: a logout, a lock, a
 * deactivated key committed by anyone (another instance, a direct write) is refused at the very next
 * read — also when the page is empty — and a principal that changed (organization, roles, a profile)
 * is read again and the answer is the new principal's, never the old one's.
 */
import { CREDENTIAL_FUNCTIONS } from '../src/modules/auth/credential-rows.sql';
import { orgIdByName } from './support/db-state';
import { expectProblem, startSecondInstance } from './support/http';
import { queriesDuring } from './support/statements';
import { expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';

const YEAR = 2022;
const LIST = `/api/v1/projects?year=${YEAR}&pageSize=5`;

describe('list reads confirm the caller in their page statement', () => {
  let t: TestApp;

  beforeAll(async () => {
    // no audit sealing on a timer: its statements would be counted with a request's
    t = await startTestApp({ AUDIT_SEAL_INTERVAL_SECONDS: '0' });
  });
  afterAll(async () => t?.close());

  /** A list read: its answer and the queries it sent. */
  const read = async (path: string, auth: { token?: string; apiKey?: string }) => {
    let res: { status: number; body: any; text: string; headers: Headers } | undefined;
    const queries = await queriesDuring(async () => (res = await t.request('GET', path, auth)));
    const texts = queries.map((q) => q.text);
    // the statements that resolve a credential in full (named on PostgreSQL, unnamed on PGlite: told by their text)
    const names = texts.flatMap((text) =>
      /FROM auth_sessions s LEFT JOIN users u/.test(text)
        ? ['jx_session_principal']
        : /FROM api_keys k WHERE k\.key_hash/.test(text)
          ? ['jx_api_key_principal']
          : [],
    );
    return { res: res!, names, texts };
  };
  const sessionOf = async (token: string) => {
    const [row] = await t.sql<{ id: string }>(
      `SELECT s.id FROM auth_sessions s WHERE s.revoked_at IS NULL AND s.user_id = (SELECT id FROM users WHERE username = 'health')
        ORDER BY s.created_at DESC LIMIT 1`,
    );
    expect(token.length).toBeGreaterThan(16);
    return row.id;
  };

  it('keeps the stored credential functions exactly as the module writes them', async () => {
    await expectStoredFunctionsCurrent(t, CREDENTIAL_FUNCTIONS);
  });

  it('reads a list again without an authentication statement: the page statement reads the session', async () => {
    const token = await t.login('health');
    const first = await read(LIST, { token });
    expect(first.res.status).toBe(200);
    expect(first.names).toContain('jx_session_principal');
    const again = await read(LIST, { token });
    expect(again.res.status).toBe(200);
    expect(again.res.body.items).toEqual(first.res.body.items);
    expect(again.names).not.toContain('jx_session_principal');
    expect(again.texts.some((s) => s.includes('jx_session_check('))).toBe(true);
    // a read that is not a list still resolves the session in full
    const me = await read('/api/v1/auth/me', { token });
    expect(me.res.status).toBe(200);
    expect(me.names).toContain('jx_session_principal');
  });

  it('refuses the next read of a session revoked behind its back (as another instance logs out)', async () => {
    const token = await t.login('health');
    expect((await read(LIST, { token })).res.status).toBe(200);
    const id = await sessionOf(token);
    await t.sql(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = $1`, [id]);
    const refused = await read(LIST, { token });
    expectProblem(refused.res, 401, 'AUTH_TOKEN_INVALID');
    expect(refused.res.text).not.toContain('"items"');
  });

  it('refuses it also when the page is empty (no page row to read the session with)', async () => {
    const token = await t.login('health');
    const empty = `/api/v1/projects?year=${YEAR}&q=${encodeURIComponent('没有这个名字的项目')}`;
    const before = await read(empty, { token });
    expect(before.res.status).toBe(200);
    expect(before.res.body.items).toEqual([]);
    await t.sql(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = $1`, [await sessionOf(token)]);
    expectProblem((await read(empty, { token })).res, 401, 'AUTH_TOKEN_INVALID');
  });

  it('confirms an empty page in its statement too: its head reads the session when no page row can', async () => {
    const token = await t.login('health');
    const none = encodeURIComponent('没有这个名字的项目');
    // a list TypeORM builds (paginate) and one written in SQL (sqlPage)
    for (const empty of [`/api/v1/projects?year=${YEAR}&q=${none}`, `/api/v1/trackings/coverage?year=${YEAR}&q=${none}`]) {
      expect((await read(empty, { token })).res.status).toBe(200);
      const again = await read(empty, { token });
      expect(again.res.status).toBe(200);
      expect(again.res.body.items).toEqual([]);
      expect(again.res.body.total).toBe(0);
      expect(again.names).toEqual([]);
      expect(again.texts.some((s) => s.includes('jx_session_check('))).toBe(true);
    }
  });

  it('refuses the next read of an account disabled meanwhile', async () => {
    const token = await t.login('health');
    expect((await read(LIST, { token })).res.status).toBe(200);
    await t.sql(`UPDATE users SET active = false WHERE username = 'health'`);
    try {
      const refused = await read(LIST, { token });
      expectProblem(refused.res, 403, 'AUTH_ACCOUNT_DISABLED');
      expect(refused.res.text).not.toContain('"items"');
    } finally {
      await t.sql(`UPDATE users SET active = true WHERE username = 'health'`);
    }
  });

  it('answers with the principal as it is now when the user moved to another department meanwhile', async () => {
    const token = await t.login('health');
    const health = await orgIdByName(t, '区卫生健康委员会');
    const edu = await orgIdByName(t, '区教育局');
    const before = await read(`/api/v1/projects?year=${YEAR}&pageSize=200`, { token });
    expect(before.res.status).toBe(200);
    const healthOrgs = new Set(
      (await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE id = $1 OR parent_id = $1`, [health])).map((r) => r.id),
    );
    const eduOrgs = new Set(
      (await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE id = $1 OR parent_id = $1`, [edu])).map((r) => r.id),
    );
    expect(before.res.body.items.length).toBeGreaterThan(0);
    expect(before.res.body.items.every((p: { organizationId: string }) => healthOrgs.has(p.organizationId))).toBe(true);
    await t.sql(`UPDATE users SET organization_id = $1 WHERE username = 'health'`, [edu]);
    try {
      const after = await read(`/api/v1/projects?year=${YEAR}&pageSize=200`, { token });
      expect(after.res.status).toBe(200);
      expect(after.names).toContain('jx_session_principal');
      expect(after.res.body.items.length).toBeGreaterThan(0);
      expect(after.res.body.items.filter((p: { organizationId: string }) => !eduOrgs.has(p.organizationId))).toEqual([]);
    } finally {
      await t.sql(`UPDATE users SET organization_id = $1 WHERE username = 'health'`, [health]);
    }
  });

  it('answers with the scope as it is now when an organization moved under the caller meanwhile (the credential epoch)', async () => {
    const token = await t.login('health');
    const health = await orgIdByName(t, '区卫生健康委员会');
    const edu = await orgIdByName(t, '区教育局');
    // a unit of the education bureau with projects of the year, which health does not see
    const [unit] = await t.sql<{ id: string; parent_id: string }>(
      `SELECT o.id, o.parent_id FROM organizations o WHERE o.parent_id = $1
          AND EXISTS (SELECT 1 FROM projects p WHERE p.organization_id = o.id AND p.year = $2) LIMIT 1`,
      [edu, YEAR],
    );
    expect(unit).toBeDefined();
    const seesUnit = (body: { items: { organizationId: string }[] }) => body.items.some((p) => p.organizationId === unit.id);
    const path = `/api/v1/projects?year=${YEAR}&pageSize=200`;
    expect((await read(path, { token })).res.status).toBe(200);
    // a recent principal: the next read is confirmed in its page statement
    const confirmed = await read(path, { token });
    expect(confirmed.names).not.toContain('jx_session_principal');
    expect(seesUnit(confirmed.res.body)).toBe(false);
    const [{ version: before }] = await t.sql<{ version: string }>(`SELECT version FROM credential_epoch`);
    await t.sql(`UPDATE organizations SET parent_id = $1 WHERE id = $2`, [health, unit.id]);
    try {
      const [{ version: after }] = await t.sql<{ version: string }>(`SELECT version FROM credential_epoch`);
      expect(BigInt(after)).toBe(BigInt(before) + 1n);
      const moved = await read(path, { token });
      expect(moved.res.status).toBe(200);
      expect(moved.names).toContain('jx_session_principal');
      expect(seesUnit(moved.res.body)).toBe(true);
    } finally {
      await t.sql(`UPDATE organizations SET parent_id = $1 WHERE id = $2`, [unit.parent_id, unit.id]);
    }
    // moved back: not seen on the very next read
    expect(seesUnit((await read(path, { token })).res.body)).toBe(false);
  });

  it('refuses a list the user lost the permission for meanwhile', async () => {
    const token = await t.login('health');
    expect((await read(LIST, { token })).res.status).toBe(200);
    // an expert reads no projects
    await t.sql(`UPDATE users SET roles = ARRAY['expert'] WHERE username = 'health'`);
    try {
      const refused = await read(LIST, { token });
      expectProblem(refused.res, 403, 'FORBIDDEN');
      expect(refused.res.text).not.toContain('"items"');
    } finally {
      await t.sql(`UPDATE users SET roles = ARRAY['department'] WHERE username = 'health'`);
    }
  });

  it('reads the session again when a policy profile changed meanwhile (the principal carries its version)', async () => {
    const token = await t.login('health');
    expect((await read(LIST, { token })).res.status).toBe(200);
    await t.sql(`UPDATE policy_profiles SET version = version + 1 WHERE year = $1`, [YEAR]);
    const after = await read(LIST, { token });
    expect(after.res.status).toBe(200);
    expect(after.names).toContain('jx_session_principal');
    // and the read after that is confirmed in its page statement again
    const next = await read(LIST, { token });
    expect(next.res.status).toBe(200);
    expect(next.names).not.toContain('jx_session_principal');
  });

  it('keeps confirming a session when only what its principal is not made of changes (a display name, the last-seen mark)', async () => {
    const token = await t.login('health');
    expect((await read(LIST, { token })).res.status).toBe(200);
    const session = await sessionOf(token);
    const version = async () =>
      (await t.sql<{ v: number }>(`SELECT principal_version AS v FROM auth_sessions WHERE id = $1`, [session]))[0].v;
    const before = await version();
    await t.sql(`UPDATE users SET display_name = display_name || ' ', updated_at = now() WHERE username = 'health'`);
    await t.sql(`UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1`, [session]);
    try {
      expect(await version()).toBe(before);
      const again = await read(LIST, { token });
      expect(again.res.status).toBe(200);
      expect(again.names).not.toContain('jx_session_principal');
    } finally {
      await t.sql(`UPDATE users SET display_name = rtrim(display_name) WHERE username = 'health'`);
    }
    // what it is made of does count it up — a user's column onto every session of the user, and
    // never back: a write carrying an older version (an entity read before) keeps the newer one
    await t.sql(`UPDATE users SET must_change_password = must_change_password WHERE username = 'health'`);
    expect(await version()).toBe(before);
    await t.sql(`UPDATE users SET mfa_enabled_at = now() WHERE username = 'health' AND mfa_enabled_at IS NULL`);
    try {
      expect(await version()).toBe(before + 1);
      await t.sql(`UPDATE auth_sessions SET principal_version = 0, last_seen_at = now() WHERE id = $1`, [session]);
      expect(await version()).toBe(before + 1);
      await t.sql(
        `UPDATE auth_sessions SET principal_version = 0, access_expires_at = access_expires_at + interval '1 second' WHERE id = $1`,
        [session],
      );
      expect(await version()).toBe(before + 2);
    } finally {
      await t.sql(`UPDATE users SET mfa_enabled_at = NULL WHERE username = 'health'`);
    }
  });

  it('reads the session again when the working year was set meanwhile (the credential epoch)', async () => {
    const token = await t.login('health');
    expect((await read(LIST, { token })).res.status).toBe(200);
    expect((await read(LIST, { token })).names).not.toContain('jx_session_principal');
    const [{ version: before }] = await t.sql<{ version: string }>(`SELECT version FROM credential_epoch`);
    const [saved] = await t.sql<{ value: unknown }>(`SELECT value FROM settings WHERE key = 'working_year'`);
    await t.sql(
      `INSERT INTO settings (key, value, updated_at) VALUES ('working_year', to_jsonb($1::int), now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [YEAR],
    );
    try {
      const [{ version: after }] = await t.sql<{ version: string }>(`SELECT version FROM credential_epoch`);
      expect(BigInt(after)).toBe(BigInt(before) + 1n);
      const changed = await read(LIST, { token });
      expect(changed.res.status).toBe(200);
      expect(changed.names).toContain('jx_session_principal');
    } finally {
      if (saved) await t.sql(`UPDATE settings SET value = $1::jsonb WHERE key = 'working_year'`, [JSON.stringify(saved.value)]);
      else await t.sql(`DELETE FROM settings WHERE key = 'working_year'`);
    }
  });

  it('confirms an API key the same way, and refuses it at once once deactivated', async () => {
    const finance = await t.login('finance');
    const created = await t.request('POST', '/api/v1/api-keys', {
      token: finance,
      body: { name: '审计取数', permissions: ['project:read'], organizationId: await orgIdByName(t, '区卫生健康委员会') },
    });
    expect(created.status).toBe(201);
    const apiKey = created.body.key as string;
    const first = await read(LIST, { apiKey });
    expect(first.res.status).toBe(200);
    expect(first.names).toContain('jx_api_key_principal');
    const again = await read(LIST, { apiKey });
    expect(again.res.status).toBe(200);
    expect(again.names).not.toContain('jx_api_key_principal');
    expect(again.texts.some((s) => s.includes('jx_api_key_check('))).toBe(true);
    await t.sql(`UPDATE api_keys SET active = false WHERE id = $1`, [created.body.id]);
    const refused = await read(LIST, { apiKey });
    expectProblem(refused.res, 401, 'AUTH_API_KEY_INVALID');
    expect(refused.res.text).not.toContain('"items"');
  });

  describe('on two instances of one PostgreSQL', () => {
    if (!process.env.DATABASE_URL) {
      it('runs on the embedded PGlite here, which one process owns (the two-instance test needs DATABASE_URL)', () => {
        expect(t.running.embedded).toBe(true);
      });
      return;
    }

    it('refuses on instance A the next list read of a session logged out on instance B', async () => {
      const b = await startSecondInstance(t);
      try {
        const token = await t.login('health');
        expect((await read(LIST, { token })).res.status).toBe(200);
        expect((await read(LIST, { token })).names).not.toContain('jx_session_principal');
        expect((await b.request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
        expectProblem((await read(LIST, { token })).res, 401, 'AUTH_TOKEN_INVALID');
      } finally {
        await b.close();
      }
    });
  });
});
