/**
 * Two-factor authentication (issue 6, 等保 2.0 level 3): TOTP (RFC 6238) with recovery codes,
 * required by the configuration for holders of user, key or profile management (MFA_ENFORCE=true
 * here), optional for everyone else. Codes are computed in the test from the secret; time steps
 * already used are forgotten by writing `mfa_last_step` in the database, never by waiting.
 */
import { startTestApp, TestApp, DEMO_PASSWORD } from './support/test-app';
import { expectProblem } from './support/http';
import { userIdByName } from './support/db-state';
import { totpCode, totpStep } from '../src/modules/auth/totp';

describe('two-factor authentication', () => {
  let t: TestApp;
  let financeSecret: string;
  let recoveryCodes: string[];
  /** The time step whose code confirmed finance's enrolment (a later test reuses that very code). */
  let enrolStep: number;
  let financeSession: string;

  beforeAll(async () => {
    t = await startTestApp({ MFA_ENFORCE: 'true' });
  });
  afterAll(async () => t?.close());

  const login = (username: string, password = DEMO_PASSWORD) => t.request('POST', '/api/v1/auth/login', { body: { username, password } });
  const second = (mfaToken: string, code: string) => t.request('POST', '/api/v1/auth/login/mfa', { body: { mfaToken, code } });
  const forgetUsedSteps = (username: string) => t.sql(`UPDATE users SET mfa_last_step = NULL WHERE username = $1`, [username]);
  const challenge = async (username: string): Promise<string> => {
    const res = await login(username);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
    return res.body.mfaToken;
  };
  const audits = (action: string, username: string) =>
    t.sql<{ result: string; error_code: string | null; after: any }>(
      `SELECT a.result, a.error_code, a.after FROM audit_logs a JOIN users u ON u.id = a.entity_id::uuid
        WHERE a.action = $1 AND u.username = $2 ORDER BY a.id`,
      [action, username],
    );

  describe('a role that requires it, not enrolled yet', () => {
    it('signs in with the password alone, to a session that can only enrol', async () => {
      const res = await login('finance');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ mfaEnrolmentRequired: true, user: { mfaEnabled: false, mfaEnrolmentRequired: true } });
      financeSession = res.body.accessToken;
      for (const path of ['/api/v1/organizations', '/api/v1/users', '/api/v1/audit-logs']) {
        expectProblem(await t.request('GET', path, { token: financeSession }), 403, 'AUTH_MFA_ENROLMENT_REQUIRED');
      }
      expect((await t.request('GET', '/api/v1/auth/me', { token: financeSession })).body.mfaEnrolmentRequired).toBe(true);
      const status = await t.request('GET', '/api/v1/auth/mfa', { token: financeSession });
      expect(status.body).toEqual({ enabled: false, enabledAt: null, required: true, recoveryCodesLeft: 0 });
    });

    it('does not limit a role that does not require it', async () => {
      const res = await login('health');
      expect(res.body.mfaEnrolmentRequired).toBe(false);
      expect((await t.request('GET', '/api/v1/projects', { token: res.body.accessToken })).status).toBe(200);
    });
  });

  describe('enrolment', () => {
    it('hands out a secret and an otpauth URI, and keeps the secret sealed in the database', async () => {
      const res = await t.request('POST', '/api/v1/auth/mfa/enrol', { token: financeSession });
      expect(res.status).toBe(200);
      financeSecret = res.body.secret;
      expect(financeSecret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(res.body.otpauthUri);
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.searchParams.get('secret')).toBe(financeSecret);
      expect(uri.searchParams.get('issuer')).toBe('Jixiao');
      expect(res.body.otpauthUri.startsWith('otpauth://totp/Jixiao:finance?')).toBe(true);
      const [row] = await t.sql<{ mfa_pending_secret: string; mfa_secret: string | null }>(
        `SELECT mfa_pending_secret, mfa_secret FROM users WHERE username = 'finance'`,
      );
      expect(row.mfa_secret).toBeNull();
      expect(row.mfa_pending_secret).toMatch(/^v1\./);
      expect(row.mfa_pending_secret).not.toContain(financeSecret);
    });

    it('refuses a wrong code, then turns on with a right one and shows ten recovery codes once', async () => {
      const wrong = await t.request('POST', '/api/v1/auth/mfa/confirm', { token: financeSession, body: { code: '000000' } });
      expectProblem(wrong, 400, 'AUTH_MFA_CODE_WRONG');
      expect(wrong.body.errors[0].field).toBe('code');
      enrolStep = totpStep();
      const res = await t.request('POST', '/api/v1/auth/mfa/confirm', {
        token: financeSession,
        body: { code: totpCode(financeSecret, enrolStep) },
      });
      expect(res.status).toBe(200);
      recoveryCodes = res.body.recoveryCodes;
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
      const [row] = await t.sql<{ mfa_recovery_codes: string[]; mfa_secret: string; mfa_pending_secret: null }>(
        `SELECT mfa_recovery_codes, mfa_secret, mfa_pending_secret FROM users WHERE username = 'finance'`,
      );
      expect(row.mfa_pending_secret).toBeNull();
      expect(row.mfa_secret).not.toContain(financeSecret);
      expect(row.mfa_recovery_codes).toHaveLength(10);
      for (const code of recoveryCodes) expect(JSON.stringify(row)).not.toContain(code.replace('-', ''));
      // The same session now reaches everything.
      expect((await t.request('GET', '/api/v1/organizations', { token: financeSession })).status).toBe(200);
      expect((await t.request('GET', '/api/v1/auth/mfa', { token: financeSession })).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
      expectProblem(await t.request('POST', '/api/v1/auth/mfa/enrol', { token: financeSession }), 409, 'AUTH_MFA_ALREADY_ENABLED');
      expect((await audits('auth.mfa_enable', 'finance')).map((a) => a.result)).toEqual(['success']);
    });
  });

  describe('signing in with two steps', () => {
    it('answers a challenge instead of tokens, then tokens for a fresh code; a code used once is refused', async () => {
      const mfaToken = await challenge('finance');
      // The code that confirmed the enrolment was used: it cannot sign in (that very code, not the
      // current step's, which is a fresh one once a 30-second step has passed since the enrolment).
      const used = await second(mfaToken, totpCode(financeSecret, enrolStep));
      expectProblem(used, 401, 'AUTH_MFA_CODE_INVALID');
      await t.sql(`UPDATE users SET failed_login_count = 0 WHERE username = 'finance'`);
      const code = totpCode(financeSecret, totpStep() + 1);
      const res = await second(mfaToken, code);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', mfaEnrolmentRequired: false, user: { username: 'finance', mfaEnabled: true } });
      expect((await t.request('GET', '/api/v1/users', { token: res.body.accessToken })).status).toBe(200);
      // Replayed, even with a new challenge: refused.
      expectProblem(await second(await challenge('finance'), code), 401, 'AUTH_MFA_CODE_INVALID');
      const logins = await audits('auth.login', 'finance');
      expect(logins.at(-2)).toMatchObject({ result: 'success', after: { factor: 'totp' } });
      expect(logins.at(-1)).toMatchObject({ result: 'failure', error_code: 'AUTH_MFA_CODE_INVALID' });
    });

    it('refuses a forged, altered or expired step-two ticket', async () => {
      const mfaToken = await challenge('finance');
      const code = totpCode(financeSecret, totpStep());
      expectProblem(await second('mfa.nonsense', code), 401, 'AUTH_MFA_TOKEN_INVALID');
      const [, id, expires, sig] = mfaToken.split('.');
      expectProblem(await second(`mfa.${id}.${Number(expires) + 60_000}.${sig}`, code), 401, 'AUTH_MFA_TOKEN_INVALID');
      const healthId = await userIdByName(t, 'health');
      expectProblem(await second(`mfa.${healthId}.${expires}.${sig}`, code), 401, 'AUTH_MFA_TOKEN_INVALID');
      expectProblem(await second(`mfa.${id}.${Date.now() - 1000}.${sig}`, code), 401, 'AUTH_MFA_TOKEN_INVALID');
    });

    it('lets a recovery code in once, in any case and with or without its dash', async () => {
      await t.sql(`UPDATE users SET failed_login_count = 0 WHERE username = 'finance'`);
      const [code] = recoveryCodes;
      const res = await second(await challenge('finance'), code.toLowerCase().replace('-', ''));
      expect(res.status).toBe(200);
      expect((await audits('auth.login', 'finance')).at(-1)).toMatchObject({ result: 'success', after: { factor: 'recovery_code', recoveryCodesLeft: 9 } });
      expectProblem(await second(await challenge('finance'), code), 401, 'AUTH_MFA_CODE_INVALID');
      expect((await t.request('GET', '/api/v1/auth/mfa', { token: res.body.accessToken })).body.recoveryCodesLeft).toBe(9);
    });

    it('counts wrong codes toward the same lockout; once locked, the right code is refused too', async () => {
      await t.sql(`UPDATE users SET failed_login_count = 0, locked_until = NULL, mfa_last_step = NULL WHERE username = 'finance'`);
      const mfaToken = await challenge('finance');
      const wrong = totpCode(financeSecret, totpStep() + 10);
      for (let i = 1; i <= 4; i++) expectProblem(await second(mfaToken, wrong), 401, 'AUTH_MFA_CODE_INVALID');
      const [{ failed_login_count }] = await t.sql<{ failed_login_count: number }>(`SELECT failed_login_count FROM users WHERE username = 'finance'`);
      expect(failed_login_count).toBe(4);
      expectProblem(await second(mfaToken, recoveryCodes[5].replace(/[A-Z]/g, '2')), 401, 'AUTH_MFA_CODE_INVALID');
      const [lock] = await t.sql<{ locked: boolean }>(`SELECT locked_until > now() AS locked FROM users WHERE username = 'finance'`);
      expect(lock.locked).toBe(true);
      const right = await second(mfaToken, totpCode(financeSecret, totpStep()));
      expectProblem(right, 401, 'AUTH_MFA_CODE_INVALID');
      expectProblem(await second(mfaToken, recoveryCodes[1]), 401, 'AUTH_MFA_CODE_INVALID');
      // Step one answers as for an unknown user while locked.
      const locked = await login('finance');
      const unknown = await login('nobody', DEMO_PASSWORD);
      expectProblem(locked, 401, 'AUTH_INVALID_CREDENTIALS');
      expect(locked.body).toEqual(unknown.body);
      // Nothing was used up by the refused attempts.
      const [row] = await t.sql<{ n: number; last: number | null }>(
        `SELECT cardinality(mfa_recovery_codes) AS n, mfa_last_step AS last FROM users WHERE username = 'finance'`,
      );
      expect(row).toEqual({ n: 9, last: null });
      await t.sql(`UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE username = 'finance'`);
    });

    it('cannot be turned off by a user whose role requires it', async () => {
      await forgetUsedSteps('finance');
      const res = await t.request('POST', '/api/v1/auth/mfa/disable', {
        token: financeSession,
        body: { password: DEMO_PASSWORD, code: totpCode(financeSecret, totpStep()) },
      });
      expectProblem(res, 409, 'AUTH_MFA_REQUIRED_BY_POLICY');
    });
  });

  describe('optional for other roles, and the administrator’s reset', () => {
    let healthSecret: string;
    let healthSession: string;
    let healthCodes: string[];

    it('a department user enrols by choice, and then signs in with two steps', async () => {
      healthSession = (await login('health')).body.accessToken;
      healthSecret = (await t.request('POST', '/api/v1/auth/mfa/enrol', { token: healthSession })).body.secret;
      const confirmed = await t.request('POST', '/api/v1/auth/mfa/confirm', { token: healthSession, body: { code: totpCode(healthSecret, totpStep()) } });
      expect(confirmed.status).toBe(200);
      healthCodes = confirmed.body.recoveryCodes;
      await forgetUsedSteps('health');
      const res = await second(await challenge('health'), totpCode(healthSecret, totpStep()));
      expect(res.status).toBe(200);
      healthSession = res.body.accessToken;
    });

    it('renews the recovery codes with a code; the old ones stop working', async () => {
      await forgetUsedSteps('health');
      const res = await t.request('POST', '/api/v1/auth/mfa/recovery-codes', { token: healthSession, body: { code: totpCode(healthSecret, totpStep()) } });
      expect(res.status).toBe(200);
      expect(res.body.recoveryCodes).toHaveLength(10);
      expectProblem(await second(await challenge('health'), healthCodes[0]), 401, 'AUTH_MFA_CODE_INVALID');
      expect((await second(await challenge('health'), res.body.recoveryCodes[0])).status).toBe(200);
    });

    it('turns off with the password and a code, not with a wrong password', async () => {
      await forgetUsedSteps('health');
      const code = totpCode(healthSecret, totpStep());
      const wrong = await t.request('POST', '/api/v1/auth/mfa/disable', { token: healthSession, body: { password: 'Wrong#2022x', code } });
      expectProblem(wrong, 400, 'AUTH_PASSWORD_WRONG');
      const res = await t.request('POST', '/api/v1/auth/mfa/disable', { token: healthSession, body: { password: DEMO_PASSWORD, code } });
      expect(res.status).toBe(204);
      const again = await login('health');
      expect(again.body.accessToken).toEqual(expect.any(String));
      expect((await audits('auth.mfa_disable', 'health')).map((a) => a.result)).toEqual(['success']);
    });

    it('an administrator resets a user’s two-factor authentication (audited, sessions end); others may not', async () => {
      healthSession = (await login('health')).body.accessToken;
      const secret = (await t.request('POST', '/api/v1/auth/mfa/enrol', { token: healthSession })).body.secret;
      await t.request('POST', '/api/v1/auth/mfa/confirm', { token: healthSession, body: { code: totpCode(secret, totpStep()) } });
      const healthId = await userIdByName(t, 'health');
      expectProblem(await t.request('POST', `/api/v1/users/${healthId}/reset-mfa`, { token: healthSession }), 403);

      await forgetUsedSteps('finance');
      const admin = (await second(await challenge('finance'), totpCode(financeSecret, totpStep()))).body.accessToken;
      expect((await t.request('GET', `/api/v1/users/${healthId}`, { token: admin })).body.mfaEnabled).toBe(true);
      expect((await t.request('POST', `/api/v1/users/${healthId}/reset-mfa`, { token: admin })).status).toBe(204);
      expect((await t.request('GET', `/api/v1/users/${healthId}`, { token: admin })).body.mfaEnabled).toBe(false);
      expectProblem(await t.request('GET', '/api/v1/auth/me', { token: healthSession }), 401);
      expect((await login('health')).body.accessToken).toEqual(expect.any(String));
      const rows = await t.sql<{ actor_name: string; before: unknown; after: unknown }>(
        `SELECT actor_name, before, after FROM audit_logs WHERE action = 'user.reset_mfa' AND entity_id = $1`,
        [healthId],
      );
      expect(rows).toEqual([{ actor_name: 'finance', before: { mfaEnabled: true }, after: { mfaEnabled: false } }]);
    });
  });
});
