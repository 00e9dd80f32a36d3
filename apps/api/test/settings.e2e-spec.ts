/**
 * The working year (issue 7, trap 5): forms default to it, not to the calendar year. Unset, it is
 * the latest year with a policy profile; the finance bureau sets it to a year with a profile; a
 * year without a profile is explained with who must create it.
 */
import { startTestApp, TestApp } from './support/test-app';
import { expectProblem } from './support/http';
import { orgIdByName } from './support/db-state';

const PATH = '/api/v1/settings/working-year';

describe('settings: working year', () => {
  let t: TestApp;
  let finance: string;
  let health: string;

  beforeAll(async () => {
    t = await startTestApp();
    [finance, health] = await Promise.all(['finance', 'health'].map((u) => t.login(u)));
  });

  afterAll(async () => t?.close());

  it('defaults to the latest year with a policy profile, for anyone signed in', async () => {
    const res = await t.request('GET', PATH, { token: health });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ year: 2022, source: 'latest_profile', hasProfile: true, updatedAt: null });
    expect((await t.request('GET', PATH)).status).toBe(401);

    expect((await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: 2024, copyFromYear: 2022 } })).status).toBe(
      201,
    );
    expect((await t.request('GET', PATH, { token: health })).body).toMatchObject({ year: 2024, source: 'latest_profile' });
  });

  it('is set by the finance bureau only, and only to a year with a profile', async () => {
    expectProblem(await t.request('PUT', PATH, { token: health, body: { year: 2022 } }), 403, 'FORBIDDEN');
    const missing = await t.request('PUT', PATH, { token: finance, body: { year: 2031 } });
    expectProblem(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.errors[0]).toMatchObject({ field: 'year', code: 'noPolicyProfile' });
    expect(missing.body.errors[0].message).toContain('财政局绩效科');
    expect(missing.body.errors[0].messageEn).toContain('finance bureau');
    expectProblem(await t.request('PUT', PATH, { token: finance, body: { year: '2022x' } }), 400, 'VALIDATION_FAILED');
    expect((await t.request('GET', PATH, { token: health })).body).toMatchObject({ year: 2024, source: 'latest_profile' });

    const set = await t.request('PUT', PATH, { token: finance, body: { year: 2022 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ year: 2022, source: 'setting', hasProfile: true });
    expect(set.body.updatedAt).not.toBeNull();
    expect((await t.request('GET', PATH, { token: health })).body).toMatchObject({ year: 2022, source: 'setting' });
    const again = await t.request('PUT', PATH, { token: finance, body: { year: 2024 } });
    expect(again.body).toMatchObject({ year: 2024, source: 'setting' });
    const audit = await t.sql<{ before: any; after: any }>(
      `SELECT before, after FROM audit_logs WHERE action = 'setting.working_year' AND result = 'success' ORDER BY occurred_at, id`,
    );
    expect(audit.map((a) => [a.before.year, a.after.year])).toEqual([
      [2024, 2022],
      [2022, 2024],
    ]);
  });

  it('is the default year of the key project planner', async () => {
    const plan = await t.request('GET', '/api/v1/key-project-lists/coverage-plan', { token: finance });
    expect(plan.status).toBe(200);
    expect(plan.body.year).toBe(2024);
  });

  it('explains a year without a profile with who must create it', async () => {
    const profile = await t.request('GET', '/api/v1/policy-profiles/2031', { token: health });
    expectProblem(profile, 404, 'POLICY_PROFILE_NOT_FOUND');
    expect(profile.body.message).toBe('2031 年度尚无政策参数：须由财政局绩效科在“政策参数”中复制已有年度创建该年度参数');
    expect(profile.body.messageEn).toContain('finance bureau');

    const created = await t.request('POST', '/api/v1/projects', {
      token: health,
      body: {
        year: 2031,
        code: 'WY-1',
        name: '工作年度测试项目',
        kind: 'project',
        organizationId: await orgIdByName(t, '区卫生健康委员会'),
        budgetAmount: '1000000.00',
        isNew: false,
        isMajor: false,
        isCapitalConstruction: false,
      },
    });
    expectProblem(created, 400, 'VALIDATION_FAILED');
    const yearError = created.body.errors.find((e: any) => e.field === 'year');
    expect(yearError.message).toContain('财政局绩效科');
    expect(yearError.messageEn).toContain('copying a year in Policy profiles');
  });
});
