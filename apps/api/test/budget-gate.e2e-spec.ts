/**
 * The budget gate (R5, R7, N5, N6) and target coverage (R6): each reason from target and
 * pre-assessment rows (written directly, as their modules own them), the budget system's API-key
 * access with scope, and exact coverage numbers by department and town with the missing list.
 */
import { startTestApp, TestApp } from './support/test-app';
import { expectProblem } from './support/http';
import { orgIdByName } from './support/db-state';

const YEAR = 2031;

describe('budget gate and coverage', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  let healthOrg: string;
  let healthUnit: string;
  let eduOrg: string;
  let town: string;
  let townUnit: string;
  let n = 0;

  const project = async (organizationId: string, extra: Record<string, unknown> = {}) => {
    const res = await t.request('POST', '/api/v1/projects', {
      token: finance,
      body: {
        year: YEAR,
        code: `G-${++n}`,
        name: `预算闸门测试 ${n}`,
        kind: 'project',
        organizationId,
        budgetAmount: '2000000.00',
        isNew: false,
        isMajor: false,
        isCapitalConstruction: false,
        ...extra,
      },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; organizationId: string; code: string };
  };
  const target = (p: { id: string; organizationId: string }, status: string, grade: string | null = null) =>
    t.sql(`INSERT INTO targets (project_id, organization_id, year, status, review_grade) VALUES ($1, $2, $3, $4, $5)`, [
      p.id,
      p.organizationId,
      YEAR,
      status,
      grade,
    ]);
  const preAssessment = (p: { id: string; organizationId: string }, status: string, conclusion: string | null) =>
    t.sql(
      `INSERT INTO pre_assessments (project_id, organization_id, performed_by, status, conclusion) VALUES ($1, $2, 'department', $3, $4)`,
      [p.id, p.organizationId, status, conclusion],
    );
  const gateOf = async (id: string) => {
    const res = await t.request('GET', `/api/v1/projects/${id}`, { token: health });
    expect(res.status).toBe(200);
    return { status: res.body.gate.status, codes: res.body.gate.reasons.map((r: { code: string }) => r.code) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.login('finance');
    health = await t.login('health');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    healthUnit = await orgIdByName(t, '青浦区中心医院');
    eduOrg = await orgIdByName(t, '区教育局');
    town = await orgIdByName(t, '朱家角镇');
    townUnit = await orgIdByName(t, '朱家角镇社区事务受理服务中心');
    const copy = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: YEAR, copyFromYear: 2022 } });
    expect(copy.status).toBe(201);
  });
  afterAll(async () => t?.close());

  describe('reasons', () => {
    it('NO_TARGET without a target; ready with an approved one', async () => {
      const p = await project(healthOrg);
      expect(await gateOf(p.id)).toEqual({ status: 'blocked', codes: ['NO_TARGET'] });
      await target(p, 'approved', 'good');
      expect(await gateOf(p.id)).toEqual({ status: 'ready', codes: [] });
    });

    it.each(['draft', 'department_review', 'submitted', 'returned', 'expert_review'])(
      'TARGET_NOT_APPROVED for a %s target',
      async (status) => {
        const p = await project(healthOrg);
        await target(p, status);
        expect(await gateOf(p.id)).toEqual({ status: 'blocked', codes: ['TARGET_NOT_APPROVED'] });
      },
    );

    it.each(['in_consultation', 'consultation_submitted'])(
      'TARGET_IN_CONSULTATION for a 良 target in %s, ready once confirmed',
      async (status) => {
        const p = await project(healthOrg);
        await target(p, status, 'good');
        expect(await gateOf(p.id)).toEqual({ status: 'blocked', codes: ['TARGET_IN_CONSULTATION'] });
        const blocked = await t.request('GET', `/api/v1/projects?year=${YEAR}&gateStatus=blocked&pageSize=200`, { token: finance });
        expect(blocked.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
        const [reason] = (await t.request('GET', `/api/v1/projects/${p.id}`, { token: health })).body.gate.reasons;
        expect(reason).toEqual({
          code: 'TARGET_IN_CONSULTATION',
          message: expect.stringContaining('协商'),
          messageEn: expect.stringContaining('consultation'),
        });
        await t.sql(`UPDATE targets SET status = 'approved' WHERE project_id = $1`, [p.id]);
        expect(await gateOf(p.id)).toEqual({ status: 'ready', codes: [] });
      },
    );

    it('TARGET_REVIEW_POOR for a rejected target or a poor grade', async () => {
      const a = await project(healthOrg);
      await target(a, 'rejected', 'poor');
      expect(await gateOf(a.id)).toEqual({ status: 'blocked', codes: ['TARGET_REVIEW_POOR'] });
      const b = await project(healthOrg);
      await target(b, 'approved', 'poor');
      expect(await gateOf(b.id)).toEqual({ status: 'blocked', codes: ['TARGET_REVIEW_POOR'] });
    });

    it('PRE_ASSESSMENT_MISSING for a new major or capital project without an accepted pre-assessment', async () => {
      const major = await project(healthOrg, { isNew: true, isMajor: true });
      await target(major, 'approved', 'excellent');
      expect(await gateOf(major.id)).toEqual({ status: 'blocked', codes: ['PRE_ASSESSMENT_MISSING'] });
      await preAssessment(major, 'submitted', 'support');
      expect(await gateOf(major.id)).toEqual({ status: 'blocked', codes: ['PRE_ASSESSMENT_MISSING'] });
      await t.sql(`UPDATE pre_assessments SET status = 'accepted' WHERE project_id = $1`, [major.id]);
      expect(await gateOf(major.id)).toEqual({ status: 'ready', codes: [] });
      const capital = await project(healthOrg, { isNew: true, isCapitalConstruction: true });
      expect(await gateOf(capital.id)).toEqual({ status: 'blocked', codes: ['NO_TARGET', 'PRE_ASSESSMENT_MISSING'] });
      const continuing = await project(healthOrg, { isNew: false, isMajor: true, isCapitalConstruction: true });
      await target(continuing, 'approved');
      expect(await gateOf(continuing.id)).toEqual({ status: 'ready', codes: [] });
    });

    it('PRE_ASSESSMENT_REJECTED when the accepted pre-assessment says 不予支持', async () => {
      const p = await project(healthOrg, { isNew: true, isCapitalConstruction: true });
      await target(p, 'approved', 'good');
      await preAssessment(p, 'accepted', 'reject');
      expect(await gateOf(p.id)).toEqual({ status: 'blocked', codes: ['PRE_ASSESSMENT_REJECTED'] });
    });

    it('filters the project list by gate status with the same rule', async () => {
      const all = await t.request('GET', `/api/v1/projects?year=${YEAR}&pageSize=200`, { token: finance });
      const ready = await t.request('GET', `/api/v1/projects?year=${YEAR}&gateStatus=ready&pageSize=200`, { token: finance });
      const blocked = await t.request('GET', `/api/v1/projects?year=${YEAR}&gateStatus=blocked&pageSize=200`, { token: finance });
      expect(ready.body.total + blocked.body.total).toBe(all.body.total);
      expect(ready.body.total).toBeGreaterThan(0);
      expect(ready.body.items.every((p: { gate: { status: string } }) => p.gate.status === 'ready')).toBe(true);
      expect(blocked.body.items.every((p: { gate: { status: string } }) => p.gate.status === 'blocked')).toBe(true);
    });
  });

  describe('GET /budget-gate for the budget system', () => {
    it('answers an API key holding project:read, paged, with status and reasons', async () => {
      const key = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '预算管理一体化系统', permissions: ['project:read'] },
      });
      expect(key.status).toBe(201);
      const res = await t.request('GET', `/api/v1/budget-gate?year=${YEAR}&pageSize=3`, { apiKey: key.body.key });
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(3);
      expect(res.body.total).toBeGreaterThan(3);
      for (const item of res.body.items) {
        expect(item).toEqual(
          expect.objectContaining({
            projectId: expect.any(String),
            code: expect.any(String),
            organizationId: expect.any(String),
            status: expect.stringMatching(/^(ready|blocked)$/),
          }),
        );
        expect(Array.isArray(item.reasons)).toBe(true);
      }
      const blocked = await t.request('GET', `/api/v1/budget-gate?year=${YEAR}&status=blocked&pageSize=200`, { apiKey: key.body.key });
      const codes = new Set(blocked.body.items.flatMap((i: { reasons: { code: string }[] }) => i.reasons.map((r) => r.code)));
      expect([...codes].sort()).toEqual([
        'NO_TARGET',
        'PRE_ASSESSMENT_MISSING',
        'PRE_ASSESSMENT_REJECTED',
        'TARGET_NOT_APPROVED',
        'TARGET_REVIEW_POOR',
      ]);
      expect(blocked.body.items.every((i: { status: string }) => i.status === 'blocked')).toBe(true);
      const byDept = await t.request('GET', `/api/v1/budget-gate?year=${YEAR}&organizationId=${healthOrg}&pageSize=200`, {
        apiKey: key.body.key,
      });
      expect(byDept.body.total).toBe(res.body.total);
      const noKey = await t.request('GET', `/api/v1/budget-gate?year=${YEAR}`, { apiKey: 'jx_not_a_key' });
      expectProblem(noKey, 401);
    });

    it("limits an organization's key to its subtree and refuses a key without project:read", async () => {
      await project(eduOrg);
      const eduKey = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '教育局接口', permissions: ['project:read'], organizationId: eduOrg },
      });
      const res = await t.request('GET', `/api/v1/budget-gate?year=${YEAR}&pageSize=200`, { apiKey: eduKey.body.key });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items[0].organizationId).toBe(eduOrg);
      const other = await t.request('POST', '/api/v1/api-keys', {
        token: finance,
        body: { name: '只读机构', permissions: ['organization:read'] },
      });
      expectProblem(await t.request('GET', `/api/v1/budget-gate?year=${YEAR}`, { apiKey: other.body.key }), 403);
    });
  });

  describe('coverage', () => {
    it('counts approved targets by kind, rolls units up to their department or town, and lists what is missing', async () => {
      // What the reason tests above left for the department itself (all of kind project).
      const hp = await t.sql<{ n: string; approved: string }>(
        `SELECT count(*) AS n, count(t.id) FILTER (WHERE t.status = 'approved') AS approved
           FROM projects p LEFT JOIN targets t ON t.project_id = p.id WHERE p.year = $1 AND p.organization_id = $2`,
        [YEAR, healthOrg],
      );
      const unitProject = await project(healthUnit);
      await target(unitProject, 'approved');
      const policy = await project(healthOrg, { kind: 'policy' });
      await target(policy, 'submitted');
      const overall = await project(healthOrg, { kind: 'department_overall' });
      await target(overall, 'approved');
      const townOverall = await project(town, { kind: 'department_overall' });
      await target(townOverall, 'approved');
      const townProject = await project(townUnit);

      const res = await t.request('GET', `/api/v1/budget-gate/coverage?year=${YEAR}`, { token: finance });
      expect(res.status).toBe(200);
      const healthRow = res.body.byDepartment.find((r: { organizationId: string }) => r.organizationId === healthOrg);
      const projects = Number(hp[0].n) + 1;
      const approved = Number(hp[0].approved) + 1;
      expect(healthRow.projects).toEqual({ total: projects, approved, share: Math.round((approved / projects) * 10000) / 100 });
      expect(healthRow.policies).toEqual({ total: 1, approved: 0, share: 0 });
      expect(healthRow.overall).toEqual({ total: 1, approved: 1, share: 100 });
      const townRow = res.body.byTown.find((r: { organizationId: string }) => r.organizationId === town);
      expect(townRow).toMatchObject({
        projects: { total: 1, approved: 0, share: 0 },
        overall: { total: 1, approved: 1, share: 100 },
        policies: { total: 0, approved: 0, share: null },
      });
      expect(res.body.byDepartment.some((r: { organizationId: string }) => r.organizationId === healthUnit)).toBe(false);
      const missing = res.body.missing as { reason: string; projectId: string | null; organizationId: string }[];
      expect(missing).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ reason: 'NO_TARGET', projectId: townProject.id }),
          expect.objectContaining({ reason: 'TARGET_NOT_APPROVED', projectId: policy.id }),
          // R6: a town's administrative unit without an overall expenditure; 区教育局 has projects but no overall expenditure.
          expect.objectContaining({ reason: 'NO_OVERALL_EXPENDITURE', projectId: null, organizationId: townUnit }),
          expect.objectContaining({ reason: 'NO_OVERALL_EXPENDITURE', projectId: null, organizationId: eduOrg }),
        ]),
      );
      expect(missing.some((m) => m.projectId === overall.id || m.projectId === unitProject.id)).toBe(false);
      expect(missing.some((m) => m.reason === 'NO_OVERALL_EXPENDITURE' && m.organizationId === healthOrg)).toBe(false);
      expect(res.body.missingTotal).toBe(missing.length);
      expect(res.body.totals.overall).toEqual({ total: 2, approved: 2, share: 100 });
    });

    it('shows a department only its own subtree', async () => {
      const res = await t.request('GET', `/api/v1/budget-gate/coverage?year=${YEAR}`, { token: health });
      expect(res.status).toBe(200);
      expect(res.body.byDepartment.map((r: { organizationId: string }) => r.organizationId)).toEqual([healthOrg]);
      expect(res.body.byTown).toEqual([]);
      expect(res.body.missing.length).toBeGreaterThan(0);
      expect(res.body.missing.every((m: { organizationId: string }) => [healthOrg, healthUnit].includes(m.organizationId))).toBe(true);
      const edu = await t.request('GET', `/api/v1/budget-gate/coverage?year=${YEAR}`, { token: await t.login('edu') });
      expect(edu.body.byDepartment.map((r: { organizationId: string }) => r.organizationId)).toEqual([eduOrg]);
    });
  });
});
