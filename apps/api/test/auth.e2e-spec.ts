/**
 * Identity (issue 2, "Identity, organizations, scope" and "Stateless instances"): login auditing,
 * lockout, rotating refresh tokens, logout, idle and expired sessions, the forced change of an
 * initial password and the password rules, several API instances on one PostgreSQL, API keys.
 * Time is moved by writing timestamps in the database, never by waiting.
 */
import { startTestApp, TestApp, DEMO_PASSWORD } from './support/test-app';
import { expectProblem, Instance, startSecondInstance } from './support/http';
import { orgIdByName, userIdByName } from './support/db-state';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('identity: sessions, lockout, passwords, API keys', () => {
  let t: TestApp;
  let finance: string;

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.login('finance');
  });
  afterAll(async () => t?.close());

  const login = async (username: string, password = DEMO_PASSWORD) =>
    t.request('POST', '/api/v1/auth/login', { body: { username, password } });
  const tokens = async (username: string, password = DEMO_PASSWORD): Promise<Tokens> => {
    const res = await login(username, password);
    expect(res.status).toBe(200);
    return res.body;
  };
  const me = (token: string) => t.request('GET', '/api/v1/auth/me', { token });
  const refresh = (refreshToken: string) => t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
  /** The newest session of a user, to move its clock in the database. */
  const latestSessionId = async (username: string): Promise<string> => {
    const [row] = await t.sql<{ id: string }>(
      `SELECT s.id FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1 ORDER BY s.created_at DESC LIMIT 1`,
      [username],
    );
    return row.id;
  };
  const loginAudit = (userId: string, result: 'success' | 'failure') =>
    t
      .sql<{ n: string }>(`SELECT count(*) AS n FROM audit_logs WHERE action = 'auth.login' AND entity_id = $1 AND result = $2`, [
        userId,
        result,
      ])
      .then(([r]) => Number(r.n));

  describe('login', () => {
    it('answers a bearer token and the caller, and audits the success', async () => {
      const userId = await userIdByName(t, 'health');
      const before = await loginAudit(userId, 'success');
      const res = await login('health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        tokenType: 'Bearer',
        mustChangePassword: false,
        user: { username: 'health', roles: ['department'] },
      });
      expect(typeof res.body.accessToken).toBe('string');
      expect(res.body.refreshToken).not.toBe(res.body.accessToken);
      expect(await loginAudit(userId, 'success')).toBe(before + 1);
      const [row] = await t.sql<Record<string, unknown>>(
        `SELECT actor_id, actor_name, actor_kind, result, error_code FROM audit_logs WHERE action = 'auth.login' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [userId],
      );
      expect(row).toEqual({ actor_id: userId, actor_name: 'health', actor_kind: 'user', result: 'success', error_code: null });
    });

    it('refuses a wrong password and an unknown user alike, and audits both failures', async () => {
      const userId = await userIdByName(t, 'health');
      const before = await loginAudit(userId, 'failure');
      const wrong = await login('health', 'Wrong#2022');
      expectProblem(wrong, 401, 'AUTH_INVALID_CREDENTIALS');
      expect(await loginAudit(userId, 'failure')).toBe(before + 1);

      const unknown = await login('nobody-here', 'Wrong#2022');
      expectProblem(unknown, 401, 'AUTH_INVALID_CREDENTIALS');
      expect(unknown.body.message).toBe(wrong.body.message);
      const rows = await t.sql(`SELECT result, error_code FROM audit_logs WHERE action = 'auth.login' AND actor_name = 'nobody-here'`);
      expect(rows).toEqual([{ result: 'failure', error_code: 'AUTH_INVALID_CREDENTIALS' }]);
      // A failed login for health does not reset or lock anything yet.
      expect((await login('health')).status).toBe(200);
    });

    it('locks the account after 5 failures, even for the right password, until locked_until has passed', async () => {
      const userId = await userIdByName(t, 'zhujiajiao');
      for (let i = 1; i <= 4; i++) expectProblem(await login('zhujiajiao', `Wrong#${i}abc`), 401, 'AUTH_INVALID_CREDENTIALS');
      const fifth = await login('zhujiajiao', 'Wrong#5abc');
      expectProblem(fifth, 401, 'AUTH_INVALID_CREDENTIALS');
      const [{ minutes }] = await t.sql<{ minutes: string }>(
        `SELECT round(extract(epoch FROM locked_until - now()) / 60) AS minutes FROM users WHERE id = $1`,
        [userId],
      );
      expect(Number(minutes)).toBe(15);

      const right = await login('zhujiajiao');
      expectProblem(right, 401, 'AUTH_INVALID_CREDENTIALS');
      expect(right.body).toEqual(fifth.body);
      const locked = await t.sql(
        `SELECT error_code FROM audit_logs WHERE action = 'auth.login' AND entity_id = $1 AND error_code = 'AUTH_ACCOUNT_LOCKED'`,
        [userId],
      );
      expect(locked.length).toBe(2);

      await t.sql(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [userId]);
      const after = await login('zhujiajiao');
      expect(after.status).toBe(200);
      const [counts] = await t.sql<{ failed_login_count: number; locked_until: Date | null }>(
        `SELECT failed_login_count, locked_until FROM users WHERE id = $1`,
        [userId],
      );
      expect(counts).toEqual({ failed_login_count: 0, locked_until: null });
    });

    it('answers a locked account, an unknown username and a wrong password with the same status and body', async () => {
      const userId = await userIdByName(t, 'agency');
      await t.sql(`UPDATE users SET locked_until = now() + interval '10 minutes' WHERE id = $1`, [userId]);
      const lockedRight = await login('agency');
      const lockedWrong = await login('agency', 'Wrong#2022x');
      const unknown = await login('no-such-user', 'Wrong#2022x');
      const wrong = await login('health', 'Wrong#2022x');
      for (const res of [lockedRight, lockedWrong, unknown, wrong]) {
        expectProblem(res, 401, 'AUTH_INVALID_CREDENTIALS');
        expect(res.body).toEqual(wrong.body);
        expect(res.headers.get('content-type')).toBe(wrong.headers.get('content-type'));
      }
      expect(Object.keys(wrong.body).sort()).toEqual(['code', 'instance', 'message', 'messageEn', 'status', 'title', 'type']);
      // The administrator sees the lock, and can lift it.
      const listed = await t.request('GET', `/api/v1/users?q=agency`, { token: finance });
      const row = listed.body.items.find((u: { username: string }) => u.username === 'agency');
      expect(row.lockedUntil).not.toBeNull();
      expect((await t.request('GET', `/api/v1/users/${userId}`, { token: finance })).body.lockedUntil).toBe(row.lockedUntil);
      expect((await t.request('POST', `/api/v1/users/${userId}/unlock`, { token: finance })).status).toBe(204);
      expect((await login('agency')).status).toBe(200);
    });

    it('counts a burst of concurrent failures atomically: the right password right after is refused and the lock stays', async () => {
      const userId = await userIdByName(t, 'edu');
      // As reported: 39 wrong passwords at once, the right one 300 ms later, all in flight together.
      const burst = Promise.all(Array.from({ length: 39 }, (_, i) => login('edu', `Wrong#${i}burst`)));
      const right = await new Promise((resolve) => setTimeout(resolve, 300)).then(() => login('edu'));
      const wrong = await burst;
      for (const res of wrong) {
        expectProblem(res, 401, 'AUTH_INVALID_CREDENTIALS');
        expect(res.body).toEqual(wrong[0].body);
      }
      expectProblem(right, 401, 'AUTH_INVALID_CREDENTIALS');
      const [state] = await t.sql<{ locked: boolean; failed_login_count: number }>(
        `SELECT locked_until > now() + interval '14 minutes' AS locked, failed_login_count FROM users WHERE id = $1`,
        [userId],
      );
      expect(state).toEqual({ locked: true, failed_login_count: 0 });
      // Exactly one lock was decided: 4 plain failures, then every later attempt (35 + the right one) found it locked.
      const codes = await t.sql<{ error_code: string; n: string }>(
        `SELECT error_code, count(*) AS n FROM audit_logs WHERE action = 'auth.login' AND entity_id = $1 AND result = 'failure' GROUP BY error_code ORDER BY error_code`,
        [userId],
      );
      expect(codes.map((c) => [c.error_code, Number(c.n)])).toEqual([
        ['AUTH_ACCOUNT_LOCKED', 36],
        ['AUTH_INVALID_CREDENTIALS', 4],
      ]);
      expect(await t.sql(`SELECT id FROM auth_sessions WHERE user_id = $1 AND created_at > now() - interval '1 minute'`, [userId])).toEqual(
        [],
      );
      await t.sql(`UPDATE users SET locked_until = NULL WHERE id = $1`, [userId]);
    });

    it('counts failures in a row only: a success in between starts the count again', async () => {
      for (let i = 1; i <= 4; i++) expectProblem(await login('edu-unit', `Wrong#${i}abc`), 401, 'AUTH_INVALID_CREDENTIALS');
      expect((await login('edu-unit')).status).toBe(200);
      for (let i = 1; i <= 4; i++) expectProblem(await login('edu-unit', `Wrong#${i}abc`), 401, 'AUTH_INVALID_CREDENTIALS');
      expect((await login('edu-unit')).status).toBe(200);
    });
  });

  describe('sessions', () => {
    it('rotates the refresh token: each works once, and reusing one ends the session', async () => {
      const first = await tokens('health');
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect(second.body.accessToken).not.toBe(first.accessToken);
      expect((await me(second.body.accessToken)).status).toBe(200);
      expectProblem(await me(first.accessToken), 401);

      const third = await refresh(second.body.refreshToken);
      expect(third.status).toBe(200);
      expect((await me(third.body.accessToken)).status).toBe(200);

      // The refresh token just used, presented again: stolen. The whole session ends.
      expectProblem(await refresh(second.body.refreshToken), 401, 'AUTH_REFRESH_INVALID');
      expectProblem(await me(third.body.accessToken), 401);
      expectProblem(await refresh(third.body.refreshToken), 401, 'AUTH_REFRESH_INVALID');
      const [session] = await t.sql<{ revoked_reason: string }>(`SELECT revoked_reason FROM auth_sessions WHERE id = $1`, [
        await latestSessionId('health'),
      ]);
      expect(session.revoked_reason).toBe('refresh_reuse');
    });

    it('ends the session when any earlier refresh token of it is presented again, not only the last one', async () => {
      const first = await tokens('health');
      const second = (await refresh(first.refreshToken)).body as Tokens;
      const third = (await refresh(second.refreshToken)).body as Tokens;
      expect((await me(third.accessToken)).status).toBe(200);
      expectProblem(await refresh(first.refreshToken), 401, 'AUTH_REFRESH_INVALID');
      expectProblem(await me(third.accessToken), 401);
    });

    it('logs out: the access and refresh tokens stop working, and the logout is audited', async () => {
      const session = await tokens('edu');
      const out = await t.request('POST', '/api/v1/auth/logout', { token: session.accessToken });
      expect(out.status).toBe(204);
      expectProblem(await me(session.accessToken), 401, 'AUTH_TOKEN_INVALID');
      expectProblem(await refresh(session.refreshToken), 401, 'AUTH_REFRESH_INVALID');
      const rows = await t.sql(`SELECT actor_name, result FROM audit_logs WHERE action = 'auth.logout' ORDER BY id DESC LIMIT 1`);
      expect(rows).toEqual([{ actor_name: 'edu', result: 'success' }]);
    });

    it('ends a session idle for more than 30 minutes, and keeps one idle for less', async () => {
      const active = await tokens('edu-unit');
      await t.sql(`UPDATE auth_sessions SET last_seen_at = now() - interval '29 minutes' WHERE id = $1`, [
        await latestSessionId('edu-unit'),
      ]);
      expect((await me(active.accessToken)).status).toBe(200);

      const idle = await tokens('edu-unit');
      await t.sql(`UPDATE auth_sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [
        await latestSessionId('edu-unit'),
      ]);
      expectProblem(await me(idle.accessToken), 401, 'AUTH_SESSION_EXPIRED');
      expectProblem(await me(idle.accessToken), 401, 'AUTH_SESSION_EXPIRED');
      expectProblem(await refresh(idle.refreshToken), 401);
    });

    it('answers AUTH_TOKEN_EXPIRED for an expired access token, and the refresh token renews it', async () => {
      const session = await tokens('edu-unit');
      await t.sql(`UPDATE auth_sessions SET access_expires_at = now() - interval '1 second' WHERE id = $1`, [
        await latestSessionId('edu-unit'),
      ]);
      expectProblem(await me(session.accessToken), 401, 'AUTH_TOKEN_EXPIRED');
      const renewed = await refresh(session.refreshToken);
      expect(renewed.status).toBe(200);
      expect((await me(renewed.body.accessToken)).status).toBe(200);
    });

    it('refuses malformed and unknown bearer tokens', async () => {
      expectProblem(await t.request('GET', '/api/v1/auth/me', { headers: { authorization: 'Bearer short' } }), 401, 'AUTH_TOKEN_INVALID');
      expectProblem(
        await t.request('GET', '/api/v1/auth/me', { headers: { authorization: 'Basic Zm9vOmJhcg==' } }),
        401,
        'AUTH_TOKEN_INVALID',
      );
      expectProblem(await me('jxa_' + 'A'.repeat(40)), 401, 'AUTH_TOKEN_INVALID');
    });
  });

  describe('initial password and password rules', () => {
    const username = 'edu-clerk-new';
    const initial = 'Init#2022ab';
    let userId: string;
    let session: Tokens;

    it('refuses a weak initial password when finance creates a user', async () => {
      const res = await t.request('POST', '/api/v1/users', {
        token: finance,
        body: {
          username,
          displayName: '新职员',
          organizationId: await orgIdByName(t, '区教育局'),
          roles: ['department'],
          initialPassword: 'short',
        },
      });
      expectProblem(res, 400, 'AUTH_PASSWORD_WEAK');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('initialPassword');
      expect(await t.sql(`SELECT id FROM users WHERE username = $1`, [username])).toEqual([]);
    });

    it('makes a user created by finance change the initial password before anything else', async () => {
      const created = await t.request('POST', '/api/v1/users', {
        token: finance,
        body: {
          username,
          displayName: '新职员',
          organizationId: await orgIdByName(t, '区教育局'),
          roles: ['department'],
          initialPassword: initial,
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.mustChangePassword).toBe(true);
      userId = created.body.id;

      const res = await login(username, initial);
      expect(res.status).toBe(200);
      expect(res.body.mustChangePassword).toBe(true);
      session = res.body;
      for (const path of ['/api/v1/organizations', '/api/v1/users', `/api/v1/users/${userId}`, '/api/v1/policy-profiles/2022']) {
        expectProblem(await t.request('GET', path, { token: session.accessToken }), 403, 'AUTH_PASSWORD_CHANGE_REQUIRED');
      }
      const self = await me(session.accessToken);
      expect(self.status).toBe(200);
      expect(self.body).toMatchObject({ username, mustChangePassword: true });
    });

    it.each([
      ['too short', 'Ab#1', 'TOO_SHORT'],
      ['only two character classes', 'abcdefgh1234', 'TOO_FEW_CLASSES'],
      ['containing the username', 'Edu-Clerk-New#2022', 'CONTAINS_USERNAME'],
    ])('refuses a new password %s with AUTH_PASSWORD_WEAK on newPassword', async (_name, newPassword, code) => {
      const res = await t.request('POST', '/api/v1/auth/change-password', {
        token: session.accessToken,
        body: { currentPassword: initial, newPassword },
      });
      expectProblem(res, 400, 'AUTH_PASSWORD_WEAK');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'newPassword', code })]));
      expect((await login(username, initial)).status).toBe(200);
    });

    it('refuses a wrong current password and an unchanged password', async () => {
      const wrong = await t.request('POST', '/api/v1/auth/change-password', {
        token: session.accessToken,
        body: { currentPassword: 'Wrong#2022x', newPassword: 'Brand#New2022' },
      });
      expectProblem(wrong, 400, 'AUTH_PASSWORD_WRONG');
      expect(wrong.body.errors[0].field).toBe('currentPassword');
      const same = await t.request('POST', '/api/v1/auth/change-password', {
        token: session.accessToken,
        body: { currentPassword: initial, newPassword: initial },
      });
      expectProblem(same, 400, 'AUTH_PASSWORD_REUSED');
    });

    it('after the change everything works, the old password is gone, other sessions end, and it is audited', async () => {
      const other = await tokens(username, initial);
      const res = await t.request('POST', '/api/v1/auth/change-password', {
        token: session.accessToken,
        body: { currentPassword: initial, newPassword: 'Brand#New2022' },
      });
      expect(res.status).toBe(204);
      expect((await t.request('GET', '/api/v1/organizations', { token: session.accessToken })).status).toBe(200);
      expect((await me(session.accessToken)).body.mustChangePassword).toBe(false);
      expectProblem(await me(other.accessToken), 401);
      expectProblem(await login(username, initial), 401, 'AUTH_INVALID_CREDENTIALS');
      const fresh = await login(username, 'Brand#New2022');
      expect(fresh.status).toBe(200);
      expect(fresh.body.mustChangePassword).toBe(false);
      const rows = await t.sql(
        `SELECT actor_id, result, before, after FROM audit_logs WHERE action = 'auth.change_password' AND entity_id = $1`,
        [userId],
      );
      expect(rows).toEqual([{ actor_id: userId, result: 'success', before: null, after: null }]);
      const [stored] = await t.sql<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [userId]);
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('lets a user with a pending change log out', async () => {
      const reset = await t.request('POST', `/api/v1/users/${userId}/reset-password`, {
        token: finance,
        body: { newPassword: 'Reset#2022ab' },
      });
      expect(reset.status).toBe(204);
      const pending = await tokens(username, 'Reset#2022ab');
      expectProblem(await t.request('GET', '/api/v1/organizations', { token: pending.accessToken }), 403, 'AUTH_PASSWORD_CHANGE_REQUIRED');
      expect((await t.request('POST', '/api/v1/auth/logout', { token: pending.accessToken })).status).toBe(204);
      expectProblem(await me(pending.accessToken), 401);
    });
  });

  describe('several API instances on one PostgreSQL', () => {
    // Only with DATABASE_URL: an embedded PGlite database lives inside one process, so a second
    // instance cannot share it. On the embedded database this block checks just that fact.
    if (!process.env.DATABASE_URL) {
      it('runs on the embedded PGlite here, which one process owns (the two-instance tests need DATABASE_URL)', () => {
        expect(t.running.embedded).toBe(true);
      });
      return;
    }

    let b: Instance;
    beforeAll(async () => {
      b = await startSecondInstance(t);
    });
    afterAll(async () => b?.close());

    it('accepts on instance B a token issued by instance A', async () => {
      const token = await t.login('health');
      const res = await b.request('GET', '/api/v1/auth/me', { token });
      expect(res.status).toBe(200);
      expect(res.body.username).toBe('health');
      expect(b.baseUrl).not.toBe(t.baseUrl);
    });

    it('counts failed logins on A and B together and locks the account for both', async () => {
      for (let i = 1; i <= 3; i++) expectProblem(await login('expert', `Wrong#${i}abc`), 401, 'AUTH_INVALID_CREDENTIALS');
      expectProblem(
        await b.request('POST', '/api/v1/auth/login', { body: { username: 'expert', password: 'Wrong#4abc' } }),
        401,
        'AUTH_INVALID_CREDENTIALS',
      );
      expectProblem(
        await b.request('POST', '/api/v1/auth/login', { body: { username: 'expert', password: 'Wrong#5abc' } }),
        401,
        'AUTH_INVALID_CREDENTIALS',
      );
      expectProblem(await login('expert'), 401, 'AUTH_INVALID_CREDENTIALS');
      const [lock] = await t.sql<{ locked: boolean }>(`SELECT locked_until > now() AS locked FROM users WHERE username = 'expert'`);
      expect(lock.locked).toBe(true);
      await t.sql(`UPDATE users SET locked_until = now() - interval '1 second' WHERE username = 'expert'`);
      expect((await b.request('POST', '/api/v1/auth/login', { body: { username: 'expert', password: DEMO_PASSWORD } })).status).toBe(200);
    });

    it('revokes on A a session logged out on B, and refreshes on B a session opened on A', async () => {
      const session = await tokens('edu');
      const renewed = await b.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
      expect(renewed.status).toBe(200);
      expect((await me(renewed.body.accessToken)).status).toBe(200);
      expect((await b.request('POST', '/api/v1/auth/logout', { token: renewed.body.accessToken })).status).toBe(204);
      expectProblem(await me(renewed.body.accessToken), 401, 'AUTH_TOKEN_INVALID');
    });
  });

  describe('API keys of other government systems', () => {
    let keyId: string;
    let key: string;

    it('finance creates a key (shown once, stored hashed) and the creation is audited', async () => {
      const res = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '预算管理一体化系统', permissions: ['organization:read'] },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: '预算管理一体化系统',
        permissions: ['organization:read'],
        organizationId: null,
        active: true,
      });
      keyId = res.body.id;
      key = res.body.key;
      expect(key.startsWith(res.body.prefix)).toBe(true);
      const [stored] = await t.sql<{ key_hash: string }>(`SELECT key_hash FROM api_keys WHERE id = $1`, [keyId]);
      expect(stored.key_hash).not.toContain(key);
      const listed = await t.request('GET', '/api/v1/api-keys', { token: finance });
      expect(JSON.stringify(listed.body)).not.toContain(key);
      const financeId = await userIdByName(t, 'finance');
      const rows = await t.sql<Record<string, any>>(
        `SELECT actor_id, actor_kind, result, after FROM audit_logs WHERE action = 'api_key.create' AND entity_id = $1`,
        [keyId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_id: financeId, actor_kind: 'user', result: 'success' });
      expect(rows[0].after).toMatchObject({ id: keyId, permissions: ['organization:read'] });
      expect(JSON.stringify(rows[0].after)).not.toContain(key);
    });

    it('reads what its permissions allow, and nothing else', async () => {
      const orgs = await t.request('GET', '/api/v1/organizations', { apiKey: key });
      expect(orgs.status).toBe(200);
      expect(orgs.body.total).toBeGreaterThan(40);
      expectProblem(await t.request('GET', '/api/v1/users', { apiKey: key }), 403, 'FORBIDDEN');
      expectProblem(await t.request('GET', '/api/v1/audit-logs', { apiKey: key }), 403, 'FORBIDDEN');
      const write = await t.request('POST', '/api/v1/organizations', {
        apiKey: key,
        body: { code: 'KEY-NEW', name: '密钥新建机构', kind: 'department' },
      });
      expectProblem(write, 403, ['READ_ONLY_ROLE', 'FORBIDDEN']);
      expect(await t.sql(`SELECT id FROM organizations WHERE code = 'KEY-NEW'`)).toEqual([]);
      expectProblem(
        await t.request('GET', '/api/v1/organizations', { apiKey: 'jxk_not-a-real-key-0000000000' }),
        401,
        'AUTH_API_KEY_INVALID',
      );
    });

    it('names the organization a key is limited to, in the answer, the list and the revocation’s audit', async () => {
      const health = await orgIdByName(t, '区卫生健康委员会');
      const res = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '卫健委数据接口', permissions: ['organization:read'], organizationId: health },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ organizationId: health, organizationName: '区卫生健康委员会' });
      const listed = await t.request('GET', '/api/v1/api-keys?pageSize=200', { token: finance });
      const items = listed.body.items as { id: string; organizationId: string | null; organizationName: string | null }[];
      expect(items.find((k) => k.id === res.body.id)).toMatchObject({ organizationName: '区卫生健康委员会' });
      for (const k of items.filter((x) => x.organizationId === null)) expect(k.organizationName).toBeNull();
      expect((await t.request('DELETE', `/api/v1/api-keys/${res.body.id}`, { token: finance })).status).toBe(204);
      const [audit] = await t.sql<{ before: { organizationName: string } }>(
        `SELECT before FROM audit_logs WHERE action = 'api_key.revoke' AND entity_id = $1`,
        [res.body.id],
      );
      expect(audit.before.organizationName).toBe('区卫生健康委员会');
    });

    it('audits the writes of a key like a user’s, with the key as the actor', async () => {
      const res = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '机构管理接口', permissions: ['organization:read', 'organization:manage'] },
      });
      const writer = res.body;
      const created = await t.request('POST', '/api/v1/organizations', {
        apiKey: writer.key,
        body: { code: 'KEY-DEPT', name: '密钥新建部门', kind: 'department', sector: 'general' },
      });
      expect(created.status).toBe(201);
      const rows = await t.sql(
        `SELECT actor_id, actor_kind, result FROM audit_logs WHERE action = 'organization.create' AND entity_id = $1`,
        [created.body.id],
      );
      expect(rows).toEqual([{ actor_id: writer.id, actor_kind: 'api_key', result: 'success' }]);
    });

    it('stops working once revoked (401), and the revocation is audited', async () => {
      const res = await t.request('DELETE', `/api/v1/api-keys/${keyId}`, { token: finance });
      expect(res.status).toBe(204);
      expectProblem(await t.request('GET', '/api/v1/organizations', { apiKey: key }), 401, 'AUTH_API_KEY_INVALID');
      expectProblem(await t.request('DELETE', `/api/v1/api-keys/${keyId}`, { token: finance }), 409, 'API_KEY_ALREADY_REVOKED');
      expect(await t.sql(`SELECT result FROM audit_logs WHERE action = 'api_key.revoke' AND entity_id = $1`, [keyId])).toEqual([
        { result: 'success' },
      ]);
    });

    it('refuses an expiry in the past, and an expired key', async () => {
      const past = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '过期密钥', permissions: ['organization:read'], expiresAt: '2020-01-01T00:00:00Z' },
      });
      expectProblem(past, 400, 'API_KEY_EXPIRY_IN_PAST');
      const res = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '将过期密钥', permissions: ['organization:read'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      });
      expect((await t.request('GET', '/api/v1/organizations', { apiKey: res.body.key })).status).toBe(200);
      await t.sql(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [res.body.id]);
      expectProblem(await t.request('GET', '/api/v1/organizations', { apiKey: res.body.key }), 401, 'AUTH_API_KEY_INVALID');
    });

    it('refuses district-wide permissions on a key limited to one organization', async () => {
      const eduId = await orgIdByName(t, '区教育局');
      const res = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '教育局审计日志密钥', permissions: ['audit_log:read', 'organization:read'], organizationId: eduId },
      });
      expectProblem(res, 400, 'API_KEY_DISTRICT_PERMISSION');
      expect(res.body.errors[0].field).toBe('permissions');
      expect(await t.sql(`SELECT id FROM api_keys WHERE name = '教育局审计日志密钥'`)).toEqual([]);
    });

    it('does not let a key that manages keys mint a key with permissions it does not hold itself', async () => {
      const eduId = await orgIdByName(t, '区教育局');
      const manager = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '教育局密钥管理', permissions: ['api_key:manage'] },
      });
      expect(manager.status).toBe(201);
      const minted = await t.request('POST', '/api/v1/api-keys', {
        apiKey: manager.body.key,
        body: { name: '越权密钥', permissions: ['user:manage', 'user:read'], organizationId: eduId },
      });
      expectProblem(minted, 403, 'API_KEY_PERMISSION_NOT_HELD');
      expect(await t.sql(`SELECT id FROM api_keys WHERE name = '越权密钥'`)).toEqual([]);
    });
  });
});
