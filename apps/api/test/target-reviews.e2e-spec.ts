/**
 * Target review (评审, R8, N5): key-list and picked targets go to expert review; experts come
 * from the pool with conflict-of-interest recusal; each expert sees only their own reviews; the
 * average score's grade decides approved (优) / consultation (良) / returned (中) / rejected (差)
 * at the profile's 90/80/60; a 良 target is finalised after consultation with the bureau.
 */
import { startTestApp, TestApp } from './support/test-app';
import { orgIdByName, userIdByName } from './support/db-state';

const content = () => ({
  overallGoal: '完成社区卫生服务中心标准化改造 8 家',
  annualGoals: ['2022 年完成 8 家中心改造'],
  indicators: [
    { level1: 'output', level2: 'quantity', name: '改造中心数量', comparison: '>=', value: '8', unit: '家' },
    { level1: 'effect', level2: 'social', name: '基层首诊率', comparison: '>=', value: '60', unit: '%' },
  ],
});

let seq = 0;

describe('target review by experts', () => {
  let t: TestApp;
  let health: string;
  let finance: string;
  let expert: string;
  let expertLi: string;
  let healthOrg: string;
  let expertId: string;
  let expertLiId: string;
  let expertWangId: string;

  beforeAll(async () => {
    t = await startTestApp();
    health = await t.login('health');
    finance = await t.login('finance');
    expert = await t.login('expert');
    expertLi = await t.login('expert-li');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    expertId = await userIdByName(t, 'expert');
    expertLiId = await userIdByName(t, 'expert-li');
    expertWangId = await userIdByName(t, 'expert-wang');
  });
  afterAll(async () => t?.close());

  async function project(budget: string, manualKeyBasis: string | null = null, orgId = healthOrg): Promise<string> {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, manual_key_basis, manual_key_reason)
       VALUES (2022, $1, $2, 'project', $3, $4, $5, $6) RETURNING id`,
      [`TR-${process.pid}-${++seq}`, `评审测试项目 ${seq}`, orgId, budget, manualKeyBasis, manualKeyBasis ? '区重点任务' : null],
    );
    return row.id;
  }

  /** A target that finance has passed: into expert review when the project is key (or picked). */
  async function passed(budget = '6000000.00', options: { manualKeyBasis?: string; pick?: boolean } = {}) {
    const projectId = await project(budget, options.manualKeyBasis ?? null);
    const created = await t.request('POST', `/api/v1/targets/projects/${projectId}`, { token: health, body: content() });
    expect(created.status).toBe(201);
    let current = (
      await t.request('POST', `/api/v1/targets/${created.body.id}/submit`, { token: health, body: { version: created.body.version } })
    ).body;
    if (options.pick) {
      const picked = await t.request('PUT', `/api/v1/targets/${current.id}/expert-review-pick`, {
        token: finance,
        body: { version: current.version, picked: true },
      });
      expect(picked.status).toBe(200);
      current = picked.body;
    }
    const res = await t.request('POST', `/api/v1/targets/${current.id}/pass`, { token: finance, body: { version: current.version } });
    expect(res.status).toBe(200);
    return { ...res.body, projectId };
  }

  const assign = (targetId: string, expertUserIds: string[]) =>
    t.request('POST', `/api/v1/target-reviews/${targetId}/assignments`, { token: finance, body: { expertUserIds } });

  async function score(token: string, reviewId: string, value: number) {
    const review = await t.request('GET', `/api/v1/target-reviews/${reviewId}`, { token });
    expect(review.status).toBe(200);
    const res = await t.request('POST', `/api/v1/target-reviews/${reviewId}/submit`, {
      token,
      body: { version: review.body.version, score: value, opinion: '指标设置合理' },
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function reviewed(scores: number[], comment?: string) {
    const target = await passed();
    const tokens = [expert, expertLi];
    const ids = [expertId, expertLiId].slice(0, scores.length);
    const assigned = await assign(target.id, ids);
    expect(assigned.status).toBe(201);
    for (let i = 0; i < scores.length; i++) await score(tokens[i], assigned.body.find((r: any) => r.expertUserId === ids[i]).id, scores[i]);
    const current = (await t.request('GET', `/api/v1/targets/${target.id}`, { token: finance })).body;
    const concluded = await t.request('POST', `/api/v1/targets/${target.id}/conclude-review`, {
      token: finance,
      body: { version: current.version, ...(comment ? { comment } : {}) },
    });
    expect(concluded.status).toBe(200);
    return concluded.body;
  }

  it('sends key-list projects (by amount at the threshold, or by hand) and picked ones to expert review; others are approved', async () => {
    expect((await passed('6000000.00')).status).toBe('expert_review');
    expect((await passed('5999999.99')).status).toBe('approved');
    expect((await passed('100000.00', { manualKeyBasis: 'CORE_FUNCTION' })).status).toBe('expert_review');
    const picked = await passed('100000.00', { pick: true });
    expect(picked).toMatchObject({ status: 'expert_review', expertReviewPicked: true, keyBasis: null });
  });

  it('keeps experts away from their own organization, its parent and its units (recusal)', async () => {
    const target = await passed();
    const unitId = (await t.sql<{ id: string }>(`SELECT id FROM organizations WHERE parent_id = $1 LIMIT 1`, [healthOrg]))[0].id;
    for (const [name, orgId] of [
      ['health-expert', healthOrg],
      ['health-unit-expert', unitId],
    ]) {
      const user = await t.request('POST', '/api/v1/users', {
        token: finance,
        body: { username: name, displayName: `${name} 专家`, organizationId: orgId, roles: ['expert'], initialPassword: 'Review#2022xy' },
      });
      expect(user.status).toBe(201);
      const pooled = await t.request('POST', '/api/v1/experts', { token: finance, body: { userId: user.body.id, sectors: ['health'] } });
      expect(pooled.status).toBe(201);
      expect(pooled.body.affiliationOrganizationId).toBe(orgId);
      const res = await assign(target.id, [expertId, user.body.id]);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('EXPERT_CONFLICT_OF_INTEREST');
      expect(res.body.expertUserIds).toEqual([user.body.id]);
    }
    expect(await t.sql(`SELECT 1 FROM expert_reviews WHERE target_id = $1`, [target.id])).toHaveLength(0);
    const notPooled = await assign(target.id, [await userIdByName(t, 'health')]);
    expect(notPooled.body.code).toBe('EXPERT_NOT_IN_POOL');
    expect((await assign(target.id, [expertId])).status).toBe(201);
  });

  it('shows an expert only the reviews assigned to them', async () => {
    const target = await passed();
    const assigned = await assign(target.id, [expertId]);
    const reviewId = assigned.body[0].id;
    const mine = await t.request('GET', '/api/v1/target-reviews/mine?pageSize=100', { token: expert });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: any) => r.id)).toContain(reviewId);
    expect(mine.body.items.every((r: any) => r.expertUserId === expertId)).toBe(true);
    const own = await t.request('GET', `/api/v1/target-reviews/${reviewId}`, { token: expert });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ targetId: target.id, totalScore: 100, overallGoal: content().overallGoal });
    expect(own.body.indicators).toHaveLength(2);

    const other = await t.request('GET', `/api/v1/target-reviews/${reviewId}`, { token: expertLi });
    expect(other.status).toBe(404);
    const otherSubmit = await t.request('POST', `/api/v1/target-reviews/${reviewId}/submit`, {
      token: expertLi,
      body: { version: 1, score: 90, opinion: 'x' },
    });
    expect(otherSubmit.status).toBe(404);
    const othersList = await t.request('GET', '/api/v1/target-reviews/mine?pageSize=100', { token: expertLi });
    expect(othersList.body.items.map((r: any) => r.id)).not.toContain(reviewId);
    const targetItself = await t.request('GET', `/api/v1/targets/${target.id}`, { token: expert });
    expect(targetItself.status).toBe(403);
    const byFinance = await t.request('POST', `/api/v1/target-reviews/${reviewId}/submit`, {
      token: finance,
      body: { version: 1, score: 90, opinion: 'x' },
    });
    expect(byFinance.status).toBe(403);
  });

  it('takes scores from 0 to the total score, once, and concludes only when every expert has scored', async () => {
    const target = await passed();
    const assigned = await assign(target.id, [expertId, expertLiId]);
    const reviewId = assigned.body.find((r: any) => r.expertUserId === expertId).id;
    const tooHigh = await t.request('POST', `/api/v1/target-reviews/${reviewId}/submit`, {
      token: expert,
      body: { version: 1, score: 100.01, opinion: '好' },
    });
    expect(tooHigh.status).toBe(400);
    const negative = await t.request('POST', `/api/v1/target-reviews/${reviewId}/submit`, {
      token: expert,
      body: { version: 1, score: -1, opinion: '好' },
    });
    expect(negative.status).toBe(400);
    await score(expert, reviewId, 100);
    const twice = await t.request('POST', `/api/v1/target-reviews/${reviewId}/submit`, {
      token: expert,
      body: { version: 2, score: 80, opinion: '改' },
    });
    expect(twice.body.code).toBe('ILLEGAL_TRANSITION');
    const current = (await t.request('GET', `/api/v1/targets/${target.id}`, { token: finance })).body;
    const early = await t.request('POST', `/api/v1/targets/${target.id}/conclude-review`, {
      token: finance,
      body: { version: current.version },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('TARGET_EXPERT_REVIEWS_PENDING');
    expect(current.actions).not.toContain('conclude');
  });

  it.each([
    [[90], 'excellent', 'approved'],
    [[89.99], 'good', 'in_consultation'],
    [[80], 'good', 'in_consultation'],
    [[79.99], 'fair', 'returned'],
    [[60], 'fair', 'returned'],
    [[59.99], 'poor', 'rejected'],
    [[90, 89.99], 'excellent', 'approved'],
  ])('grades an average of %j as %s → %s (N5)', async (scores, grade, status) => {
    const out = await reviewed(scores as number[]);
    expect({ grade: out.reviewGrade, status: out.status }).toEqual({ grade, status });
    expect(out.events.at(-1).action).toBe(
      {
        approved: 'conclude_approve',
        in_consultation: 'conclude_consult',
        returned: 'conclude_return',
        rejected: 'conclude_reject',
      }[status as string],
    );
  });

  describe('N5 良: finalised after consultation', () => {
    const act = (token: string, id: string, step: string, body: object) =>
      t.request('POST', `/api/v1/targets/${id}/${step}`, { token, body });
    const gateOf = async (projectId: string) => {
      const res = await t.request('GET', `/api/v1/projects/${projectId}`, { token: finance });
      expect(res.status).toBe(200);
      return { status: res.body.gate.status, codes: res.body.gate.reasons.map((r: any) => r.code) };
    };

    it('keeps the budget closed while the department revises with the bureau’s comments, then approves on confirmation without a second expert round', async () => {
      const good = await reviewed([85], '请细化效益指标的测算口径');
      expect(good).toMatchObject({ status: 'in_consultation', reviewGrade: 'good', consultationComment: '请细化效益指标的测算口径' });
      expect(good.actions).toEqual(expect.arrayContaining(['edit', 'consultation_submit']));
      expect(good.actions).not.toContain('consultation_confirm');
      expect(await gateOf(good.projectId)).toEqual({ status: 'blocked', codes: ['TARGET_IN_CONSULTATION'] });
      const early = await act(finance, good.id, 'consultation/confirm', { version: good.version });
      expect(early.body.code).toBe('ILLEGAL_TRANSITION');

      // The department revises (editing is allowed in consultation) and submits its revision.
      const seen = (await t.request('GET', `/api/v1/targets/${good.id}`, { token: health })).body;
      expect(seen.actions).toEqual(expect.arrayContaining(['edit', 'consultation_submit']));
      const revisedContent = content();
      revisedContent.indicators[1] = { ...revisedContent.indicators[1], name: '基层首诊率（按签约居民口径）' };
      const revised = await t.request('PUT', `/api/v1/targets/${good.id}`, {
        token: health,
        body: { version: seen.version, ...revisedContent },
      });
      expect(revised.status).toBe(200);
      const submitted = await act(health, good.id, 'consultation/submit', { version: revised.body.version, comment: '已按意见修改' });
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('consultation_submitted');
      expect(submitted.body.actions).not.toContain('edit');
      expect(await gateOf(good.projectId)).toEqual({ status: 'blocked', codes: ['TARGET_IN_CONSULTATION'] });
      const editWhileWaiting = await t.request('PUT', `/api/v1/targets/${good.id}`, {
        token: health,
        body: { version: submitted.body.version, ...revisedContent },
      });
      expect(editWhileWaiting.body.code).toBe('TARGET_NOT_EDITABLE');
      expect((await act(health, good.id, 'consultation/confirm', { version: submitted.body.version })).status).toBe(403);

      // The bureau sends it back with comments: the consultation goes on.
      const back = await act(finance, good.id, 'consultation/return', {
        version: submitted.body.version,
        comment: '满意度指标补充调查方式',
      });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ status: 'in_consultation', consultationComment: '满意度指标补充调查方式' });
      const again = await act(health, good.id, 'consultation/submit', { version: back.body.version });
      expect(again.body.status).toBe('consultation_submitted');
      const asFinance = (await t.request('GET', `/api/v1/targets/${good.id}`, { token: finance })).body;
      expect(asFinance.actions).toEqual(expect.arrayContaining(['consultation_confirm', 'consultation_return']));

      const confirmed = await act(finance, good.id, 'consultation/confirm', { version: again.body.version });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'approved', reviewGrade: 'good', approvedAt: expect.any(String) });
      expect(confirmed.body.indicators[1].name).toBe('基层首诊率（按签约居民口径）');
      // No second expert round: the one review stays, and nothing went back to expert review.
      expect(confirmed.body.expertReviews).toHaveLength(1);
      expect(
        confirmed.body.events
          .map((e: any) => e.action)
          .filter((a: string) => a.startsWith('conclude') || a.startsWith('consultation') || a === 'pass_to_expert_review'),
      ).toEqual([
        'pass_to_expert_review',
        'conclude_consult',
        'consultation_submit',
        'consultation_return',
        'consultation_submit',
        'consultation_confirm',
      ]);
      expect(await gateOf(good.projectId)).toEqual({ status: 'ready', codes: [] });
      const audits = await t.sql<{ action: string }>(
        `SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success' AND (action LIKE 'target.conclude%' OR action LIKE 'target.consultation%') ORDER BY id`,
        [good.id],
      );
      expect(audits.map((a) => a.action)).toEqual([
        'target.conclude_consult',
        'target.consultation_submit',
        'target.consultation_return',
        'target.consultation_submit',
        'target.consultation_confirm',
      ]);
    });

    it('stores no made-up comment when the bureau concludes without one (the pages word it), and refuses a blocking quality failure on submission', async () => {
      const good = await reviewed([82]);
      expect(good).toMatchObject({ status: 'in_consultation', reviewGrade: 'good', consultationComment: null });
      const broken = content();
      broken.indicators = broken.indicators.filter((i) => i.level1 !== 'output');
      const edited = await t.request('PUT', `/api/v1/targets/${good.id}`, { token: health, body: { version: good.version, ...broken } });
      expect(edited.status).toBe(200);
      const refused = await act(health, good.id, 'consultation/submit', { version: edited.body.version });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('TARGET_QUALITY_FAILED');
      expect((await t.request('GET', `/api/v1/targets/${good.id}`, { token: health })).body.status).toBe('in_consultation');
    });

    it('does not let whoever submitted the revision confirm it (segregation)', async () => {
      const good = await reviewed([85]);
      // The bureau holds the write permission too; when it submits the revision itself, it cannot confirm it.
      const byFinance = await act(finance, good.id, 'consultation/submit', { version: good.version });
      expect(byFinance.body.status).toBe('consultation_submitted');
      expect(byFinance.body.actions).not.toContain('consultation_confirm');
      const self = await act(finance, good.id, 'consultation/confirm', { version: byFinance.body.version });
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('SEGREGATION_OF_DUTIES');
      const refusals = await t.sql(`SELECT 1 FROM audit_logs WHERE entity_id = $1 AND result = 'failure' AND error_code = $2`, [
        good.id,
        'SEGREGATION_OF_DUTIES',
      ]);
      expect(refusals).toHaveLength(1);
      expect((await t.request('GET', `/api/v1/targets/${good.id}`, { token: finance })).body.status).toBe('consultation_submitted');
      const back = await act(finance, good.id, 'consultation/return', { version: byFinance.body.version, comment: '请部门自行确认修改' });
      const byHealth = await act(health, good.id, 'consultation/submit', { version: back.body.version });
      const confirmed = await act(finance, good.id, 'consultation/confirm', { version: byHealth.body.version });
      expect(confirmed.body.status).toBe('approved');
    });

    it('is refused to another department', async () => {
      const good = await reviewed([85]);
      const edu = await t.login('edu');
      expect((await act(edu, good.id, 'consultation/submit', { version: good.version })).status).toBe(404);
    });
  });

  it('keeps a 差 target out of the budget and lets a 中 target be revised and reviewed again', async () => {
    const poor = await reviewed([50]);
    expect(poor.status).toBe('rejected');
    const gate = await t.request('GET', `/api/v1/projects/${poor.projectId}`, { token: finance });
    expect(gate.status).toBe(200);
    expect(gate.body.gate.status).toBe('blocked');
    expect(gate.body.gate.reasons.map((r: any) => r.code ?? r)).toContain('TARGET_REVIEW_POOR');
    const resubmit = await t.request('POST', `/api/v1/targets/${poor.id}/submit`, { token: health, body: { version: poor.version } });
    expect(resubmit.body.code).toBe('ILLEGAL_TRANSITION');

    const fair = await reviewed([70]);
    expect(fair).toMatchObject({ status: 'returned', reviewScore: '70.00', reviewGrade: 'fair' });
    const again = await t.request('POST', `/api/v1/targets/${fair.id}/submit`, { token: health, body: { version: fair.version } });
    expect(again.body.status).toBe('submitted');
    const toExperts = await t.request('POST', `/api/v1/targets/${fair.id}/pass`, { token: finance, body: { version: again.body.version } });
    expect(toExperts.body.status).toBe('expert_review');
    expect(toExperts.body.expertReviews).toEqual([]);
  });

  describe('expert pool', () => {
    it('lists the pool to finance only and adds and edits experts', async () => {
      const list = await t.request('GET', '/api/v1/experts?pageSize=100', { token: finance });
      expect(list.status).toBe(200);
      expect(list.body.items.map((e: any) => e.username)).toEqual(expect.arrayContaining(['expert', 'expert-li', 'expert-wang']));
      expect(list.body.items.find((e: any) => e.username === 'expert').affiliationName).toContain('华东财经大学');
      expect((await t.request('GET', '/api/v1/experts', { token: health })).status).toBe(403);
      expect((await t.request('GET', '/api/v1/experts', { token: expert })).status).toBe(403);

      const notExpert = await t.request('POST', '/api/v1/experts', { token: finance, body: { userId: await userIdByName(t, 'edu') } });
      expect(notExpert.body.code).toBe('EXPERT_ROLE_REQUIRED');
      const dup = await t.request('POST', '/api/v1/experts', { token: finance, body: { userId: expertWangId } });
      expect(dup.status).toBe(409);
      const wang = list.body.items.find((e: any) => e.username === 'expert-wang');
      const off = await t.request('PATCH', `/api/v1/experts/${wang.id}`, {
        token: finance,
        body: { version: wang.version, active: false },
      });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      const target = await passed();
      const inactive = await assign(target.id, [expertWangId]);
      expect(inactive.body.code).toBe('EXPERT_NOT_IN_POOL');
    });
  });
});
