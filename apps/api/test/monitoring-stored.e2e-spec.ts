/**
 * Issue 10: the stored monitoring facts (projects.target_approved_on / tracked / last_executed /
 * last_base / last_funds) and the dashboard's sums per (year, organization) (monitoring_totals,
 * monitoring_fund_totals) are kept current by every write, in its own transaction. A property test
 * writes random SQL sequences (trackings, their fund sources, targets' approval, projects' budget /
 * organization / kind / year, projects inserted and deleted) and after each step compares every
 * stored value with the same facts computed here from the raw rows. Seeded:
 * MONITORING_STORED_SEED=<n> replays a run (the seed is printed). The stored R9 / R10 deadline is
 * compared with libs/domain `trackingRoundDue` of the raw rows, also after the year's deadlines or an
 * organization's sector changed. Then the dashboard through the API
 * right after a tracking is written, and the functions in the database against what the code
 * generates now.
 */
import { isMonitoredKind, trackingRoundDue, type PolicyProfileValues } from '@jixiao/domain';
import {
  MONITORING_STORED_FUNCTIONS,
  monitoringStoredFunctionStatements,
  monitoringStoredTriggerStatements,
} from '../src/modules/trackings/monitoring-stored.sql';
import { seededRandom, type SeededRandom } from './support/random';
import { expectProjectCountsMatchRows, expectRollupsMatchCounts, expectStoredFunctionsCurrent } from './support/stored-functions';
import { startTestApp, TestApp } from './support/test-app';
import { copyProfiles, orgIdByName } from './support/db-state';

const Y1 = 2051;
const Y2 = 2052;
const SEED = Number(process.env.MONITORING_STORED_SEED ?? 20261202);
const STEPS = Number(process.env.MONITORING_STORED_STEPS ?? 400);

const KINDS = ['project', 'policy', 'department_overall'];
const SOURCES = ['general_budget', 'government_bonds', 'special_transfer'];
const AMOUNTS = ['0.00', '1.50', '12000.00', '250000.75', '999999.99'];
const RATES = ['0.00', '42.50', '100.00', '133.33'];
const DAYS = ['03-31', '06-30', '06-30', '08-31', '09-30'];
/** Approval instants around a Shanghai midnight: the stored day is Asia/Shanghai's. */
const APPROVED = [null, '2051-03-01T15:59:59Z', '2051-03-01T16:00:00Z', '2051-09-10T02:00:00Z'];

/** Cents of a decimal string, exactly. */
const cents = (amount: string | number | null): bigint => {
  if (amount === null) return 0n;
  const [whole, fraction = ''] = String(amount).split('.');
  const negative = whole.startsWith('-');
  const value = BigInt(whole.replace('-', '')) * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -value : value;
};

interface Facts {
  approvedOn: string | null;
  tracked: boolean;
  executed: string | null;
  base: string | null;
  rate: string | null;
  funds: Record<string, string> | null;
  due: string | null;
}

describe('stored monitoring facts and sums', () => {
  let t: TestApp;
  let orgs: string[];
  /** What the walk reached: a check that sees only untracked projects would prove little. */
  const seen = new Set<string>();

  /** Every project's stored facts and the sums against the same computed here from the raw rows. */
  const check = async (context: string) => {
    const projects = await t.sql<{
      id: string;
      year: number;
      organization_id: string;
      kind: string;
      budget: string;
      approved_on: string | null;
      tracked: boolean;
      last_executed: string | null;
      last_base: string | null;
      last_rate: string | null;
      last_funds: Record<string, number> | null;
      created_at: Date;
      sector: string | null;
      target_status: string | null;
      tracking_due: string | null;
    }>(
      `SELECT p.id, p.year, p.organization_id, p.kind, p.budget_amount::text AS budget, to_char(p.target_approved_on, 'YYYY-MM-DD') AS approved_on,
              p.tracked, p.last_executed::text AS last_executed, p.last_base::text AS last_base, p.last_execution_rate::text AS last_rate, p.last_funds, p.created_at,
              COALESCE(o.sector, po.sector) AS sector, p.target_status, to_char(p.tracking_due, 'YYYY-MM-DD') AS tracking_due
         FROM projects p JOIN organizations o ON o.id = p.organization_id LEFT JOIN organizations po ON po.id = o.parent_id
        WHERE p.year IN (${Y1}, ${Y2})`,
    );
    const profiles = new Map(
      (await t.sql<{ year: number; values: PolicyProfileValues }>(`SELECT year, "values" FROM policy_profiles`)).map((r) => [
        r.year,
        r.values,
      ]),
    );
    const targets = await t.sql<{ project_id: string; approved_at: Date | null }>(
      `SELECT t.project_id, t.approved_at FROM targets t JOIN projects p ON p.id = t.project_id WHERE p.year IN (${Y1}, ${Y2})`,
    );
    const trackings = await t.sql<{
      id: string;
      project_id: string;
      as_of: string;
      created_at: Date;
      executed: string;
      base: string;
      rate: string;
    }>(
      `SELECT x.id, x.project_id, to_char(x.as_of, 'YYYY-MM-DD') AS as_of, x.created_at, x.executed_amount::text AS executed,
              x.base_amount::text AS base, x.execution_rate::text AS rate
         FROM trackings x JOIN projects p ON p.id = x.project_id WHERE p.year IN (${Y1}, ${Y2})`,
    );
    const funds = await t.sql<{ tracking_id: string; source: string; amount: string }>(
      `SELECT f.tracking_id, f.source, f.amount::text AS amount FROM tracking_fund_sources f
         JOIN trackings x ON x.id = f.tracking_id JOIN projects p ON p.id = x.project_id WHERE p.year IN (${Y1}, ${Y2})`,
    );
    // The day in Asia/Shanghai (UTC+8, no daylight saving).
    const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const expected = new Map<string, Facts>();
    for (const p of projects) {
      const target = targets.find((x) => x.project_id === p.id);
      // The latest: as_of, then written last, then the greatest id (LATEST_TRACKING_ORDER).
      const latest = trackings
        .filter((x) => x.project_id === p.id)
        .sort((a, b) =>
          a.as_of !== b.as_of
            ? b.as_of.localeCompare(a.as_of)
            : a.created_at.getTime() !== b.created_at.getTime()
              ? b.created_at.getTime() - a.created_at.getTime()
              : b.id.localeCompare(a.id),
        )[0];
      const split = latest ? funds.filter((f) => f.tracking_id === latest.id) : [];
      const approvedOn = target?.approved_at ? shanghaiDay(target.approved_at) : null;
      const profile = profiles.get(p.year);
      const round = profile
        ? trackingRoundDue({ year: p.year, sector: p.sector, createdOn: shanghaiDay(p.created_at), targetApprovedOn: approvedOn }, profile)
        : null;
      if (round) seen.add(`round ${round.round}`);
      expected.set(p.id, {
        due: round?.due ?? `${p.year}-12-31`,
        approvedOn,
        tracked: latest !== undefined,
        executed: latest?.executed ?? null,
        base: latest?.base ?? null,
        rate: latest?.rate ?? null,
        funds: split.length ? Object.fromEntries(split.map((f) => [f.source, cents(f.amount).toString()])) : null,
      });
      if (latest) seen.add(split.length ? 'tracked with fund sources' : 'tracked without fund sources');
      if (target?.approved_at) seen.add('approved');
    }
    const stored = new Map<string, Facts>(
      projects.map((p) => [
        p.id,
        {
          due: p.tracking_due,
          approvedOn: p.approved_on,
          tracked: p.tracked,
          executed: p.last_executed,
          base: p.last_base,
          rate: p.last_rate,
          funds: p.last_funds ? Object.fromEntries(Object.entries(p.last_funds).map(([k, v]) => [k, cents(v).toString()])) : null,
        },
      ]),
    );
    try {
      expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(expected));
    } catch (error) {
      throw new Error(`${context}: project facts (seed ${SEED}): ${(error as Error).message}`);
    }

    // The sums, from the expected facts; groups that fell to zero may stay as zero rows.
    const totals = new Map<string, { projects: number; tracked: number; budget: bigint; executed: bigint; base: bigint }>();
    const fundTotals = new Map<string, { executed: bigint; projects: number }>();
    const dueCounts = new Map<string, number>();
    for (const p of projects) {
      const e = expected.get(p.id)!;
      if (isMonitoredKind(p.kind)) {
        const dueKey = `${p.year}|${p.organization_id}|${e.due}|${p.target_status === 'approved'}|${e.tracked}`;
        dueCounts.set(dueKey, (dueCounts.get(dueKey) ?? 0) + 1);
        const key = `${p.year}|${p.organization_id}`;
        const s = totals.get(key) ?? { projects: 0, tracked: 0, budget: 0n, executed: 0n, base: 0n };
        s.projects++;
        if (e.tracked) s.tracked++;
        s.budget += cents(p.budget);
        s.executed += cents(e.executed);
        s.base += e.base === null ? cents(p.budget) : cents(e.base);
        totals.set(key, s);
      }
      for (const [source, amount] of Object.entries(e.funds ?? {})) {
        const key = `${p.year}|${p.organization_id}|${source}`;
        const s = fundTotals.get(key) ?? { executed: 0n, projects: 0 };
        s.executed += BigInt(amount);
        s.projects++;
        fundTotals.set(key, s);
      }
    }
    const keptTotals = await t.sql<{
      year: number;
      organization_id: string;
      projects: number;
      tracked: number;
      budget: string;
      executed: string;
      base: string;
    }>(
      `SELECT year, organization_id, projects, tracked, budget::text AS budget, executed::text AS executed, base::text AS base
         FROM monitoring_totals WHERE year IN (${Y1}, ${Y2})`,
    );
    const keptFunds = await t.sql<{ year: number; organization_id: string; source: string; executed: string; projects: number }>(
      `SELECT year, organization_id, source, executed::text AS executed, projects FROM monitoring_fund_totals WHERE year IN (${Y1}, ${Y2})`,
    );
    const kept = Object.fromEntries(
      keptTotals
        .filter((k) => k.projects !== 0 || cents(k.budget) !== 0n || cents(k.executed) !== 0n || cents(k.base) !== 0n || k.tracked !== 0)
        .map((k) => [
          `${k.year}|${k.organization_id}`,
          { projects: k.projects, tracked: k.tracked, budget: cents(k.budget), executed: cents(k.executed), base: cents(k.base) },
        ]),
    );
    const keptF = Object.fromEntries(
      keptFunds
        .filter((k) => k.projects !== 0 || cents(k.executed) !== 0n)
        .map((k) => [`${k.year}|${k.organization_id}|${k.source}`, { executed: cents(k.executed), projects: k.projects }]),
    );
    const keptDue = await t.sql<{ key: string; projects: number }>(
      `SELECT concat_ws('|', year, organization_id, to_char(due, 'YYYY-MM-DD'), approved::text, tracked::text) AS key, projects
         FROM monitoring_due_counts WHERE year IN (${Y1}, ${Y2}) AND projects <> 0`,
    );
    try {
      expect(Object.fromEntries(keptDue.map((k) => [k.key, k.projects]))).toEqual(Object.fromEntries(dueCounts));
      expect(kept).toEqual(Object.fromEntries(totals));
      expect(keptF).toEqual(Object.fromEntries(fundTotals));
    } catch (error) {
      throw new Error(`${context}: sums (seed ${SEED}): ${(error as Error).message}`);
    }
    await expectProjectCountsMatchRows(t, [Y1, Y2], `${context} (seed ${SEED})`);
    await expectRollupsMatchCounts(t, `${context} (seed ${SEED})`);
  };

  const insertTracking = async (p: { id: string; organization_id: string; year: number }, rnd: SeededRandom) => {
    const executed = rnd.pick(AMOUNTS);
    const [row] = await t.sql<{ id: string }>(
      `INSERT INTO trackings (project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate, round, round_due, created_at)
       VALUES ($1, $2, $3, $4, $5, 'budget', $6, $8, 'first', $4, $7) RETURNING id`,
      [
        p.id,
        p.organization_id,
        p.year,
        `${p.year}-${rnd.pick(DAYS)}`,
        executed,
        rnd.pick(AMOUNTS),
        // Two trackings of one as-of day and one instant: the id decides.
        rnd.chance(0.3) ? '2051-07-01T00:00:00Z' : new Date(Date.UTC(2051, 6, 1) + rnd.int(1000) * 1000),
        rnd.pick(RATES),
      ],
    );
    if (rnd.chance(0.6)) {
      for (const source of SOURCES.filter(() => rnd.chance(0.6))) {
        await t.sql(`INSERT INTO tracking_fund_sources (tracking_id, source, amount) VALUES ($1, $2, $3)`, [
          row.id,
          source,
          rnd.pick(AMOUNTS),
        ]);
      }
    }
    return row.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await copyProfiles(t, [Y1, Y2]);
    orgs = [await orgIdByName(t, '区卫生健康委员会'), await orgIdByName(t, '青浦区中心医院'), await orgIdByName(t, '区教育局')];
  });
  afterAll(async () => t?.close());

  it('the functions in the database are the ones the code generates now (a change needs a migration)', async () => {
    await expectStoredFunctionsCurrent(t, MONITORING_STORED_FUNCTIONS, {
      like: 'monitoring\\_%',
      statements: monitoringStoredTriggerStatements(),
    });
    expect(monitoringStoredFunctionStatements()).toHaveLength(MONITORING_STORED_FUNCTIONS.length);
  });

  it('holds, for every project and tracking the demo data wrote, the facts and sums of the raw rows', async () => {
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE tracked`);
    expect(n).toBeGreaterThan(0);
    const [{ wrong }] = await t.sql<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM projects p
        WHERE p.tracked IS DISTINCT FROM EXISTS (SELECT 1 FROM trackings x WHERE x.project_id = p.id)`,
    );
    expect(wrong).toBe(0);
    const sums = await t.sql<{ year: number; stored: string; raw: string }>(
      `SELECT s.year, s.stored::text, r.raw::text
         FROM (SELECT year, sum(executed) AS stored FROM monitoring_totals GROUP BY year) s
         JOIN (SELECT p.year, sum(COALESCE(p.last_executed, 0)) AS raw FROM projects p WHERE p.kind IN ('project', 'policy') GROUP BY p.year) r
           ON r.year = s.year`,
    );
    expect(sums.length).toBeGreaterThan(0);
    for (const s of sums) expect(s.stored).toBe(s.raw);
  });

  it('stays equal to the raw rows after every step of random writes', async () => {
    console.log(`monitoring-stored property test: seed ${SEED} (MONITORING_STORED_SEED), ${STEPS} steps`);
    const rnd = seededRandom(SEED);
    let n = 0;
    const insertProject = async () => {
      const year = rnd.pick([Y1, Y2]);
      const [row] = await t.sql<{ id: string }>(
        `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [year, `MS-${++n}`, `存储监控 ${n}`, rnd.pick(KINDS), rnd.pick(orgs), rnd.pick(AMOUNTS)],
      );
      return row.id;
    };
    for (let i = 0; i < 12; i++) await insertProject();
    await check('after inserting the projects');
    const projects = () =>
      t.sql<{ id: string; year: number; organization_id: string; has_t: boolean; trackings: string[] }>(
        `SELECT p.id, p.year, p.organization_id, EXISTS (SELECT 1 FROM targets WHERE project_id = p.id) AS has_t,
                ARRAY(SELECT x.id::text FROM trackings x WHERE x.project_id = p.id ORDER BY x.id) AS trackings
           FROM projects p WHERE p.year IN (${Y1}, ${Y2}) ORDER BY p.code`,
      );
    for (let step = 1; step <= STEPS; step++) {
      const ps = await projects();
      const p = rnd.pick(ps);
      const op = rnd.int(18);
      let did = '';
      if (op <= 2) {
        await insertTracking(p, rnd);
        did = 'tracking insert';
      } else if (op === 3 && p.trackings.length) {
        await t.sql(`DELETE FROM trackings WHERE id = $1`, [rnd.pick(p.trackings)]);
        did = 'tracking delete (with its fund sources)';
      } else if (op === 4 && p.trackings.length) {
        const column = rnd.pick(['executed_amount', 'base_amount', 'execution_rate']);
        const value = column === 'execution_rate' ? rnd.pick(RATES) : rnd.pick(AMOUNTS);
        await t.sql(`UPDATE trackings SET ${column} = $2 WHERE id = $1`, [rnd.pick(p.trackings), value]);
        did = `tracking ${column}`;
      } else if (op === 5 && p.trackings.length) {
        await t.sql(`UPDATE trackings SET as_of = $2 WHERE id = $1`, [rnd.pick(p.trackings), `${p.year}-${rnd.pick(DAYS)}`]);
        did = 'tracking as_of';
      } else if (op === 6 && p.trackings.length) {
        const other = rnd.pick(ps.filter((o) => o.year === p.year));
        await t.sql(`UPDATE trackings SET project_id = $2 WHERE id = $1`, [rnd.pick(p.trackings), other.id]);
        did = 'tracking moved to another project';
      } else if (op === 7) {
        // Any fund source of the two years (ordered by their tracking's project code and source, so a
        // seed replays the same walk whatever the random ids), or a new one on this project's tracking.
        const rows = await t.sql<{ id: string }>(
          `SELECT f.id FROM tracking_fund_sources f JOIN trackings x ON x.id = f.tracking_id JOIN projects q ON q.id = x.project_id
            WHERE q.year IN (${Y1}, ${Y2}) ORDER BY q.code, x.as_of, x.executed_amount, f.source, f.id`,
        );
        if (rows.length && (rnd.chance(0.6) || !p.trackings.length)) {
          const row = rnd.pick(rows);
          if (rnd.chance(0.5)) {
            await t.sql(`DELETE FROM tracking_fund_sources WHERE id = $1`, [row.id]);
            did = 'fund source delete';
          } else {
            await t.sql(`UPDATE tracking_fund_sources SET amount = $2 WHERE id = $1`, [row.id, rnd.pick(AMOUNTS)]);
            did = 'fund source amount';
          }
        } else if (p.trackings.length) {
          await t.sql(
            `INSERT INTO tracking_fund_sources (tracking_id, source, amount) VALUES ($1, $2, $3) ON CONFLICT (tracking_id, source) DO NOTHING`,
            [rnd.pick(p.trackings), rnd.pick(SOURCES), rnd.pick(AMOUNTS)],
          );
          did = 'fund source insert';
        } else {
          await insertTracking(p, rnd);
          did = 'tracking insert';
        }
      } else if (op === 8) {
        const withTarget = ps.filter((o) => o.has_t);
        const q = withTarget.length && rnd.chance(0.7) ? rnd.pick(withTarget) : p;
        if (q.has_t && rnd.chance(0.3)) {
          await t.sql(`DELETE FROM targets WHERE project_id = $1`, [q.id]);
          did = 'target delete';
        } else if (q.has_t) {
          await t.sql(`UPDATE targets SET approved_at = $2, status = 'approved' WHERE project_id = $1`, [q.id, rnd.pick(APPROVED)]);
          did = 'target approval day';
        } else {
          await t.sql(`INSERT INTO targets (project_id, organization_id, year, status, approved_at) VALUES ($1, $2, $3, 'approved', $4)`, [
            p.id,
            p.organization_id,
            p.year,
            rnd.pick(APPROVED),
          ]);
          did = 'target insert';
        }
      } else if (op === 9) {
        await t.sql(`UPDATE projects SET budget_amount = $2 WHERE id = $1`, [p.id, rnd.pick(AMOUNTS)]);
        did = 'project budget';
      } else if (op === 10) {
        await t.sql(`UPDATE projects SET organization_id = $2, kind = $3 WHERE id = $1`, [p.id, rnd.pick(orgs), rnd.pick(KINDS)]);
        did = 'project organization and kind';
      } else if (op === 11) {
        await t.sql(`UPDATE projects SET year = $2 WHERE id = $1`, [p.id, p.year === Y1 ? Y2 : Y1]);
        did = 'project year';
      } else if (op === 14) {
        // The year's first round: its general date or the education sector's.
        const year = rnd.pick([Y1, Y2]);
        const path = rnd.chance(0.5) ? '{date}' : '{sectorDates,education}';
        await t.sql(
          `UPDATE policy_profiles SET "values" = jsonb_set("values", '{deadlines}',
             (SELECT jsonb_agg(CASE WHEN d->>'code' = 'first_tracking' THEN jsonb_set(d, $2::text[], to_jsonb($3::text)) ELSE d END ORDER BY i)
                FROM jsonb_array_elements("values"->'deadlines') WITH ORDINALITY e(d, i)))
           WHERE year = $1`,
          [year, path, rnd.pick(['02-29', '03-01', '08-31', '09-30', '12-31'])],
        );
        did = 'profile first round';
      } else if (op === 15) {
        await t.sql(`UPDATE organizations SET sector = $2 WHERE id = $1`, [rnd.pick(orgs), rnd.pick([null, 'education', 'health'])]);
        did = 'organization sector';
      } else if (op === 16) {
        await t.sql(`UPDATE projects SET created_at = $2 WHERE id = $1`, [
          p.id,
          rnd.pick(['2050-12-31T16:00:00Z', '2051-03-01T15:59:59Z', '2051-10-01T00:00:00Z', '2052-10-01T00:00:00Z']),
        ]);
        did = 'project created';
      } else if (op === 13) {
        // One statement writing several projects (the counts move once per statement, by its transition tables).
        const sub = rnd.int(3);
        if (sub === 0) {
          await t.sql(
            `UPDATE projects SET budget_amount = budget_amount + $2, organization_id = CASE WHEN code < $3 THEN $4::uuid ELSE organization_id END
              WHERE year = $1`,
            [p.year, rnd.pick(['0.01', '1000.00']), `MS-${1 + rnd.int(n)}`, rnd.pick(orgs)],
          );
          did = 'projects updated in one statement';
        } else if (sub === 1) {
          await t.sql(
            `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount)
             SELECT $1, 'MS-' || ($2::int + g), '存储监控 ' || ($2::int + g), $3, $4, $5 FROM generate_series(1, 3) g`,
            [rnd.pick([Y1, Y2]), n, rnd.pick(KINDS), rnd.pick(orgs), rnd.pick(AMOUNTS)],
          );
          n += 3;
          did = 'projects inserted in one statement';
        } else {
          const bare = ps.filter((o) => !o.has_t && !o.trackings.length && rnd.chance(0.5));
          await t.sql(`DELETE FROM projects WHERE id = ANY($1::uuid[])`, [bare.map((o) => o.id)]);
          did = 'projects deleted in one statement';
        }
      } else if (op === 12 && !p.has_t && !p.trackings.length) {
        await t.sql(`DELETE FROM projects WHERE id = $1`, [p.id]);
        did = 'project delete';
      } else if (ps.length < 24) {
        await insertProject();
        did = 'project insert';
      } else {
        await insertTracking(p, rnd);
        did = 'tracking insert';
      }
      seen.add(did.replace(/ \(.*\)$/, '').replace(/ (executed_amount|base_amount|execution_rate)$/, ' amount'));
      await check(`step ${step}: ${did} on ${p.id}`);
    }
    // The walk reached every kind of write and state (with this seed and step count).
    expect([...seen].sort()).toEqual(
      [
        'approved',
        'organization sector',
        'profile first round',
        'project created',
        'round first_tracking',
        'round later_tracking',
        'fund source amount',
        'fund source delete',
        'fund source insert',
        'project budget',
        'project delete',
        'project insert',
        'projects deleted in one statement',
        'projects inserted in one statement',
        'projects updated in one statement',
        'project organization and kind',
        'project year',
        'target approval day',
        'target delete',
        'target insert',
        'tracked with fund sources',
        'tracked without fund sources',
        'tracking amount',
        'tracking as_of',
        'tracking delete',
        'tracking insert',
        'tracking moved to another project',
      ].sort(),
    );
    // The rebuild functions (run after a bulk load with the triggers off) give the same counts from the
    // rows as the triggers kept: each count is one definition, summed by both.
    for (const year of [Y1, Y2]) {
      await t.sql(
        `SELECT target_coverage_rebuild_year($1), monitoring_rebuild_year($1), evaluation_coverage_rebuild_year($1), key_coverage_rebuild_year($1)`,
        [year],
      );
    }
    await check('after the years rebuilt from the rows');
  });

  it('shows a tracking in the monitoring dashboard at once', async () => {
    const finance = await t.login('finance');
    const year = Y1;
    const org = orgs[2];
    const before = await t.request('GET', `/api/v1/trackings/dashboard?year=${year}&pageSize=200`, { token: finance });
    expect(before.status).toBe(200);
    const line = (body: {
      hasMore: boolean;
      items: { organizationId: string; executedAmount: string; tracked: number; projects: number }[];
    }) => body.items.find((o) => o.organizationId === org) ?? { executedAmount: '0.00', tracked: 0, projects: 0 };
    const [p] = await t.sql<{ id: string }>(
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount) VALUES ($1, 'MS-API', '存储监控 API', 'project', $2, '800000.00') RETURNING id`,
      [year, org],
    );
    const [x] = await t.sql<{ id: string }>(
      `INSERT INTO trackings (project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate, round, round_due)
       VALUES ($1, $2, $3, '${year}-08-31', '123456.78', 'budget', '800000.00', 15.43, 'first', '${year}-08-31') RETURNING id`,
      [p.id, org, year],
    );
    await t.sql(`INSERT INTO tracking_fund_sources (tracking_id, source, amount) VALUES ($1, 'government_bonds', '123456.78')`, [x.id]);
    const after = await t.request('GET', `/api/v1/trackings/dashboard?year=${year}&pageSize=200`, { token: finance });
    expect(after.status).toBe(200);
    expect([before.body.hasMore, after.body.hasMore]).toEqual([false, false]);
    expect(line(after.body).projects).toBe(line(before.body).projects + 1);
    expect(after.body.summary.projects).toBe(before.body.summary.projects + 1);
    expect(cents(after.body.summary.executedAmount) - cents(before.body.summary.executedAmount)).toBe(12345678n);
    expect(line(after.body).tracked).toBe(line(before.body).tracked + 1);
    expect(cents(line(after.body).executedAmount) - cents(line(before.body).executedAmount)).toBe(12345678n);
    const bonds = (b: { summary: { fundSources: { source: string; executedAmount: string; projects: number }[] } }) =>
      b.summary.fundSources.find((f) => f.source === 'government_bonds') ?? { executedAmount: '0.00', projects: 0 };
    expect(cents(bonds(after.body).executedAmount) - cents(bonds(before.body).executedAmount)).toBe(12345678n);
    expect(bonds(after.body).projects).toBe(bonds(before.body).projects + 1);
  });
});
