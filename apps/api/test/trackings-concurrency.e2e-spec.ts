/**
 * Dual monitoring under bursts of simultaneous requests on one tracking (N7): twenty answers to the
 * same warning, then ten reviews of the same tracking. Exactly one of each burst wins; the others are
 * refused with a coded 409 (never a 500); one answer, one review, one suggestion per "adjust" answer
 * and one success entry in the audit log are stored.
 *
 * On PostgreSQL only. The embedded PGlite serves a single connection (the pool holds one, see
 * database/embedded-postgres.ts), so the transactions of a burst run one after another there: the
 * race this suite is about cannot happen on it, and the sequential outcome is already covered by
 * trackings.e2e-spec.ts (a second answer and a second review are refused). `.ci/run` runs it on
 * PostgreSQL (its `pnpm test` step sets DATABASE_URL).
 */
import { startTestApp, TestApp } from './support/test-app';
import { orgIdByName } from './support/db-state';

const onServer = Boolean(process.env.DATABASE_URL);

(onServer ? describe : describe.skip)('trackings under concurrent requests (PostgreSQL)', () => {
  let t: TestApp;
  let health: string;
  let finance: string;
  let healthOrg: string;

  beforeAll(async () => {
    t = await startTestApp();
    [health, finance] = await Promise.all([t.login('health'), t.login('finance')]);
    healthOrg = await orgIdByName(t, '区卫生健康委员会');
  });
  afterAll(async () => t?.close());

  /**
   * A health project of 10,000,000.00 with an approved target (one indicator, ≥ 120) and a tracking
   * as of 30 April: 10 % executed and the indicator fully reached, so both N7 warnings.
   */
  async function trackingWithTwoWarnings() {
    const code = `TRK-CC-${process.pid}-${Date.now()}`;
    const [project] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, created_at)
       VALUES (2022, $1, '并发测试项目', 'project', $2, '10000000.00', '2022-01-10T09:00:00+08:00') RETURNING id`,
      [code, healthOrg],
    );
    const [target] = await t.sql<{ id: string }>(
      `INSERT INTO targets (project_id, organization_id, year, overall_goal, annual_goals, status, approved_at)
       VALUES ($1, $2, 2022, '开展讲座 120 场', '[]'::jsonb, 'approved', '2022-03-01T09:00:00+08:00') RETURNING id`,
      [project.id, healthOrg],
    );
    const [indicator] = await t.sql<{ id: string }>(
      `INSERT INTO target_indicators (target_id, sort_order, level1, level2, name, comparison, value, unit, weight)
       VALUES ($1, 0, 'output', 'quantity', '讲座场次', '>=', '120', '场', 100) RETURNING id`,
      [target.id],
    );
    const res = await t.request('POST', `/api/v1/trackings/projects/${project.id}`, {
      token: health,
      body: { asOf: '2022-04-30', executedAmount: '1000000.00', indicators: [{ targetIndicatorId: indicator.id, valueSoFar: '120' }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['DEVIATION', 'EXECUTION_BELOW_CHECKPOINT']);
    return res.body as { id: string; version: number; warnings: { id: string; code: string }[] };
  }

  const successes = (action: string, entityId: string) =>
    t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_logs WHERE action = $1 AND entity_id = $2 AND result = 'success'`, [
      action,
      entityId,
    ]);

  it('takes one of twenty simultaneous answers to a warning and refuses the others with 409, storing one answer and one audit entry', async () => {
    const tracking = await trackingWithTwoWarnings();
    const warning = tracking.warnings.find((w) => w.code === 'EXECUTION_BELOW_CHECKPOINT')!;
    // Different answers, so the stored one tells which request won.
    const bodies = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? { answer: 'adjust', reason: `并发答复 ${i}`, amount: `${100000 + i}.00` }
        : { answer: 'continue', reason: `并发答复 ${i}` },
    );
    const answers = await Promise.all(
      bodies.map((body) => t.request('POST', `/api/v1/trackings/warnings/${warning.id}/answer`, { token: health, body })),
    );

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('TRACKING_WARNING_ANSWERED');
    }

    const winner = bodies[statuses.indexOf(200)];
    const stored = await t.sql<{ answer: string; answer_reason: string; answer_amount: string | null }>(
      `SELECT answer, answer_reason, answer_amount::text FROM tracking_warnings WHERE id = $1`,
      [warning.id],
    );
    expect(stored).toEqual([{ answer: winner.answer, answer_reason: winner.reason, answer_amount: winner.amount ?? null }]);
    expect(await successes('tracking.answer', warning.id)).toEqual([{ n: 1 }]);
    // Every refusal is in the audit log, with its code.
    const [{ n: refusals }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_logs
        WHERE action = 'POST trackings/warnings/:id/answer' AND result = 'failure' AND error_code = 'TRACKING_WARNING_ANSWERED'
          AND entity_id = $1`,
      [warning.id],
    );
    expect(refusals).toBe(19);
    // The other warning is untouched.
    const [other] = await t.sql<{ answer: string | null }>(`SELECT answer FROM tracking_warnings WHERE tracking_id = $1 AND id <> $2`, [
      tracking.id,
      warning.id,
    ]);
    expect(other.answer).toBeNull();
  });

  it('reviews a tracking once out of ten simultaneous reviews, with one suggestion per adjust answer and no duplicates', async () => {
    const tracking = await trackingWithTwoWarnings();
    for (const [index, w] of tracking.warnings.entries()) {
      const answered = await t.request('POST', `/api/v1/trackings/warnings/${w.id}/answer`, {
        token: health,
        body: { answer: 'adjust', reason: `调减 ${index + 1}`, amount: `${index + 1}00000.00` },
      });
      expect(answered.status).toBe(200);
    }
    const current = await t.request('GET', `/api/v1/trackings/${tracking.id}`, { token: finance });
    expect(current.body.actions).toEqual(['review']);

    const reviews = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.request('POST', `/api/v1/trackings/${tracking.id}/review`, {
          token: finance,
          body: { version: current.body.version, comment: `并发审核 ${i}` },
        }),
      ),
    );

    const statuses = reviews.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    // A loser either read the tracking before the winner committed (its version is then stale) or after (reviewed).
    for (const refused of reviews.filter((r) => r.status === 409)) {
      expect(['VERSION_CONFLICT', 'TRACKING_REVIEWED']).toContain(refused.body.code);
    }
    const winner = reviews.find((r) => r.status === 200)!;
    expect(winner.body).toMatchObject({ reviewStatus: 'reviewed', version: current.body.version + 1, actions: [] });

    const [row] = await t.sql<{ review_status: string; review_comment: string; version: number }>(
      `SELECT review_status, review_comment, version FROM trackings WHERE id = $1`,
      [tracking.id],
    );
    expect(row).toEqual({ review_status: 'reviewed', review_comment: winner.body.reviewComment, version: current.body.version + 1 });
    const suggestions = await t.sql<{ warning_id: string; kind: string; amount: string }>(
      `SELECT warning_id, kind, amount::text FROM budget_adjustment_suggestions WHERE tracking_id = $1 ORDER BY amount`,
      [tracking.id],
    );
    const byCode = new Map(tracking.warnings.map((w, index) => [w.id, `${index + 1}00000.00`]));
    expect(suggestions).toHaveLength(2);
    expect(new Set(suggestions.map((s) => s.warning_id)).size).toBe(2);
    for (const s of suggestions) expect(s).toEqual({ warning_id: s.warning_id, kind: 'adjust', amount: byCode.get(s.warning_id) });
    expect(await successes('tracking.review', tracking.id)).toEqual([{ n: 1 }]);
  });
});
