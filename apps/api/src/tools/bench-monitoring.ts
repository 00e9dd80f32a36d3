import { ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';
import { createApp } from '../app.factory';
import { DEFAULT_PROFILE_YEAR } from '../modules/demo/bootstrap.service';
import { DEMO_PASSWORD } from '../modules/demo/demo-organizations';
import { createScratchDatabase, type ScratchDatabase } from '../database/scratch-database';
import { generateCityYear } from './bench/city-year';

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

// ---- generation (the shared generator of bench/city-year.ts) ---------------------------------

async function generate(url: string, projects: number): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await generateCityYear(db, { projects, year: YEAR, districts: 1, previousProjects: 0, targetPct: 90, indicators: [5, 10] });
    const sizes = await db.query(
      `SELECT (SELECT count(*) FROM projects)::int AS projects, (SELECT count(*) FROM organizations)::int AS organizations,
              (SELECT count(*) FROM trackings)::int AS trackings, (SELECT count(*) FROM tracking_warnings)::int AS warnings,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    const s = sizes.rows[0];
    console.log(
      `  database: ${s.projects} projects, ${s.organizations} organizations, ${s.trackings} trackings, ${s.warnings} warnings, ${s.size}`,
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
