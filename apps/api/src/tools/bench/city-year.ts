import { rebuildRollupsSql } from '../../database/rolled-up-counts.sql';
import { fundSourcesAggSql } from '../../modules/projects/fund-sources-json.sql';
import type { Client } from 'pg';
import { LIST_ORGANIZATION_KINDS } from '../../modules/key-project-lists/list-organization-stored.sql';
import { checkpointOn, trackingRoundDue, type PolicyProfileValues } from '@jixiao/domain';

/**
 * The generated years the benchmarks read (`pnpm bench:data`, `pnpm bench:monitoring`): set-based
 * SQL (generate_series, hashint4) on a database that already has the real migrations and
 * first-start data (profiles, demo organizations and users). Every row is deterministic: the same
 * options give the same data.
 *
 * - `districts` > 1 adds the departments and towns of that many districts in all (copies of the
 *   demo district's, named after Shanghai's districts), so a city has 16 districts' worth of
 *   organizations; generated units under every department and town (about 50 projects a unit).
 * - A working year of `projects` projects: fund sources, pre-assessments where the profile's R5
 *   reading requires them, targets with indicators, trackings (~60 % of the approved targets, some
 *   tracked twice), their readings and fund split, warnings (~20 %, some answered, some late) and
 *   adjustment suggestions.
 * - Optionally the evaluated year before it (`previousProjects`) generated the same way, with
 *   evaluations: self-evaluations of most approved targets (draft to completed), some department
 *   evaluations and a few finance key ones commissioned to a demo agency.
 * Non-constraint indexes of the bulk tables are dropped before the inserts and built after them;
 * everything is analysed at the end.
 */
export interface CityYearOptions {
  /** Projects of the working year. */
  projects: number;
  /** The working year (a profile must exist). */
  year: number;
  /** Districts' worth of departments and towns: 1 is the demo district alone. */
  districts: number;
  /** Projects of the evaluated year (year − 1), with evaluations; 0 for none. */
  previousProjects: number;
  /** Share of projects (per cent) with a target, and the number of indicators per target. */
  targetPct: number;
  indicators: [min: number, max: number];
}

export type Log = (line: string) => void;

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** A deterministic pseudo-random whole number in [0, n) from an SQL integer expression and a salt. */
export const h = (expr: string, salt: number, n: number) => `((hashint4((${expr}) * 31 + ${salt}) & 2147483647) % ${n})`;

const THEMES = [
  '校舍维修改造',
  '道路养护',
  '河道综合整治',
  '社区卫生服务',
  '养老服务补贴',
  '公共文化服务',
  '农田水利建设',
  '垃圾分类处置',
  '智慧城市运维',
  '就业创业扶持',
  '校园安全保障',
  '医疗设备购置',
  '绿化养护',
  '消防设施更新',
  '农村生活污水治理',
  '公交运营补贴',
  '科技创新券',
  '旧区改造',
  '食品安全抽检',
  '残疾人康复服务',
  '教育信息化',
  '政务信息化',
];
const SECOND_SOURCES = ['special_transfer', 'government_bonds', 'direct_funds', 'fiscal_special_funds', 'district_to_town_transfer'];
/** The demo district is the first (青浦); the others get copies of its departments and towns. */
const DISTRICTS = [
  '青浦',
  '黄浦',
  '徐汇',
  '长宁',
  '静安',
  '普陀',
  '虹口',
  '杨浦',
  '闵行',
  '宝山',
  '嘉定',
  '浦东新',
  '金山',
  '松江',
  '奉贤',
  '崇明',
];
export const MAX_DISTRICTS = DISTRICTS.length;

/** The tables the generator fills; their non-constraint indexes are built after the inserts. */
const BULK_TABLES = [
  'projects',
  'project_fund_sources',
  'pre_assessments',
  'targets',
  'target_indicators',
  'trackings',
  'tracking_fund_sources',
  'tracking_indicator_readings',
  'tracking_warnings',
  'budget_adjustment_suggestions',
  'evaluations',
];

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (items: string[]) => `ARRAY[${items.map(sqlText).join(', ')}]`;

/** The as-of dates the generated trackings use: month ends, with the N7 checkpoint that applies on each. */
function checkpointCase(profile: PolicyProfileValues, year: number, asOf: string): string {
  const months = Array.from({ length: 12 }, (_, m) => m + 1);
  const parts = months
    .map((m) => {
      const end = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
      const cp = checkpointOn(end, profile);
      return cp ? `WHEN ${m} THEN ${cp.minExecutionPct}` : null;
    })
    .filter(Boolean);
  return `(CASE extract(month FROM ${asOf})::int ${parts.join(' ')} ELSE NULL END)`;
}

type Step = (label: string, sql: string) => Promise<void>;

/**
 * Generates the organizations and the year(s) on `db` (a connected client); logs each step's rows and
 * time. With `second` (another client of the same database) the evaluated year is generated and
 * recomputed on it while `db` generates the working year, and the indexes are built and the tables
 * vacuumed on both: two backends for the machine's cores (PGlite has one backend: none there).
 */
export async function generateCityYear(db: Client, options: CityYearOptions, log: Log = console.log, second?: Client): Promise<void> {
  const stepOn =
    (client: Client): Step =>
    async (label, sql) => {
      const began = process.hrtime.bigint();
      const result = await client.query(sql);
      log(`  ${label.padEnd(34)} ${String(result.rowCount ?? '').padStart(9)} rows ${seconds(began).toFixed(1).padStart(6)} s`);
    };
  const step = stepOn(db);
  const triggersOff = await prepareSession(db);
  if (!triggersOff) log('  (not a superuser: foreign keys are checked row by row, which is slower)');
  if (second) await prepareSession(second);

  await organizations(db, step, options);
  if (second) await orgNumbers(second);
  // Each organization's department or town (migration ListOrganizationStored), which the triggers off here did not set.
  await step('list organizations', `SELECT list_organization_rebuild()`);
  let indexes = await dropIndexes(db);
  // Room on each page for the recomputes' new versions of a project (they update it in place, past the one index it
  // keeps, its primary key): a third less time for them. Back to the default before the table is compacted.
  await db.query(`ALTER TABLE projects SET (fillfactor = 45)`);
  const vacuumed: string[] = [];
  try {
    const previous = options.year - 1;
    // The stored budget gates and target coverage counts (migration GateStored), the projects' fund
    // sources as JSON (ProjectFundSourcesStored) and organization names (ProjectOrganizationNameStored), the monitoring sums
    // (MonitoringStored), the evaluation coverage (EvaluationCoverageStored), the warning counts
    // (WarningCountsStored), the finance key scores (FinanceKeyScoreStored), the key coverage counts
    // (KeyCoverageStored) and their roll-ups (RolledUpCounts) are kept by triggers, which were off for
    // the load: the same set-based recompute once a year, after that year and every earlier one are in
    // (R5 and the last key evaluation read earlier years, never later ones) and before the indexes are
    // back (none of them to update per row).
    const recompute = async (on: Step, year: number) => {
      // The loaded tables have no statistics yet: planned blind, a year's self-evaluations were joined to its projects
      // by a nested loop (36 s instead of a fraction of one). A small sample is enough (the final VACUUM ANALYZE takes
      // the usual one).
      await on(`${year} statistics`, `BEGIN; SET LOCAL default_statistics_target = 10; ANALYZE ${RECOMPUTE_READS.join(', ')}; COMMIT`);
      await on(`${year} budget gates`, `SELECT gate_recompute_year(${year})`);
      await on(`${year} target coverage counts`, `SELECT target_coverage_rebuild_year(${year})`);
      await on(`${year} monitoring sums`, `SELECT monitoring_rebuild_year(${year})`);
      await on(`${year} evaluation coverage`, `SELECT evaluation_coverage_rebuild_year(${year})`);
      await on(`${year} warning counts`, `SELECT warning_counts_rebuild_year(${year})`);
      await on(`${year} finance key scores`, `SELECT finance_key_score_recompute(${year})`);
      await on(`${year} key coverage counts`, `SELECT key_coverage_rebuild_year(${year})`);
      await on(`${year} counts rolled up`, rebuildRollupsSql(year).join('; '));
      // last: each rewrites the year's projects, which the counts above would read again, dead rows and all
      await on(`${year} fund sources (JSON)`, `SELECT project_fund_sources_rebuild_year(${year})`);
      await on(`${year} organization names`, `SELECT project_organization_name_rebuild_year(${year})`);
    };
    // The evaluated year reads nothing of the working year: on the second connection, at once, with
    // the last quarter of the working year's projects (about the same work as the first three quarters).
    const evaluatedYear = async (client: Client) => {
      if (options.previousProjects <= 0) return;
      const on = stepOn(client);
      await generateYear(client, on, previous, options.previousProjects, options);
      await evaluations(client, on, previous);
      await recompute(on, previous);
    };
    if (second) {
      const split = Math.max(1, Math.min(options.projects, Math.round(options.projects * (options.previousProjects > 0 ? 0.75 : 0.5))));
      await Promise.all([
        generateYear(db, step, options.year, options.projects, options, { from: 1, to: split, tag: 'a' }),
        (async () => {
          if (split < options.projects) {
            await generateYear(second, stepOn(second), options.year, options.projects, options, {
              from: split + 1,
              to: options.projects,
              tag: 'b',
            });
          }
          await evaluatedYear(second);
        })(),
      ]);
    } else {
      await generateYear(db, step, options.year, options.projects, options);
      await evaluatedYear(db);
    }
    // While the working year is recomputed (it writes projects and the counts, and reads projects,
    // targets, pre-assessments, trackings and their fund sources, evaluations and their records), the
    // second connection builds what takes no lock the recompute waits for: the indexes of every table
    // but projects (an index build only stops writes), the keys of the tables it leaves alone (adding
    // a key stops reads too), and vacuums those.
    const meanwhileOk = (d: IndexDef) => QUIET_TABLES.includes(d.table) || (!d.constraint && d.table !== 'projects');
    const meanwhile = async (client: Client) => {
      const began = process.hrtime.bigint();
      const defs = indexes.filter(meanwhileOk);
      await buildIndexes(defs, [client]);
      await drain(
        QUIET_TABLES.map((table) => `VACUUM ANALYZE ${table}`),
        [client],
      );
      vacuumed.push(...QUIET_TABLES);
      log(`  ${`keys and indexes (${defs.length}), meanwhile`.padEnd(34)} ${''.padStart(14)} ${seconds(began).toFixed(1).padStart(6)} s`);
    };
    await evaluationRecords(step, options.year);
    await Promise.all([recompute(step, options.year), second ? meanwhile(second) : undefined]);
    // The recomputes rewrote every project several times (gates, fund sources and organization names, scores, key
    // coverage): the table is made compact again before its indexes are built, as a year loaded by the API would be.
    await db.query(`ALTER TABLE projects RESET (fillfactor)`);
    await step('projects compacted', 'VACUUM FULL projects');
    if (second) indexes = indexes.filter((d) => !meanwhileOk(d));
  } finally {
    const began = process.hrtime.bigint();
    await buildIndexes(indexes, [db, second]);
    log(`  ${`keys and indexes (${indexes.length} more) built`.padEnd(34)} ${''.padStart(14)} ${seconds(began).toFixed(1).padStart(6)} s`);
  }
  await keyProjectLists(step, options.year);
  await peopleAndTrail(step, options.year);
  const began = process.hrtime.bigint();
  const tables = await db.query<{ name: string }>(
    `SELECT quote_ident(c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC`,
  );
  await drain(
    tables.rows.filter((t) => !vacuumed.includes(t.name)).map((t) => `VACUUM ANALYZE ${t.name}`),
    [db, second],
  );
  log(`  ${'VACUUM ANALYZE'.padEnd(34)} ${''.padStart(14)} ${seconds(began).toFixed(1).padStart(6)} s`);
}

/** The session settings of a bulk load; answers whether the triggers (foreign keys among them) are off. */
async function prepareSession(db: Client): Promise<boolean> {
  await db.query(`SET synchronous_commit = off`);
  // The rows are consistent by construction: skip the per-row foreign-key triggers when the role may (a superuser).
  const triggersOff = await db.query(`SET session_replication_role = replica`).then(
    () => true,
    () => false,
  );
  await db.query(`SET work_mem = '64MB'`);
  await db.query(`SET maintenance_work_mem = '256MB'`);
  // A bulk insert wants no parallel plans of tiny temp tables or JIT compilation of each statement.
  await db.query(`SET jit = off`);
  return triggersOff;
}

/** The bulk tables a year's recompute reads (all but the largest two, which it leaves alone). */
const RECOMPUTE_READS = BULK_TABLES.filter((t) => t !== 'target_indicators' && t !== 'tracking_indicator_readings');

/** The bulk tables the recompute of a year neither writes nor reads: their indexes are built meanwhile. */
const QUIET_TABLES = ['target_indicators', 'tracking_indicator_readings', 'project_fund_sources'];

/** A dropped key or index: its table and the statement that builds it again. */
interface IndexDef {
  table: string;
  sql: string;
  constraint: boolean;
}

/** Keys first (adding a primary key locks its table), then the indexes; each list shared by the connections. */
async function buildIndexes(defs: IndexDef[], clients: (Client | undefined)[]): Promise<void> {
  await drain(
    defs.filter((d) => d.constraint).map((d) => d.sql),
    clients,
  );
  await drain(
    defs.filter((d) => !d.constraint).map((d) => d.sql),
    clients,
  );
}

/** Runs `statements` on the given connections, each taking the next one as it is free. */
async function drain(statements: string[], clients: (Client | undefined)[]): Promise<void> {
  const queue = [...statements];
  await Promise.all(
    clients
      .filter((c): c is Client => !!c)
      .map(async (client) => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) await client.query(next);
      }),
  );
}

/**
 * Drops the bulk tables' indexes, and their primary keys and unique constraints that no foreign
 * key references (a random-uuid primary key maintained row by row is most of an insert's cost);
 * returns the statements that build them again, indexes after constraints.
 */
async function dropIndexes(db: Client): Promise<IndexDef[]> {
  const constraints = await db.query<{ tab: string; relname: string; name: string; def: string }>(
    `SELECT quote_ident(t.relname) AS tab, t.relname, quote_ident(k.conname) AS name, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[]) AND k.contype IN ('p', 'u')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid)`,
    [BULK_TABLES],
  );
  const indexes = await db.query<{ name: string; def: string; tab: string }>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS def, t.relname AS tab
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class t ON t.oid = i.indrelid
      WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [BULK_TABLES],
  );
  for (const { tab, name } of constraints.rows) await db.query(`ALTER TABLE ${tab} DROP CONSTRAINT ${name}`);
  for (const { name } of indexes.rows) await db.query(`DROP INDEX ${name}`);
  return [
    ...constraints.rows.map(({ tab, relname, name, def }) => ({
      table: relname,
      sql: `ALTER TABLE ${tab} ADD CONSTRAINT ${name} ${def}`,
      constraint: true,
    })),
    ...indexes.rows.map((r) => ({ table: r.tab, sql: r.def, constraint: false })),
  ];
}

async function organizations(db: Client, step: Step, options: CityYearOptions): Promise<void> {
  if (options.districts > 1) {
    await step(
      'departments and towns',
      `INSERT INTO organizations (code, name, kind, sector)
       SELECT 'C' || lpad(d::text, 2, '0') || substr(p.code, 3), (${sqlArray(DISTRICTS)})[d] || '区·' || p.name, p.kind, p.sector
         FROM organizations p CROSS JOIN generate_series(2, ${Math.min(options.districts, MAX_DISTRICTS)}) d
        WHERE p.kind IN ('department', 'town') AND p.parent_id IS NULL`,
    );
  }
  const parents = Number((await db.query(`SELECT count(*) AS n FROM organizations WHERE kind IN ('department', 'town')`)).rows[0].n);
  // About 50 projects a unit and year: 9 units under each demo department and town for 20,000 projects.
  const unitsPer = Math.max(2, Math.round(options.projects / parents / 50));
  await step(
    `units (${unitsPer} under each of ${parents})`,
    `INSERT INTO organizations (code, name, kind, parent_id)
     SELECT p.code || '-G' || lpad(g::text, 3, '0'), p.name || '所属单位' || g, 'unit', p.id
       FROM organizations p CROSS JOIN generate_series(1, ${unitsPer}) g
      WHERE p.kind IN ('department', 'town')`,
  );
  await orgNumbers(db);
}

/** The organizations projects go to, numbered (a temp table of the connection). */
async function orgNumbers(db: Client): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS bench_orgs`);
  await db.query(`CREATE TEMP TABLE bench_orgs AS
    SELECT row_number() OVER (ORDER BY code) - 1 AS n, id FROM organizations WHERE kind IN ('department', 'town', 'unit')`);
  await db.query(`ANALYZE bench_orgs`);
}

async function profileFor(db: Client, year: number, fallback: number): Promise<PolicyProfileValues> {
  const { rows } = await db.query<{ values: PolicyProfileValues }>(
    `SELECT "values" FROM policy_profiles WHERE year IN ($1, $2) ORDER BY year = $1 DESC LIMIT 1`,
    [year, fallback],
  );
  if (!rows.length) throw new Error(`no policy profile for ${year} or ${fallback}`);
  return rows[0].values;
}

/** The target statuses by a hash in [0, 100): thresholds scaled to the share with a target. */
function targetStatusCase(hash: string, targetPct: number): string {
  const at = (pct: number) => Math.round((pct * targetPct) / 90);
  return `CASE WHEN ${hash} < ${at(75)} THEN 'approved' WHEN ${hash} < ${at(80)} THEN 'draft'
               WHEN ${hash} < ${at(85)} THEN 'submitted' WHEN ${hash} < ${at(88)} THEN 'returned' ELSE 'expert_review' END`;
}

/**
 * The projects `from`…`to` of a year and everything of theirs (all of them by default): two
 * connections generate two parts of one year at once, the same rows as one would (every value is a
 * hash of the project's number).
 */
interface Part {
  from: number;
  to: number;
  tag: string;
}

async function generateYear(
  db: Client,
  step: Step,
  year: number,
  projects: number,
  options: CityYearOptions,
  part: Part = { from: 1, to: projects, tag: '' },
): Promise<void> {
  const profile = await profileFor(db, year, options.year);
  const first = trackingRoundDue({ year, createdOn: `${year}-01-01`, targetApprovedOn: null }, profile);
  const later = trackingRoundDue({ year, createdOn: `${year}-12-31`, targetApprovedOn: null }, profile);
  if (!first || !later) throw new Error(`the ${year} profile has no tracking rounds`);
  const deviation = profile.monitoring.deviationPoints;
  const orgCount = Number((await db.query(`SELECT count(*) AS n FROM bench_orgs`)).rows[0].n);
  const [minIndicators, maxIndicators] = options.indicators;
  for (const t of ['bench_projects', 'bench_targets', 'bench_trackings', 'bench_warnings']) await db.query(`DROP TABLE IF EXISTS ${t}`);
  const label = (s: string) => `${year}${part.tag} ${s}`;

  // The part's projects and their fund sources are made first (ids drawn here), so each project is inserted with the
  // organization name and fund sources' JSON its triggers would store (one definition, fundSourcesAggSql); the year's
  // rebuilds then find nothing to write instead of rewriting every project twice.
  await db.query(`CREATE TEMP TABLE bench_projects AS
    SELECT *, is_major AND is_new OR is_capital_construction AS needs_pre_assessment
      FROM (SELECT i, gen_random_uuid() AS id, o.id AS org, (20000 + ${h('i', 3, 20000000)} * 2.5)::numeric(18,2) AS budget,
                   CASE WHEN ${h('i', 2, 10)} < 7 THEN 'project' WHEN ${h('i', 2, 10)} < 9 THEN 'policy' ELSE 'department_overall' END AS kind,
                   timestamptz '${year - 1}-10-01 09:00+08' + ${h('i', 10, 270)} * interval '1 day' AS created_at,
                   ${h('i', 4, 5)} = 0 AS is_new, ${h('i', 4, 5)} = 0 AND ${h('i', 30, 4)} = 0 AS is_major,
                   ${h('i', 31, 50)} = 0 AS is_capital_construction
              FROM generate_series(${part.from}, ${part.to}) i
              JOIN bench_orgs o ON o.n = i % ${orgCount}) x`);
  await db.query(`ANALYZE bench_projects`);
  await db.query(`DROP TABLE IF EXISTS bench_fund_sources`);
  await db.query(`CREATE TEMP TABLE bench_fund_sources AS
     SELECT id AS project_id, 'general_budget'::varchar AS source,
            (CASE WHEN ${h('i', 11, 10)} < 3 THEN round(budget * 0.7, 2) ELSE budget END)::numeric(18,2) AS amount FROM bench_projects
     UNION ALL
     SELECT id, (${sqlArray(SECOND_SOURCES)})[1 + ${h('i', 12, SECOND_SOURCES.length)}], (budget - round(budget * 0.7, 2))::numeric(18,2)
       FROM bench_projects WHERE ${h('i', 11, 10)} < 3`);

  await step(
    label('projects'),
    `INSERT INTO projects (id, year, code, name, search_keys, kind, organization_id, organization_name, budget_amount, fund_sources_json,
                           created_at, updated_at, is_new, is_major, is_capital_construction, is_livelihood, public_attention,
                           in_disclosure_scope, management_chain_levels, start_year, end_year)
     SELECT b.id, ${year}, n.code, n.name, jx_search_keys(n.name, n.code),
            b.kind, b.org, o.name, b.budget, coalesce(f.json, '[]'::json),
            b.created_at, b.created_at, b.is_new, b.is_major, b.is_capital_construction,
            ${h('i', 5, 2)} = 0, (ARRAY['high', 'medium', 'low'])[1 + ${h('i', 6, 3)}], ${h('i', 7, 3)} > 0,
            CASE WHEN ${h('i', 2, 10)} < 9 THEN 1 + ${h('i', 32, 4)} END,
            ${year} - ${h('i', 8, 2)}, ${year} + ${h('i', 9, 3)}
       FROM bench_projects b
       CROSS JOIN LATERAL (SELECT 'BM${year}-' || lpad(b.i::text, 7, '0') AS code,
                                  (${sqlArray(THEMES)})[1 + ${h('b.i', 1, THEMES.length)}] || '项目（' || b.i || '号）' AS name) n
       JOIN organizations o ON o.id = b.org
       LEFT JOIN (SELECT f.project_id, ${fundSourcesAggSql('f')} AS json FROM bench_fund_sources f GROUP BY f.project_id) f
         ON f.project_id = b.id
      ORDER BY b.i`,
  );
  await step(
    label('project fund sources'),
    `INSERT INTO project_fund_sources (project_id, source, amount) SELECT project_id, source, amount FROM bench_fund_sources`,
  );
  await db.query(`DROP TABLE bench_fund_sources`);
  // R5: of the projects that need one, ~85 % have a pre-assessment, mostly accepted in support.
  await step(
    label('pre-assessments'),
    `INSERT INTO pre_assessments (project_id, organization_id, performed_by, total_score, conclusion, status, reviewed_at, created_at, updated_at,
                                  adjustment_required, adjustment_completed_at, project_search_keys, year)
     SELECT id, org, CASE WHEN ${h('i', 33, 3)} = 0 THEN 'agency' ELSE 'department' END,
            s.score, CASE WHEN s.score >= 80 THEN 'support' WHEN s.score >= 60 THEN 'support_after_adjustment' ELSE 'reject' END,
            s.status, CASE WHEN s.status = 'accepted' THEN created_at + interval '15 days' END, created_at, created_at,
            CASE WHEN s.score >= 60 AND s.score < 80 THEN '压缩设备购置预算' END,
            CASE WHEN s.score >= 60 AND s.score < 80 AND ${h('i', 34, 2)} = 0 THEN created_at + interval '25 days' END,
            (SELECT p.search_keys FROM projects p WHERE p.id = bench_projects.id), -- the copies the triggers (off for the load) keep
            ${year}
       FROM bench_projects
       CROSS JOIN LATERAL (SELECT (50 + ${h('i', 35, 50)})::numeric(6,2) AS score,
                                  CASE WHEN ${h('i', 36, 10)} < 8 THEN 'accepted' WHEN ${h('i', 36, 10)} < 9 THEN 'submitted' ELSE 'draft' END AS status) s
      WHERE needs_pre_assessment AND ${h('i', 37, 100)} < 85`,
  );

  await db.query(`CREATE TEMP TABLE bench_targets AS
    SELECT p.*, gen_random_uuid() AS target_id, ${targetStatusCase(h('p.i', 13, 100), options.targetPct)} AS status,
           p.created_at + (30 + ${h('p.i', 14, 90)}) * interval '1 day' AS approved_at,
           ${minIndicators} + ${h('p.i', 15, maxIndicators - minIndicators + 1)} AS indicators
      FROM bench_projects p WHERE ${h('p.i', 13, 100)} < ${options.targetPct}`);
  await db.query(`ANALYZE bench_targets`);
  await step(
    label('targets'),
    `INSERT INTO targets (id, project_id, organization_id, year, overall_goal, status, submitted_at, approved_at, created_at, updated_at,
                          project_search_keys)
     SELECT t.target_id, t.id, t.org, ${year}, '按期完成年度建设任务，服务对象满意度不低于 90%', t.status,
            CASE WHEN t.status <> 'draft' THEN t.created_at + interval '20 days' END,
            CASE WHEN t.status = 'approved' THEN t.approved_at END, t.created_at + interval '10 days', t.created_at + interval '10 days',
            p.search_keys -- the copy the triggers (off for the load) keep
       FROM bench_targets t JOIN projects p ON p.id = t.id`,
  );
  await step(
    label('target indicators'),
    `INSERT INTO target_indicators (target_id, sort_order, level1, level2, name, comparison, value, unit, weight)
     SELECT t.target_id, g,
            (ARRAY['output', 'output', 'output', 'effect', 'satisfaction', 'cost'])[1 + g % 6],
            (ARRAY['quantity', 'quality', 'timeliness', 'social', 'recipient_satisfaction', 'economic_cost'])[1 + g % 6],
            '指标' || g,
            CASE WHEN g % 4 = 0 THEN 'qualitative' ELSE '>=' END,
            CASE WHEN g % 4 = 0 THEN '按期完成' ELSE (10 + ${h('t.i + g', 16, 90)})::text END,
            CASE WHEN g % 4 = 0 THEN NULL ELSE '个' END,
            round(100.0 / t.indicators, 2)
       FROM bench_targets t CROSS JOIN LATERAL generate_series(1, t.indicators) g`,
  );
  await db.query(`ANALYZE target_indicators`);

  // Trackings of ~60 % of the approved targets; ~30 % of those tracked again later in the year.
  // A tracking that warns (~20 %) is below the month's N7 checkpoint, or its achievement deviates.
  await db.query(`CREATE TEMP TABLE bench_trackings AS
    SELECT x.*, gen_random_uuid() AS tracking_id,
           CASE WHEN x.warns AND x.checkpoint IS NOT NULL THEN greatest(0, x.checkpoint - 1 - ${h('x.i + x.seq', 17, 10)})
                ELSE least(100, coalesce(x.checkpoint, 20) + ${h('x.i + x.seq', 18, 40)}) END::numeric(9,2) AS rate
      FROM (
        SELECT t.*, s.seq, s.as_of, ${checkpointCase(profile, year, 's.as_of')} AS checkpoint,
               ${h('t.i + s.seq', 19, 100)} < 20 AS warns, ${h('t.i + s.seq', 20, 10)} < 3 AS deviates
          FROM bench_targets t
          CROSS JOIN LATERAL (
            SELECT least(DATE '${year}-12-31',
                     (date_trunc('month', greatest(DATE '${year}-04-30' + ${h('t.i', 21, 3)} * 61, t.approved_at::date + 20)) + interval '1 month - 1 day')::date) AS first_as_of
          ) f
          CROSS JOIN LATERAL (
            SELECT 1 AS seq, f.first_as_of AS as_of
            UNION ALL
            -- The second as-of date is always later than the first.
            SELECT 2, DATE '${year}-11-30' WHERE ${h('t.i', 22, 10)} < 3 AND f.first_as_of < DATE '${year}-11-30'
          ) s
         WHERE t.status = 'approved' AND t.kind <> 'department_overall' AND ${h('t.i', 23, 100)} < 60
      ) x`);
  await db.query(`ALTER TABLE bench_trackings ADD COLUMN executed numeric(18,2), ADD COLUMN achievement numeric(9,2),
                    ADD COLUMN reviewed boolean NOT NULL DEFAULT false`);
  await db.query(`ANALYZE bench_trackings`);
  await db.query(`UPDATE bench_trackings SET executed = round(budget * rate / 100, 2),
                    achievement = least(100, CASE WHEN warns AND deviates THEN rate + ${deviation} + 5 ELSE rate + ${h('i', 24, 8)} END)`);
  // The bureau has reviewed about half of the trackings without an open warning (set below).
  await db.query(`CREATE TEMP TABLE bench_warnings AS
    SELECT gen_random_uuid() AS warning_id, t.tracking_id, t.id AS project_id, t.org, t.i, t.seq, t.as_of, t.rate, t.achievement,
           t.checkpoint, t.budget, t.executed, w.code,
           (t.as_of + 20) AS answer_due,
           CASE WHEN ${h('t.i + t.seq', 25, 10)} < 6 THEN (ARRAY['continue', 'continue', 'adjust', 'adjust', 'cancel'])[1 + ${h('t.i', 26, 5)}] END AS answer,
           ${h('t.i + t.seq', 27, 100)} < 15 AS late
      FROM bench_trackings t
      CROSS JOIN LATERAL (
        SELECT 'EXECUTION_BELOW_CHECKPOINT' AS code WHERE t.checkpoint IS NOT NULL AND t.rate < t.checkpoint
        UNION ALL SELECT 'DEVIATION' WHERE t.deviates AND abs(t.achievement - t.rate) > ${deviation}
      ) w
     WHERE t.warns`);
  await db.query(`ANALYZE bench_warnings`);
  await db.query(`UPDATE bench_trackings t SET reviewed = ${h('t.i + t.seq', 28, 2)} = 0
                   WHERE NOT EXISTS (SELECT 1 FROM bench_warnings w WHERE w.tracking_id = t.tracking_id AND w.answer IS NULL)`);

  await db.query(`ANALYZE bench_trackings`);
  const round = (seq: string) =>
    `CASE WHEN ${seq} = 1 AND t.approved_at::date <= DATE '${first.due}' THEN 'first_tracking' ELSE 'later_tracking' END`;
  const roundDue = (seq: string) =>
    `CASE WHEN ${seq} = 1 AND t.approved_at::date <= DATE '${first.due}' THEN DATE '${first.due}' ELSE DATE '${later.due}' END`;
  await step(
    label('trackings'),
    `INSERT INTO trackings (id, project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate,
                            achievement_rate, round, round_due, note, review_status, reviewed_at, review_comment, created_at, updated_at,
                            project_code, project_search_keys)
     SELECT t.tracking_id, t.id, t.org, ${year}, t.as_of, t.executed, 'budget', t.budget, t.rate, t.achievement,
            ${round('t.seq')}, ${roundDue('t.seq')}, '截至' || to_char(t.as_of, 'FMMM') || '月末的执行和目标完成情况',
            CASE WHEN t.reviewed THEN 'reviewed' ELSE 'pending' END,
            CASE WHEN t.reviewed THEN (t.as_of + 12)::timestamptz END, CASE WHEN t.reviewed THEN '已审核' END,
            (t.as_of + 5)::timestamptz + interval '10 hours', (t.as_of + 5)::timestamptz + interval '10 hours',
            p.code, p.search_keys -- the copies the triggers (off for the load) keep
       FROM bench_trackings t JOIN projects p ON p.id = t.id`,
  );
  // The fund split follows the project's sources: a second source exactly when the project has one (salt 11 above).
  await step(
    label('tracking fund sources'),
    `INSERT INTO tracking_fund_sources (tracking_id, source, amount)
     SELECT t.tracking_id, 'general_budget', CASE WHEN ${h('t.i', 11, 10)} < 3 THEN round(t.executed * 0.7, 2) ELSE t.executed END
       FROM bench_trackings t
     UNION ALL
     SELECT t.tracking_id, (${sqlArray(SECOND_SOURCES)})[1 + ${h('t.i', 12, SECOND_SOURCES.length)}], t.executed - round(t.executed * 0.7, 2)
       FROM bench_trackings t WHERE ${h('t.i', 11, 10)} < 3`,
  );
  await step(
    label('tracking indicator readings'),
    `INSERT INTO tracking_indicator_readings (tracking_id, target_indicator_id, sort_order, indicator, value_so_far, band, degree, will_reach)
     SELECT t.tracking_id, i.id, i.sort_order,
            jsonb_build_object('name', i.name, 'level1', i.level1, 'comparison', i.comparison, 'value', i.value, 'unit', i.unit, 'weight', i.weight::text),
            CASE WHEN i.comparison = 'qualitative' THEN NULL ELSE round(i.value::numeric * t.achievement / 100, 2)::text END,
            CASE WHEN i.comparison = 'qualitative' THEN 'partly_achieved' END,
            t.achievement, 'likely'
       FROM bench_trackings t JOIN target_indicators i ON i.target_id = t.target_id`,
  );
  await step(
    label('tracking warnings'),
    `INSERT INTO tracking_warnings (id, tracking_id, organization_id, year, code, rule, threshold, actual, checkpoint_month, message, message_en,
                                    answer_due, answer, answer_reason, answered_on, answered_late, answer_amount, created_at)
     SELECT w.warning_id, w.tracking_id, w.org, ${year}, w.code, 'N7',
            CASE WHEN w.code = 'DEVIATION' THEN ${deviation} ELSE w.checkpoint END,
            CASE WHEN w.code = 'DEVIATION' THEN abs(w.achievement - w.rate) ELSE w.rate END,
            CASE WHEN w.code = 'DEVIATION' THEN NULL ELSE extract(month FROM w.as_of)::int END,
            CASE WHEN w.code = 'DEVIATION' THEN 'N7：目标实现程度与预算执行率相差超过 ${deviation} 个百分点'
                 ELSE 'N7：截至' || extract(month FROM w.as_of) || '月末累计预算执行率应不低于 ' || w.checkpoint || '%' END,
            CASE WHEN w.code = 'DEVIATION' THEN 'N7: achievement and execution more than ${deviation} points apart'
                 ELSE 'N7: cumulative execution below ' || w.checkpoint || '% by the end of month ' || extract(month FROM w.as_of) END,
            w.answer_due, w.answer,
            CASE WHEN w.answer IS NOT NULL THEN '下半年集中支付' END,
            CASE WHEN w.answer IS NOT NULL THEN w.answer_due + CASE WHEN w.late THEN 4 ELSE -3 END END,
            w.answer IS NOT NULL AND w.late,
            CASE WHEN w.answer IN ('adjust', 'cancel') THEN round((w.budget - w.executed) / 4, 2) END,
            (w.as_of + 5)::timestamptz + interval '10 hours'
       FROM bench_warnings w`,
  );
  await step(
    label('adjustment suggestions'),
    `INSERT INTO budget_adjustment_suggestions (warning_id, tracking_id, project_id, organization_id, year, kind, amount, reason, status, created_at)
     SELECT w.warning_id, w.tracking_id, w.project_id, w.org, ${year}, w.answer, round((w.budget - w.executed) / 4, 2), '部分采购取消，调减预算',
            CASE WHEN ${h('w.i', 29, 3)} = 0 THEN 'applied' ELSE 'open' END, (w.as_of + 30)::timestamptz
       FROM bench_warnings w JOIN bench_trackings t ON t.tracking_id = w.tracking_id
      WHERE t.reviewed AND w.answer IN ('adjust', 'cancel')`,
  );
}

/**
 * Evaluations of the evaluated year (just generated, its temp tables still there): a
 * self-evaluation of ~90 % of the approved targets (draft, returned, submitted, completed), a
 * department evaluation of ~3 % and a finance key evaluation of ~0.1 % (commissioned to the first
 * demo agency, in progress). No finance key selection is recorded, so the candidates read ranks
 * the whole year. Scores and grades are plausible, not recomputed by the rules.
 */
async function evaluations(db: Client, step: Step, year: number): Promise<void> {
  const agency = (await db.query<{ id: string }>(`SELECT id FROM organizations WHERE kind = 'agency' ORDER BY code LIMIT 1`)).rows[0]?.id;
  const kinds = [
    ['self', `${h('t.i', 40, 100)} < 90`, h('t.i', 43, 10)],
    ['department', `${h('t.i', 41, 100)} < 3`, h('t.i', 44, 10)],
    ...(agency ? [['finance_key', `${h('t.i', 42, 1000)} < 1`, '0']] : []),
  ];
  const selects = kinds.map(
    ([kind, where, statusHash]) => `
     SELECT '${kind}' AS kind, t.id AS project_id, t.org, t.budget, t.i, t.target_id, ${statusHash} AS sh,
            ${kind === 'finance_key' ? `'${agency}'::uuid` : 'NULL::uuid'} AS agency
       FROM bench_targets t WHERE t.status = 'approved' AND ${where}`,
  );
  await step(
    `${year} evaluations`,
    `INSERT INTO evaluations (kind, project_id, organization_id, year, work_year, status, executed_amount, execution_rate, score, grade,
                              summary, submitted_at, completed_at, created_at, updated_at, agency_organization_id, project_code,
                              project_search_keys)
     SELECT e.kind, e.project_id, e.org, ${year}, ${year + 1}, s.status,
            round(e.budget * r.rate / 100, 2), r.rate,
            CASE WHEN s.status IN ('submitted', 'completed') THEN s.score END,
            CASE WHEN s.status IN ('submitted', 'completed') THEN
              CASE WHEN s.score >= 90 THEN 'excellent' WHEN s.score >= 80 THEN 'good' WHEN s.score >= 60 THEN 'fair' ELSE 'poor' END END,
            '年度目标基本完成',
            CASE WHEN s.status IN ('submitted', 'completed') THEN timestamptz '${year + 1}-03-20 10:00+08' + ${h('e.i', 45, 20)} * interval '1 day' END,
            CASE WHEN s.status = 'completed' THEN timestamptz '${year + 1}-04-20 10:00+08' + ${h('e.i', 46, 20)} * interval '1 day' END,
            timestamptz '${year + 1}-02-15 09:00+08' + ${h('e.i', 47, 30)} * interval '1 day',
            timestamptz '${year + 1}-02-15 09:00+08' + ${h('e.i', 47, 30)} * interval '1 day',
            e.agency, p.code, p.search_keys -- the copies the triggers (off for the load) keep
       FROM (${selects.join(' UNION ALL ')}) e
       JOIN projects p ON p.id = e.project_id
       CROSS JOIN LATERAL (SELECT CASE WHEN e.sh < 2 THEN 'draft' WHEN e.sh < 3 THEN 'returned' WHEN e.sh < 5 THEN 'submitted' ELSE 'completed' END AS status,
                                  (55 + ${h('e.i', 48, 45)})::numeric(6,2) AS score) s
       -- The execution rate from the year's last tracking (the highest of the generated ones), else a plausible one.
       LEFT JOIN (SELECT target_id, max(rate) AS rate FROM bench_trackings GROUP BY target_id) k ON k.target_id = e.target_id
       CROSS JOIN LATERAL (SELECT coalesce(k.rate, 85 + ${h('e.i', 49, 15)})::numeric(9,2) AS rate) r`,
  );
}

/**
 * N3, R4: the evaluation records of the years before the working year — the history imported from the old system for
 * the working year's projects (by code, the years since each started, 2018 on — most generated projects started in
 * the evaluated year: a self-evaluation of ~60 % a year, a department evaluation of ~4 %, a finance key evaluation of
 * ~1 %), and a record of each evaluation completed in
 * Jixiao in the evaluated year. Written before the working year's recompute, which reads them (the last key
 * evaluation year, the key coverage).
 */
async function evaluationRecords(step: Step, year: number): Promise<void> {
  const score = (salt: number) => `(60 + ${h('p.n + y * 13 + k.salt', salt, 40)})::numeric(5,2)`;
  const grade = (s: string) =>
    `CASE WHEN ${s} >= 90 THEN 'excellent' WHEN ${s} >= 80 THEN 'good' WHEN ${s} >= 60 THEN 'fair' ELSE 'poor' END`;
  await step(
    'evaluation records (history)',
    `INSERT INTO evaluation_records (project_code, organization_id, year, kind, score, grade, evaluator, source, source_file, recorded_at,
                                     created_at, updated_at)
     SELECT p.code, p.organization_id, y, k.kind, ${score(61)}, ${grade(score(61))},
            CASE WHEN k.kind = 'self' THEN NULL ELSE '上海市某绩效评价机构' END, 'history_import', y || '年度绩效评价结果.xlsx',
            make_timestamptz(y + 1, 6, 30, 10, 0, 0, 'Asia/Shanghai'), timestamptz '${year}-01-15 10:00+08', timestamptz '${year}-01-15 10:00+08'
       FROM (SELECT pp.code, pp.organization_id, pp.start_year, ('x' || substr(md5(pp.code), 1, 6))::bit(24)::int AS n
               FROM projects pp WHERE pp.year = ${year}) p
      CROSS JOIN generate_series(greatest(2018, coalesce(p.start_year, 2018)), ${year - 1}) y
      CROSS JOIN (VALUES ('self', 600, 1), ('department', 40, 2), ('finance_key', 10, 3)) k(kind, per_mille, salt)
      WHERE ${h('p.n + y * 7 + k.salt', 60, 1000)} < k.per_mille`,
  );
  await step(
    'evaluation records (evaluated)',
    `INSERT INTO evaluation_records (project_code, organization_id, year, kind, score, grade, evaluator, source, evaluation_id, recorded_at,
                                     created_at, updated_at)
     SELECT e.project_code, e.organization_id, e.year, e.kind, e.score, e.grade, NULL, 'evaluation', e.id, e.completed_at, e.completed_at, e.completed_at
       FROM evaluations e WHERE e.year = ${year - 1} AND e.status = 'completed'`,
  );
}

/**
 * R1–R3: the working year's key project lists, one for each department and town that has none (the
 * demo's stay as they are): about 60 % still drafts (their items computed live from the projects),
 * the rest submitted with the snapshot of their key projects (the stored key flag, over the
 * organizations that roll up to them) — what the list and its page read at mid-year.
 */
async function keyProjectLists(step: Step, year: number): Promise<void> {
  const kinds = LIST_ORGANIZATION_KINDS.map(sqlText).join(', ');
  await step(
    'key project lists (items)',
    `WITH made AS (
       INSERT INTO key_project_lists (year, organization_id, status, submitted_at, submit_note, created_at, updated_at)
       SELECT ${year}, o.id, s.status, CASE WHEN s.status = 'submitted' THEN s.at + interval '20 days' END,
              CASE WHEN s.status = 'submitted' AND ${h('o.n', 41, 3)} = 0 THEN '按清单范围报送' END, s.at, s.at + interval '20 days'
         FROM (SELECT oo.*, ('x' || substr(md5(oo.code), 1, 6))::bit(24)::int AS n FROM organizations oo) o
         CROSS JOIN LATERAL (SELECT CASE WHEN ${h('o.n', 40, 100)} < 60 THEN 'draft' ELSE 'submitted' END AS status,
                                    make_timestamptz(${year}, 1, 10, 9, 0, 0, 'Asia/Shanghai') + make_interval(mins => ${h('o.n', 42, 40000)}) AS at) s
        WHERE o.kind IN (${kinds}) AND o.active
          AND NOT EXISTS (SELECT 1 FROM key_project_lists k WHERE k.year = ${year} AND k.organization_id = o.id)
       RETURNING id, organization_id, status)
     INSERT INTO key_project_list_items (list_id, project_id, basis, reason, budget_amount)
     SELECT k.id, p.id, CASE WHEN p.budget_amount >= t.threshold THEN 'AMOUNT' ELSE p.manual_key_basis END,
            CASE WHEN p.budget_amount >= t.threshold THEN NULL ELSE p.manual_key_reason END, p.budget_amount
       FROM made k
       JOIN (SELECT (v.values -> 'keyProjects' ->> 'amountThreshold')::numeric AS threshold FROM policy_profiles v WHERE v.year = ${year}) t ON true
       JOIN organizations uo ON uo.list_organization_id = k.organization_id
       JOIN projects p ON p.organization_id = uo.id AND p.year = ${year} AND p.is_key
      WHERE k.status = 'submitted'`,
  );
}

/**
 * The people of the city and what they did in the working year, for the lists that grow with them: three users for each
 * department and town and one for each unit, beside the demo's (the password the demo finance user's: nobody signs in as them); about 3 % of
 * the approved targets with a change request (half pending, the rest approved or rejected by the demo finance user), the
 * proposal the target's own content; and the audit trail of the year — each project's import, each target's creation,
 * submission and approval, each change request, twenty sign-ins of every generated user — in time order. The trail is
 * written sealed (seq in time order) with stand-in hashes, not SM3: a generated year's chain does not verify, and the
 * API's sealer leaves it alone (it refuses to extend a chain whose end no checkpoint signs, as on every bench run, whose
 * signing key is random), so no sealing runs while the benchmark measures.
 */
async function peopleAndTrail(step: Step, year: number): Promise<void> {
  await step(
    'users',
    `INSERT INTO users (username, display_name, password_hash, organization_id, roles, must_change_password, last_login_at, created_at, updated_at)
     SELECT 'u' || o.code || '-' || k, left(o.name, 80) || CASE o.kind WHEN 'unit' THEN '财务' ELSE '财务科' || k END,
            (SELECT password_hash FROM users WHERE username = 'finance'), o.id,
            ARRAY[CASE o.kind WHEN 'department' THEN 'department' WHEN 'town' THEN 'town' ELSE 'unit' END], false,
            timestamptz '${year}-11-20 09:00+08' + ${h('o.n + k', 50, 20000)} * interval '1 minute',
            timestamptz '${year - 1}-09-01 09:00+08' + ${h('o.n + k', 51, 60)} * interval '1 day',
            timestamptz '${year - 1}-09-01 09:00+08' + ${h('o.n + k', 51, 60)} * interval '1 day'
       FROM (SELECT oo.*, ('x' || substr(md5(oo.code), 1, 6))::bit(24)::int AS n FROM organizations oo
              WHERE oo.kind IN ('department', 'town', 'unit') AND oo.active) o
      CROSS JOIN LATERAL generate_series(1, CASE WHEN o.kind = 'unit' THEN 1 ELSE 3 END) k`,
  );
  // a user of each department and town for the rows of its organizations (their first of three)
  await step(
    'filers',
    `CREATE TEMP TABLE bench_filers AS
     SELECT o.id AS organization_id, u.id AS user_id, u.username
       FROM organizations o JOIN users u ON u.username = 'u' || (SELECT l.code FROM organizations l WHERE l.id = o.list_organization_id) || '-1'`,
  );
  await step(
    'target change requests',
    `INSERT INTO target_change_requests (target_id, organization_id, reason, proposed, status, review_comment, reviewed_by_id, requested_by_id,
                                         created_at, updated_at)
     SELECT t.id, t.organization_id, '年中项目实施内容调整，相应调整绩效指标', c.proposed, s.status,
            CASE s.status WHEN 'approved' THEN '同意调整' WHEN 'rejected' THEN '调整理由不充分' END,
            CASE WHEN s.status <> 'pending' THEN (SELECT id FROM users WHERE username = 'finance') END, f.user_id,
            timestamptz '${year}-06-01 09:00+08' + ${h('t.n', 53, 150)} * interval '1 day',
            timestamptz '${year}-06-01 09:00+08' + ${h('t.n', 53, 150)} * interval '1 day' + CASE WHEN s.status <> 'pending' THEN interval '5 days' ELSE interval '0' END
       FROM (SELECT tt.*, ('x' || substr(md5(tt.id::text), 1, 6))::bit(24)::int AS n FROM targets tt WHERE tt.year = ${year} AND tt.status = 'approved') t
       JOIN bench_filers f ON f.organization_id = t.organization_id
      CROSS JOIN LATERAL (SELECT CASE WHEN ${h('t.n', 54, 10)} < 5 THEN 'pending' WHEN ${h('t.n', 54, 10)} < 8 THEN 'approved' ELSE 'rejected' END AS status) s
      CROSS JOIN LATERAL (
        SELECT jsonb_build_object('overallGoal', t.overall_goal, 'annualGoals', to_jsonb(t.annual_goals),
                 'indicators', coalesce(jsonb_agg(jsonb_build_object('level1', i.level1, 'level2', i.level2, 'name', i.name,
                   'comparison', i.comparison, 'value', i.value, 'unit', i.unit, 'weight', i.weight,
                   'libraryIndicatorId', i.library_indicator_id) ORDER BY i.sort_order), '[]')) AS proposed
          FROM target_indicators i WHERE i.target_id = t.id) c
      WHERE ${h('t.n', 52, 100)} < 3`,
  );
  const entry = (at: string, actor: string, action: string, type: string, entity: string, after: string) =>
    `SELECT ${at} AS at, ${actor} AS actor, '${action}' AS action, '${type}' AS type, (${entity})::text AS entity, ${after} AS after`;
  await step(
    'audit trail',
    `INSERT INTO audit_logs (occurred_at, actor_id, actor_name, actor_kind, actor_organization_id, action, entity_type, entity_id, after, result,
                             ip, request_id, seq, hash, sealed_at)
     SELECT e.at, u.id, u.username, 'user', u.organization_id, e.action, e.type, e.entity, e.after, 'success',
            '10.' || ${h('e.n', 55, 250)} || '.' || ${h('e.n', 56, 250)} || '.' || ${h('e.n', 57, 250)}, md5(e.n::text || e.action),
            (SELECT coalesce(max(seq), 0) FROM audit_logs) + row_number() OVER (ORDER BY e.at, e.n),
            md5(e.n::text) || md5(e.action || e.n), e.at + interval '2 seconds'
       FROM (SELECT x.*, ('x' || substr(md5(x.entity || x.action), 1, 6))::bit(24)::int AS n FROM (
         ${entry('p.created_at', 'f.user_id', 'project.import', 'project', 'p.id', `jsonb_build_object('code', p.code, 'name', p.name, 'budgetAmount', p.budget_amount::text)`)}
           FROM projects p JOIN bench_filers f ON f.organization_id = p.organization_id WHERE p.year = ${year}
         UNION ALL
         ${entry('t.created_at', 'f.user_id', 'target.create', 'target', 't.id', `jsonb_build_object('projectId', t.project_id, 'status', 'draft')`)}
           FROM targets t JOIN bench_filers f ON f.organization_id = t.organization_id WHERE t.year = ${year}
         UNION ALL
         ${entry('t.submitted_at', 'f.user_id', 'target.submit', 'target', 't.id', `jsonb_build_object('status', 'submitted')`)}
           FROM targets t JOIN bench_filers f ON f.organization_id = t.organization_id WHERE t.year = ${year} AND t.submitted_at IS NOT NULL
         UNION ALL
         ${entry('t.approved_at', "(SELECT id FROM users WHERE username = 'finance')", 'target.approve', 'target', 't.id', `jsonb_build_object('status', 'approved')`)}
           FROM targets t WHERE t.year = ${year} AND t.approved_at IS NOT NULL
         UNION ALL
         ${entry('c.created_at', 'c.requested_by_id', 'target.change_request.create', 'target_change_request', 'c.id', `jsonb_build_object('targetId', c.target_id, 'reason', c.reason)`)}
           FROM target_change_requests c WHERE c.requested_by_id IS NOT NULL
         UNION ALL
         ${entry(`timestamptz '${year}-01-04 08:30+08' + (${h('g.k * 7919 + (hashtext(u.username) & 16777215)', 58, 330 * 24)}) * interval '1 hour'`, 'u.id', 'auth.login', 'user', 'u.id', 'NULL::jsonb')}
           FROM users u CROSS JOIN generate_series(1, 20) g(k) WHERE u.username LIKE 'u%-_'
       ) x) e
       JOIN users u ON u.id = e.actor`,
  );
  await step('filers dropped', 'DROP TABLE bench_filers');
}
