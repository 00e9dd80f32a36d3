/**
 * The budget gate (R5, R7, N5, N6) and target coverage (R6): each reason from target and
 * pre-assessment rows (written directly, as their modules own them), the budget system's API-key
 * access with scope, and exact coverage numbers by department and town with the missing list.
 */
import { budgetGate, copyProfile, DEFAULT_POLICY_PROFILE, type PolicyProfileValues } from '@jixiao/domain';
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
  const preAssessment = (p: { id: string; organizationId: string }, status: string, conclusion: string | null, adjusted = false) =>
    t.sql(
      `INSERT INTO pre_assessments (project_id, organization_id, performed_by, status, conclusion, adjustment_completed_at)
       VALUES ($1, $2, 'department', $3, $4, $5)`,
      [p.id, p.organizationId, status, conclusion, adjusted ? new Date() : null],
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
      const continuingMajor = await project(healthOrg, { isNew: false, isMajor: true });
      await target(continuingMajor, 'approved');
      expect(await gateOf(continuingMajor.id)).toEqual({ status: 'ready', codes: [] });
    });

    it('R5 (seed 二.(二).1): every capital-construction project needs one, new or continuing; one finished for the same code in an earlier year counts', async () => {
      const continuing = await project(healthOrg, { isNew: false, isMajor: true, isCapitalConstruction: true });
      await target(continuing, 'approved');
      expect(await gateOf(continuing.id)).toEqual({ status: 'blocked', codes: ['PRE_ASSESSMENT_MISSING'] });
      // The same project in an earlier year, its pre-assessment accepted with 支持.
      const [earlier] = await t.sql<{ id: string; organizationId: string }>(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, is_new, is_capital_construction)
         VALUES ($1, $2, '往年立项的基建项目', 'project', $3, 1000000, true, true) RETURNING id, organization_id AS "organizationId"`,
        [YEAR - 1, continuing.code, healthOrg],
      );
      await preAssessment(earlier, 'submitted', 'support');
      expect((await gateOf(continuing.id)).codes).toEqual(['PRE_ASSESSMENT_MISSING']);
      await t.sql(`UPDATE pre_assessments SET status = 'accepted' WHERE project_id = $1`, [earlier.id]);
      expect(await gateOf(continuing.id)).toEqual({ status: 'ready', codes: [] });
      // A later year's project of the same code does not count for an earlier one.
      const [later] = await t.sql<{ id: string; organizationId: string }>(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, is_capital_construction)
         VALUES ($1, 'G-LATER', '后一年度项目', 'project', $2, 1000000, true) RETURNING id, organization_id AS "organizationId"`,
        [YEAR + 1, healthOrg],
      );
      await preAssessment(later, 'accepted', 'support');
      const mine = await project(healthOrg, { code: 'G-LATER', isCapitalConstruction: true });
      await target(mine, 'approved');
      expect(await gateOf(mine.id)).toEqual({ status: 'blocked', codes: ['PRE_ASSESSMENT_MISSING'] });
    });

    it('PRE_ASSESSMENT_ADJUSTMENT_PENDING while an accepted 调整后支持 has no recorded adjustment', async () => {
      const p = await project(healthOrg, { isNew: true, isMajor: true });
      await target(p, 'approved', 'good');
      await preAssessment(p, 'accepted', 'support_after_adjustment');
      expect(await gateOf(p.id)).toEqual({ status: 'blocked', codes: ['PRE_ASSESSMENT_ADJUSTMENT_PENDING'] });
      await t.sql(`UPDATE pre_assessments SET adjustment_completed_at = now() WHERE project_id = $1`, [p.id]);
      expect(await gateOf(p.id)).toEqual({ status: 'ready', codes: [] });
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

    it.each([
      ['new_major_or_any_capital', YEAR + 11],
      ['new_major_or_new_capital', YEAR + 13],
    ] as const)(
      'SQL filter, API gate and the pure rule agree over every flag combination and pre-assessment state (%s)',
      async (reading, year) => {
        // The year's profile with the reading, and the year before (for earlier pre-assessments of the same code).
        for (const y of [year - 1, year]) {
          const copy = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: y, copyFromYear: 2022 } });
          expect(copy.status).toBe(201);
        }
        const profile: PolicyProfileValues = copyProfile(DEFAULT_POLICY_PROFILE);
        profile.preAssessment.requirement = reading;
        const current = await t.request('GET', `/api/v1/policy-profiles/${year}`, { token: finance });
        const put = await t.request('PUT', `/api/v1/policy-profiles/${year}`, {
          token: finance,
          body: {
            version: current.body.version,
            values: { ...current.body.values, preAssessment: { ...current.body.values.preAssessment, requirement: reading } },
          },
        });
        expect(put.status).toBe(200);

        const own = [
          null,
          ['draft', 'support', false],
          ['accepted', 'support', false],
          ['accepted', 'support_after_adjustment', false],
          ['accepted', 'support_after_adjustment', true],
          ['accepted', 'reject', false],
        ] as const;
        const earlierStates = [null, ['accepted', 'support', false], ['accepted', 'support_after_adjustment', false]] as const;
        const expected = new Map<string, ReturnType<typeof budgetGate>>();
        let i = 0;
        for (let bits = 0; bits < 8; bits++) {
          const flags = { isNew: Boolean(bits & 1), isMajor: Boolean(bits & 2), isCapitalConstruction: Boolean(bits & 4) };
          for (const mine of own) {
            for (const before of earlierStates) {
              const code = `PROP-${reading}-${++i}`;
              const [p] = await t.sql<{ id: string; organizationId: string }>(
                `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, is_new, is_major, is_capital_construction)
                 VALUES ($1, $2, $2, 'project', $3, 1000000, $4, $5, $6) RETURNING id, organization_id AS "organizationId"`,
                [year, code, healthOrg, flags.isNew, flags.isMajor, flags.isCapitalConstruction],
              );
              await t.sql(
                `INSERT INTO targets (project_id, organization_id, year, status, review_grade) VALUES ($1, $2, $3, 'approved', 'good')`,
                [p.id, p.organizationId, year],
              );
              if (mine) await preAssessment(p, mine[0], mine[1], mine[2]);
              if (before) {
                const [e] = await t.sql<{ id: string; organizationId: string }>(
                  `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, is_capital_construction)
                   VALUES ($1, $2, $2, 'project', $3, 1000000, true) RETURNING id, organization_id AS "organizationId"`,
                  [year - 1, code, healthOrg],
                );
                await preAssessment(e, before[0], before[1], before[2]);
              }
              expected.set(
                p.id,
                budgetGate(
                  {
                    ...flags,
                    target: { status: 'approved', reviewGrade: 'good' },
                    preAssessment: mine ? { status: mine[0], conclusion: mine[1], adjustmentCompleted: mine[2] } : null,
                    earlierSupportingPreAssessment: before !== null && before[1] === 'support',
                  },
                  profile,
                ),
              );
            }
          }
        }
        const all = await t.request('GET', `/api/v1/projects?year=${year}&pageSize=200`, { token: finance });
        const ready = await t.request('GET', `/api/v1/projects?year=${year}&gateStatus=ready&pageSize=200`, { token: finance });
        expect(all.body.total).toBe(expected.size);
        const readyIds = new Set(ready.body.items.map((p: { id: string }) => p.id));
        for (const item of all.body.items as { id: string; gate: ReturnType<typeof budgetGate> }[]) {
          expect({ id: item.id, gate: item.gate, sqlReady: readyIds.has(item.id) }).toEqual({
            id: item.id,
            gate: expected.get(item.id),
            sqlReady: expected.get(item.id)!.status === 'ready',
          });
        }
        // Both readings differ on continuing capital-construction projects, so each gives some of each.
        expect(ready.body.total).toBeGreaterThan(0);
        expect(ready.body.total).toBeLessThan(expected.size);
      },
    );
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
    type Bucket = { total: number; approved: number; share: number | null };
    type Row = { organizationId: string; organizationCode: string; projects: Bucket; policies: Bucket; overall: Bucket };
    type Missing = { reason: string; projectId: string | null; organizationId: string; code: string | null };
    type Summary = {
      totals: Record<string, unknown>;
      departments: number;
      towns: number;
      missingTargets: number;
      missingOverall: number;
      missingTotal: number;
    };
    /** Every page of a list route, walked by its next cursor (pageSize 7: several pages), checking the list contract on the way. */
    const walk = async <T>(token: string, path: string): Promise<{ items: T[]; total: number; summary: Summary }> => {
      const items: T[] = [];
      let cursor: string | null = null;
      let total = -1;
      let summary: Summary | undefined;
      for (let pages = 0; pages < 500; pages++) {
        const query: string = `${path}&pageSize=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await t.request('GET', query, { token });
        expect(res.status).toBe(200);
        const body = res.body as { total: number; items: T[]; nextCursor: string | null; hasMore: boolean; summary: Summary };
        total = body.total;
        summary ??= body.summary;
        items.push(...body.items);
        cursor = body.nextCursor;
        if (!body.hasMore) break;
      }
      expect(items).toHaveLength(total);
      return { items, total, summary: summary! };
    };
    /** The summary with every department, town and missing entry read through the paged routes. */
    const coverageOf = async (token: string) => {
      const byDepartment = await walk<Row>(token, `/api/v1/budget-gate/coverage?year=${YEAR}&kind=department`);
      const byTown = await walk<Row>(token, `/api/v1/budget-gate/coverage?year=${YEAR}&kind=town`);
      const targets = await walk<Missing>(token, `/api/v1/budget-gate/coverage/missing?year=${YEAR}`);
      const overall = await walk<Missing>(token, `/api/v1/budget-gate/coverage/missing?year=${YEAR}&part=overall`);
      const summary = byDepartment.summary;
      expect(byTown.summary).toEqual(summary);
      expect(byDepartment.total).toBe(summary.departments);
      expect(byTown.total).toBe(summary.towns);
      expect(targets.total).toBe(summary.missingTargets);
      expect(overall.total).toBe(summary.missingOverall);
      expect(summary.missingTotal).toBe(summary.missingTargets + summary.missingOverall);
      return {
        body: { ...summary, byDepartment: byDepartment.items, byTown: byTown.items, missing: [...targets.items, ...overall.items] },
      };
    };

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

      const res = await coverageOf(finance);
      const healthRow = res.body.byDepartment.find((r: { organizationId: string }) => r.organizationId === healthOrg)!;
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
      const missing = res.body.missing;
      expect(missing).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ reason: 'NO_TARGET', projectId: townProject.id }),
          expect.objectContaining({ reason: 'TARGET_NOT_APPROVED', projectId: policy.id }),
          // R6: a town's administrative unit without an overall expenditure; 区教育局 has projects but no overall expenditure.
          expect.objectContaining({ reason: 'NO_OVERALL_EXPENDITURE', projectId: null, organizationId: townUnit }),
          expect.objectContaining({ reason: 'NO_OVERALL_EXPENDITURE', projectId: null, organizationId: eduOrg }),
        ]),
      );
      expect(missing.some((m: Missing) => m.projectId === overall.id || m.projectId === unitProject.id)).toBe(false);
      expect(missing.some((m: Missing) => m.reason === 'NO_OVERALL_EXPENDITURE' && m.organizationId === healthOrg)).toBe(false);
      expect(res.body.missingTotal).toBe(missing.length);
      expect(res.body.totals.overall).toEqual({ total: 2, approved: 2, share: 100 });
    });

    it('R6 全覆盖: lists every active department and town, with zero counts and a missing overall expenditure when it filed nothing', async () => {
      const idle = await t.sql<{ id: string; kind: string }>(
        `SELECT o.id, o.kind FROM organizations o
          WHERE o.active AND o.kind IN ('department', 'town')
            AND NOT EXISTS (SELECT 1 FROM projects p JOIN organizations po ON po.id = p.organization_id
                             WHERE p.year = $1 AND (po.id = o.id OR po.parent_id = o.id))`,
        [YEAR],
      );
      expect(idle.some((o) => o.kind === 'department')).toBe(true);
      expect(idle.some((o) => o.kind === 'town')).toBe(true);
      const [{ n: expectedDepartments }] = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM organizations WHERE active AND kind = 'department'`,
      );
      const res = await coverageOf(finance);
      expect(res.body.byDepartment).toHaveLength(expectedDepartments);
      const zero = { total: 0, approved: 0, share: null };
      for (const o of idle) {
        const row = (o.kind === 'department' ? res.body.byDepartment : res.body.byTown).find(
          (r: { organizationId: string }) => r.organizationId === o.id,
        );
        expect(row).toMatchObject({ projects: zero, policies: zero, overall: zero });
        expect(res.body.missing).toContainEqual(expect.objectContaining({ reason: 'NO_OVERALL_EXPENDITURE', organizationId: o.id }));
      }
    });

    it('shows a department only its own subtree', async () => {
      const res = await coverageOf(health);
      expect(res.body.byDepartment.map((r: { organizationId: string }) => r.organizationId)).toEqual([healthOrg]);
      expect(res.body.byTown).toEqual([]);
      expect(res.body.missing.length).toBeGreaterThan(0);
      expect(res.body.missing.every((m: { organizationId: string }) => [healthOrg, healthUnit].includes(m.organizationId))).toBe(true);
      const edu = await coverageOf(await t.login('edu'));
      expect(edu.body.byDepartment.map((r: { organizationId: string }) => r.organizationId)).toEqual([eduOrg]);
    });

    it('pages the departments and towns in a stable order (by code, or by share) and what is missing in one order', async () => {
      const { body } = await coverageOf(finance);
      const codes = (rows: Row[]) => rows.map((r) => r.organizationCode);
      expect(codes(body.byDepartment)).toEqual([...codes(body.byDepartment)].sort());
      // by share, lowest first, nothing due last; every department exactly once
      const byShare = await walk<Row>(finance, `/api/v1/budget-gate/coverage?year=${YEAR}&kind=department&sort=projectsShare`);
      expect(byShare.items.map((r) => r.organizationId).sort()).toEqual(body.byDepartment.map((r: Row) => r.organizationId).sort());
      const shares = byShare.items.map((r) => r.projects.share);
      const due = shares.filter((x): x is number => x !== null);
      expect(due).toEqual([...due].sort((a, b) => a - b));
      expect(shares.slice(due.length).every((x) => x === null)).toBe(true);
      // the projects without an approved target by code, and (a part of its own) the organizations without an overall expenditure by code
      const missing = body.missing as Missing[];
      const firstOrg = missing.findIndex((m) => m.reason === 'NO_OVERALL_EXPENDITURE');
      expect(firstOrg).toBeGreaterThan(0);
      expect(missing.slice(firstOrg).every((m) => m.reason === 'NO_OVERALL_EXPENDITURE' && m.code === null)).toBe(true);
      const projectCodes = missing.slice(0, firstOrg).map((m) => m.code);
      expect(projectCodes).toEqual([...projectCodes].sort());
      // a part must be one of the two, and a kind too
      expectProblem(await t.request('GET', `/api/v1/budget-gate/coverage/missing?year=${YEAR}&part=all`, { token: finance }), 400);
      expectProblem(await t.request('GET', `/api/v1/budget-gate/coverage?year=${YEAR}&kind=unit`, { token: finance }), 400);
    });
  });
});
