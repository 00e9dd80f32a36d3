/**
 * The policy profile is cached per year and checked against its version on every request (issue 10):
 * the version comes with the credentials in the one authentication statement, so a list reads no
 * profile once it is cached, and a change made through another instance is seen by the next request
 * at once — no timer.
 */
import { startTestApp, TestApp } from './support/test-app';
import { startSecondInstance, type Instance } from './support/http';
import { orgIdByName } from './support/db-state';
import { queriesDuring, statementsDuring } from './support/statements';

const YEAR = 2022;

describe('policy profile cache', () => {
  let t: TestApp;
  let health: string;
  let finance: string;

  beforeAll(async () => {
    // no audit sealing on a timer: its statements would be counted with a request's
    t = await startTestApp({ AUDIT_SEAL_INTERVAL_SECONDS: '0' });
    health = await t.login('health');
    finance = await t.login('finance');
  });
  afterAll(async () => t?.close());

  it('reads no profile for a list once it is cached, and the versions with the credentials (in full, or confirmed in the page)', async () => {
    const path = `/api/v1/projects?year=${YEAR}&pageSize=5`;
    expect((await t.request('GET', path, { token: health })).status).toBe(200);
    // a fresh token: the list resolves it in full, versions included, and reads no profile
    const fresh = await t.login('health');
    const statements = await statementsDuring(async () => expect((await t.request('GET', path, { token: fresh })).status).toBe(200));
    const auth = statements.filter((s) => /FROM auth_sessions/.test(s));
    expect(auth).toHaveLength(1);
    expect(auth[0]).toMatch(/policy_profiles pv/);
    const profileReads = statements.filter((s) => /policy_profiles/.test(s) && !/FROM auth_sessions/.test(s));
    expect(profileReads).toEqual([]);
    // read again right after: the page statement confirms the credentials (their versions among them), nothing else
    const again = await statementsDuring(async () => expect((await t.request('GET', path, { token: fresh })).status).toBe(200));
    expect(again).toHaveLength(1);
    expect(again[0]).toMatch(/jx_session_check\(/);
    // and the rule still reads the numbers: a project at the threshold is a key project
    const healthOrg = await orgIdByName(t, '区卫生健康委员会');
    const created = await t.request('POST', '/api/v1/projects', {
      token: health,
      body: {
        year: YEAR,
        code: 'PC-1',
        name: '缓存测试',
        kind: 'project',
        organizationId: healthOrg,
        budgetAmount: '6000000.00',
        isNew: false,
        isMajor: false,
        isCapitalConstruction: false,
      },
    });
    expect(created.status).toBe(201);
    expect((await t.request('GET', `/api/v1/projects/${created.body.id}`, { token: health })).body.keyBasis).toBe('AMOUNT');
  });

  it('sends the sign-in check named on PostgreSQL (planned once per connection) and unnamed on the embedded database', async () => {
    // a read that is not a list: resolved in full each time
    const path = `/api/v1/auth/me`;
    const sent = await queriesDuring(async () => {
      for (let i = 0; i < 3; i++) expect((await t.request('GET', path, { token: health })).status).toBe(200);
    });
    const auth = sent.filter((q) => /FROM auth_sessions/.test(q.text));
    expect(auth).toHaveLength(3);
    const expected = process.env.DATABASE_URL ? 'jx_session_principal' : undefined;
    expect(auth.map((q) => q.name)).toEqual([expected, expected, expected]);
  });

  it('sees a profile changed outside the API (a data migration, a DBA): the database moves the version', async () => {
    const healthOrg = await orgIdByName(t, '区卫生健康委员会');
    const created = await t.request('POST', '/api/v1/projects', {
      token: health,
      body: {
        year: YEAR,
        code: 'PC-3',
        name: '库内修改',
        kind: 'project',
        organizationId: healthOrg,
        budgetAmount: '5800000.00',
        isNew: false,
        isMajor: false,
        isCapitalConstruction: false,
      },
    });
    const read = async () => (await t.request('GET', `/api/v1/projects/${created.body.id}`, { token: health })).body.keyBasis;
    expect(await read()).toBeNull();
    const [before] = await t.sql<{ version: number }>(`SELECT version FROM policy_profiles WHERE year = $1`, [YEAR]);
    await t.sql(
      `UPDATE policy_profiles SET "values" = jsonb_set("values", '{keyProjects,amountThreshold}', '"5800000.00"') WHERE year = $1`,
      [YEAR],
    );
    const [after] = await t.sql<{ version: number }>(`SELECT version FROM policy_profiles WHERE year = $1`, [YEAR]);
    expect(after.version).toBe(before.version + 1);
    expect(await read()).toBe('AMOUNT');
    await t.sql(
      `UPDATE policy_profiles SET "values" = jsonb_set("values", '{keyProjects,amountThreshold}', '"6000000.00"') WHERE year = $1`,
      [YEAR],
    );
    expect(await read()).toBeNull();
  });

  describe('two instances on one database', () => {
    let other: Instance;
    let otherHealth: string;
    const onPostgres = !!process.env.DATABASE_URL;

    beforeAll(async () => {
      if (!onPostgres) return;
      other = await startSecondInstance(t);
      otherHealth = await other.login('health');
    });
    afterAll(async () => other?.close());

    // An embedded PGlite lives inside one process: a second instance needs the PostgreSQL server.
    (onPostgres ? it : it.skip)('sees a profile changed on the other instance in its very next request', async () => {
      const healthOrg = await orgIdByName(t, '区卫生健康委员会');
      const created = await t.request('POST', '/api/v1/projects', {
        token: health,
        body: {
          year: YEAR,
          code: 'PC-2',
          name: '双实例',
          kind: 'project',
          organizationId: healthOrg,
          budgetAmount: '5500000.00',
          isNew: false,
          isMajor: false,
          isCapitalConstruction: false,
        },
      });
      const read = () => other.request('GET', `/api/v1/projects/${created.body.id}`, { token: otherHealth });
      expect((await read()).body.keyBasis).toBeNull(); // the other instance has the profile cached now

      const profile = await t.request('GET', `/api/v1/policy-profiles/${YEAR}`, { token: finance });
      const values = structuredClone(profile.body.values);
      values.keyProjects.amountThreshold = '5500000.00';
      const put = await t.request('PUT', `/api/v1/policy-profiles/${YEAR}`, {
        token: finance,
        body: { version: profile.body.version, values },
      });
      expect(put.status).toBe(200);
      expect((await read()).body.keyBasis).toBe('AMOUNT');

      values.keyProjects.amountThreshold = '6000000.00';
      const back = await t.request('PUT', `/api/v1/policy-profiles/${YEAR}`, {
        token: finance,
        body: { version: put.body.version, values },
      });
      expect(back.status).toBe(200);
      expect((await read()).body.keyBasis).toBeNull();
    });
  });
});
