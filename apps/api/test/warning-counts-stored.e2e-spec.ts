/**
 * Issue 10: the stored N7 warning counts (tracking_warnings.year and monitoring_warning_counts, the
 * monitoring dashboard's warnings by rule) are kept current by every write, in its own transaction.
 * A property test writes random SQL sequences (warnings raised, answered, re-opened, their deadline,
 * code and lateness changed, moved to another tracking, deleted; trackings moved to another year and
 * deleted with their warnings) and after each step compares the stored counts with the raw rows.
 * Seeded: WARNING_COUNTS_SEED=<n> replays a run (the seed is printed). Then the dashboard through the
 * API right after a warning is raised and answered, and the functions in the database against what
 * the code generates now.
 */
import { WARNING_CODES } from '@jixiao/domain';
import { WARNING_COUNTS_FUNCTIONS, warningCountsTriggerStatements } from '../src/modules/trackings/warning-counts-stored.sql';
import { seededRandom, type SeededRandom } from './support/random';
import { expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';
import { copyProfiles, orgIdByName } from './support/db-state';

const Y1 = 2071;
const Y2 = 2072;
const SEED = Number(process.env.WARNING_COUNTS_SEED ?? 20261204);
const STEPS = Number(process.env.WARNING_COUNTS_STEPS ?? 300);
const DUES = ['03-10', '06-15', '06-15', '11-30'];

describe('stored warning counts', () => {
  let t: TestApp;
  let orgs: string[];
  const seen = new Set<string>();

  /** The stored counts against the warnings grouped here: their tracking's year, open deadline or answered. */
  const check = async (context: string) => {
    const rows = await t.sql<{
      year: number;
      stored_year: number;
      organization_id: string;
      code: string;
      due: string | null;
      late: boolean;
    }>(
      `SELECT x.year, w.year AS stored_year, w.organization_id, w.code, w.answered_late AS late,
              CASE WHEN w.answer IS NULL THEN to_char(w.answer_due, 'YYYY-MM-DD') END AS due
         FROM tracking_warnings w JOIN trackings x ON x.id = w.tracking_id WHERE x.year IN (${Y1}, ${Y2})`,
    );
    const counted = new Map<string, { warnings: number; late: number }>();
    for (const r of rows) {
      const key = [r.year, r.organization_id, r.code, r.due ?? 'infinity'].join('|');
      const c = counted.get(key) ?? { warnings: 0, late: 0 };
      c.warnings++;
      if (r.late) c.late++;
      counted.set(key, c);
      seen.add(r.due ? 'open warning' : 'answered warning');
    }
    const kept = await t.sql<{ key: string; warnings: number; late: number }>(
      `SELECT concat_ws('|', year, organization_id, code, CASE WHEN open_due = 'infinity' THEN 'infinity' ELSE to_char(open_due, 'YYYY-MM-DD') END) AS key,
              warnings, late
         FROM monitoring_warning_counts WHERE year IN (${Y1}, ${Y2}) AND (warnings <> 0 OR late <> 0)`,
    );
    try {
      expect(rows.filter((r) => r.stored_year !== r.year)).toEqual([]);
      expect(Object.fromEntries(kept.map((k) => [k.key, { warnings: k.warnings, late: k.late }]))).toEqual(Object.fromEntries(counted));
    } catch (error) {
      throw new Error(`${context} (seed ${SEED}): ${(error as Error).message}`);
    }
  };

  const insertTracking = async (p: { id: string; organization_id: string; year: number }) => {
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO trackings (project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate, round, round_due)
       VALUES ($1, $2, $3, $4, '10.00', 'budget', '100.00', '10.00', 'first', $4) RETURNING id`,
      [p.id, p.organization_id, p.year, `${p.year}-06-30`],
    );
    return row.id;
  };

  const insertWarning = async (x: { id: string; organization_id: string; year: number }, rnd: SeededRandom, code?: string) => {
    const answered = rnd.chance(0.3);
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO tracking_warnings (tracking_id, organization_id, code, rule, threshold, actual, message, message_en, answer_due,
                                      answer, answered_on, answered_late)
       VALUES ($1, $2, $3, 'N7', 50, 10, '预警', 'warning', $4, $5, $6, $7) RETURNING id`,
      [
        x.id,
        x.organization_id,
        code ?? rnd.pick(WARNING_CODES),
        `${x.year}-${rnd.pick(DUES)}`,
        answered ? 'continue' : null,
        answered ? `${x.year}-07-01` : null,
        answered && rnd.chance(0.5),
      ],
    );
    return row.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await copyProfiles(t, [Y1]);
    orgs = [await orgIdByName(t, '区卫生健康委员会'), await orgIdByName(t, '青浦区中心医院'), await orgIdByName(t, '区教育局')];
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, WARNING_COUNTS_FUNCTIONS, {
      like: 'warning\\_counts\\_%',
      statements: warningCountsTriggerStatements(),
    });
  });

  it('holds for every warning the demo data wrote, each in its project organization and tracking year', async () => {
    const [raw] = await t.sql<{ warnings: number; elsewhere: number; open: number }>(
      `SELECT count(*)::int AS warnings, count(*) FILTER (WHERE (w.year, w.organization_id) IS DISTINCT FROM (p.year, p.organization_id))::int AS elsewhere,
              count(*) FILTER (WHERE w.answer IS NULL)::int AS open
         FROM tracking_warnings w JOIN trackings x ON x.id = w.tracking_id JOIN projects p ON p.id = x.project_id`,
    );
    expect(raw.warnings).toBeGreaterThan(0);
    expect(raw.elsewhere).toBe(0);
    const [stored] = await t.sql<{ warnings: number; open: number }>(
      `SELECT sum(warnings)::int AS warnings, COALESCE(sum(warnings) FILTER (WHERE open_due <> 'infinity'), 0)::int AS open FROM monitoring_warning_counts`,
    );
    expect(stored).toEqual({ warnings: raw.warnings, open: raw.open });
  });

  it('stays equal to the raw rows after every step of random writes', async () => {
    console.log(`warning-counts property test: seed ${SEED} (WARNING_COUNTS_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    const projects: { id: string; organization_id: string; year: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const [p] = await t.sql<{ id: string; organization_id: string; year: number }>(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, $2, $3, 'project', $4, '1000.00')
         RETURNING id, organization_id, year`,
        [rnd.pick([Y1, Y2]), `WC-${i}`, `存储预警 ${i}`, rnd.pick(orgs)],
      );
      projects.push(p);
      await insertTracking(p);
    }
    await check('after inserting the projects');
    for (let step = 1; step <= STEPS; step++) {
      const xs = await t.sql<{ id: string; organization_id: string; year: number }>(
        `SELECT x.id, x.organization_id, x.year FROM trackings x WHERE x.year IN (${Y1}, ${Y2}) ORDER BY x.created_at, x.id`,
      );
      const ws = await t.sql<{ id: string; answer: string | null }>(
        `SELECT w.id, w.answer FROM tracking_warnings w WHERE w.year IN (${Y1}, ${Y2}) ORDER BY w.created_at, w.id`,
      );
      const op = rnd.int(12);
      const w = ws.length ? rnd.pick(ws) : null;
      let did = '';
      if (op <= 2 || !w) {
        await insertWarning(rnd.pick(xs), rnd);
        did = 'warning insert';
      } else if (op === 3) {
        await t.sql(`UPDATE tracking_warnings SET answer = $2, answered_on = $3, answered_late = $4 WHERE id = $1`, [
          w.id,
          w.answer ? null : rnd.pick(['continue', 'adjust', 'cancel']),
          w.answer ? null : `${Y1}-07-01`,
          !w.answer && rnd.chance(0.5),
        ]);
        did = w.answer ? 'warning reopened' : 'warning answered';
      } else if (op === 4) {
        await t.sql(`UPDATE tracking_warnings SET answer_due = answer_due + $2::int WHERE id = $1`, [w.id, rnd.pick([-40, 1, 90])]);
        did = 'warning deadline';
      } else if (op === 5) {
        await t.sql(`UPDATE tracking_warnings SET code = $2, answered_late = NOT answered_late WHERE id = $1`, [
          w.id,
          rnd.pick(WARNING_CODES),
        ]);
        did = 'warning code and lateness';
      } else if (op === 6) {
        await t.sql(`UPDATE tracking_warnings SET tracking_id = $2 WHERE id = $1`, [w.id, rnd.pick(xs).id]);
        did = 'warning moved to another tracking';
      } else if (op === 7) {
        await t.sql(`DELETE FROM tracking_warnings WHERE id = $1`, [w.id]);
        did = 'warning delete';
      } else if (op === 8) {
        await t.sql(`UPDATE trackings SET year = CASE year WHEN ${Y1} THEN ${Y2} ELSE ${Y1} END WHERE id = $1`, [rnd.pick(xs).id]);
        did = 'tracking year';
      } else if (op === 9 && xs.length > 3) {
        // The warnings go with it (ON DELETE CASCADE), when the tracking row is already gone.
        await t.sql(`DELETE FROM trackings WHERE id = $1`, [rnd.pick(xs).id]);
        did = 'tracking delete with its warnings';
      } else if (op === 10 && xs.length < 12) {
        await insertTracking(rnd.pick(projects));
        did = 'tracking insert';
      } else if (op === 11) {
        // One statement writing several warnings of several groups.
        await t.sql(`UPDATE tracking_warnings SET answer_due = answer_due + 1 WHERE year IN (${Y1}, ${Y2}) AND answer IS NULL`);
        did = 'many warnings in one statement';
      }
      if (did) seen.add(did);
      await check(`step ${step}: ${did || 'nothing'}`);
    }
    expect([...seen].sort()).toEqual(
      [
        'answered warning',
        'many warnings in one statement',
        'open warning',
        'tracking delete with its warnings',
        'tracking insert',
        'tracking year',
        'warning answered',
        'warning code and lateness',
        'warning deadline',
        'warning delete',
        'warning insert',
        'warning moved to another tracking',
        'warning reopened',
      ].sort(),
    );
  });

  it('shows a raised warning in the dashboard at once, overdue by its deadline, and answered once answered', async () => {
    const finance = await t.login('finance');
    const edu = await t.login('edu');
    const eduOrg = orgs[2];
    const code = WARNING_CODES[0];
    const countsOf = async (token: string) => {
      const res = await t.request('GET', `/api/v1/trackings/dashboard?year=${Y1}`, { token });
      expect(res.status).toBe(200);
      const line = (
        res.body as { summary: { warnings: { code: string; total: number; open: number; overdue: number; answeredLate: number }[] } }
      ).summary.warnings.find((w) => w.code === code);
      return line ?? { code, total: 0, open: 0, overdue: 0, answeredLate: 0 };
    };
    const town = await t.login('zhujiajiao');
    const before = { finance: await countsOf(finance), edu: await countsOf(edu), town: await countsOf(town) };
    const [p] = await t.sql<{ id: string; organization_id: string; year: number }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, 'WC-API', '存储预警 API', 'project', $2, '5000.00')
       RETURNING id, organization_id, year`,
      [Y1, eduOrg],
    );
    const x = await insertTracking(p);
    // A deadline already past today: overdue.
    const [w] = await t.sql<{ id: string }>(
      `INSERT INTO tracking_warnings (tracking_id, organization_id, code, rule, threshold, actual, message, message_en, answer_due)
       VALUES ($1, $2, $3, 'N7', 50, 10, '预警', 'warning', '2020-01-02') RETURNING id`,
      [x, eduOrg, code],
    );
    for (const [who, token] of [
      ['finance', finance],
      ['edu', edu],
    ] as const) {
      const now = await countsOf(token);
      expect(now).toEqual({
        ...before[who],
        total: before[who].total + 1,
        open: before[who].open + 1,
        overdue: before[who].overdue + 1,
      });
    }
    await t.sql(`UPDATE tracking_warnings SET answer = 'continue', answered_on = '2020-01-03', answered_late = true WHERE id = $1`, [w.id]);
    const answered = await countsOf(edu);
    expect(answered).toEqual({ ...before.edu, total: before.edu.total + 1, answeredLate: before.edu.answeredLate + 1 });
    // Outside the education bureau's tree the count did not move.
    expect(await countsOf(town)).toEqual(before.town);
  });
});
