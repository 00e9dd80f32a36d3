import { ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { checkpointOn, trackingRoundDue, type PolicyProfileValues } from '@jixiao/domain';
import { loadConfig } from '../config/app-config';
import { createApp } from '../app.factory';
import { DEFAULT_PROFILE_YEAR } from '../modules/demo/bootstrap.service';
import { DEMO_PASSWORD } from '../modules/demo/demo-organizations';
import { createScratchDatabase, type ScratchDatabase } from '../database/scratch-database';

/**
 * `pnpm bench:monitoring [--projects N] [--requests N] [--keep | --reuse <name>]` (not a test; needs DATABASE_URL):
 * the monitoring reads of issue 8 on a generated year. On a scratch database of the PostgreSQL
 * server in DATABASE_URL it runs the real migrations and first-start data (2022 profile, demo
 * organizations and users), then generates with set-based SQL a year of N projects (default
 * 20,000) over the demo departments and towns and generated units under them: fund sources,
 * targets (~75 % approved, 5–10 indicators each), trackings of ~60 % of the approved ones (~30 % of
 * those with a second as-of date) with their readings and fund split, warnings on ~20 % of the
 * trackings (some answered, some late), and adjustment suggestions from the reviewed answers.
 * Then the API runs in a process of its own; for the finance user (whole district) and a
 * department user (区卫生健康委员会 and its units) each read gets warm-up requests and then
 * `--requests` sequential requests over one keep-alive connection: p50, p99, the SQL statements
 * and the CPU time (API process, database backends) per request, and the machine's load average.
 * Prints the API's peak RSS at the end.
 * `--keep` leaves the scratch database for EXPLAIN and prints its name; `--reuse <name>` measures
 * such a kept database again (pending migrations run when the API starts) without generating.
 */
const YEAR = DEFAULT_PROFILE_YEAR;
const WARMUP = 5;

interface Options {
  projects: number;
  requests: number;
  keep: boolean;
  reuse: string | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { projects: 20_000, requests: 30, keep: false, reuse: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--keep') options.keep = true;
    else if (arg === '--reuse') {
      const name = argv[++i] ?? '';
      if (!/^jixiao_bench_mon_[0-9a-f]+$/.test(name)) throw new Error('--reuse needs the name of a kept jixiao_bench_mon_… database');
      options.reuse = name;
    } else if (arg === '--projects' || arg === '--requests') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} needs a positive whole number`);
      options[arg === '--projects' ? 'projects' : 'requests'] = value;
    } else throw new Error(`unknown option ${arg}; known: --projects N, --requests N, --keep, --reuse <name>`);
  }
  return options;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---- generation ------------------------------------------------------------------------------

/** A deterministic pseudo-random whole number in [0, n) from an SQL integer expression and a salt. */
const h = (expr: string, salt: number, n: number) => `((hashint4((${expr}) * 31 + ${salt}) & 2147483647) % ${n})`;

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
];
const SECOND_SOURCES = ['special_transfer', 'government_bonds', 'direct_funds', 'fiscal_special_funds', 'district_to_town_transfer'];
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (items: string[]) => `ARRAY[${items.map(sqlText).join(', ')}]`;

/** The as-of dates the generated trackings use: month ends, with the N7 checkpoint that applies on each. */
function checkpointCase(profile: PolicyProfileValues, asOf: string): string {
  const months = Array.from({ length: 12 }, (_, m) => m + 1);
  const parts = months
    .map((m) => {
      const end = new Date(Date.UTC(YEAR, m, 0)).toISOString().slice(0, 10);
      const cp = checkpointOn(end, profile);
      return cp ? `WHEN ${m} THEN ${cp.minExecutionPct}` : null;
    })
    .filter(Boolean);
  return `(CASE extract(month FROM ${asOf})::int ${parts.join(' ')} ELSE NULL END)`;
}

async function generate(url: string, projects: number): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const step = async (label: string, sql: string) => {
    const began = process.hrtime.bigint();
    const result = await db.query(sql);
    console.log(`  ${label.padEnd(34)} ${String(result.rowCount ?? '').padStart(9)} rows ${seconds(began).toFixed(1).padStart(6)} s`);
  };
  try {
    const [{ values }] = (await db.query(`SELECT "values" FROM policy_profiles WHERE year = $1`, [YEAR])).rows;
    const profile = values as PolicyProfileValues;
    const first = trackingRoundDue({ year: YEAR, createdOn: `${YEAR}-01-01`, targetApprovedOn: null }, profile);
    const later = trackingRoundDue({ year: YEAR, createdOn: `${YEAR}-12-31`, targetApprovedOn: null }, profile);
    if (!first || !later) throw new Error(`the ${YEAR} profile has no tracking rounds`);
    const deviation = profile.monitoring.deviationPoints;
    const parents = Number((await db.query(`SELECT count(*) AS n FROM organizations WHERE kind IN ('department', 'town')`)).rows[0].n);
    // About 50 projects per unit: 9 units under each department and town for 20,000 projects, 91 for 200,000.
    const unitsPer = Math.max(2, Math.round(projects / parents / 50));
    await db.query(`SET synchronous_commit = off`);
    // The rows are consistent by construction: skip the per-row foreign-key triggers when the role may (a superuser).
    const triggersOff = await db.query(`SET session_replication_role = replica`).then(
      () => true,
      () => false,
    );
    if (!triggersOff) console.log('  (not a superuser: foreign keys are checked row by row, which is slower)');
    await db.query(`SET work_mem = '64MB'`);
    await db.query(`SET maintenance_work_mem = '256MB'`);

    await step(
      'units',
      `INSERT INTO organizations (code, name, kind, parent_id)
       SELECT p.code || '-G' || lpad(g::text, 3, '0'), p.name || '所属单位' || g, 'unit', p.id
         FROM organizations p CROSS JOIN generate_series(1, ${unitsPer}) g
        WHERE p.kind IN ('department', 'town')`,
    );
    await db.query(`CREATE TEMP TABLE bench_orgs AS
      SELECT row_number() OVER (ORDER BY code) - 1 AS n, id FROM organizations WHERE kind IN ('department', 'town', 'unit')`);
    await db.query(`ANALYZE bench_orgs`);
    const orgCount = Number((await db.query(`SELECT count(*) AS n FROM bench_orgs`)).rows[0].n);

    await step(
      'projects',
      `INSERT INTO projects (year, code, name, kind, organization_id, budget_amount, created_at, updated_at,
                             is_new, is_livelihood, public_attention, in_disclosure_scope, start_year, end_year)
       SELECT ${YEAR}, 'BM${YEAR}-' || lpad(i::text, 7, '0'),
              (${sqlArray(THEMES)})[1 + ${h('i', 1, THEMES.length)}] || '项目（' || i || '号）',
              CASE WHEN ${h('i', 2, 10)} < 7 THEN 'project' WHEN ${h('i', 2, 10)} < 9 THEN 'policy' ELSE 'department_overall' END,
              o.id,
              (20000 + ${h('i', 3, 20000000)} * 2.5)::numeric(18,2),
              c.at, c.at,
              ${h('i', 4, 5)} = 0, ${h('i', 5, 2)} = 0, (ARRAY['high', 'medium', 'low'])[1 + ${h('i', 6, 3)}], ${h('i', 7, 3)} > 0,
              ${YEAR} - ${h('i', 8, 2)}, ${YEAR} + ${h('i', 9, 3)}
         FROM generate_series(1, ${projects}) i
         JOIN bench_orgs o ON o.n = i % ${orgCount}
         CROSS JOIN LATERAL (SELECT timestamptz '${YEAR - 1}-10-01 09:00+08' + ${h('i', 10, 270)} * interval '1 day' AS at) c`,
    );
    await db.query(`CREATE TEMP TABLE bench_projects AS
      SELECT substr(code, 8)::int AS i, id, organization_id AS org, budget_amount AS budget, kind, created_at
        FROM projects WHERE year = ${YEAR} AND code LIKE 'BM${YEAR}-%'`);
    await db.query(`ANALYZE bench_projects`);

    await step(
      'project fund sources',
      `INSERT INTO project_fund_sources (project_id, source, amount)
       SELECT id, 'general_budget', CASE WHEN ${h('i', 11, 10)} < 3 THEN round(budget * 0.7, 2) ELSE budget END FROM bench_projects
       UNION ALL
       SELECT id, (${sqlArray(SECOND_SOURCES)})[1 + ${h('i', 12, SECOND_SOURCES.length)}], budget - round(budget * 0.7, 2)
         FROM bench_projects WHERE ${h('i', 11, 10)} < 3`,
    );

    // ~75 % approved; 15 % in an earlier status; 10 % with no target yet.
    await db.query(`CREATE TEMP TABLE bench_targets AS
      SELECT p.*, gen_random_uuid() AS target_id,
             CASE WHEN ${h('p.i', 13, 100)} < 75 THEN 'approved' WHEN ${h('p.i', 13, 100)} < 80 THEN 'draft'
                  WHEN ${h('p.i', 13, 100)} < 85 THEN 'submitted' WHEN ${h('p.i', 13, 100)} < 88 THEN 'returned' ELSE 'expert_review' END AS status,
             p.created_at + (30 + ${h('p.i', 14, 90)}) * interval '1 day' AS approved_at,
             5 + ${h('p.i', 15, 6)} AS indicators
        FROM bench_projects p WHERE ${h('p.i', 13, 100)} < 90`);
    await db.query(`ANALYZE bench_targets`);
    await step(
      'targets',
      `INSERT INTO targets (id, project_id, organization_id, year, overall_goal, status, submitted_at, approved_at, created_at, updated_at)
       SELECT target_id, id, org, ${YEAR}, '按期完成年度建设任务，服务对象满意度不低于 90%', status,
              CASE WHEN status <> 'draft' THEN created_at + interval '20 days' END,
              CASE WHEN status = 'approved' THEN approved_at END, created_at + interval '10 days', created_at + interval '10 days'
         FROM bench_targets`,
    );
    await step(
      'target indicators',
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

    // Trackings of ~60 % of the approved targets; ~30 % of those tracked again later in the year.
    // A tracking that warns (~20 %) is below the month's N7 checkpoint, or its achievement deviates.
    await db.query(`CREATE TEMP TABLE bench_trackings AS
      SELECT x.*, gen_random_uuid() AS tracking_id,
             CASE WHEN x.warns AND x.checkpoint IS NOT NULL THEN greatest(0, x.checkpoint - 1 - ${h('x.i + x.seq', 17, 10)})
                  ELSE least(100, coalesce(x.checkpoint, 20) + ${h('x.i + x.seq', 18, 40)}) END::numeric(9,2) AS rate
        FROM (
          SELECT t.*, s.seq, s.as_of, ${checkpointCase(profile, 's.as_of')} AS checkpoint,
                 ${h('t.i + s.seq', 19, 100)} < 20 AS warns, ${h('t.i + s.seq', 20, 10)} < 3 AS deviates
            FROM bench_targets t
            CROSS JOIN LATERAL (
              SELECT least(DATE '${YEAR}-12-31',
                       (date_trunc('month', greatest(DATE '${YEAR}-04-30' + ${h('t.i', 21, 3)} * 61, t.approved_at::date + 20)) + interval '1 month - 1 day')::date) AS first_as_of
            ) f
            CROSS JOIN LATERAL (
              SELECT 1 AS seq, f.first_as_of AS as_of
              UNION ALL
              -- The second as-of date is always later than the first.
              SELECT 2, DATE '${YEAR}-11-30' WHERE ${h('t.i', 22, 10)} < 3 AND f.first_as_of < DATE '${YEAR}-11-30'
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
      'trackings',
      `INSERT INTO trackings (id, project_id, organization_id, year, as_of, executed_amount, base, base_amount, execution_rate,
                              achievement_rate, round, round_due, note, review_status, reviewed_at, review_comment, created_at, updated_at)
       SELECT t.tracking_id, t.id, t.org, ${YEAR}, t.as_of, t.executed, 'budget', t.budget, t.rate, t.achievement,
              ${round('t.seq')}, ${roundDue('t.seq')}, '截至' || to_char(t.as_of, 'FMMM') || '月末的执行和目标完成情况',
              CASE WHEN t.reviewed THEN 'reviewed' ELSE 'pending' END,
              CASE WHEN t.reviewed THEN (t.as_of + 12)::timestamptz END, CASE WHEN t.reviewed THEN '已审核' END,
              (t.as_of + 5)::timestamptz + interval '10 hours', (t.as_of + 5)::timestamptz + interval '10 hours'
         FROM bench_trackings t`,
    );
    await step(
      'tracking fund sources',
      `INSERT INTO tracking_fund_sources (tracking_id, source, amount)
       SELECT t.tracking_id, f.source,
              CASE WHEN f.source = 'general_budget' AND n.sources = 2 THEN round(t.executed * 0.7, 2)
                   WHEN f.source <> 'general_budget' THEN t.executed - round(t.executed * 0.7, 2) ELSE t.executed END
         FROM bench_trackings t
         JOIN project_fund_sources f ON f.project_id = t.id
         JOIN LATERAL (SELECT count(*) AS sources FROM project_fund_sources g WHERE g.project_id = t.id) n ON true`,
    );
    await step(
      'tracking indicator readings',
      `INSERT INTO tracking_indicator_readings (tracking_id, target_indicator_id, sort_order, indicator, value_so_far, band, degree, will_reach)
       SELECT t.tracking_id, i.id, i.sort_order,
              jsonb_build_object('name', i.name, 'level1', i.level1, 'comparison', i.comparison, 'value', i.value, 'unit', i.unit, 'weight', i.weight::text),
              CASE WHEN i.comparison = 'qualitative' THEN NULL ELSE round(i.value::numeric * t.achievement / 100, 2)::text END,
              CASE WHEN i.comparison = 'qualitative' THEN 'partly_achieved' END,
              t.achievement, 'likely'
         FROM bench_trackings t JOIN target_indicators i ON i.target_id = t.target_id`,
    );
    await step(
      'tracking warnings',
      `INSERT INTO tracking_warnings (id, tracking_id, organization_id, code, rule, threshold, actual, checkpoint_month, message, message_en,
                                      answer_due, answer, answer_reason, answered_on, answered_late, answer_amount, created_at)
       SELECT w.warning_id, w.tracking_id, w.org, w.code, 'N7',
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
      'adjustment suggestions',
      `INSERT INTO budget_adjustment_suggestions (warning_id, tracking_id, project_id, organization_id, year, kind, amount, reason, status, created_at)
       SELECT w.warning_id, w.tracking_id, w.project_id, w.org, ${YEAR}, w.answer, round((w.budget - w.executed) / 4, 2), '部分采购取消，调减预算',
              CASE WHEN ${h('w.i', 29, 3)} = 0 THEN 'applied' ELSE 'open' END, (w.as_of + 30)::timestamptz
         FROM bench_warnings w JOIN bench_trackings t ON t.tracking_id = w.tracking_id
        WHERE t.reviewed AND w.answer IN ('adjust', 'cancel')`,
    );
    const began = process.hrtime.bigint();
    await db.query(`VACUUM ANALYZE`);
    console.log(`  ${'VACUUM ANALYZE'.padEnd(34)} ${''.padStart(14)} ${seconds(began).toFixed(1).padStart(6)} s`);
    const sizes = await db.query(
      `SELECT (SELECT count(*) FROM projects)::int AS projects, (SELECT count(*) FROM organizations)::int AS organizations,
              (SELECT count(*) FROM trackings)::int AS trackings, (SELECT count(*) FROM tracking_warnings)::int AS warnings,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    const s = sizes.rows[0];
    console.log(
      `  database: ${s.projects} projects, ${s.organizations} organizations (${unitsPer} generated units under each department and town), ` +
        `${s.trackings} trackings, ${s.warnings} warnings, ${s.size}`,
    );
  } finally {
    await db.end();
  }
}

// ---- the API in a process of its own ---------------------------------------------------------

/** Child mode: the API on the scratch database, counting the SQL statements its pg clients send. */
async function serveApi(databaseUrl: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  let statements = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: 'memory://',
    DEMO_DATA: 'true',
    WEB_DIST: '/nonexistent',
    // No background sealing (reads write no audit entries), so the statement counts are the requests' own.
    AUDIT_SEAL_INTERVAL_SECONDS: '0',
    ACCESS_TOKEN_MINUTES: '600',
    SESSION_IDLE_MINUTES: '600',
  });
  const running = await createApp(config);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = running.app.getHttpServer().address() as { port: number };
  process.on('message', (message: { type: string }) => {
    if (message.type === 'statements') {
      const cpu = process.cpuUsage();
      process.send!({ type: 'statements', statements, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    if (message.type === 'stop') void running.close().then(() => process.exit(0));
  });
  process.send!({ type: 'ready', port });
}

class ApiProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static start(databaseUrl: string): Promise<ApiProcess> {
    const child = fork(__filename, ['--api'], { env: { ...process.env, BENCH_DATABASE_URL: databaseUrl }, stdio: 'inherit' });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the API process exited with code ${code}`)));
      child.once('message', (m: { type: string; port: number }) => {
        child.removeAllListeners('exit');
        resolve(new ApiProcess(child, m.port));
      });
    });
  }

  /** SQL statements sent so far, and the CPU time the API process has used (ms). */
  counters(): Promise<{ statements: number; cpuMs: number }> {
    return new Promise((resolve) => {
      this.child.once('message', (m: { statements: number; cpuMs: number }) => resolve(m));
      this.child.send({ type: 'statements' });
    });
  }

  /** The kernel's high-water mark of the API process's resident memory. */
  peakRss(): number {
    const line = readFileSync(`/proc/${this.child.pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' });
    });
  }
}

// ---- measuring -------------------------------------------------------------------------------

/** One keep-alive connection: every request of the run goes over the same socket, one at a time. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function call(port: number, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function login(port: number, username: string): Promise<string> {
  const res = await call(port, 'POST', '/api/v1/auth/login', undefined, { username, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
  return (JSON.parse(res.text) as { accessToken: string }).accessToken;
}

interface Row {
  user: string;
  read: string;
  path: string;
  total: string;
  p50: number;
  p99: number;
  statements: number;
  apiCpu: number;
  dbCpu: number | null;
}

/**
 * CPU time (ms) each of the database's client backends has used, from /proc (the server runs on
 * this machine): with the wall times it tells a slow query from a busy machine. Null when /proc
 * cannot be read.
 */
async function backendCpu(monitor: Client): Promise<Map<number, number> | null> {
  const { rows } = await monitor.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10); // USER_HZ is 100 on Linux
    } catch {
      return null;
    }
  }
  return cpu;
}

/**
 * What the backends used between two samples. A pooled connection closed in between (idle) drops
 * out with what it used since the first sample; parallel workers come and go and are not counted.
 */
function cpuBetween(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let ms = 0;
  for (const [pid, used] of after) ms += used - (before.get(pid) ?? 0);
  return ms;
}

async function measure(api: ApiProcess, monitor: Client, user: string, token: string, requests: number): Promise<Row[]> {
  const get = async (path: string) => {
    const res = await call(api.port, 'GET', `/api/v1${path}`, token);
    if (res.status !== 200) throw new Error(`GET ${path} as ${user}: ${res.status} ${res.text.slice(0, 300)}`);
    return JSON.parse(res.text) as { total?: number; items?: unknown[]; summary?: Record<string, number> };
  };
  const first = await get('/trackings');
  const lastPage = Math.max(1, Math.ceil((first.total ?? 0) / 20));
  const reads: [string, string][] = [
    ['trackings page 1', '/trackings'],
    [`trackings page ${lastPage} (last)`, `/trackings?page=${lastPage}`],
    ['trackings q=', `/trackings?q=${encodeURIComponent('河道')}`],
    ['trackings openWarnings', '/trackings?openWarnings=true'],
    ['coverage page 1', '/trackings/coverage'],
    ['coverage state=overdue', '/trackings/coverage?state=overdue'],
    ['dashboard', '/trackings/dashboard'],
    ['adjustment-suggestions', '/trackings/adjustment-suggestions'],
  ];
  const rows: Row[] = [];
  for (const [read, path] of reads) {
    let answer = await get(path);
    for (let i = 1; i < WARMUP; i++) answer = await get(path);
    const before = await api.counters();
    const dbBefore = await backendCpu(monitor);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const started = process.hrtime.bigint();
      await get(path);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const after = await api.counters();
    const dbAfter = await backendCpu(monitor);
    const statements = (after.statements - before.statements) / requests;
    const dbMs = cpuBetween(dbBefore, dbAfter);
    times.sort((a, b) => a - b);
    const total = answer.total ?? answer.items?.length;
    rows.push({
      user,
      read,
      path,
      total: total === undefined ? '' : String(total),
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      statements,
      apiCpu: (after.cpuMs - before.cpuMs) / requests,
      dbCpu: dbMs === null ? null : dbMs / requests,
    });
    process.stdout.write('.');
  }
  return rows;
}

function printTable(rows: Row[], projects: number, requests: number): void {
  console.log(
    `\n\nmonitoring reads, ${projects} projects: ${WARMUP} warm-up then ${requests} sequential requests each over one connection`,
  );
  console.log('(API CPU, DB CPU: CPU time per request of the API process and of the database backends, parallel workers not counted)');
  const head = ['total', 'p50 ms', 'p99 ms', 'SQL/req', 'API CPU', 'DB CPU'];
  console.log(`${'user'.padEnd(11)} ${'read'.padEnd(28)} ${head.map((h) => h.padStart(8)).join(' ')}`);
  for (const r of rows) {
    const cells = [
      r.total,
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.statements.toFixed(1),
      r.apiCpu.toFixed(0),
      r.dbCpu === null ? '-' : r.dbCpu.toFixed(0),
    ];
    console.log(`${r.user.padEnd(11)} ${r.read.padEnd(28)} ${cells.map((c) => c.padStart(8)).join(' ')}`);
  }
}

/** A database kept by an earlier run (`--keep`), on the same server. */
function existingDatabase(adminUrl: string, name: string): ScratchDatabase {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => Promise.resolve() };
}

async function countProjects(url: string): Promise<number> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return Number((await db.query(`SELECT count(*) AS n FROM projects WHERE code LIKE 'BM%'`)).rows[0].n);
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--api') {
    await serveApi(process.env.BENCH_DATABASE_URL ?? '');
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.error(
      'bench:monitoring needs a PostgreSQL server: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres); ' +
        'it makes and drops a scratch database there. The embedded PGlite is not measured.',
    );
    process.exit(2);
  }
  const db = options.reuse ? existingDatabase(adminUrl, options.reuse) : await createScratchDatabase(adminUrl, 'jixiao_bench_mon');
  let api: ApiProcess | null = null;
  try {
    const name = new URL(db.url).pathname.slice(1);
    if (options.reuse) {
      options.projects = await countProjects(db.url);
      console.log(`${options.projects} projects on ${cpus().length} CPU(s), the kept database ${name}`);
    } else {
      console.log(`${options.projects} projects on ${cpus().length} CPU(s), scratch database ${name}`);
      const prepared = process.hrtime.bigint();
      // The real migrations and first-start data (2022 profile, demo organizations and users).
      const running = await createApp(
        loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, DATA_DIR: 'memory://', DEMO_DATA: 'true', WEB_DIST: '/nonexistent' }),
      );
      await running.close();
      console.log(`migrations and demo data: ${seconds(prepared).toFixed(1)} s`);
      const began = process.hrtime.bigint();
      console.log('generating (set-based SQL):');
      await generate(db.url, options.projects);
      console.log(`generation: ${seconds(began).toFixed(1)} s`);
    }

    api = await ApiProcess.start(db.url);
    const monitor = new Client({ connectionString: db.url });
    await monitor.connect();
    const load = () =>
      loadavg()
        .map((l) => l.toFixed(1))
        .join(' ');
    const loadBefore = load();
    const rows: Row[] = [];
    for (const [label, username] of [
      ['finance', 'finance'],
      ['department', 'health'],
    ]) {
      rows.push(...(await measure(api, monitor, label, await login(api.port, username), options.requests)));
    }
    await monitor.end();
    printTable(rows, options.projects, options.requests);
    console.log(`load average (1, 5, 15 min) before measuring ${loadBefore}, after ${load()}`);
    console.log(`\npeak RSS of the API process: ${(api.peakRss() / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    agent.destroy();
    await api?.stop();
    if (options.keep || options.reuse) console.log(`kept the database: --reuse ${new URL(db.url).pathname.slice(1)}`);
    else await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
