/**
 * Bulk actions (issue 7): clerks pass or return many targets, a department pre-reviews many of its
 * units' targets, finance assigns experts to many targets. Each row is the single action — its own
 * transaction, workflow check, scope check and audit entry — and is answered on its own: in a mixed
 * batch the good rows are done, the others refused with the single action's code, nothing of a
 * refused row is written, and a department cannot reach another department's rows.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';
import { copyUser, orgIdByName, userIdByName } from './support/db-state';
import { expectProblem } from './support/http';

const content = () => ({
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

interface Row {
  id: string;
  version: number;
  status: string;
}

let seq = 0;

describe('bulk actions on targets', () => {
  let t: TestApp;
  let finance: string;
  let health: string;
  /** A second health clerk: whoever submitted a unit's target cannot also pre-review it. */
  let health2: string;
  let edu: string;
  let healthOrg: string;
  let healthUnitOrg: string;
  let eduUnitOrg: string;
  let expertUserId: string;

  beforeAll(async () => {
    t = await startTestApp({ BULK_MAX_IDS: '5' });
    [finance, health, edu] = await Promise.all(['finance', 'health', 'edu'].map((u) => t.login(u)));
    health2 = (await copyUser(t, 'health', 'bulk-health-2', '卫健委预审员（测试）')).token;
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
    healthUnitOrg = await orgIdByName(t, '青浦区中心医院');
    eduUnitOrg = await orgIdByName(t, '青浦区实验中学');
    expertUserId = await userIdByName(t, 'expert');
  });
  afterAll(async () => t?.close());

  /** A target of a new project of the organization, written (and submitted unless `draft`) by `token`. */
  const target = async (token: string, orgId: string, options: { budget?: string; draft?: boolean } = {}): Promise<Row> => {
    const [p] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
       VALUES (2022, $1, $2, 'project', $3, $4) RETURNING id`,
      [`BULK-${process.pid}-${++seq}`, `批量测试项目 ${seq}`, orgId, options.budget ?? '800000.00'],
    );
    const created = await t.request('POST', `/api/v1/targets/projects/${p.id}`, { token, body: content() });
    expect(created.status).toBe(201);
    if (options.draft) return created.body;
    const submitted = await t.request('POST', `/api/v1/targets/${created.body.id}/submit`, {
      token,
      body: { version: created.body.version },
    });
    expect(submitted.status).toBe(200);
    return submitted.body;
  };
  const state = async (id: string) =>
    (
      await t.sql<{ status: string; version: number; return_comment: string | null }>(
        `SELECT status, version, return_comment FROM targets WHERE id = $1`,
        [id],
      )
    )[0];
  const events = async (id: string) =>
    (await t.sql<{ action: string }>(`SELECT action FROM target_events WHERE target_id = $1 ORDER BY created_at`, [id])).map(
      (e) => e.action,
    );
  const audit = async (id: string) =>
    t.sql<{ action: string; result: string; error_code: string | null }>(
      `SELECT action, result, error_code FROM audit_logs WHERE entity_id = $1 ORDER BY id`,
      [id],
    );
  const bulk = (token: string, path: string, body: object) => t.request('POST', `/api/v1/${path}`, { token, body });
  const rowsOf = (...rows: Row[]) => rows.map((r) => ({ id: r.id, version: r.version }));

  it('passes a mixed batch: each good row done and audited, each bad row refused with its code and left as it was', async () => {
    const plain = await target(health, healthOrg);
    const key = await target(health, healthOrg, { budget: '7000000.00' });
    const draft = await target(health, healthOrg, { draft: true });
    const stale = await target(health, healthOrg);
    const missing = randomUUID();
    const res = await bulk(finance, 'targets/bulk/pass', {
      items: [...rowsOf(plain, key, draft), { id: stale.id, version: stale.version + 7 }, { id: missing, version: 1 }],
      comment: '同意',
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.id, r.ok, r.status, r.code])).toEqual([
      [plain.id, true, 200, null],
      [key.id, true, 200, null],
      [draft.id, false, 409, 'ILLEGAL_TRANSITION'],
      [stale.id, false, 409, 'VERSION_CONFLICT'],
      [missing, false, 404, 'NOT_FOUND'],
    ]);
    expect(res.body).toMatchObject({ succeeded: 2, failed: 3 });
    for (const r of res.body.results.filter((x: any) => !x.ok)) {
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.messageEn).not.toMatch(/[\u4e00-\u9fa5]/);
    }
    // The single action decides each row: a non-key target is approved, a key project's goes to the experts (R7).
    expect((await state(plain.id)).status).toBe('approved');
    expect((await state(key.id)).status).toBe('expert_review');
    expect(await state(draft.id)).toMatchObject({ status: 'draft', version: draft.version });
    expect(await state(stale.id)).toMatchObject({ status: 'submitted', version: stale.version });
    expect(await events(stale.id)).toEqual(['create', 'submit']);
    // One success entry per done row, as the single action writes; one failure entry per refused row.
    expect((await audit(plain.id)).filter((a) => a.result === 'success').map((a) => a.action)).toContain('target.pass');
    expect((await audit(key.id)).filter((a) => a.result === 'success').map((a) => a.action)).toContain('target.pass_to_expert_review');
    expect((await audit(stale.id)).filter((a) => a.action.startsWith('target.bulk') || a.action === 'target.pass')).toEqual([
      { action: 'target.bulk.pass', result: 'failure', error_code: 'VERSION_CONFLICT' },
    ]);
    expect(await audit(missing)).toEqual([{ action: 'target.bulk.pass', result: 'failure', error_code: 'NOT_FOUND' }]);
  });

  it('returns many targets with one comment, and writes nothing of a row refused half-way', async () => {
    const a = await target(health, healthOrg);
    const b = await target(health, healthOrg);
    // b's indicator carries an earlier review comment: the return clears it before the version check refuses the row.
    await t.sql(`UPDATE target_indicators SET review_comment = '旧意见' WHERE target_id = $1`, [b.id]);
    const res = await bulk(finance, 'targets/bulk/return', {
      items: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version + 1 },
      ],
      comment: '请细化产出指标',
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.ok, r.code])).toEqual([
      [true, null],
      [false, 'VERSION_CONFLICT'],
    ]);
    expect(await state(a.id)).toMatchObject({ status: 'returned', return_comment: '请细化产出指标' });
    expect(await state(b.id)).toMatchObject({ status: 'submitted', return_comment: null });
    const comments = await t.sql<{ review_comment: string | null }>(`SELECT review_comment FROM target_indicators WHERE target_id = $1`, [
      b.id,
    ]);
    expect(comments.map((c) => c.review_comment)).toEqual(comments.map(() => '旧意见'));
    expect(await events(b.id)).toEqual(['create', 'submit']);
    // A return needs its comment, for the whole batch.
    const bare = await bulk(finance, 'targets/bulk/return', { items: rowsOf(a) });
    expectProblem(bare, 400, 'VALIDATION_FAILED');
  });

  it('lets a department pre-review many of its units’ targets, and never another department’s', async () => {
    const mine1 = await target(health, healthUnitOrg);
    const mine2 = await target(health, healthUnitOrg);
    const theirs = await target(edu, eduUnitOrg);
    const own = await target(health, healthOrg);
    expect([mine1.status, mine2.status, theirs.status, own.status]).toEqual([
      'department_review',
      'department_review',
      'department_review',
      'submitted',
    ]);
    const res = await bulk(health2, 'targets/bulk/department-review/pass', { items: rowsOf(mine1, theirs, own, mine2) });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.id, r.ok, r.code])).toEqual([
      [mine1.id, true, null],
      // Outside the department's subtree: answered as if it did not exist, as the single route answers.
      [theirs.id, false, 'NOT_FOUND'],
      [own.id, false, 'ILLEGAL_TRANSITION'],
      [mine2.id, true, null],
    ]);
    expect((await state(mine1.id)).status).toBe('submitted');
    expect((await state(mine2.id)).status).toBe('submitted');
    expect(await state(theirs.id)).toMatchObject({ status: 'department_review', version: theirs.version });
    expect(await events(theirs.id)).toEqual(['create', 'submit_to_department']);
    expect((await audit(theirs.id)).filter((a) => a.result === 'success').map((a) => a.action)).toEqual([
      'target.create',
      'target.submit_to_department',
    ]);
    // The same single route answers the outsider the same way.
    const single = await t.request('POST', `/api/v1/targets/${theirs.id}/department-review/pass`, {
      token: health,
      body: { version: theirs.version },
    });
    expectProblem(single, 404, 'NOT_FOUND');

    const back = await bulk(edu, 'targets/bulk/department-review/return', { items: rowsOf(theirs), comment: '请补充满意度指标' });
    expect(back.body.results[0]).toMatchObject({ ok: true });
    expect((await state(theirs.id)).status).toBe('returned');
  });

  it('keeps the bureau’s bulk steps to the bureau', async () => {
    const row = await target(health, healthOrg);
    for (const path of ['targets/bulk/pass', 'targets/bulk/return', 'target-reviews/bulk/assignments']) {
      const res = await bulk(health, path, { items: rowsOf(row), targetIds: [row.id], expertUserIds: [expertUserId], comment: 'x' });
      expectProblem(res, [400, 403]);
    }
    const res = await bulk(health, 'targets/bulk/pass', { items: rowsOf(row) });
    expectProblem(res, 403, 'FORBIDDEN');
    expect(await state(row.id)).toMatchObject({ status: 'submitted', version: row.version });
  });

  it('caps the rows per request (BULK_MAX_IDS) with a coded 413, and refuses a row named twice', async () => {
    const items = Array.from({ length: 6 }, () => ({ id: randomUUID(), version: 1 }));
    const over = await bulk(finance, 'targets/bulk/pass', { items });
    expectProblem(over, 413, 'BULK_TOO_MANY');
    expect(over.body.message).toContain('5');
    expect(over.body.messageEn).toContain('5');
    const twice = await bulk(finance, 'targets/bulk/pass', { items: [items[0], items[0]] });
    expectProblem(twice, 400, 'VALIDATION_FAILED');
    const none = await bulk(finance, 'targets/bulk/pass', { items: [] });
    expectProblem(none, 400, 'VALIDATION_FAILED');
  });

  it('assigns the same expert to many targets in expert review, each with recusal and its own audit entry', async () => {
    const a = await target(health, healthOrg, { budget: '7000000.00' });
    const b = await target(health, healthOrg, { budget: '8000000.00' });
    const notYet = await target(health, healthOrg, { budget: '9000000.00' });
    const passed = await bulk(finance, 'targets/bulk/pass', { items: rowsOf(a, b) });
    expect(passed.body.succeeded).toBe(2);
    const res = await bulk(finance, 'target-reviews/bulk/assignments', {
      targetIds: [a.id, notYet.id, b.id],
      expertUserIds: [expertUserId],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.id, r.ok, r.code])).toEqual([
      [a.id, true, null],
      [notYet.id, false, 'ILLEGAL_TRANSITION'],
      [b.id, true, null],
    ]);
    const reviews = await t.sql<{ target_id: string }>(
      `SELECT target_id FROM expert_reviews WHERE expert_user_id = $1 AND target_id = ANY($2)`,
      [expertUserId, [a.id, b.id, notYet.id]],
    );
    expect(reviews.map((r) => r.target_id).sort()).toEqual([a.id, b.id].sort());
    for (const id of [a.id, b.id]) expect((await audit(id)).map((x) => x.action)).toContain('target.assign_experts');
    expect((await audit(notYet.id)).filter((x) => x.action === 'target.bulk.assign_experts')).toEqual([
      { action: 'target.bulk.assign_experts', result: 'failure', error_code: 'ILLEGAL_TRANSITION' },
    ]);
    // The expert sees the two new reviews among their own.
    const expert = await t.login('expert');
    const mine = await t.request('GET', '/api/v1/target-reviews/mine?status=assigned&pageSize=100', { token: expert });
    expect(mine.body.items.map((r: any) => r.targetId)).toEqual(expect.arrayContaining([a.id, b.id]));
  });
});
