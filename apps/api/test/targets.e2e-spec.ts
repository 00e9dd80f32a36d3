/**
 * Performance targets (R6–R8, N4): one per project, the quality check before submission, the
 * review workflow's illegal transitions, return with comments per indicator, change requests
 * after approval, the department's pre-review of its units' targets (谁批预算谁批目标), indicator
 * weights capped by the year's total score, and scope.
 */
import { startTestApp, TestApp } from './support/test-app';
import { orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';

const HEALTH = '区卫生健康委员会';

let seq = 0;
async function insertProject(
  t: TestApp,
  orgId: string,
  budget = '800000.00',
  extra: { manualKeyBasis?: string; year?: number } = {},
): Promise<string> {
  const code = `TGT-T-${process.pid}-${++seq}`;
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, manual_key_basis, manual_key_reason)
     VALUES ($7, $1, $2, 'project', $3, $4, $5, $6) RETURNING id`,
    [
      code,
      `测试项目 ${seq} 社区健康讲座`,
      orgId,
      budget,
      extra.manualKeyBasis ?? null,
      extra.manualKeyBasis ? '区重点任务' : null,
      extra.year ?? 2022,
    ],
  );
  return row.id;
}

export const goodContent = () => ({
  overallGoal: '开展社区健康讲座 120 场，覆盖居民 6000 人次',
  annualGoals: ['2022 年完成 120 场讲座'],
  indicators: [
    { level1: 'output', level2: 'quantity', name: '健康讲座场次', comparison: '>=', value: '120', unit: '场', weight: 30 },
    { level1: 'effect', level2: 'social', name: '居民健康知识知晓率', comparison: '>=', value: '85', unit: '%', weight: 30 },
    {
      level1: 'satisfaction',
      level2: 'recipient_satisfaction',
      name: '参加居民满意度',
      comparison: '>=',
      value: '90',
      unit: '%',
      weight: 20,
    },
    { level1: 'cost', level2: 'economic_cost', name: '讲座总成本', comparison: '<=', value: '80', unit: '万元', weight: 20 },
  ],
});

describe('performance targets', () => {
  let t: TestApp;
  let health: string;
  let edu: string;
  let finance: string;
  let healthOrg: string;
  let financeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    health = await t.login('health');
    edu = await t.login('edu');
    finance = await t.login('finance');
    healthOrg = await orgIdByName(t, HEALTH);
    financeId = (await t.request('GET', '/api/v1/auth/me', { token: finance })).body.id;
  });
  afterAll(async () => t?.close());

  const create = async (content: object = goodContent(), budget?: string) => {
    const projectId = await insertProject(t, healthOrg, budget);
    const res = await t.request('POST', `/api/v1/targets/projects/${projectId}`, { token: health, body: content });
    expect(res.status).toBe(201);
    return res.body;
  };
  const act = (token: string, id: string, action: string, body: object) =>
    t.request('POST', `/api/v1/targets/${id}/${action}`, { token, body });
  const get = async (id: string, token = health) => (await t.request('GET', `/api/v1/targets/${id}`, { token })).body;

  it('creates one target per project, for the project’s organization and year', async () => {
    const projectId = await insertProject(t, healthOrg);
    const res = await t.request('POST', `/api/v1/targets/projects/${projectId}`, { token: health, body: goodContent() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ projectId, organizationId: healthOrg, year: 2022, status: 'draft', budgetAmount: '800000.00' });
    expect(res.body.indicators).toHaveLength(4);
    expect(res.body.actions).toEqual(expect.arrayContaining(['edit', 'submit']));
    expect(res.body.events.map((e: any) => e.action)).toEqual(['create']);
    const again = await t.request('POST', `/api/v1/targets/projects/${projectId}`, { token: health, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TARGET_EXISTS');
    const audit = await t.sql(`SELECT 1 FROM audit_logs WHERE action = 'target.create' AND entity_id = $1`, [res.body.id]);
    expect(audit).toHaveLength(1);
  });

  it('refuses a target for another department’s project, an unknown project and a level 2 outside its level 1', async () => {
    const projectId = await insertProject(t, healthOrg);
    const byEdu = await t.request('POST', `/api/v1/targets/projects/${projectId}`, { token: edu, body: {} });
    expect([403, 404]).toContain(byEdu.status);
    const unknown = await t.request('POST', '/api/v1/targets/projects/00000000-0000-4000-8000-000000000000', { token: health, body: {} });
    expect(unknown.status).toBe(404);
    const content = goodContent();
    content.indicators[0].level2 = 'social';
    const bad = await t.request('POST', `/api/v1/targets/projects/${projectId}`, { token: health, body: content });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('indicators.0.level2');
    expect(await t.sql(`SELECT 1 FROM targets WHERE project_id = $1`, [projectId])).toHaveLength(0);
  });

  describe('quality check', () => {
    it('shows the checks item by item', async () => {
      const target = await create();
      const res = await t.request('GET', `/api/v1/targets/${target.id}/quality-check`, { token: health });
      expect(res.status).toBe(200);
      expect(res.body.submittable).toBe(true);
      expect(res.body.items.map((i: any) => i.code)).toEqual([
        'OVERALL_GOAL_REQUIRED',
        'OUTPUT_INDICATOR_REQUIRED',
        'EFFECT_INDICATOR_REQUIRED',
        'INDICATOR_MEASURABLE',
        'QUALITATIVE_ONLY_WHEN_QUALITATIVE',
        'COST_WITHIN_BUDGET',
        'NO_DUPLICATE_INDICATORS',
        'VAGUE_WORDING',
      ]);
      expect(res.body.items.every((i: any) => i.passed && i.message && i.messageEn)).toBe(true);
    });

    const breakers: [string, (c: ReturnType<typeof goodContent>) => void][] = [
      ['OVERALL_GOAL_REQUIRED', (c) => (c.overallGoal = '')],
      ['OUTPUT_INDICATOR_REQUIRED', (c) => (c.indicators = c.indicators.filter((i) => i.level1 !== 'output'))],
      ['EFFECT_INDICATOR_REQUIRED', (c) => (c.indicators = c.indicators.filter((i) => i.level1 !== 'effect'))],
      ['INDICATOR_MEASURABLE', (c) => (c.indicators[0] = { ...c.indicators[0], value: '' })],
      ['QUALITATIVE_ONLY_WHEN_QUALITATIVE', (c) => (c.indicators[1] = { ...c.indicators[1], value: '较高水平' })],
      ['COST_WITHIN_BUDGET', (c) => (c.indicators[3] = { ...c.indicators[3], value: '80.000001' })],
      ['NO_DUPLICATE_INDICATORS', (c) => c.indicators.push({ ...c.indicators[0], value: '130' })],
    ];

    it.each(breakers)('%s alone blocks submission', async (code, breakIt) => {
      const content = goodContent();
      breakIt(content);
      const target = await create(content);
      const check = await t.request('GET', `/api/v1/targets/${target.id}/quality-check`, { token: health });
      expect(check.body.submittable).toBe(false);
      expect(check.body.items.filter((i: any) => !i.passed && i.severity === 'blocking').map((i: any) => i.code)).toEqual([code]);
      const res = await act(health, target.id, 'submit', { version: target.version });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('TARGET_QUALITY_FAILED');
      expect(res.body.items.map((i: any) => i.code)).toEqual([code]);
      expect((await get(target.id)).status).toBe('draft');
    });

    it('lets warnings through: vague wording is listed, submission works', async () => {
      const content = goodContent();
      content.overallGoal = '进一步提升居民健康素养，知晓率显著提高';
      const target = await create(content);
      const check = await t.request('GET', `/api/v1/targets/${target.id}/quality-check`, { token: health });
      const vague = check.body.items.find((i: any) => i.code === 'VAGUE_WORDING');
      expect(vague).toMatchObject({ severity: 'warning', passed: false, words: ['进一步', '显著'] });
      expect(check.body.submittable).toBe(true);
      const res = await act(health, target.id, 'submit', { version: target.version });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('submitted');
    });
  });

  describe('workflow', () => {
    const illegal = async (token: string, id: string, action: string, body: object = {}) => {
      const current = await get(id, finance);
      const res = await act(token, id, action, action === 'change-requests' ? body : { version: current.version, ...body });
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 409, code: 'ILLEGAL_TRANSITION' });
      expect((await get(id, finance)).version).toBe(current.version);
    };
    const returnBody = { comment: '请补充' };

    it('refuses every illegal transition from each state with 409 ILLEGAL_TRANSITION', async () => {
      const target = await create();
      // draft
      await illegal(finance, target.id, 'pass');
      await illegal(finance, target.id, 'return', returnBody);
      await illegal(finance, target.id, 'conclude-review');
      const pickDraft = await t.request('PUT', `/api/v1/targets/${target.id}/expert-review-pick`, {
        token: finance,
        body: { version: target.version, picked: true },
      });
      expect(pickDraft.body.code).toBe('ILLEGAL_TRANSITION');
      await illegal(health, target.id, 'change-requests', { reason: '调整', ...goodContent() });
      // submitted
      const submitted = await act(health, target.id, 'submit', { version: target.version });
      expect(submitted.body.status).toBe('submitted');
      await illegal(health, target.id, 'submit');
      await illegal(finance, target.id, 'conclude-review');
      await illegal(health, target.id, 'change-requests', { reason: '调整', ...goodContent() });
      const editSubmitted = await t.request('PUT', `/api/v1/targets/${target.id}`, {
        token: health,
        body: { version: submitted.body.version, ...goodContent() },
      });
      expect(editSubmitted.status).toBe(409);
      expect(editSubmitted.body.code).toBe('TARGET_NOT_EDITABLE');
      const assign = await t.request('POST', `/api/v1/target-reviews/${target.id}/assignments`, {
        token: finance,
        body: { expertUserIds: [(await t.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'expert'`))[0].id] },
      });
      expect(assign.body.code).toBe('ILLEGAL_TRANSITION');
      // returned
      const returned = await act(finance, target.id, 'return', { version: submitted.body.version, ...returnBody });
      expect(returned.body.status).toBe('returned');
      await illegal(finance, target.id, 'pass');
      await illegal(finance, target.id, 'return', returnBody);
      await illegal(finance, target.id, 'conclude-review');
      // approved
      const resubmitted = await act(health, target.id, 'submit', { version: returned.body.version });
      const approved = await act(finance, target.id, 'pass', { version: resubmitted.body.version });
      expect(approved.body.status).toBe('approved');
      await illegal(health, target.id, 'submit');
      await illegal(finance, target.id, 'pass');
      await illegal(finance, target.id, 'return', returnBody);
      await illegal(finance, target.id, 'conclude-review');
      const pickApproved = await t.request('PUT', `/api/v1/targets/${target.id}/expert-review-pick`, {
        token: finance,
        body: { version: approved.body.version, picked: true },
      });
      expect(pickApproved.body.code).toBe('ILLEGAL_TRANSITION');
      const edit = await t.request('PUT', `/api/v1/targets/${target.id}`, {
        token: health,
        body: { version: approved.body.version, ...goodContent() },
      });
      expect(edit.status).toBe(409);
      expect(edit.body.code).toBe('TARGET_NOT_EDITABLE');
      const steps = await t.sql<{ action: string }>(`SELECT action FROM target_events WHERE target_id = $1 ORDER BY created_at, action`, [
        target.id,
      ]);
      expect(steps.map((s) => s.action)).toEqual(['create', 'submit', 'return', 'submit', 'pass']);
      const audits = await t.sql<{ action: string }>(
        `SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success' ORDER BY id`,
        [target.id],
      );
      expect(audits.map((a) => a.action)).toEqual(['target.create', 'target.submit', 'target.return', 'target.submit', 'target.pass']);
    });

    it('refuses a department passing its own target, and a stale version', async () => {
      const target = await create();
      const submitted = await act(health, target.id, 'submit', { version: target.version });
      const byDept = await act(health, target.id, 'pass', { version: submitted.body.version });
      expect(byDept.status).toBe(403);
      const stale = await act(finance, target.id, 'pass', { version: target.version });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
    });

    it('returns with comments per indicator that the department sees, keeps them while revising, and resubmits', async () => {
      const target = await create();
      const submitted = await act(health, target.id, 'submit', { version: target.version });
      const [first, second] = submitted.body.indicators;
      const unknown = await act(finance, target.id, 'return', {
        version: submitted.body.version,
        comment: '请完善',
        indicatorComments: [{ indicatorId: '00000000-0000-4000-8000-000000000000', comment: 'x' }],
      });
      expect(unknown.body.code).toBe('TARGET_INDICATOR_UNKNOWN');
      const returned = await act(finance, target.id, 'return', {
        version: submitted.body.version,
        comment: '产出指标需细化',
        indicatorComments: [{ indicatorId: first.id, comment: '场次应与预算匹配' }],
      });
      expect(returned.status).toBe(200);
      const seen = await get(target.id, health);
      expect(seen.status).toBe('returned');
      expect(seen.returnComment).toBe('产出指标需细化');
      expect(seen.indicators.find((i: any) => i.id === first.id).reviewComment).toBe('场次应与预算匹配');
      expect(seen.indicators.find((i: any) => i.id === second.id).reviewComment).toBeNull();
      expect(seen.events.at(-1)).toMatchObject({ action: 'return', comment: '产出指标需细化', actorName: expect.any(String) });
      const content = goodContent();
      const revised = await t.request('PUT', `/api/v1/targets/${target.id}`, {
        token: health,
        body: {
          version: seen.version,
          ...content,
          indicators: content.indicators.map((i, n) => ({ ...i, id: seen.indicators[n].id, ...(n === 0 ? { value: '100' } : {}) })),
        },
      });
      expect(revised.status).toBe(200);
      expect(revised.body.status).toBe('returned');
      expect(revised.body.indicators[0]).toMatchObject({ value: '100', reviewComment: '场次应与预算匹配' });
      const again = await act(health, target.id, 'submit', { version: revised.body.version });
      expect(again.body.status).toBe('submitted');
      const passed = await act(finance, target.id, 'pass', { version: again.body.version });
      expect(passed.body).toMatchObject({ status: 'approved', approvedAt: expect.any(String) });
    });

    it('replaces the indicators as a whole set', async () => {
      const target = await create();
      const content = goodContent();
      content.indicators = content.indicators.slice(0, 2);
      const res = await t.request('PUT', `/api/v1/targets/${target.id}`, { token: health, body: { version: target.version, ...content } });
      expect(res.body.indicators).toHaveLength(2);
      expect(await t.sql(`SELECT 1 FROM target_indicators WHERE target_id = $1`, [target.id])).toHaveLength(2);
    });
  });

  describe('change requests after approval', () => {
    it('changes an approved target only through a reviewed change request', async () => {
      const target = await create();
      const s = await act(health, target.id, 'submit', { version: target.version });
      const approved = (await act(finance, target.id, 'pass', { version: s.body.version })).body;
      const bad = goodContent();
      bad.indicators = bad.indicators.filter((i) => i.level1 !== 'effect');
      const refused = await t.request('POST', `/api/v1/targets/${target.id}/change-requests`, {
        token: health,
        body: { reason: '调整', ...bad },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('TARGET_QUALITY_FAILED');

      const proposal = goodContent();
      proposal.indicators[0].value = '150';
      const cr = await t.request('POST', `/api/v1/targets/${target.id}/change-requests`, {
        token: health,
        body: { reason: '增加讲座场次', ...proposal },
      });
      expect(cr.status).toBe(201);
      expect(cr.body).toMatchObject({ status: 'pending', reason: '增加讲座场次', targetId: target.id });
      const second = await t.request('POST', `/api/v1/targets/${target.id}/change-requests`, {
        token: health,
        body: { reason: '再调整', ...proposal },
      });
      expect(second.body.code).toBe('TARGET_CHANGE_REQUEST_PENDING');
      const byDept = await t.request('POST', `/api/v1/targets/change-requests/${cr.body.id}/approve`, {
        token: health,
        body: { version: cr.body.version },
      });
      expect(byDept.status).toBe(403);
      const ok = await t.request('POST', `/api/v1/targets/change-requests/${cr.body.id}/approve`, {
        token: finance,
        body: { version: cr.body.version, comment: '同意' },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('approved');
      const after = await get(target.id);
      expect(after).toMatchObject({ status: 'approved', revision: approved.revision + 1 });
      expect(after.indicators[0].value).toBe('150');
      const [audit] = await t.sql<{ before: any; after: any }>(
        `SELECT before, after FROM audit_logs WHERE action = 'target.change_request.approve' AND entity_id = $1`,
        [target.id],
      );
      expect(audit.before.indicators[0].value).toBe('120');
      expect(audit.after.indicators[0].value).toBe('150');
      const twice = await t.request('POST', `/api/v1/targets/change-requests/${cr.body.id}/reject`, {
        token: finance,
        body: { version: ok.body.version, comment: '否' },
      });
      expect(twice.body.code).toBe('ILLEGAL_TRANSITION');

      const cr2 = await t.request('POST', `/api/v1/targets/${target.id}/change-requests`, {
        token: health,
        body: { reason: '减少场次', ...goodContent() },
      });
      const rejected = await t.request('POST', `/api/v1/targets/change-requests/${cr2.body.id}/reject`, {
        token: finance,
        body: { version: cr2.body.version, comment: '理由不充分' },
      });
      expect(rejected.body).toMatchObject({ status: 'rejected', reviewComment: '理由不充分' });
      expect((await get(target.id)).revision).toBe(approved.revision + 1);
      const list = await t.request('GET', `/api/v1/targets/change-requests?targetId=${target.id}`, { token: health });
      expect(list.body.total).toBe(2);
    });

    it('never lets whoever asked for a change approve it (segregation of duties)', async () => {
      const target = await create();
      const s = await act(health, target.id, 'submit', { version: target.version });
      await act(finance, target.id, 'pass', { version: s.body.version });
      const proposal = goodContent();
      proposal.indicators[0].value = '130';
      // The bureau's own staff ask for the change here, and so cannot approve it themselves.
      const cr = await t.request('POST', `/api/v1/targets/${target.id}/change-requests`, {
        token: finance,
        body: { reason: '财政局提出调整', ...proposal },
      });
      expect(cr.status).toBe(201);
      expect(cr.body.requestedById).toBe(financeId);
      const self = await t.request('POST', `/api/v1/targets/change-requests/${cr.body.id}/approve`, {
        token: finance,
        body: { version: cr.body.version },
      });
      expectProblem(self, 403, 'SEGREGATION_OF_DUTIES');
      expect(await t.sql(`SELECT status FROM target_change_requests WHERE id = $1`, [cr.body.id])).toEqual([{ status: 'pending' }]);
      expect((await get(target.id)).indicators[0].value).toBe('120');
    });
  });

  it('has demo targets in consultation and waiting for a department’s pre-review', async () => {
    const rows = await t.sql<{ status: string; kind: string; org: string; grade: string | null; comment: string | null }>(
      `SELECT t.status, o.kind, o.name AS org, t.review_grade AS grade, t.consultation_comment AS comment
         FROM targets t JOIN organizations o ON o.id = t.organization_id
        WHERE t.status IN ('in_consultation', 'department_review') AND t.project_id IN (SELECT id FROM projects WHERE code NOT LIKE 'TGT-T-%')`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 'in_consultation', grade: 'good', comment: expect.stringContaining('良') }),
        expect.objectContaining({ status: 'department_review', kind: 'unit', org: '青浦区实验中学' }),
      ]),
    );
    const eduToken = await t.login('edu');
    const waiting = await t.request('GET', '/api/v1/targets?status=department_review&pageSize=100', { token: eduToken });
    const demo = waiting.body.items.find((i: any) => i.organizationName === '青浦区实验中学');
    expect((await get(demo.id, eduToken)).actions).toEqual(expect.arrayContaining(['department_pass', 'department_return']));
  });

  describe('department pre-review (谁批预算谁批目标)', () => {
    let eduUnit: string;
    let zhujiajiao: string;
    let unitOrg: string;

    beforeAll(async () => {
      eduUnit = await t.login('edu-unit');
      zhujiajiao = await t.login('zhujiajiao');
      unitOrg = await orgIdByName(t, '青浦区实验中学');
    });

    const unitTarget = async () => {
      const projectId = await insertProject(t, unitOrg);
      const res = await t.request('POST', `/api/v1/targets/projects/${projectId}`, { token: eduUnit, body: goodContent() });
      expect(res.status).toBe(201);
      expect(res.body.needsDepartmentReview).toBe(true);
      const submitted = await act(eduUnit, res.body.id, 'submit', { version: res.body.version });
      expect(submitted.status).toBe(200);
      return submitted.body;
    };

    it('sends a unit’s target to its department first, which passes it on to the bureau', async () => {
      const target = await unitTarget();
      expect(target.status).toBe('department_review');
      expect(target.actions).not.toContain('department_pass');
      const early = await act(finance, target.id, 'pass', { version: target.version });
      expect(early.body.code).toBe('ILLEGAL_TRANSITION');

      const waiting = await t.request('GET', '/api/v1/targets?status=department_review&pageSize=100', { token: edu });
      expect(waiting.body.items.map((i: any) => i.id)).toContain(target.id);
      const notHealths = await t.request('GET', '/api/v1/targets?status=department_review&pageSize=100', { token: health });
      expect(notHealths.body.items.map((i: any) => i.id)).not.toContain(target.id);

      const asEdu = await get(target.id, edu);
      expect(asEdu.actions).toEqual(expect.arrayContaining(['department_pass', 'department_return']));
      const passed = await act(edu, target.id, 'department-review/pass', { version: target.version, comment: '部门预审通过' });
      expect(passed.status).toBe(200);
      expect(passed.body.status).toBe('submitted');
      const approved = await act(finance, target.id, 'pass', { version: passed.body.version });
      expect(approved.body.status).toBe('approved');
      const steps = await t.sql<{ action: string }>(
        `SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success' ORDER BY id`,
        [target.id],
      );
      expect(steps.map((x) => x.action)).toEqual(['target.create', 'target.submit_to_department', 'target.department_pass', 'target.pass']);
    });

    it('lets the department return it with comments; the unit revises and resubmits to the department', async () => {
      const target = await unitTarget();
      const returned = await act(edu, target.id, 'department-review/return', {
        version: target.version,
        comment: '效益指标需与部门绩效目标衔接',
        indicatorComments: [{ indicatorId: target.indicators[1].id, comment: '请给出测算口径' }],
      });
      expect(returned.status).toBe(200);
      const seen = await get(target.id, eduUnit);
      expect(seen).toMatchObject({ status: 'returned', returnComment: '效益指标需与部门绩效目标衔接' });
      expect(seen.indicators[1].reviewComment).toBe('请给出测算口径');
      const again = await act(eduUnit, target.id, 'submit', { version: seen.version });
      expect(again.body.status).toBe('department_review');
    });

    it('is refused to the unit itself, another subtree, a town and the bureau', async () => {
      const target = await unitTarget();
      const body = { version: target.version };
      const byUnit = await act(eduUnit, target.id, 'department-review/pass', body);
      expect(byUnit.status).toBe(403);
      expect(await act(health, target.id, 'department-review/pass', body)).toMatchObject({ status: 404 });
      expect(await act(zhujiajiao, target.id, 'department-review/return', { ...body, comment: '退回' })).toMatchObject({ status: 404 });
      const byBureau = await act(finance, target.id, 'department-review/pass', body);
      expect(byBureau.status).toBe(403);
      expect(byBureau.body.code).toBe('TARGET_NOT_PRE_REVIEWER');
      expect((await get(target.id, finance)).actions).not.toContain('department_pass');
      expect((await get(target.id, edu)).status).toBe('department_review');
    });

    it('sends a department’s own target straight to the bureau', async () => {
      const target = await create();
      expect(target.needsDepartmentReview).toBe(false);
      const submitted = await act(health, target.id, 'submit', { version: target.version });
      expect(submitted.body.status).toBe('submitted');
      const pre = await act(health, target.id, 'department-review/pass', { version: submitted.body.version });
      expect(pre.body.code).toBe('ILLEGAL_TRANSITION');
    });
  });

  describe('indicator weights', () => {
    const weighted = (weight: number) => {
      const content = goodContent();
      content.indicators[0].weight = weight;
      return content;
    };

    it('caps a weight at the year’s total score, with a field error, when creating and editing', async () => {
      const projectId = await insertProject(t, healthOrg);
      const tooMuch = await t.request('POST', `/api/v1/targets/projects/${projectId}`, { token: health, body: weighted(100.5) });
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.code).toBe('VALIDATION_FAILED');
      expect(tooMuch.body.errors).toEqual([
        expect.objectContaining({ field: 'indicators.0.weight', code: 'weightAboveTotalScore', message: expect.stringContaining('100') }),
      ]);
      expect(await t.sql(`SELECT 1 FROM targets WHERE project_id = $1`, [projectId])).toHaveLength(0);
      const target = await create(weighted(100));
      expect(target.weightCap).toBe(100);
      const edit = await t.request('PUT', `/api/v1/targets/${target.id}`, {
        token: health,
        body: { version: target.version, ...weighted(101) },
      });
      expect(edit.status).toBe(400);
      expect(edit.body.errors[0].field).toBe('indicators.0.weight');
    });

    it('follows the profile: a year whose total score is 150 takes a weight of 120', async () => {
      const copied = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: 2026, copyFromYear: 2022 } });
      expect(copied.status).toBe(201);
      // The weights that sum to the total score take the 50 extra points on their first item.
      const plus50 = (items: { weight: number }[]) => items.map((i, n) => (n === 0 ? { ...i, weight: i.weight + 50 } : i));
      const v = copied.body.values;
      // So do the evaluation templates (first dimension and its first item) and the finance key criteria (schema 4).
      type Dimension = { weight: number; items: { points: number }[] };
      const templates = Object.fromEntries(
        Object.entries(v.evaluation.templates as Record<string, { dimensions: Dimension[] }>).map(([kind, template]) => [
          kind,
          {
            dimensions: template.dimensions.map((d, n) =>
              n === 0 ? { ...d, weight: d.weight + 50, items: d.items.map((i, m) => (m === 0 ? { ...i, points: i.points + 50 } : i)) } : d,
            ),
          },
        ]),
      );
      const criteria = v.evaluation.financeKeyCriteria;
      const values = {
        ...v,
        evaluation: {
          ...v.evaluation,
          totalScore: 150,
          selfEvaluationWeights: plus50(v.evaluation.selfEvaluationWeights),
          templates,
          financeKeyCriteria: {
            ...criteria,
            lastYearExecution: { ...criteria.lastYearExecution, weight: criteria.lastYearExecution.weight + 50 },
          },
        },
        preAssessment: { ...v.preAssessment, dimensions: plus50(v.preAssessment.dimensions) },
      };
      const updated = await t.request('PUT', '/api/v1/policy-profiles/2026', {
        token: finance,
        body: { version: copied.body.version, values },
      });
      expect(updated.status).toBe(200);
      const projectId = await insertProject(t, healthOrg, '800000.00', { year: 2026 });
      const res = await t.request('POST', `/api/v1/targets/projects/${projectId}`, { token: health, body: weighted(120) });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ year: 2026, weightCap: 150 });
      expect(res.body.indicators[0].weight).toBe(120);
      const over = await t.request('PUT', `/api/v1/targets/${res.body.id}`, {
        token: health,
        body: { version: res.body.version, ...weighted(150.01) },
      });
      expect(over.status).toBe(400);
      expect(over.body.errors[0]).toMatchObject({ field: 'indicators.0.weight', message: expect.stringContaining('150') });
      // 2022 still caps at 100.
      const old = await t.request('POST', `/api/v1/targets/projects/${await insertProject(t, healthOrg)}`, {
        token: health,
        body: weighted(120),
      });
      expect(old.status).toBe(400);
    });
  });

  describe('scope', () => {
    it('keeps health’s targets from edu', async () => {
      const target = await create();
      const res = await t.request('GET', `/api/v1/targets/${target.id}`, { token: edu });
      expect(res.status).toBe(404);
      const check = await t.request('GET', `/api/v1/targets/${target.id}/quality-check`, { token: edu });
      expect(check.status).toBe(404);
      const list = await t.request('GET', `/api/v1/targets?pageSize=100&organizationId=${healthOrg}`, { token: edu });
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(0);
      const own = await t.request('GET', `/api/v1/targets?pageSize=100`, { token: health });
      expect(own.body.items.every((i: any) => i.organizationName.length > 0)).toBe(true);
      expect(own.body.items.map((i: any) => i.id)).toContain(target.id);
      const byFinance = await t.request('GET', `/api/v1/targets/${target.id}`, { token: finance });
      expect(byFinance.status).toBe(200);
      const edit = await t.request('PUT', `/api/v1/targets/${target.id}`, {
        token: edu,
        body: { version: target.version, ...goodContent() },
      });
      expect([403, 404]).toContain(edit.status);
    });
  });

  describe('key basis (R1: projects, never a department’s overall expenditure)', () => {
    it('routes a 9,000,000 project to expert review but not a department overall expenditure of the same amount', async () => {
      const insert = async (kind: string) => {
        const [row] = await t.sql<{ id: string }>(
          `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES (2022, $1, $2, $3, $4, '9000000.00') RETURNING id`,
          [`TGT-KEY-${kind}`, `重点依据测试 ${kind}`, kind, healthOrg],
        );
        const res = await t.request('POST', `/api/v1/targets/projects/${row.id}`, { token: health, body: goodContent() });
        expect(res.status).toBe(201);
        return get(res.body.id, finance);
      };
      expect(await insert('project')).toMatchObject({ keyBasis: 'AMOUNT', needsExpertReview: true });
      expect(await insert('department_overall')).toMatchObject({ keyBasis: null, needsExpertReview: false });
    });
  });
});
