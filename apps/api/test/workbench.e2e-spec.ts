/**
 * The workbench (issue 7, "A workbench, not a greeting"): for finance, a department, a unit, an
 * expert and the auditor, every item's count is the number of rows the list behind its link shows
 * to the same caller (the list route called with the link's query), items appear only with the
 * permission of that list, counts follow the caller's data scope, and the working year's deadlines
 * are dated by the calendar rule (libs/domain) for the caller's sector.
 */
import { daysUntil, shanghaiDate } from '@jixiao/domain';
import { startTestApp, TestApp } from './support/test-app';
import { orgIdByName, userIdByName } from './support/db-state';

/** A target that passes the quality check (as in targets.e2e-spec.ts). */
const goodContent = () => ({
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

/** The API list behind each SPA route a workbench link names. */
const LIST_OF_ROUTE: Record<string, string> = {
  targets: '/api/v1/targets',
  'target-change-requests': '/api/v1/targets/change-requests',
  'key-project-lists': '/api/v1/key-project-lists',
  'pre-assessments': '/api/v1/pre-assessments',
  'indicator-proposals': '/api/v1/indicators/proposals',
  'target-reviews-mine': '/api/v1/target-reviews/mine',
  'budget-gate': '/api/v1/budget-gate',
  projects: '/api/v1/projects',
  trackings: '/api/v1/trackings',
  'tracking-coverage': '/api/v1/trackings/coverage',
  evaluations: '/api/v1/evaluations',
};

interface Link {
  route: string;
  query: Record<string, string>;
}
interface Item {
  key: string;
  labelZh: string;
  labelEn: string;
  count: number;
  countExact?: boolean;
  total?: number;
  percent?: number | null;
  link: Link;
}

let seq = 0;

describe('workbench', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  let edu: string;
  let eduUnit: string;
  let expert: string;
  let auditor: string;
  let healthOrg: string;
  let healthUnitOrg: string;
  let eduOrg: string;
  let eduUnitOrg: string;
  let expertUserId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [finance, health, edu, eduUnit, expert, auditor] = await Promise.all(
      ['finance', 'health', 'edu', 'edu-unit', 'expert', 'auditor'].map((u) => t.login(u)),
    );
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    healthUnitOrg = await orgIdByName(t, '青浦区中心医院');
    eduOrg = await orgIdByName(t, '区教育局');
    eduUnitOrg = await orgIdByName(t, '青浦区实验中学');
    expertUserId = await userIdByName(t, 'expert');
  });
  afterAll(async () => t?.close());

  const workbench = async (token: string) => {
    const res = await t.request('GET', '/api/v1/workbench', { token });
    expect(res.status).toBe(200);
    return res.body as {
      year: number;
      today: string;
      dueSoonDays: number;
      hasProfile: boolean;
      todo: Item[];
      coverage: Item[];
      deadlines: any[];
    };
  };
  const item = (items: Item[], key: string) => items.find((i) => i.key === key);
  const keys = (items: Item[]) => items.map((i) => i.key);

  /** The rows the linked list shows to the same caller. */
  const rowsBehind = async (token: string, link: Link): Promise<number> => {
    const path = LIST_OF_ROUTE[link.route];
    if (!path) throw new Error(`no list known for route ${link.route}`);
    const query = new URLSearchParams({ ...link.query, pageSize: '1' });
    const res = await t.request('GET', `${path}?${query}`, { token });
    expect({ link, status: res.status }).toEqual({ link, status: 200 });
    return res.body.total as number;
  };

  /** Every todo count equals the rows its list shows; every coverage count too, and its total the year's projects or lists. */
  const expectCountsMatchLists = async (token: string) => {
    const wb = await workbench(token);
    for (const i of wb.todo.filter((x) => x.link.route !== 'key-project-list-mine')) {
      expect({ key: i.key, count: i.count, exact: i.countExact }).toEqual({
        key: i.key,
        count: await rowsBehind(token, i.link),
        exact: true,
      });
    }
    for (const c of wb.coverage) {
      expect({ key: c.key, count: c.count }).toEqual({ key: c.key, count: await rowsBehind(token, c.link) });
      expect(c.total).toBeGreaterThan(0);
      expect(c.percent).toBe(Math.round((c.count / c.total!) * 10000) / 100);
    }
    // the monitoring and self-evaluation shares' totals (read from the stored counts) are their coverage pages' summaries
    const summary = async (path: string) => {
      const res = await t.request('GET', path, { token });
      expect(res.status).toBe(200);
      return res.body.summary;
    };
    const tracked = item(wb.coverage, 'trackings.coverage');
    if (tracked) {
      const s = await summary(`/api/v1/trackings/coverage?year=${wb.year}&pageSize=1`);
      expect({ count: tracked.count, total: tracked.total }).toEqual({ count: s.tracked, total: s.tracked + s.due + s.overdue });
    }
    const selfEvaluated = item(wb.coverage, 'evaluations.self_coverage');
    if (selfEvaluated) {
      const s = await summary(`/api/v1/evaluations/coverage?year=${wb.year - 1}&pageSize=1`);
      expect({ count: selfEvaluated.count, total: selfEvaluated.total }).toEqual({ count: s.completed, total: s.due });
    }
    return wb;
  };

  const project = async (orgId: string, budget = '800000.00'): Promise<string> => {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
       VALUES (2022, $1, $2, 'project', $3, $4) RETURNING id`,
      [`WB-${process.pid}-${++seq}`, `工作台测试项目 ${seq}`, orgId, budget],
    );
    return row.id;
  };
  /** A target of the organization's new project, created and submitted by its owner. */
  const submittedTarget = async (token: string, orgId: string, budget?: string) => {
    const created = await t.request('POST', `/api/v1/targets/projects/${await project(orgId, budget)}`, { token, body: goodContent() });
    expect(created.status).toBe(201);
    const submitted = await t.request('POST', `/api/v1/targets/${created.body.id}/submit`, {
      token,
      body: { version: created.body.version },
    });
    expect(submitted.status).toBe(200);
    return submitted.body as { id: string; version: number; status: string };
  };

  it('gives finance the bureau’s work, each count the rows of the list it opens, and no owner items', async () => {
    await submittedTarget(health, healthOrg);
    const wb = await expectCountsMatchLists(finance);
    expect(wb.year).toBe(2022);
    expect(keys(wb.todo)).toEqual(
      expect.arrayContaining([
        'targets.to_review',
        'targets.expert_review',
        'targets.consultation_to_confirm',
        'targets.change_requests',
        'key_project_lists.to_file',
        'pre_assessments.to_conclude',
        'indicators.proposals',
      ]),
    );
    expect(keys(wb.todo)).not.toEqual(expect.arrayContaining(['targets.returned']));
    for (const k of [
      'targets.returned',
      'targets.pre_review',
      'target_reviews.assigned',
      'key_project_lists.to_submit',
      'pre_assessments.returned',
    ])
      expect(keys(wb.todo)).not.toContain(k);
    expect(item(wb.todo, 'targets.to_review')!.count).toBeGreaterThanOrEqual(1);
    expect(item(wb.todo, 'targets.to_review')!.link).toEqual({ route: 'targets', query: { status: 'submitted', year: '2022' } });
    expect(keys(wb.coverage)).toEqual(
      expect.arrayContaining([
        'key_project_lists.filed',
        'targets.approved',
        'budget_gate.ready',
        'trackings.coverage',
        'evaluations.self_coverage',
      ]),
    );
    // 双监控: the bureau reviews trackings; coverage counts the tracked of the trackable (R9).
    expect(keys(wb.todo)).toContain('trackings.to_review');
    expect(keys(wb.todo)).not.toContain('trackings.warnings_to_answer');
    expect(item(wb.todo, 'trackings.to_review')!.link).toEqual({
      route: 'trackings',
      query: { reviewStatus: 'pending', openWarnings: 'false', year: '2022' },
    });
    // Coverage totals: every project of the year, every active department and town.
    const [{ n: projects }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE year = 2022`);
    expect(item(wb.coverage, 'targets.approved')!.total).toBe(projects);
    expect(item(wb.coverage, 'budget_gate.ready')!.total).toBe(projects);
    const [{ n: listOrgs }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM organizations WHERE kind IN ('department', 'town') AND active`,
    );
    expect(item(wb.coverage, 'key_project_lists.filed')!.total).toBe(listOrgs);
    for (const i of [...wb.todo, ...wb.coverage]) {
      expect(i.labelZh).toMatch(/[\u4e00-\u9fa5]/);
      expect(i.labelEn).not.toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('follows a change: one more submitted target is one more for finance, none for another department', async () => {
    const before = item((await workbench(finance)).todo, 'targets.to_review')!.count;
    const eduPreReview = item((await workbench(edu)).todo, 'targets.pre_review')!.count;
    await submittedTarget(health, healthOrg);
    expect(item((await workbench(finance)).todo, 'targets.to_review')!.count).toBe(before + 1);
    expect(item((await workbench(edu)).todo, 'targets.pre_review')!.count).toBe(eduPreReview);
  });

  it('gives a department its units’ targets to pre-review and its own returned targets, within its subtree only', async () => {
    // A unit's target goes to its department first (谁批预算谁批目标); the department may write it within its subtree.
    const unitTarget = await submittedTarget(health, healthUnitOrg);
    expect(unitTarget.status).toBe('department_review');
    // One of edu's targets returned by finance: edu must see it, health must not.
    const eduTarget = await submittedTarget(edu, eduOrg);
    const returned = await t.request('POST', `/api/v1/targets/${eduTarget.id}/return`, {
      token: finance,
      body: { version: eduTarget.version, comment: '请细化产出指标' },
    });
    expect(returned.status).toBe(200);

    const wb = await expectCountsMatchLists(health);
    expect(item(wb.todo, 'targets.pre_review')!.count).toBeGreaterThanOrEqual(1);
    // 双监控: an owner answers its warnings (N7); it does not review trackings.
    expect(item(wb.todo, 'trackings.warnings_to_answer')!.link).toEqual({
      route: 'trackings',
      query: { openWarnings: 'true', year: '2022' },
    });
    expect(keys(wb.todo)).not.toContain('trackings.to_review');
    expect(item(wb.todo, 'targets.pre_review')!.link).toEqual({ route: 'targets', query: { status: 'department_review', year: '2022' } });
    for (const k of [
      'targets.to_review',
      'key_project_lists.to_file',
      'pre_assessments.to_conclude',
      'indicators.proposals',
      'targets.change_requests',
    ])
      expect(keys(wb.todo)).not.toContain(k);
    const [{ n: healthReturned }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM targets WHERE status = 'returned' AND year = 2022 AND organization_id IN
         (SELECT id FROM organizations WHERE id = $1 OR parent_id = $1)`,
      [healthOrg],
    );
    expect(item(wb.todo, 'targets.returned')!.count).toBe(healthReturned);

    const eduWb = await expectCountsMatchLists(edu);
    const [{ n: eduReturned }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM targets WHERE status = 'returned' AND year = 2022 AND organization_id IN
         (SELECT id FROM organizations WHERE id = $1 OR parent_id = $1)`,
      [eduOrg],
    );
    expect(eduReturned).toBeGreaterThanOrEqual(1);
    expect(item(eduWb.todo, 'targets.returned')!.count).toBe(eduReturned);
    // The department's own key project list of the working year, and the coverage of its own subtree.
    expect(item(wb.todo, 'key_project_lists.to_submit')).toMatchObject({
      link: { route: 'key-project-list-mine', query: { year: '2022' } },
    });
    const [{ n: healthProjects }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM projects WHERE year = 2022 AND organization_id IN
         (SELECT id FROM organizations WHERE id = $1 OR parent_id = $1)`,
      [healthOrg],
    );
    expect(item(wb.coverage, 'targets.approved')!.total).toBe(healthProjects);
    expect(item(wb.coverage, 'key_project_lists.filed')!.total).toBe(1);
  });

  it('gives a unit its own rows only: no pre-review, no key list to file', async () => {
    const target = await submittedTarget(eduUnit, eduUnitOrg);
    expect(target.status).toBe('department_review');
    const back = await t.request('POST', `/api/v1/targets/${target.id}/department-review/return`, {
      token: edu,
      body: { version: target.version, comment: '请补充满意度指标' },
    });
    expect(back.status).toBe(200);
    const wb = await expectCountsMatchLists(eduUnit);
    for (const k of ['targets.pre_review', 'key_project_lists.to_submit', 'targets.to_review']) expect(keys(wb.todo)).not.toContain(k);
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM targets WHERE status = 'returned' AND year = 2022 AND organization_id = $1`,
      [eduUnitOrg],
    );
    expect(n).toBeGreaterThanOrEqual(1);
    expect(item(wb.todo, 'targets.returned')!.count).toBe(n);
    // Its department counts the same row among its subtree's returned targets; another department does not.
    const eduCount = item((await workbench(edu)).todo, 'targets.returned')!.count;
    expect(eduCount).toBeGreaterThanOrEqual(n);
    const healthRows = await rowsBehind(health, { route: 'targets', query: { status: 'returned', year: '2022' } });
    expect(item((await workbench(health)).todo, 'targets.returned')!.count).toBe(healthRows);
  });

  it('gives the expert the reviews assigned to them, and nothing of targets they may not list', async () => {
    const before = await workbench(expert);
    const start = item(before.todo, 'target_reviews.assigned')?.count ?? 0;
    // A key project's target passes to expert review; finance assigns the expert.
    const target = await submittedTarget(health, healthOrg, '7000000.00');
    const passed = await t.request('POST', `/api/v1/targets/${target.id}/pass`, { token: finance, body: { version: target.version } });
    expect(passed.body.status).toBe('expert_review');
    const assigned = await t.request('POST', `/api/v1/target-reviews/${target.id}/assignments`, {
      token: finance,
      body: { expertUserIds: [expertUserId] },
    });
    expect(assigned.status).toBe(201);
    const wb = await expectCountsMatchLists(expert);
    expect(item(wb.todo, 'target_reviews.assigned')).toMatchObject({
      count: start + 1,
      link: { route: 'target-reviews-mine', query: { status: 'assigned' } },
    });
    expect(keys(wb.todo)).toEqual(['target_reviews.assigned']);
    expect(wb.coverage).toEqual([]);
    // Finance counts the target among those in expert review, and is not an expert itself.
    expect(keys((await workbench(finance)).todo)).not.toContain('target_reviews.assigned');
  });

  it('counts the self-evaluations of the year before the working year: the unit’s to submit, the department’s to confirm', async () => {
    const fin = await expectCountsMatchLists(finance);
    // The bureau spot-checks; confirming is the department's (R11).
    expect(keys(fin.todo)).not.toContain('evaluations.to_confirm');
    expect(item(fin.coverage, 'evaluations.self_coverage')).toMatchObject({
      link: { route: 'evaluations', query: { kind: 'self', status: 'completed', year: '2021' } },
    });
    const [{ n: due }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM projects p JOIN organizations o ON o.id = p.organization_id
        WHERE p.year = 2021 AND (o.kind IN ('department', 'town') OR o.parent_id IN (SELECT id FROM organizations WHERE kind IN ('department', 'town')))`,
    );
    expect(item(fin.coverage, 'evaluations.self_coverage')!.total).toBe(due);

    // 区教育局's unit 青浦区第一中学 has submitted its self-evaluation of 2021 (demo): it waits for 区教育局.
    const ed = await expectCountsMatchLists(edu);
    expect(item(ed.todo, 'evaluations.to_confirm')).toMatchObject({
      link: { route: 'evaluations', query: { kind: 'self', status: 'submitted', year: '2021' } },
    });
    expect(item(ed.todo, 'evaluations.to_confirm')!.count).toBeGreaterThanOrEqual(1);
    expect(item(ed.todo, 'evaluations.self_to_submit')!.link.query).toEqual({ kind: 'self', status: 'in_progress', year: '2021' });

    // The unit starts its own: one more to submit for it, none to confirm.
    const before = item((await workbench(eduUnit)).todo, 'evaluations.self_to_submit')!.count;
    const [project] = await t.sql<{ id: string }>(
      `SELECT p.id FROM projects p JOIN targets tg ON tg.project_id = p.id AND tg.status = 'approved'
        WHERE p.year = 2021 AND p.organization_id = $1
          AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.project_id = p.id AND e.kind = 'self')
        ORDER BY p.code LIMIT 1`,
      [eduUnitOrg],
    );
    expect((await t.request('POST', `/api/v1/evaluations/projects/${project.id}`, { token: eduUnit, body: { kind: 'self' } })).status).toBe(
      201,
    );
    const unit = await expectCountsMatchLists(eduUnit);
    expect(item(unit.todo, 'evaluations.self_to_submit')!.count).toBe(before + 1);
    expect(keys(unit.todo)).not.toContain('evaluations.to_confirm');
  });

  it('gives the agency its commissioned evaluations to complete, and the commissioning party the completed ones to grade', async () => {
    const agency = await t.login('agency');
    // The demo commission: 区教育局's department evaluation of 校园安全视频监控系统建设, to QP-A01 (the agency user's).
    const ag = await expectCountsMatchLists(agency);
    const toComplete = item(ag.todo, 'evaluations.commissions_to_complete')!;
    expect(toComplete).toMatchObject({
      labelZh: '受托待完成的评价',
      labelEn: 'Commissioned evaluations to complete',
      link: { route: 'evaluations', query: { commission: 'commissioned', status: 'in_progress', year: '2021' } },
    });
    expect(toComplete.count).toBeGreaterThanOrEqual(1);
    expect(keys(ag.todo)).not.toContain('evaluations.commissions_to_grade');
    expect(keys((await workbench(edu)).todo)).not.toContain('evaluations.commissions_to_complete');
    const gradeCount = async (token: string) => item((await workbench(token)).todo, 'evaluations.commissions_to_grade')!.count;
    const [eduBefore, financeBefore, healthBefore] = [await gradeCount(edu), await gradeCount(finance), await gradeCount(health)];

    // The agency completes the demo commission: every item of the indicator system scored, then submitted.
    const listed = await t.request('GET', '/api/v1/evaluations?year=2021&commission=commissioned&status=in_progress&pageSize=100', {
      token: agency,
    });
    const demo = listed.body.items.find((x: any) => x.projectName === '校园安全视频监控系统建设');
    const detail = await t.request('GET', `/api/v1/evaluations/${demo.id}`, { token: agency });
    const items = detail.body.breakdown.dimensions.flatMap((d: any) => d.items);
    const saved = await t.request('PUT', `/api/v1/evaluations/${demo.id}`, {
      token: agency,
      body: { version: detail.body.version, templateScores: items.map((i: any) => ({ code: i.code, points: i.maxPoints })) },
    });
    expect(saved.status).toBe(200);
    const submitted = await t.request('POST', `/api/v1/evaluations/${demo.id}/submit`, {
      token: agency,
      body: { version: saved.body.version },
    });
    expect(submitted.body).toMatchObject({ status: 'completed', commission: { status: 'submitted' } });

    // One less for the agency; one more to grade for 区教育局 (the commissioning party) and the bureau, none for 卫健委.
    expect(item((await expectCountsMatchLists(agency)).todo, 'evaluations.commissions_to_complete')!.count).toBe(toComplete.count - 1);
    const ed = await expectCountsMatchLists(edu);
    expect(item(ed.todo, 'evaluations.commissions_to_grade')).toMatchObject({
      count: eduBefore + 1,
      link: { route: 'evaluations', query: { commission: 'to_grade', year: '2021' } },
    });
    expect(await gradeCount(finance)).toBe(financeBefore + 1);
    expect(await gradeCount(health)).toBe(healthBefore);
    await expectCountsMatchLists(finance);

    // Graded: it waits for no one.
    const graded = await t.request('POST', `/api/v1/evaluations/${demo.id}/commission/grade`, {
      token: edu,
      body: { grade: 'excellent', version: submitted.body.version },
    });
    expect(graded.status).toBe(200);
    expect(await gradeCount(edu)).toBe(eduBefore);
    expect(await gradeCount(finance)).toBe(financeBefore);
  });

  it('gives the read-only auditor coverage figures and nothing to act on', async () => {
    const wb = await expectCountsMatchLists(auditor);
    expect(wb.todo).toEqual([]);
    expect(keys(wb.coverage)).toEqual(expect.arrayContaining(['targets.approved', 'budget_gate.ready', 'key_project_lists.filed']));
  });

  it('shows a to-do above the list contract’s bound as the bound ("10,000+"), as its list does, and counts against the deadline so', async () => {
    // proposals of the health commission up to one more than the bound (10,001) with those already there
    const before = item((await workbench(finance)).todo, 'indicators.proposals')!.count;
    await t.sql(
      `INSERT INTO indicators (category_id, level1, level2, name, comparison, standard_source, status, proposed_by_organization_id)
       SELECT i.category_id, i.level1, i.level2, '工作台上限测试指标 ' || g, i.comparison, i.standard_source, 'proposed', $1
         FROM (SELECT * FROM indicators ORDER BY id LIMIT 1) i, generate_series(1, $2::int) g`,
      [healthOrg, 10001 - before],
    );
    try {
      const proposals = item((await workbench(finance)).todo, 'indicators.proposals')!;
      expect({ count: proposals.count, countExact: proposals.countExact }).toEqual({ count: 10000, countExact: false });
      const list = await t.request(
        'GET',
        `/api/v1/indicators/proposals?${new URLSearchParams({ ...proposals.link.query, pageSize: '1' })}`,
        {
          token: finance,
        },
      );
      expect({ total: list.body.total, totalExact: list.body.totalExact }).toEqual({ total: 10000, totalExact: false });
      // one fewer is exact again
      await t.sql(`DELETE FROM indicators WHERE id = (SELECT id FROM indicators WHERE name = '工作台上限测试指标 1')`);
      const exact = item((await workbench(finance)).todo, 'indicators.proposals')!;
      expect({ count: exact.count, countExact: exact.countExact }).toEqual({ count: 10000, countExact: true });
    } finally {
      await t.sql(`DELETE FROM indicators WHERE name LIKE '工作台上限测试指标 %'`);
    }
    expect(item((await workbench(finance)).todo, 'indicators.proposals')!.countExact).toBe(true);
  });

  it('answers 401 without credentials', async () => {
    const res = await t.request('GET', '/api/v1/workbench');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_REQUIRED');
  });

  it('dates the working year’s deadlines for the caller’s sector, due soon within the window', async () => {
    // Work in this year: copy the profile and make it the working year.
    const year = Number(shanghaiDate().slice(0, 4));
    if (year !== 2022) {
      const copy = await t.request('POST', '/api/v1/policy-profiles', { token: finance, body: { year, copyFromYear: 2022 } });
      expect(copy.status).toBe(201);
    }
    const set = await t.request('PUT', '/api/v1/settings/working-year', { token: finance, body: { year } });
    expect(set.status).toBe(200);
    const [fin, ed] = [await workbench(finance), await workbench(edu)];
    for (const wb of [fin, ed]) {
      expect(wb.year).toBe(year);
      expect(wb.hasProfile).toBe(true);
      expect(wb.deadlines.length).toBeGreaterThan(0);
      for (const d of wb.deadlines) {
        expect(d.date.startsWith(`${year}-`)).toBe(true);
        expect(d.daysLeft).toBe(daysUntil(d.date, wb.today));
        const expected = d.daysLeft < 0 ? 'passed' : d.daysLeft <= wb.dueSoonDays ? 'due_soon' : 'upcoming';
        // No module of this release tracks open work against a deadline, so none is overdue yet.
        expect({ code: d.code, state: d.state, openCount: d.openCount }).toEqual({ code: d.code, state: expected, openCount: null });
      }
    }
    // 区教育局 is in the education sector: its first tracking is 30 September (R9), the district's 31 August.
    expect(fin.deadlines.find((d) => d.code === 'first_tracking')).toMatchObject({ date: `${year}-08-31`, sectorSpecific: false });
    expect(ed.deadlines.find((d) => d.code === 'first_tracking')).toMatchObject({ date: `${year}-09-30`, sectorSpecific: true });
    // Items now count the new working year (nothing there yet) and link to it.
    expect(item(fin.todo, 'targets.to_review')).toMatchObject({ count: 0, link: { query: { year: String(year) } } });
  });
});
