/**
 * Dual monitoring (issue 8), the fixed points: `POST /api/v1/trackings/projects/{projectId}` computes
 * the execution rate (rounded once) and the degree of achievement, raises N7 warnings with the
 * profile's numbers, refuses a project whose target is not approved (409), checks the R25 split;
 * `GET /api/v1/trackings` lists under the caller's scope.
 */
import { startTestApp, TestApp } from './support/test-app';
import { orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';

let seq = 0;

describe('trackings (dual monitoring)', () => {
  let t: TestApp;
  let health: string;
  let edu: string;
  let eduUnit: string;
  let finance: string;
  let healthOrg: string;
  let eduUnitOrg: string;

  beforeAll(async () => {
    t = await startTestApp();
    [health, edu, eduUnit, finance] = await Promise.all([t.login('health'), t.login('edu'), t.login('edu-unit'), t.login('finance')]);
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    eduUnitOrg = await orgIdByName(t, '青浦区实验中学');
  });
  afterAll(async () => t?.close());

  /** A project with a target in `status` and three indicators (≥ 120 w40, ≤ 80 w30, qualitative w30). */
  async function projectWithTarget(orgId: string, status = 'approved', budget = '10000000.00') {
    const code = `TRK-${process.pid}-${++seq}`;
    const [project] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, created_at)
       VALUES (2022, $1, $2, 'project', $3, $4, '2022-01-10T09:00:00+08:00') RETURNING id`,
      [code, `跟踪测试项目 ${seq}`, orgId, budget],
    );
    await t.sql(
      `INSERT INTO project_fund_sources (project_id, source, amount) VALUES ($1, 'direct_funds', $2), ($1, 'special_transfer', '0.00')`,
      [project.id, budget],
    );
    const [target] = await t.sql<{ id: string }>(
      `INSERT INTO targets (project_id, organization_id, year, overall_goal, annual_goals, status, approved_at)
       VALUES ($1, $2, 2022, '开展讲座 120 场', '[]'::jsonb, $3::varchar, CASE WHEN $3::varchar = 'approved' THEN '2022-03-01T09:00:00+08:00'::timestamptz END) RETURNING id`,
      [project.id, orgId, status],
    );
    const indicators = await t.sql<{ id: string }>(
      `INSERT INTO target_indicators (target_id, sort_order, level1, level2, name, comparison, value, unit, weight) VALUES
         ($1, 0, 'output', 'quantity', '讲座场次', '>=', '120', '场', 40),
         ($1, 1, 'cost', 'economic_cost', '讲座总成本', '<=', '80', '万元', 30),
         ($1, 2, 'satisfaction', 'recipient_satisfaction', '群众反映良好', 'qualitative', '群众反映良好', NULL, 30)
       RETURNING id`,
      [target.id],
    );
    return { projectId: project.id, targetId: target.id, indicatorIds: indicators.map((i) => i.id) };
  }

  const post = (token: string, projectId: string, body: object) =>
    t.request('POST', `/api/v1/trackings/projects/${projectId}`, { token, body });

  it('has a demo tracking of a project or policy of 区卫生健康委员会, 区教育局 and 朱家角镇, one without warnings', async () => {
    const rows = await t.sql<{
      org: string;
      kind: string;
      target: string;
      warnings: number;
      open: number;
      answers: string[];
      suggestions: number;
      project_sources: number;
      split: number;
      adds_up: boolean;
    }>(
      `SELECT top.name AS org, p.kind, tg.status AS target, count(w.id)::int AS warnings, count(w.id) FILTER (WHERE w.answer IS NULL)::int AS open,
              COALESCE(array_agg(w.answer ORDER BY w.answer) FILTER (WHERE w.answer IS NOT NULL), '{}') AS answers,
              (SELECT count(*)::int FROM budget_adjustment_suggestions s WHERE s.tracking_id = x.id) AS suggestions,
              (SELECT count(*)::int FROM project_fund_sources f WHERE f.project_id = p.id) AS project_sources,
              (SELECT count(*)::int FROM tracking_fund_sources f WHERE f.tracking_id = x.id) AS split,
              x.executed_amount = COALESCE((SELECT sum(f.amount) FROM tracking_fund_sources f WHERE f.tracking_id = x.id), x.executed_amount) AS adds_up
         FROM trackings x
         JOIN projects p ON p.id = x.project_id
         JOIN targets tg ON tg.project_id = p.id
         JOIN organizations o ON o.id = x.organization_id
         JOIN organizations top ON top.id = COALESCE(CASE WHEN o.kind = 'unit' THEN o.parent_id END, o.id)
         LEFT JOIN tracking_warnings w ON w.tracking_id = x.id
        WHERE x.year = 2022 AND x.note = '截至4月末的执行和目标完成情况'
        GROUP BY x.id, top.name, p.id, p.kind, tg.status
        ORDER BY top.name`,
    );
    const byOrg = new Map(rows.map((r) => [r.org, r]));
    expect([...byOrg.keys()].sort()).toEqual(['区卫生健康委员会', '区教育局', '朱家角镇'].sort());
    for (const r of rows) {
      expect(['project', 'policy']).toContain(r.kind);
      expect(r.target).toBe('approved');
      // R25: split by fund source where the project has several, adding up to the executed amount.
      expect({ split: r.split, adds_up: r.adds_up }).toEqual({ split: r.project_sources > 1 ? r.project_sources : 0, adds_up: true });
    }
    expect(byOrg.get('区卫生健康委员会')!.split).toBeGreaterThan(1);
    // Health answered both (adjust and continue) and was reviewed: one suggestion, from the adjust answer.
    expect(byOrg.get('区卫生健康委员会')).toMatchObject({ warnings: 2, open: 0, answers: ['adjust', 'continue'], suggestions: 1 });
    expect(byOrg.get('区教育局')).toMatchObject({ warnings: 2, open: 2, suggestions: 0 });
    expect(byOrg.get('朱家角镇')).toMatchObject({ warnings: 0, suggestions: 0 });
  });

  it('computes the rate once, the degree of achievement from the readings, and warns with the rule’s numbers', async () => {
    const { projectId, indicatorIds } = await projectWithTarget(healthOrg);
    const res = await post(health, projectId, {
      asOf: '2022-04-30',
      executedAmount: '2499000.00',
      indicators: [
        { targetIndicatorId: indicatorIds[0], valueSoFar: '60', willReach: 'likely' },
        { targetIndicatorId: indicatorIds[1], valueSoFar: '40', willReach: 'yes' },
        { targetIndicatorId: indicatorIds[2], band: 'mostly_achieved', willReach: 'yes' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      projectId,
      organizationId: healthOrg,
      executionRate: '24.99',
      base: 'budget',
      baseAmount: '10000000.00',
      // 50 × 40 % + 100 × 30 % + 80 × 30 % = 74
      achievementRate: '74.00',
      round: 'first_tracking',
      roundDue: '2022-08-31',
    });
    expect(res.body.warnings.map((w: any) => [w.code, w.threshold, w.actual])).toEqual([
      ['DEVIATION', '10.00', '49.01'],
      ['EXECUTION_BELOW_CHECKPOINT', '25.00', '24.99'],
    ]);
    const below = res.body.warnings.find((w: any) => w.code === 'EXECUTION_BELOW_CHECKPOINT');
    expect(below).toMatchObject({ rule: 'N7', checkpointMonth: 4, answer: null, answeredLate: false });
    expect(below.answerDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.body.indicators.map((i: any) => [i.name, i.degree, i.basis])).toEqual([
      ['讲座场次', '50.00', 'ratio'],
      ['讲座总成本', '100.00', 'inverse_ratio'],
      ['群众反映良好', '80.00', 'band'],
    ]);
    const audit = await t.sql(`SELECT 1 FROM audit_logs WHERE action = 'tracking.create' AND entity_id = $1`, [res.body.id]);
    expect(audit).toHaveLength(1);

    const detail = await t.request('GET', `/api/v1/trackings/${res.body.id}`, { token: health });
    expect(detail.status).toBe(200);
    expect(detail.body.indicators).toHaveLength(3);
  });

  it('does not warn at 25.00 %, and 24.996 % is 25.00 %', async () => {
    const { projectId } = await projectWithTarget(healthOrg);
    const exact = await post(health, projectId, { asOf: '2022-04-30', executedAmount: '2500000.00' });
    expect(exact.status).toBe(201);
    expect(exact.body).toMatchObject({ executionRate: '25.00', achievementRate: null, warnings: [] });
    const rounded = await post(health, projectId, { asOf: '2022-04-30', executedAmount: '2499600.00' });
    expect(rounded.body).toMatchObject({ executionRate: '25.00', warnings: [] });
    // 15 June is held to April's 25 %, 30 June to June's 40 %.
    const june15 = await post(health, projectId, { asOf: '2022-06-15', executedAmount: '3000000.00' });
    expect(june15.body.warnings).toEqual([]);
    const june30 = await post(health, projectId, { asOf: '2022-06-30', executedAmount: '3000000.00' });
    expect(june30.body.warnings.map((w: any) => [w.code, w.threshold])).toEqual([['EXECUTION_BELOW_CHECKPOINT', '40.00']]);
  });

  it('refuses a project whose target is not approved (409), and one without a target', async () => {
    const { projectId } = await projectWithTarget(healthOrg, 'submitted');
    const res = await post(health, projectId, { asOf: '2022-04-30', executedAmount: '1.00' });
    expectProblem(res, 409, 'TRACKING_TARGET_NOT_APPROVED');
    expect(res.body.targetStatus).toBe('submitted');
    const [bare] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
       VALUES (2022, $1, '无目标项目', 'project', $2, '100.00') RETURNING id`,
      [`TRK-BARE-${process.pid}`, healthOrg],
    );
    expectProblem(await post(health, bare.id, { asOf: '2022-04-30', executedAmount: '1.00' }), 409, 'TRACKING_TARGET_NOT_APPROVED');
    // R9 tracks projects and policies; department overall expenditure is evaluated, not tracked.
    const [overall] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
       VALUES (2022, $1, '部门整体支出', 'department_overall', $2, '100.00') RETURNING id`,
      [`TRK-ALL-${process.pid}`, healthOrg],
    );
    expectProblem(await post(health, overall.id, { asOf: '2022-04-30', executedAmount: '1.00' }), 409, 'TRACKING_KIND_NOT_MONITORED');
    expect(await t.sql(`SELECT 1 FROM trackings WHERE project_id IN ($1, $2)`, [projectId, bare.id])).toHaveLength(0);
  });

  it('checks the fund-source split, the readings and the date, and writes nothing when refused', async () => {
    const { projectId, indicatorIds } = await projectWithTarget(healthOrg);
    const split = await post(health, projectId, {
      asOf: '2022-05-31',
      executedAmount: '100.00',
      fundSources: [
        { source: 'direct_funds', amount: '60.00' },
        { source: 'government_bonds', amount: '30.00' },
      ],
    });
    expectProblem(split, 400, 'VALIDATION_FAILED');
    expect(split.body.errors.map((e: any) => [e.field, e.code])).toEqual([
      ['fundSources.1.source', 'NOT_A_PROJECT_SOURCE'],
      ['fundSources', 'SPLIT_NOT_EQUAL_TOTAL'],
    ]);
    const band = await post(health, projectId, {
      asOf: '2022-05-31',
      executedAmount: '100.00',
      indicators: [
        { targetIndicatorId: indicatorIds[2], band: 'splendid' },
        { targetIndicatorId: indicatorIds[0], band: 'achieved' },
      ],
    });
    expect(band.body.errors.map((e: any) => [e.field, e.code])).toEqual([
      ['indicators.0.band', 'UNKNOWN_BAND'],
      ['indicators.1.band', 'QUANTITATIVE_HAS_VALUE'],
    ]);
    const unknown = await post(health, projectId, {
      asOf: '2022-05-31',
      executedAmount: '100.00',
      indicators: [{ targetIndicatorId: '00000000-0000-4000-8000-000000000000', valueSoFar: '1' }],
    });
    expectProblem(unknown, 400, 'TRACKING_INDICATOR_UNKNOWN');
    expectProblem(await post(health, projectId, { asOf: '2023-01-31', executedAmount: '1.00' }), 400, 'TRACKING_AS_OF_OUTSIDE_YEAR');
    const badDate = await post(health, projectId, { asOf: '2022-02-30', executedAmount: '1.00' });
    expectProblem(badDate, 400, 'VALIDATION_FAILED');
    expect(badDate.body.errors[0].field).toBe('asOf');
    expectProblem(await post(health, projectId, { asOf: '2022-05-31', executedAmount: '1.001' }), 400, 'VALIDATION_FAILED');
    expectProblem(await post(health, projectId, { asOf: '2022-05-31', executedAmount: 100 }), 400, 'VALIDATION_FAILED');
    expect(await t.sql(`SELECT 1 FROM trackings WHERE project_id = $1`, [projectId])).toHaveLength(0);

    const ok = await post(health, projectId, {
      asOf: '2022-05-31',
      executedAmount: '100.00',
      fundSources: [
        { source: 'direct_funds', amount: '70.00' },
        { source: 'special_transfer', amount: '30.00' },
      ],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.fundSources).toEqual([
      { source: 'direct_funds', amount: '70.00' },
      { source: 'special_transfer', amount: '30.00' },
    ]);
  });

  it('keeps trackings in scope: a unit sees its own, another department none, the bureau all', async () => {
    const healthProject = await projectWithTarget(healthOrg);
    const unitProject = await projectWithTarget(eduUnitOrg);
    const byEdu = await post(edu, healthProject.projectId, { asOf: '2022-04-30', executedAmount: '1.00' });
    expect([403, 404]).toContain(byEdu.status);
    const healthTracking = (await post(health, healthProject.projectId, { asOf: '2022-04-30', executedAmount: '1.00' })).body;
    const unitTracking = await post(eduUnit, unitProject.projectId, { asOf: '2022-04-30', executedAmount: '5000000.00' });
    expect(unitTracking.status).toBe(201);

    const ids = async (token: string) =>
      ((await t.request('GET', '/api/v1/trackings?year=2022&pageSize=100', { token })).body.items as any[]).map((i) => i.id);
    expect(await ids(eduUnit)).toEqual([unitTracking.body.id]);
    expect(await ids(edu)).toContain(unitTracking.body.id);
    expect(await ids(edu)).not.toContain(healthTracking.id);
    const all = await ids(finance);
    expect(all).toEqual(expect.arrayContaining([unitTracking.body.id, healthTracking.id]));
    expect((await t.request('GET', `/api/v1/trackings/${healthTracking.id}`, { token: edu })).status).toBe(404);

    const byProject = await t.request('GET', `/api/v1/trackings?year=2022&projectId=${healthProject.projectId}`, { token: finance });
    expect(byProject.body).toMatchObject({ total: 1, items: [{ id: healthTracking.id, executionRate: '0.00' }] });
    const open = await t.request('GET', `/api/v1/trackings?openWarnings=true&projectId=${healthProject.projectId}`, { token: finance });
    expect(open.body.total).toBe(1);
  });

  it('lists by date, then project code: the code copied onto each tracking follows its project', async () => {
    const a = await projectWithTarget(healthOrg);
    const b = await projectWithTarget(healthOrg);
    await t.sql(`UPDATE projects SET code = CASE WHEN id = $1 THEN 'TRK-A-' ELSE 'TRK-B-' END || code WHERE id IN ($1, $2)`, [
      a.projectId,
      b.projectId,
    ]);
    for (const p of [a, b]) expect((await post(health, p.projectId, { asOf: '2022-05-31', executedAmount: '1.00' })).status).toBe(201);
    const drift = async () =>
      (
        await t.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM trackings x JOIN projects p ON p.id = x.project_id WHERE x.project_code IS DISTINCT FROM p.code`,
        )
      )[0].n;
    expect(await drift()).toBe(0);
    const codes = async () =>
      (
        (await t.request('GET', `/api/v1/trackings?year=2022&pageSize=100&organizationId=${healthOrg}`, { token: finance })).body
          .items as any[]
      )
        .filter((i) => i.projectId === a.projectId || i.projectId === b.projectId)
        .map((i) => i.projectId);
    expect(await codes()).toEqual([a.projectId, b.projectId]);
    // a project's code changed by a statement (not the API, which keeps it): its trackings follow, and so does the order
    await t.sql(`UPDATE projects SET code = 'TRK-0-' || code WHERE id = $1`, [b.projectId]);
    expect(await drift()).toBe(0);
    expect(await codes()).toEqual([b.projectId, a.projectId]);
  });

  it('takes answers within the working days, reviews them (not by the recorder) and turns adjust into a suggestion', async () => {
    const { projectId } = await projectWithTarget(healthOrg);
    const tracking = (await post(health, projectId, { asOf: '2022-04-30', executedAmount: '1000000.00' })).body;
    const [warning] = tracking.warnings;
    expect(warning.code).toBe('EXECUTION_BELOW_CHECKPOINT');
    const answer = (token: string, body: object) => t.request('POST', `/api/v1/trackings/warnings/${warning.id}/answer`, { token, body });

    // Review waits for the answers.
    expectProblem(
      await t.request('POST', `/api/v1/trackings/${tracking.id}/review`, { token: finance, body: { version: tracking.version } }),
      409,
      'TRACKING_ANSWERS_PENDING',
    );
    expect([403, 404]).toContain((await answer(edu, { answer: 'continue', reason: '不归我管' })).status);
    // The bureau reviews answers; it does not answer for the unit.
    expectProblem(await answer(finance, { answer: 'continue', reason: '代为答复' }), 403, 'TRACKING_ANSWER_BY_OWNER');
    expect((await t.request('GET', `/api/v1/trackings/${tracking.id}`, { token: finance })).body.actions).toEqual([]);
    expect((await t.request('GET', `/api/v1/trackings/${tracking.id}`, { token: health })).body.actions).toEqual(['answer']);
    expectProblem(await answer(health, { answer: 'adjust', reason: '调减' }), 400, 'TRACKING_ANSWER_AMOUNT_REQUIRED');
    // The unexecuted rest is 9,000,000.00.
    expectProblem(await answer(health, { answer: 'adjust', reason: '调减', amount: '9000000.01' }), 400, 'TRACKING_ANSWER_AMOUNT_TOO_HIGH');
    expectProblem(await answer(health, { answer: 'pause', reason: 'x' }), 400, 'VALIDATION_FAILED');
    const ok = await answer(health, { answer: 'adjust', reason: '部分采购取消', amount: '2000000.00' });
    expect(ok.status).toBe(200);
    const answered = ok.body.warnings.find((w: any) => w.id === warning.id);
    expect(answered).toMatchObject({ answer: 'adjust', answerAmount: '2000000.00', answerReason: '部分采购取消' });
    // Recorded today, due ten working days after today's warning: answered on time.
    expect(answered.answeredLate).toBe(false);
    expectProblem(await answer(health, { answer: 'continue', reason: '再答一次' }), 409, 'TRACKING_WARNING_ANSWERED');

    // A late answer is flagged.
    const late = (await post(health, projectId, { asOf: '2022-04-30', executedAmount: '1000000.00' })).body;
    await t.sql(`UPDATE tracking_warnings SET answer_due = '2022-05-13' WHERE tracking_id = $1`, [late.id]);
    const lateAnswer = await t.request('POST', `/api/v1/trackings/warnings/${late.warnings[0].id}/answer`, {
      token: health,
      body: { answer: 'continue', reason: '下半年集中支付' },
    });
    expect(lateAnswer.body.warnings[0]).toMatchObject({ answer: 'continue', answeredLate: true, answerAmount: null });

    // Finance reviews; the recorder may not (a finance user who recorded a tracking).
    const byFinance = (await post(finance, projectId, { asOf: '2022-04-30', executedAmount: '1000000.00' })).body;
    await t.request('POST', `/api/v1/trackings/warnings/${byFinance.warnings[0].id}/answer`, {
      token: health,
      body: { answer: 'cancel', reason: '项目取消' },
    });
    const fresh = (await t.request('GET', `/api/v1/trackings/${byFinance.id}`, { token: finance })).body;
    expect(fresh.warnings[0]).toMatchObject({ answer: 'cancel', answerAmount: '9000000.00' });
    expect(fresh.actions).toEqual([]);
    expectProblem(
      await t.request('POST', `/api/v1/trackings/${byFinance.id}/review`, { token: finance, body: { version: fresh.version } }),
      403,
      'SEGREGATION_OF_DUTIES',
    );
    expectProblem(
      await t.request('POST', `/api/v1/trackings/${tracking.id}/review`, { token: health, body: { version: ok.body.version } }),
      403,
    );

    const current = (await t.request('GET', `/api/v1/trackings/${tracking.id}`, { token: finance })).body;
    expect(current.actions).toEqual(['review']);
    const reviewed = await t.request('POST', `/api/v1/trackings/${tracking.id}/review`, {
      token: finance,
      body: { version: current.version, comment: '同意调减' },
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ reviewStatus: 'reviewed', reviewComment: '同意调减', actions: [] });
    const suggestions = await t.request('GET', `/api/v1/trackings/adjustment-suggestions?year=2022&pageSize=100`, { token: health });
    expect(suggestions.body.items.filter((s: any) => s.trackingId === tracking.id)).toEqual([
      expect.objectContaining({ kind: 'adjust', amount: '2000000.00', reason: '部分采购取消', status: 'open', projectId }),
    ]);
    const eduSees = await t.request('GET', `/api/v1/trackings/adjustment-suggestions?pageSize=100`, { token: edu });
    expect(eduSees.body.items.some((s: any) => s.trackingId === tracking.id)).toBe(false);
    expectProblem(
      await t.request('POST', `/api/v1/trackings/${tracking.id}/review`, { token: finance, body: { version: reviewed.body.version } }),
      409,
      'TRACKING_REVIEWED',
    );
  });

  it('uses the approved adjusted budget from its date on, and keeps its history', async () => {
    const { projectId } = await projectWithTarget(healthOrg);
    const add = (token: string, body: object) =>
      t.request('POST', `/api/v1/trackings/projects/${projectId}/budget-adjustments`, { token, body });
    expect((await add(health, { amount: '5000000.00', approvedOn: '2022-06-01', reason: '调减' })).status).toBe(403);
    expectProblem(await add(finance, { amount: '0', approvedOn: '2022-06-01', reason: '调减' }), 400, 'VALIDATION_FAILED');
    const first = await add(finance, { amount: '5000000.00', approvedOn: '2022-06-01', reason: '年中调减' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amount: '5000000.00', approvedOn: '2022-06-01', createdByName: expect.any(String) });
    await add(finance, { amount: '4000000.00', approvedOn: '2022-09-01', reason: '再次调减' });

    const before = await post(health, projectId, { asOf: '2022-05-31', executedAmount: '2500000.00' });
    expect(before.body).toMatchObject({ base: 'budget', baseAmount: '10000000.00', executionRate: '25.00' });
    const after = await post(health, projectId, { asOf: '2022-06-30', executedAmount: '2500000.00' });
    expect(after.body).toMatchObject({ base: 'adjusted_budget', baseAmount: '5000000.00', executionRate: '50.00' });
    const history = await t.request('GET', `/api/v1/trackings/projects/${projectId}/budget-adjustments`, { token: health });
    expect(history.body).toMatchObject({ projectId, budgetAmount: '10000000.00', adjustedBudget: '4000000.00' });
    expect(history.body.items.map((h: any) => [h.amount, h.approvedOn])).toEqual([
      ['4000000.00', '2022-09-01'],
      ['5000000.00', '2022-06-01'],
    ]);
  });

  it('lists every project and policy of the year with where it stands, and sums up the dashboard in scope', async () => {
    const tracked = await projectWithTarget(healthOrg);
    const pending = await projectWithTarget(healthOrg, 'submitted');
    await post(health, tracked.projectId, {
      asOf: '2022-05-31',
      executedAmount: '3000000.00',
      fundSources: [{ source: 'direct_funds', amount: '3000000.00' }],
    });
    const coverage = await t.request('GET', `/api/v1/trackings/coverage?year=2022&organizationId=${healthOrg}&pageSize=100`, {
      token: health,
    });
    expect(coverage.status).toBe(200);
    const row = (id: string) => coverage.body.items.find((i: any) => i.projectId === id);
    expect(row(tracked.projectId)).toMatchObject({
      state: 'tracked',
      due: '2022-08-31',
      trackings: 1,
      lastAsOf: '2022-05-31',
      lastExecutionRate: '30.00',
    });
    expect(row(pending.projectId)).toMatchObject({ state: 'not_trackable', targetStatus: 'submitted' });
    const s = coverage.body.summary;
    expect(s.total).toBe(s.tracked + s.due + s.overdue + s.not_trackable);
    expect(coverage.body.total).toBe(s.total);
    // Every health project and policy of 2022 is counted, whatever its state.
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM projects p JOIN organizations o ON o.id = p.organization_id
        WHERE p.year = 2022 AND p.kind IN ('project', 'policy') AND (o.id = $1 OR o.parent_id = $1)`,
      [healthOrg],
    );
    expect(s.total).toBe(n);
    const onlyOverdue = await t.request('GET', `/api/v1/trackings/coverage?year=2022&state=overdue&pageSize=100`, { token: health });
    expect(onlyOverdue.body.items.every((i: any) => i.state === 'overdue')).toBe(true);
    expect(onlyOverdue.body.total).toBe(onlyOverdue.body.summary.overdue);
    const edu2 = await t.request('GET', `/api/v1/trackings/coverage?year=2022&pageSize=100`, { token: edu });
    expect(edu2.body.items.some((i: any) => i.projectId === tracked.projectId)).toBe(false);
    expectProblem(await t.request('GET', `/api/v1/trackings/coverage?year=2022&sort=budget`, { token: health }), 400, 'VALIDATION_FAILED');
    const capped = await t.request('GET', `/api/v1/trackings/coverage?pageSize=100000`, { token: finance });
    expect({ status: capped.status, body: capped.status === 200 ? 'ok' : capped.body }).toEqual({ status: 200, body: 'ok' });

    const dash = await t.request('GET', '/api/v1/trackings/dashboard?year=2022', { token: health });
    expect(dash.status).toBe(200);
    expect(dash.body.timeProgress).toBe('100.00');
    expect(dash.body.items.map((o: any) => o.organizationId)).toEqual([healthOrg]);
    expect(dash.body.total).toBe(1);
    expect(dash.body.summary.organizations).toBe(1);
    expect(dash.body.summary.budgetAmount).toBe(dash.body.items[0].budgetAmount);
    expect(dash.body.summary.warnings.map((w: any) => w.code)).toEqual(expect.arrayContaining(['EXECUTION_BELOW_CHECKPOINT']));
    expect(dash.body.summary.fundSources.find((f: any) => f.source === 'direct_funds').projects).toBeGreaterThanOrEqual(1);
    const financeDash = await t.request('GET', '/api/v1/trackings/dashboard?year=2022', { token: finance });
    expect(financeDash.body.items.length).toBeGreaterThan(1);
    expect(financeDash.body.total).toBe(financeDash.body.summary.organizations);
    expect(financeDash.body.items.map((o: any) => o.organizationCode)).toEqual(
      [...financeDash.body.items.map((o: any) => o.organizationCode)].sort(),
    );
    // one kind at a time, sorted by the execution rate (no rate last), a bad sort refused
    const towns = await t.request('GET', '/api/v1/trackings/dashboard?year=2022&kind=town&sort=executionRate', { token: finance });
    expect(towns.status).toBe(200);
    expect(towns.body.items.length).toBeGreaterThan(0);
    expect(new Set(towns.body.items.map((o: any) => o.organizationKind))).toEqual(new Set(['town']));
    expect(towns.body.total).toBe(financeDash.body.summary.towns);
    const rates = towns.body.items
      .map((o: any) => o.executionRate)
      .filter((r: string | null) => r !== null)
      .map(Number);
    expect(rates).toEqual([...rates].sort((x, y) => x - y));
    expectProblem(
      await t.request('GET', '/api/v1/trackings/dashboard?year=2022&kind=village', { token: finance }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await t.request('GET', '/api/v1/trackings/dashboard?year=2022&sort=warnings', { token: finance }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
