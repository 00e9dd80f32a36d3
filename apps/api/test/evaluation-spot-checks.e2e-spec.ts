/**
 * The bureau's spot-check of self-evaluation quality (issue 9, 质量管理): a random sample drawn only
 * from the evaluated year's completed self-evaluations, recorded with the population at the draw;
 * verdicts with findings (required when deficient); the conclusion only once every sampled one is
 * checked; an evaluation sampled once in a year is not drawn again that year. District-wide only: a
 * department is refused; once concluded, the sampled unit reads the verdict in its evaluation.
 */
import { checksum, orgIdByName } from './support/db-state';
import { expectProblem } from './support/http';
import { startTestApp, TestApp } from './support/test-app';

// A year no demo data uses, so the population is exactly what this suite inserts.
const YEAR = 2019;
let seq = 0;

describe('evaluation spot checks', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  let auditor: string;
  let eduUnit: string;
  let eduOrg: string;
  let eduUnitOrg: string;
  let healthOrg: string;
  /** The completed self-evaluations of YEAR: the whole population. */
  const completed: string[] = [];
  const eduCompleted: string[] = [];

  /** A project of `orgId` in `year` and one evaluation of it, inserted directly. */
  async function evaluation(orgId: string, opts: { year?: number; kind?: string; status?: string } = {}): Promise<string> {
    const year = opts.year ?? YEAR;
    const [project] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
       VALUES ($1, $2, $3, 'project', $4, '500000.00') RETURNING id`,
      [year, `SC-${process.pid}-${++seq}`, `抽查测试项目 ${seq}`, orgId],
    );
    const status = opts.status ?? 'completed';
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO evaluations (kind, project_id, organization_id, year, work_year, status, score, grade, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6::varchar, '86.50', 'good', CASE WHEN $6::varchar = 'completed' THEN now() END) RETURNING id`,
      [opts.kind ?? 'self', project.id, orgId, year, year + 1, status],
    );
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    [finance, health, auditor, eduUnit] = await Promise.all([
      t.login('finance'),
      t.login('health'),
      t.login('auditor'),
      t.login('edu-unit'),
    ]);
    eduOrg = await orgIdByName(t, '区教育局');
    eduUnitOrg = await orgIdByName(t, '青浦区实验中学');
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    for (const org of [eduUnitOrg, eduUnitOrg, eduOrg]) eduCompleted.push(await evaluation(org));
    completed.push(...eduCompleted, await evaluation(healthOrg));
    // Not to be drawn: not completed, not a self-evaluation, another year.
    await evaluation(eduUnitOrg, { status: 'submitted' });
    await evaluation(healthOrg, { status: 'draft' });
    await evaluation(healthOrg, { kind: 'department' });
    await evaluation(eduUnitOrg, { year: YEAR + 1 });
  });
  afterAll(async () => t?.close());

  const draw = (body: Record<string, unknown>, token = finance) => t.request('POST', '/api/v1/evaluation-spot-checks', { token, body });

  it('draws only completed self-evaluations of the year and records the draw', async () => {
    const all = await draw({ year: YEAR, size: completed.length });
    expect(all.status).toBe(201);
    expect(all.body).toMatchObject({
      year: YEAR,
      organizationId: null,
      sampleSize: completed.length,
      population: completed.length,
      status: 'open',
      checked: 0,
      deficient: 0,
      drawnByName: expect.any(String),
      drawnAt: expect.any(String),
      actions: ['verdict'],
    });
    expect(all.body.items.map((i: any) => i.evaluationId).sort()).toEqual([...completed].sort());
    expect(all.body.items.map((i: any) => i.position)).toEqual([1, 2, 3, 4]);
    expect(all.body.items[0]).toMatchObject({
      projectCode: expect.stringMatching(/^SC-/),
      score: '86.50',
      grade: 'good',
      verdict: 'pending',
    });

    // Every one of the year is sampled now: a second draw of the year finds none, and writes nothing.
    const before = await checksum(t);
    const again = await draw({ year: YEAR, size: 1 });
    expectProblem(again, 400, 'SPOT_CHECK_SIZE_INVALID');
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'size', code: 'spotCheckEmptyPopulation' })]);
    expect(await checksum(t)).toEqual(before);

    // Completed later: only these are drawn. Within one department's subtree, the education bureau's and its unit's.
    const eduLater = [await evaluation(eduUnitOrg), await evaluation(eduOrg)];
    const healthLater = await evaluation(healthOrg);
    const edu = await draw({ year: YEAR, size: 2, organizationId: eduOrg });
    expect(edu.status).toBe(201);
    expect(edu.body).toMatchObject({ population: 2, organizationName: '区教育局' });
    expect(edu.body.items.map((i: any) => i.evaluationId).sort()).toEqual([...eduLater].sort());
    // The district's rest: the one not sampled yet.
    const rest = await draw({ year: YEAR, size: 1 });
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ population: 1 });
    expect(rest.body.items.map((i: any) => i.evaluationId)).toEqual([healthLater]);

    // The draw is in the audit log with the population and the sampled ids.
    const [entry] = await t.sql<{ after: any }>(
      `SELECT after FROM audit_logs WHERE action = 'evaluation_spot_check.draw' AND entity_id = $1`,
      [all.body.id],
    );
    expect(entry.after).toMatchObject({ year: YEAR, sampleSize: completed.length, population: completed.length });
    expect([...entry.after.evaluationIds].sort()).toEqual([...completed].sort());

    // Listed for the bureau, newest first.
    const list = await t.request('GET', `/api/v1/evaluation-spot-checks?year=${YEAR}`, { token: finance });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((s: any) => s.id)).toEqual([rest.body.id, edu.body.id, all.body.id]);
  });

  it('refuses a sample larger than the population, or from nothing, writing nothing', async () => {
    // Another year, its population two.
    for (const org of [eduUnitOrg, healthOrg]) await evaluation(org, { year: YEAR - 2 });
    const before = await checksum(t);
    const tooMany = await draw({ year: YEAR - 2, size: 3 });
    expectProblem(tooMany, 400, 'SPOT_CHECK_SIZE_INVALID');
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'size', code: 'spotCheckSizeAbovePopulation' })]);
    expect(tooMany.body.message).toContain(`共 2 份`);
    expect(tooMany.body.messageEn).toContain(`there are 2`);
    const empty = await draw({ year: 2005, size: 1 });
    expectProblem(empty, 400, 'SPOT_CHECK_SIZE_INVALID');
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'size', code: 'spotCheckEmptyPopulation' })]);
    expectProblem(await draw({ year: YEAR, size: 0 }), 400, 'VALIDATION_FAILED');
    expectProblem(await draw({ year: YEAR, size: 1, organizationId: '00000000-0000-4000-8000-000000000000' }), 400, 'REFERENCE_INVALID');
    expect(await checksum(t)).toEqual(before);
  });

  it('refuses a department, reading or drawing; the auditor follows it in the audit log only', async () => {
    const before = await checksum(t);
    expectProblem(await draw({ year: YEAR, size: 1 }, health), 403);
    expectProblem(await t.request('GET', '/api/v1/evaluation-spot-checks', { token: health }), 403);
    const [any] = await t.sql<{ id: string }>(`SELECT id FROM evaluation_spot_checks LIMIT 1`);
    expectProblem(await t.request('GET', `/api/v1/evaluation-spot-checks/${any.id}`, { token: health }), 403);
    expectProblem(await draw({ year: YEAR, size: 1 }, auditor), 403, ['READ_ONLY_ROLE', 'FORBIDDEN']);
    expectProblem(await t.request('GET', '/api/v1/evaluation-spot-checks', { token: auditor }), 403, 'FORBIDDEN');
    expect(await checksum(t)).toEqual(before);
  });

  it('wants findings for a deficient verdict, concludes only when all are checked, then freezes', async () => {
    // Another year, the unit's two self-evaluations.
    const mine = [await evaluation(eduUnitOrg, { year: YEAR - 3 }), await evaluation(eduUnitOrg, { year: YEAR - 3 })];
    const drawn = await draw({ year: YEAR - 3, size: 2 });
    expect(drawn.status).toBe(201);
    expect(drawn.body.items.map((i: any) => i.evaluationId).sort()).toEqual([...mine].sort());
    const seen = (evaluationId: string, token = eduUnit) => t.request('GET', `/api/v1/evaluations/${evaluationId}`, { token });
    // While the spot check is open the unit sees nothing of it.
    const open = await seen(drawn.body.items[0].evaluationId);
    expect(open.status).toBe(200);
    expect(open.body.spotCheck).toBeNull();
    const id = drawn.body.id;
    const [first, second] = drawn.body.items;
    const verdict = (item: any, body: Record<string, unknown>) =>
      t.request('PUT', `/api/v1/evaluation-spot-checks/${id}/items/${item.id}`, {
        token: finance,
        body: { version: item.version, ...body },
      });

    const before = await checksum(t);
    const noFindings = await verdict(first, { verdict: 'deficient', findings: '   ' });
    expectProblem(noFindings, 400, 'SPOT_CHECK_FINDINGS_REQUIRED');
    expect(noFindings.body.errors).toEqual([expect.objectContaining({ field: 'findings', code: 'spotCheckFindingsRequired' })]);
    expectProblem(await verdict(first, { verdict: 'pending' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await t.request('PUT', `/api/v1/evaluation-spot-checks/${id}/items/${completed[0]}`, {
        token: finance,
        body: { version: 1, verdict: 'adequate' },
      }),
      404,
    );
    expect(await checksum(t)).toEqual(before);

    const deficient = await verdict(first, { verdict: 'deficient', findings: '未完全实现的指标缺少说明，实际值无佐证' });
    expect(deficient.status).toBe(200);
    expect(deficient.body.items[0]).toMatchObject({
      verdict: 'deficient',
      findings: '未完全实现的指标缺少说明，实际值无佐证',
      checkedByName: expect.any(String),
    });
    expect(deficient.body).toMatchObject({ checked: 1, deficient: 1, actions: ['verdict'] });
    // The version read is required: a stale one is refused.
    expectProblem(await verdict(first, { verdict: 'adequate' }), 409, 'VERSION_CONFLICT');

    const pending = await t.request('POST', `/api/v1/evaluation-spot-checks/${id}/conclude`, {
      token: finance,
      body: { version: deficient.body.version, conclusion: '抽查发现一份自评质量不合格' },
    });
    expectProblem(pending, 409, 'SPOT_CHECK_ITEMS_PENDING');

    const adequate = await verdict(second, { verdict: 'adequate' });
    expect(adequate.status).toBe(200);
    expect(adequate.body).toMatchObject({ checked: 2, deficient: 1, actions: ['verdict', 'conclude'] });

    expectProblem(
      await t.request('POST', `/api/v1/evaluation-spot-checks/${id}/conclude`, {
        token: finance,
        body: { version: adequate.body.version, conclusion: '  ' },
      }),
      400,
      'SPOT_CHECK_CONCLUSION_REQUIRED',
    );
    const concluded = await t.request('POST', `/api/v1/evaluation-spot-checks/${id}/conclude`, {
      token: finance,
      body: { version: adequate.body.version, conclusion: '抽查 2 份，1 份不合格，已通知主管部门督促整改' },
    });
    expect(concluded.status).toBe(200);
    expect(concluded.body).toMatchObject({
      status: 'concluded',
      conclusion: '抽查 2 份，1 份不合格，已通知主管部门督促整改',
      concludedByName: expect.any(String),
      actions: [],
    });
    expect(concluded.body.version).toBe(adequate.body.version + 1);

    // Concluded: no more verdicts, no second conclusion.
    expectProblem(await verdict(concluded.body.items[1], { verdict: 'deficient', findings: '改判' }), 409, 'SPOT_CHECK_CONCLUDED');
    expectProblem(
      await t.request('POST', `/api/v1/evaluation-spot-checks/${id}/conclude`, {
        token: finance,
        body: { version: concluded.body.version, conclusion: '再次' },
      }),
      409,
      'SPOT_CHECK_CONCLUDED',
    );
    const actions = await t.sql<{ action: string }>(
      `SELECT action FROM audit_logs WHERE entity_id = $1 AND result = 'success' ORDER BY id`,
      [id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'evaluation_spot_check.draw',
      'evaluation_spot_check.verdict',
      'evaluation_spot_check.verdict',
      'evaluation_spot_check.conclude',
    ]);
    const detail = await t.request('GET', `/api/v1/evaluation-spot-checks/${id}`, { token: finance });
    expect(detail.status).toBe(200);
    expect(detail.body.items.map((i: any) => i.verdict)).toEqual(['deficient', 'adequate']);

    // Concluded: the unit reads the verdict on each of its evaluations' page; another department does not reach them.
    const firstSeen = await seen(first.evaluationId);
    expect(firstSeen.status).toBe(200);
    expect(firstSeen.body.spotCheck).toEqual({
      spotCheckId: id,
      verdict: 'deficient',
      findings: '未完全实现的指标缺少说明，实际值无佐证',
      concludedAt: concluded.body.concludedAt,
    });
    expect((await seen(second.evaluationId)).body.spotCheck).toMatchObject({ spotCheckId: id, verdict: 'adequate', findings: null });
    expectProblem(await seen(first.evaluationId, health), 404);
  });
});
