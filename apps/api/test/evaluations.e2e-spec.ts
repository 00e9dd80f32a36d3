/**
 * Evaluations (issue 9), the fixed points and the self-evaluation round: `POST
 * /api/v1/evaluations/projects/{projectId}` with `{ kind }` starts one pre-filled from the approved
 * target and the last tracking; the score (decimal string) and grade are computed from the actual
 * values with the evaluated year's profile, never typed; a unit's submitted self-evaluation counts
 * once its department confirms it; `GET /api/v1/evaluations?year=&kind=` lists under the caller's scope.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_POLICY_PROFILE,
  financeKeyRankOrderSql,
  financeKeyScoreFromCriteriaSql,
  GRADES,
  rankFinanceKeyCandidates,
  type FinanceKeyCandidate,
} from '@jixiao/domain';
import { startTestApp, TestApp } from './support/test-app';
import { checksum, orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';
import { statementsDuring } from './support/statements';

let seq = 0;

describe('evaluations', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  let edu: string;
  let eduUnit: string;
  let healthOrg: string;
  let eduUnitOrg: string;

  beforeAll(async () => {
    // no audit sealing on a timer: its statements would be counted with a request's
    t = await startTestApp({ AUDIT_SEAL_INTERVAL_SECONDS: '0' });
    [finance, health, edu, eduUnit] = await Promise.all([t.login('finance'), t.login('health'), t.login('edu'), t.login('edu-unit')]);
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    eduUnitOrg = await orgIdByName(t, '青浦区实验中学');
    // The 2021 round is done in 2022: the 2021 profile gives weights and grades, the 2022 one the deadline.
    const has2021 = await t.sql(`SELECT 1 FROM policy_profiles WHERE year = 2021`);
    if (!has2021.length) {
      const copied = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year: 2021, copyFromYear: 2022 } });
      expect(copied.status).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  /** A 2021 project of `orgId` with an approved target of four indicators, and a tracking read in December. */
  async function evaluable(orgId: string, status = 'approved', opts: { kind?: string; key?: boolean } = {}) {
    const code = `EV-${process.pid}-${++seq}`;
    const [project] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, manual_key_basis, manual_key_reason)
       VALUES (2021, $1, $2, $3, $4, '1000000.00', $5, $6) RETURNING id`,
      [code, `评价测试项目 ${seq}`, opts.kind ?? 'project', orgId, opts.key ? 'DISTRICT_PRIORITY' : null, opts.key ? '区重点任务' : null],
    );
    const [target] = await t.sql<{ id: string }>(
      `INSERT INTO targets (project_id, organization_id, year, overall_goal, annual_goals, status, approved_at)
       VALUES ($1, $2, 2021, '开展讲座 120 场', '[]'::jsonb, $3::varchar, CASE WHEN $3::varchar = 'approved' THEN '2021-03-01T09:00:00+08:00'::timestamptz END) RETURNING id`,
      [project.id, orgId, status],
    );
    const indicators = await t.sql<{ id: string }>(
      `INSERT INTO target_indicators (target_id, sort_order, level1, level2, name, comparison, value, unit, weight) VALUES
         ($1, 0, 'output', 'quantity', '讲座场次', '>=', '120', '场', 30),
         ($1, 1, 'cost', 'economic_cost', '讲座总成本', '<=', '80', '万元', 20),
         ($1, 2, 'effect', 'social', '知晓率', '>=', '80', '%', 30),
         ($1, 3, 'satisfaction', 'recipient_satisfaction', '群众满意', 'qualitative', '群众反映良好', NULL, 20)
       RETURNING id`,
      [target.id],
    );
    const [tracking] = await t.sql<{ id: string }>(
      `INSERT INTO trackings (project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate, round, round_due, created_by_id)
       VALUES ($1, $2, 2021, '2021-12-31', '900000.00', 'budget', '1000000.00', '90.00', 'first_tracking', '2021-08-31', NULL) RETURNING id`,
      [project.id, orgId],
    );
    await t.sql(
      `INSERT INTO tracking_indicator_readings (tracking_id, target_indicator_id, sort_order, indicator, value_so_far)
       VALUES ($1, $2, 0, '{"name":"讲座场次","level1":"output","comparison":">=","value":"120","unit":"场","weight":"30"}'::jsonb, '110')`,
      [tracking.id, indicators[0].id],
    );
    return { projectId: project.id, indicatorIds: indicators.map((i) => i.id) };
  }

  const start = (token: string, projectId: string, kind = 'self') =>
    t.request('POST', `/api/v1/evaluations/projects/${projectId}`, { token, body: { kind } });

  it('scores a unit’s self-evaluation live, wants explanations, and counts it once the department confirms', async () => {
    const { projectId, indicatorIds } = await evaluable(eduUnitOrg);
    const started = await start(eduUnit, projectId);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      kind: 'self',
      year: 2021,
      workYear: 2022,
      status: 'draft',
      executedAmount: '900000.00',
      executionRate: '90.00',
    });
    expect(started.body.due).toEqual({ rule: 'R11', due: '2022-03-31' });
    // Started, not saved: the score is that of the pre-filled values, and savedAt says so.
    expect(started.body.savedAt).toBeNull();
    expect(started.body.spotCheck).toBeNull();
    // Pre-filled from the last tracking.
    expect(started.body.indicators.map((i: any) => [i.name, i.actual])).toEqual([
      ['讲座场次', '110'],
      ['讲座总成本', null],
      ['知晓率', null],
      ['群众满意', null],
    ]);

    const saved = await t.request('PUT', `/api/v1/evaluations/${started.body.id}`, {
      token: eduUnit,
      body: {
        version: started.body.version,
        executedAmount: '980000.00',
        indicators: [
          { targetIndicatorId: indicatorIds[0], actual: '120' },
          { targetIndicatorId: indicatorIds[1], actual: '100' },
          { targetIndicatorId: indicatorIds[2], actual: '80' },
          { targetIndicatorId: indicatorIds[3], band: 'achieved' },
        ],
      },
    });
    expect(saved.status).toBe(200);
    // Execution 10 × 98 %; output 50 shared 30 : 20 → 30 + 20 × (80 ÷ 100); effect 30; satisfaction 10 × 100 %.
    expect(saved.body).toMatchObject({ executionRate: '98.00', score: '95.80', grade: 'excellent' });
    expect(Date.parse(saved.body.savedAt)).toBeGreaterThanOrEqual(Date.parse(started.body.createdAt));
    expect(GRADES).toContain(saved.body.grade);
    const costLine = saved.body.breakdown.lines.find((l: any) => l.key === indicatorIds[1]);
    expect(costLine).toMatchObject({ rule: 'N2', basis: 'at_most', degree: '80.00', fullyAchieved: false });
    expect(saved.body.breakdown.needsExplanation).toEqual([indicatorIds[1]]);

    // Not fully achieved and not explained: refused, listing the indicator; nothing changes.
    const before = await checksum(t);
    const incomplete = await t.request('POST', `/api/v1/evaluations/${started.body.id}/submit`, {
      token: eduUnit,
      body: { version: saved.body.version },
    });
    expectProblem(incomplete, 400, 'EVALUATION_INCOMPLETE');
    expect(incomplete.body.errors.map((e: any) => e.code)).toContain('EXPLANATION_REQUIRED');
    expect(await checksum(t)).toEqual(before);

    const explained = await t.request('PUT', `/api/v1/evaluations/${started.body.id}`, {
      token: eduUnit,
      body: {
        version: saved.body.version,
        indicators: [{ targetIndicatorId: indicatorIds[1], explanation: '场地租金上涨' }],
        summary: '总体完成',
      },
    });
    expect(explained.status).toBe(200);
    const submitted = await t.request('POST', `/api/v1/evaluations/${started.body.id}/submit`, {
      token: eduUnit,
      body: { version: explained.body.version },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', score: '95.80', grade: 'excellent' });
    // Submitted: no more edits.
    expectProblem(
      await t.request('PUT', `/api/v1/evaluations/${started.body.id}`, {
        token: eduUnit,
        body: { version: submitted.body.version, summary: 'x' },
      }),
      409,
      'EVALUATION_NOT_EDITABLE',
    );
    // The unit cannot confirm its own; the department returns without a comment: refused.
    expect(
      (
        await t.request('POST', `/api/v1/evaluations/${started.body.id}/review`, {
          token: eduUnit,
          body: { version: submitted.body.version, decision: 'confirm' },
        })
      ).status,
    ).toBe(403);
    expectProblem(
      await t.request('POST', `/api/v1/evaluations/${started.body.id}/review`, {
        token: edu,
        body: { version: submitted.body.version, decision: 'return' },
      }),
      400,
      'EVALUATION_RETURN_COMMENT_REQUIRED',
    );
    const confirmed = await t.request('POST', `/api/v1/evaluations/${started.body.id}/review`, {
      token: edu,
      body: { version: submitted.body.version, decision: 'confirm' },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'completed', score: '95.80', grade: 'excellent' });
    expect(confirmed.body.completedAt).toEqual(expect.any(String));
    const audit = await t.sql<{ action: string }>(
      `SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success' ORDER BY seq`,
      [started.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'evaluation.create',
      'evaluation.save',
      'evaluation.save',
      'evaluation.submit',
      'evaluation.pre_review',
    ]);
  });

  it('lists under the caller’s scope: a unit sees its own, another department never', async () => {
    const { projectId } = await evaluable(eduUnitOrg);
    const ev = await start(eduUnit, projectId);
    expect(ev.status).toBe(201);
    const mine = await t.request('GET', `/api/v1/evaluations?year=2021&kind=self`, { token: eduUnit });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: any) => i.id)).toContain(ev.body.id);
    expect(mine.body.items.every((i: any) => i.organizationId === eduUnitOrg)).toBe(true);
    const other = await t.request('GET', `/api/v1/evaluations?year=2021`, { token: health });
    expect(other.body.items.map((i: any) => i.id)).not.toContain(ev.body.id);
    expect((await t.request('GET', `/api/v1/evaluations/${ev.body.id}`, { token: health })).status).toBe(404);
    const all = await t.request('GET', `/api/v1/evaluations?year=2021&kind=self`, { token: finance });
    expect(all.body.items.map((i: any) => i.id)).toContain(ev.body.id);
    // `in_progress` is the coverage's "in progress": draft or returned, never submitted or completed.
    const open = await t.request('GET', `/api/v1/evaluations?year=2021&kind=self&status=in_progress&pageSize=200`, { token: finance });
    expect(open.status).toBe(200);
    expect(open.body.items.map((i: any) => i.id)).toContain(ev.body.id);
    expect(open.body.items.every((i: any) => ['draft', 'returned'].includes(i.status))).toBe(true);
    const completed = await t.request('GET', `/api/v1/evaluations?year=2021&kind=self&status=completed&pageSize=200`, { token: finance });
    expect(completed.body.items.map((i: any) => i.id)).not.toContain(ev.body.id);
  });

  it('orders by the project code copied onto each evaluation, which follows a change of the code at once', async () => {
    const drift = `SELECT e.id FROM evaluations e JOIN projects p ON p.id = e.project_id WHERE e.project_code IS DISTINCT FROM p.code`;
    expect(await t.sql(drift)).toEqual([]);
    const [one] = await t.sql<{ id: string; project_id: string; code: string }>(
      `SELECT e.id, e.project_id, p.code FROM evaluations e JOIN projects p ON p.id = e.project_id
        WHERE e.kind = 'self' AND e.year = 2021 ORDER BY p.code DESC LIMIT 1`,
    );
    const first = async () =>
      (await t.request('GET', `/api/v1/evaluations?year=2021&kind=self&sort=projectCode&pageSize=1`, { token: finance })).body.items[0]?.id;
    expect(await first()).not.toBe(one.id);
    await t.sql(`UPDATE projects SET code = '0000-EV-FIRST' WHERE id = $1`, [one.project_id]);
    try {
      expect(await t.sql(drift)).toEqual([]);
      expect(await first()).toBe(one.id);
    } finally {
      await t.sql(`UPDATE projects SET code = $2 WHERE id = $1`, [one.project_id, one.code]);
    }
    expect(await t.sql(drift)).toEqual([]);
  });

  it('refuses what cannot be evaluated, twice, or by the wrong party', async () => {
    const { projectId: submittedOnly } = await evaluable(healthOrg, 'submitted');
    expectProblem(await start(health, submittedOnly), 409, 'EVALUATION_TARGET_NOT_APPROVED');
    const { projectId } = await evaluable(healthOrg);
    expect((await start(health, projectId)).status).toBe(201);
    const twice = await start(health, projectId);
    expectProblem(twice, 409, 'EVALUATION_EXISTS');
    expect(twice.body.id).toEqual(expect.any(String));
    // R14: finance key evaluations are the bureau's; R12: department evaluations are of key-list projects.
    expectProblem(await start(health, projectId, 'finance_key'), 403, 'EVALUATION_FINANCE_KEY_BY_BUREAU');
    expectProblem(await start(health, projectId, 'department'), 409, 'EVALUATION_NOT_KEY_PROJECT');
    expectProblem(await start(health, projectId, 'peer'), 400);
    // Another department's project is not found.
    expect((await start(edu, projectId)).status).toBe(404);
  });

  it('scores a department evaluation on the profile’s indicator system and completes it on submit', async () => {
    const { projectId } = await evaluable(healthOrg, 'approved', { key: true });
    const started = await start(health, projectId, 'department');
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ kind: 'department', score: null, grade: null });
    const items = started.body.breakdown.dimensions.flatMap((d: any) => d.items);
    expect(items.length).toBeGreaterThan(3);
    // Full marks everywhere but the first item, which gets half.
    const scores = items.map((i: any, n: number) => ({
      code: i.code,
      points: n === 0 ? (Number(i.maxPoints) / 2).toFixed(2) : i.maxPoints,
    }));
    const over = await t.request('PUT', `/api/v1/evaluations/${started.body.id}`, {
      token: health,
      body: { version: started.body.version, templateScores: [{ code: items[0].code, points: '999' }] },
    });
    expect(over.status).toBe(200);
    expect(over.body.breakdown.issues.map((i: any) => i.code)).toContain('OUT_OF_RANGE');
    const saved = await t.request('PUT', `/api/v1/evaluations/${started.body.id}`, {
      token: health,
      body: {
        version: over.body.version,
        templateScores: scores,
        findings: [{ finding: '绩效目标细化不足', basis: '财预〔2020〕10号', amount: '120000.00', suggestedMeasure: '细化年度指标' }],
      },
    });
    expect(saved.status).toBe(200);
    const expected = (100 - Number(items[0].maxPoints) / 2).toFixed(2);
    expect(saved.body.score).toBe(expected);
    expect(saved.body.findings).toEqual([
      expect.objectContaining({ finding: '绩效目标细化不足', amount: '120000.00', suggestedMeasure: '细化年度指标' }),
    ]);
    const done = await t.request('POST', `/api/v1/evaluations/${started.body.id}/submit`, {
      token: health,
      body: { version: saved.body.version },
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    // The finished department evaluation is recorded by project code and feeds the R4 planner.
    const records = await t.sql<{ kind: string; score: string; grade: string; source: string; evaluator: string }>(
      `SELECT kind, score::text AS score, grade, source, evaluator FROM evaluation_records WHERE evaluation_id = $1`,
      [started.body.id],
    );
    expect(records).toEqual([
      { kind: 'department', score: expected, grade: done.body.grade, source: 'evaluation', evaluator: '区卫生健康委员会' },
    ]);
    const project = await t.request('GET', `/api/v1/projects/${projectId}`, { token: health });
    expect(project.body.lastKeyEvaluationYear).toBe(2021);
    const unknown = await t.request('PUT', `/api/v1/evaluations/${started.body.id}`, {
      token: health,
      body: { version: done.body.version, templateScores: [{ code: 'nope', points: '1' }] },
    });
    expect(unknown.status).toBe(409);
  });

  it('shows self-evaluation coverage for every department and town, and a unit its own', async () => {
    const { projectId } = await evaluable(eduUnitOrg);
    await start(eduUnit, projectId);
    const all = await t.request('GET', '/api/v1/evaluations/coverage?year=2021&pageSize=200', { token: finance });
    expect(all.status).toBe(200);
    // a page of the departments and towns; the summary counts all of them
    expect(all.body).toMatchObject({ total: all.body.items.length, totalExact: true, hasMore: false });
    const sum = (f: string) => all.body.items.reduce((n: number, i: any) => n + i[f], 0);
    expect(all.body.summary).toEqual({
      organizations: all.body.items.length,
      due: sum('due'),
      notStarted: sum('notStarted'),
      inProgress: sum('inProgress'),
      submitted: sum('submitted'),
      completed: sum('completed'),
    });
    const walked: string[] = [];
    for (let page = await t.request('GET', '/api/v1/evaluations/coverage?year=2021&pageSize=3', { token: finance }); ;) {
      expect(page.body.summary).toEqual(all.body.summary);
      walked.push(...page.body.items.map((i: any) => i.organizationId));
      if (!page.body.hasMore) break;
      page = await t.request('GET', `/api/v1/evaluations/coverage?year=2021&pageSize=3&cursor=${page.body.nextCursor}`, { token: finance });
    }
    expect(walked).toEqual(all.body.items.map((i: any) => i.organizationId));
    const byDue = await t.request('GET', '/api/v1/evaluations/coverage?year=2021&pageSize=200&sort=-due', { token: finance });
    const dues = byDue.body.items.map((i: any) => i.due);
    expect(dues).toEqual([...dues].sort((a, b) => b - a));
    expect(all.body.due).toEqual({ rule: 'R11', due: '2022-03-31' });
    const kinds = new Set(all.body.items.map((i: any) => i.organizationKind));
    expect([...kinds].sort()).toEqual(['department', 'town']);
    const eduRow = all.body.items.find((i: any) => i.organizationName === '区教育局');
    expect(eduRow.due).toBeGreaterThanOrEqual(1);
    expect(eduRow.due).toBe(eduRow.notStarted + eduRow.inProgress + eduRow.submitted + eduRow.completed);
    expect(eduRow.inProgress).toBeGreaterThanOrEqual(1);
    const own = await t.request('GET', '/api/v1/evaluations/coverage?year=2021', { token: eduUnit });
    expect(own.body.items.map((i: any) => i.organizationId)).toEqual([eduUnitOrg]);
  });

  it('scores and orders finance key candidates in SQL (from the JSON criteria of the profile) exactly as rankFinanceKeyCandidates does', async () => {
    let seed = 1201;
    const next = () => {
      seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const profiles = [
      DEFAULT_POLICY_PROFILE,
      {
        ...DEFAULT_POLICY_PROFILE,
        evaluation: {
          ...DEFAULT_POLICY_PROFILE.evaluation,
          financeKeyCriteria: {
            lastYearExecution: { weight: 33.3, fullAtOrBelowPct: 45.5, zeroAtOrAbovePct: 97 },
            managementChain: { weight: 26.7, zeroAtOrBelowLevels: 0, fullAtOrAboveLevels: 7 },
            livelihood: { weight: 15 },
            publicAttention: { weight: 25, pct: { high: 100, medium: 33.3, low: 10 } },
          },
        },
      },
    ];
    for (const profile of profiles) {
      const candidates: FinanceKeyCandidate[] = Array.from({ length: 300 }, (_, i) => ({
        key: randomUUID(),
        code: pick(['A-1', 'a-1', 'B-2', 'Z', '甲-1', 'A-10']) + (i % 7 === 0 ? '' : `-${i % 5}`),
        budgetAmount: pick(['1000.00', '1000.00', '2500.50', '99.99']),
        lastYearExecutionRate: next() < 0.2 ? null : (Math.floor(next() * 12000) / 100).toFixed(2),
        managementChainLevels: next() < 0.2 ? null : Math.floor(next() * 9),
        isLivelihood: next() < 0.5,
        publicAttention: pick(['high', 'medium', 'low'] as const),
      }));
      const expected = rankFinanceKeyCandidates(candidates, profile).map((r) => [r.candidate.key, r.score]);
      const values = candidates
        .map(
          (c) =>
            `('${c.key}'::uuid, '${c.code}', ${c.budgetAmount}::numeric, ${c.lastYearExecutionRate ?? 'NULL'}::numeric, ${c.managementChainLevels ?? 'NULL'}::int, ${c.isLivelihood}, '${c.publicAttention}')`,
        )
        .join(', ');
      // The score the stored column's triggers compute: the criteria read from the profile's JSON.
      const fromJson = financeKeyScoreFromCriteriaSql(
        { executionRate: 'c.rate', managementChainLevels: 'c.levels', isLivelihood: 'c.livelihood', publicAttention: 'c.attention' },
        '$1::jsonb',
      );
      const gotFromJson = await t.sql<{ id: string; score: string }>(
        `SELECT s.id, s.score::text AS score FROM (SELECT c.*, ${fromJson} AS score
           FROM (VALUES ${values}) AS c(id, code, budget, rate, levels, livelihood, attention)) s
          ORDER BY ${financeKeyRankOrderSql({ score: 's.score', budgetAmount: 's.budget', code: 's.code', id: 's.id' })}`,
        [JSON.stringify(profile.evaluation.financeKeyCriteria)],
      );
      expect(gotFromJson.map((r) => [r.id, r.score])).toEqual(expected);
    }
  });

  it('ranks finance key candidates from data, and the bureau selects ten with an override and its reason', async () => {
    // Enough 2021 candidates that the ranking has an eleventh: low execution and livelihood rank first.
    for (let i = 0; i < 12; i++) {
      const { projectId } = await evaluable(i % 2 ? healthOrg : eduUnitOrg);
      await t.sql(`UPDATE trackings SET execution_rate = $2 WHERE project_id = $1`, [projectId, (40 + i * 5).toFixed(2)]);
      await t.sql(`UPDATE projects SET is_livelihood = $2, public_attention = $3, management_chain_levels = $4 WHERE id = $1`, [
        projectId,
        i % 3 === 0,
        i % 4 === 0 ? 'high' : 'low',
        1 + (i % 4),
      ]);
    }
    expect((await t.request('GET', '/api/v1/evaluations/finance-key/candidates?year=2021', { token: health })).status).toBe(403);
    const ranked = await t.request('GET', '/api/v1/evaluations/finance-key/candidates?year=2021&pageSize=100', { token: finance });
    expect(ranked.status).toBe(200);
    expect(ranked.body).toMatchObject({ year: 2021, required: 10, selection: null });
    expect(ranked.body.total).toBeGreaterThanOrEqual(12);
    const items = ranked.body.items;
    expect(items.map((i: any) => i.rank)).toEqual(items.map((_: unknown, n: number) => n + 1));
    expect(items[0].criteria.map((c: any) => c.criterion)).toEqual([
      'last_year_execution',
      'management_chain',
      'livelihood',
      'public_attention',
    ]);
    expect(items[0].criteria[0].message).toContain('R14');
    // Scores never rise down the ranking.
    for (let n = 1; n < items.length; n++) expect(Number(items[n].score)).toBeLessThanOrEqual(Number(items[n - 1].score));
    // paged by cursor, the ranking goes on where the page before ended
    const firstFive = await t.request('GET', '/api/v1/evaluations/finance-key/candidates?year=2021&pageSize=5', { token: finance });
    const nextFive = await t.request(
      'GET',
      `/api/v1/evaluations/finance-key/candidates?year=2021&pageSize=5&cursor=${firstFive.body.nextCursor}`,
      {
        token: finance,
      },
    );
    expect([...firstFive.body.items, ...nextFive.body.items].map((i: any) => [i.projectId, i.rank, i.score])).toEqual(
      items.slice(0, 10).map((i: any) => [i.projectId, i.rank, i.score]),
    );
    expect(nextFive.body.prevCursor).toEqual(expect.any(String));
    expect(items.filter((i: any) => i.withinCount)).toHaveLength(10);

    const first = items[0];
    const eleventh = items[10];
    const noReason = await t.request('POST', '/api/v1/evaluations/finance-key/selection', {
      token: finance,
      body: {
        year: 2021,
        overrides: [
          { projectId: eleventh.projectId, action: 'add', reason: ' ' },
          { projectId: first.projectId, action: 'remove', reason: '已列入审计' },
        ],
      },
    });
    expectProblem(noReason, 400, 'VALIDATION_FAILED');
    expect(noReason.body.errors.map((e: any) => [e.field, e.code])).toEqual([['overrides.0.reason', 'REASON_REQUIRED']]);
    const eleven = await t.request('POST', '/api/v1/evaluations/finance-key/selection', {
      token: finance,
      body: { year: 2021, overrides: [{ projectId: eleventh.projectId, action: 'add', reason: '群众来信集中' }] },
    });
    expectProblem(eleven, 400, 'VALIDATION_FAILED');
    expect(eleven.body.errors.map((e: any) => e.code)).toEqual(['COUNT_MISMATCH']);
    expect(await t.sql(`SELECT 1 FROM finance_key_selections WHERE year = 2021`)).toHaveLength(0);

    const chosen = await t.request('POST', '/api/v1/evaluations/finance-key/selection', {
      token: finance,
      body: {
        year: 2021,
        overrides: [
          { projectId: eleventh.projectId, action: 'add', reason: '群众来信集中' },
          { projectId: first.projectId, action: 'remove', reason: '审计局已于 2022 年审计' },
        ],
      },
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.selected).toHaveLength(10);
    expect(chosen.body.selected.find((s: any) => s.projectId === eleventh.projectId)).toMatchObject({
      via: 'override',
      reason: '群众来信集中',
    });
    expect(chosen.body.selected.map((s: any) => s.projectId)).not.toContain(first.projectId);
    expect(chosen.body.removed).toEqual([
      {
        projectId: first.projectId,
        projectCode: first.projectCode,
        projectName: first.projectName,
        organizationName: first.organizationName,
        rank: 1,
        reason: '审计局已于 2022 年审计',
      },
    ]);
    expect(chosen.body.createdByName).toEqual(expect.any(String));
    expect(chosen.body.selected.every((s: any) => typeof s.evaluationId === 'string')).toBe(true);
    const started = await t.sql(`SELECT 1 FROM evaluations WHERE kind = 'finance_key' AND project_id = ANY($1::uuid[])`, [
      chosen.body.selected.map((s: any) => s.projectId),
    ]);
    expect(started).toHaveLength(10);
    expect(await t.sql(`SELECT 1 FROM audit_logs WHERE action = 'evaluation.finance_key_select'`)).toHaveLength(1);
    expectProblem(
      await t.request('POST', '/api/v1/evaluations/finance-key/selection', { token: finance, body: { year: 2021 } }),
      409,
      'FINANCE_KEY_ALREADY_SELECTED',
    );
    // the ranking with its selection: the selection as it was answered, read in the page statement
    // (issue 10: one statement — the page, with the number of candidates and the selection in its head,
    // which also confirms the caller resolved by the read before — also for an empty page)
    const read = async (url: string) => {
      let res: any;
      const statements = await statementsDuring(async () => (res = await t.request('GET', url, { token: finance })));
      return { body: res.body, statements: statements.length };
    };
    await read('/api/v1/evaluations/finance-key/candidates?year=2021&pageSize=1');
    const after = await read('/api/v1/evaluations/finance-key/candidates?year=2021&pageSize=1');
    expect(after.body.selection).toEqual(chosen.body);
    expect(after.statements).toBe(1);
    const further = await read(`/api/v1/evaluations/finance-key/candidates?year=2021&pageSize=1&cursor=${after.body.nextCursor}`);
    expect([further.body.items[0].rank, further.statements]).toEqual([2, 1]);
    expect(further.body.selection).toEqual(chosen.body);
    const beyond = await read('/api/v1/evaluations/finance-key/candidates?year=2021&page=500&pageSize=10');
    expect([beyond.body.items, beyond.statements]).toEqual([[], 1]);
    expect(beyond.body.selection).toEqual(chosen.body);
    expect([beyond.body.total, beyond.body.totalExact]).toEqual([after.body.total, true]);
    expect(after.body.total).toBe(
      Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM projects WHERE year = 2021 AND target_status = 'approved'`))[0].n),
    );
    const whole = await t.request('GET', '/api/v1/evaluations/finance-key/candidates?year=2021&pageSize=100', { token: finance });
    expect(whole.body.items).toEqual(items);
  });
});
