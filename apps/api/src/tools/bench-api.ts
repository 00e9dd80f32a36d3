import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { DEMO_PASSWORD } from '../modules/demo/demo-organizations';
import { benchDatabaseUrl, DEFAULT_BENCH_DATABASE } from './bench/bench-database';
import { routePath, ROUTES, type BenchUser } from './bench/routes';
import { markdownTable, percentiles, rowCells, tableHead, type BenchRow, type Round } from './bench/table';

/**
 * `pnpm bench:api [--duration S] [--warmup S] [--connections N] [--database name] [--only text[|text…]] [--heavy]`
 * (not a test; needs DATABASE_URL and a database made by `pnpm bench:data`): starts the real API
 * (dist/main.js, production mode, on port 3203 or --port) and the bare Fastify + pg server
 * (bench/bare-server.ts, port 3204 or --bare-port) on that database, signs in as the finance user
 * (the whole city) and a department user (区教育局, "edu"), and measures every row of the routes
 * table (bench/routes.ts) with autocannon at --connections (default 32) in --duration second
 * rounds (default 15), A/B/A/B in one run: ours, bare, ours, bare — after a round of --warmup seconds
 * (default 2; 0: none) on each side that is not measured — then ours with one connection
 * for its p50 and p99 (up to 500 sequential requests in 5 s). Exports are requested one at a
 * time for the round's duration (at least once, at most 200 times) per side. `--heavy` adds the
 * finance user's export (minutes at city scale). Prints one Markdown table, the load average and the
 * API's peak RSS.
 * `--pglite dir` (with a district made by `pnpm bench:data --projects 5000 --pglite dir` and the
 * same on PostgreSQL as --database) compares our API on PostgreSQL with our API on the embedded
 * PGlite of that directory instead of the bare server.
 */
interface Options {
  duration: number;
  /** Seconds of an unmeasured round on each side before a route's measured ones (0: none). */
  warmup: number;
  connections: number;
  database: string;
  port: number;
  barePort: number;
  only: string | null;
  heavy: boolean;
  pglite: string | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    duration: 15,
    warmup: 2,
    connections: 32,
    database: DEFAULT_BENCH_DATABASE,
    port: 3203,
    barePort: 3204,
    only: null,
    heavy: false,
    pglite: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--heavy') options.heavy = true;
    else if (arg === '--only') options.only = argv[++i] ?? '';
    else if (arg === '--pglite') options.pglite = argv[++i] ?? '';
    else if (arg === '--database') {
      const name = argv[++i] ?? '';
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error('--database needs a lower-case SQL name');
      options.database = name;
    } else if (arg === '--warmup') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new Error('--warmup needs a whole number of seconds (0: none)');
      options.warmup = value;
    } else if (arg === '--duration' || arg === '--connections' || arg === '--port' || arg === '--bare-port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} needs a positive whole number`);
      if (arg === '--duration') options.duration = value;
      else if (arg === '--connections') options.connections = value;
      else if (arg === '--port') options.port = value;
      else options.barePort = value;
    } else
      throw new Error(
        `unknown option ${arg}; known: --duration S, --warmup S, --connections N, --database name, --port N, --bare-port N, --only text[|text…] (rows whose name holds any of them), --heavy`,
      );
  }
  return options;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function waitFor(url: string, child: ChildProcess, limitMs = 120_000): Promise<void> {
  const began = Date.now();
  while (Date.now() - began < limitMs) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not answering within ${limitMs / 1000} s`);
}

function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function peakRss(child: ChildProcess): number {
  try {
    const line = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function login(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** One answer: status, the list's total or the number of items, and the time. */
async function probe(url: string, token: string): Promise<{ status: number; size: string; ms: number; bytes: number }> {
  const began = process.hrtime.bigint();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await res.arrayBuffer());
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  let size = '';
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      const json = JSON.parse(body.toString('utf8')) as { total?: number; items?: unknown[]; candidates?: unknown[] };
      size = String(json.total ?? json.items?.length ?? json.candidates?.length ?? '');
    } catch {
      size = '?';
    }
  }
  return { status: res.status, size, ms, bytes: body.length };
}

async function round(url: string, token: string, connections: number, duration: number): Promise<Round & { failed: number }> {
  const result = await autocannon({ url, connections, duration, timeout: 120, headers: { authorization: `Bearer ${token}` } });
  // A round in which no request finished has no latencies (autocannon says 0): none, not zero.
  const none = result.requests.total === 0;
  return {
    reqPerSec: result.requests.total / duration,
    p50: none ? NaN : result.latency.p50,
    p99: none ? NaN : result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Requests one after another on one connection for `duration` seconds (at least `min`, at most
 * `max`): their times (ms) and how many did not answer 200.
 */
async function sequential(
  url: string,
  token: string,
  duration: number,
  min: number,
  max: number,
): Promise<{ times: number[]; failed: number }> {
  const times: number[] = [];
  let failed = 0;
  const began = Date.now();
  while (times.length < min || (Date.now() - began < duration * 1000 && times.length < max)) {
    const r = await probe(url, token);
    times.push(r.ms);
    if (r.status !== 200) failed++;
  }
  return { times, failed };
}

/** Ours on one connection (at least 3, at most 500 requests): their p50 and p99. */
async function oneConnection(url: string, token: string, duration: number): Promise<{ p50: number; p99: number }> {
  return percentiles((await sequential(url, token, duration, 3, 500)).times);
}

/**
 * Waits until the database runs no statement but this one: a round's requests still in flight
 * when autocannon stops (the server goes on answering closed connections) must not load the next.
 */
async function drain(monitor: Client): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { rows } = await monitor.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * A route answered one request at a time (an export): requests one after another for `duration`
 * seconds (at least one, at most 200): their number a second and the p50 and p99 of their times.
 * One request alone was the round's whole measure, a first run of the export's code and a pause of
 * the collector included.
 */
async function single(url: string, token: string, duration: number): Promise<Round & { failed: number }> {
  const { times, failed } = await sequential(url, token, duration, 1, 200);
  const { p50, p99 } = percentiles(times);
  return { reqPerSec: (1000 * times.length) / times.reduce((sum, ms) => sum + ms, 0), p50, p99, failed };
}

/** The built API (dist/main.js) in production mode on `port`, with `env` on top. */
function startApi(port: number, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(__dirname, '..', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      WEB_DIST: '/nonexistent',
      AUTH_SECRET: randomBytes(32).toString('hex'),
      AUDIT_SIGNING_KEY: randomBytes(32).toString('hex'),
      MFA_ENFORCE: 'false',
      ACCESS_TOKEN_MINUTES: '600',
      SESSION_IDLE_MINUTES: '600',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.error('bench:api needs DATABASE_URL (the server `pnpm bench:data` generated its database on).');
    process.exit(2);
  }
  const databaseUrl = benchDatabaseUrl(adminUrl, options.database);
  let api: ChildProcess | null = null;
  let bare: ChildProcess | null = null;
  const monitor = new Client({ connectionString: databaseUrl });
  await monitor.connect();
  // Interrupted (Ctrl-C, kill): take the two servers down too, they would hold their ports and connections.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of [api, bare]) if (child && child.exitCode === null) child.kill('SIGTERM');
      process.exit(130);
    });
  }
  try {
    api = startApi(options.port, { DATABASE_URL: databaseUrl });
    // --pglite: the B side is our API again, on the embedded PGlite in that directory (DATABASE_URL unset).
    bare = options.pglite
      ? startApi(options.barePort, { DATABASE_URL: '', DATA_DIR: options.pglite })
      : spawn(process.execPath, [join(__dirname, 'bench', 'bare-server.js')], {
          env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, PORT: String(options.barePort) },
          stdio: ['ignore', 'ignore', 'inherit'],
        });
    await waitFor(`http://127.0.0.1:${options.port}/api/health`, api);
    await waitFor(`http://127.0.0.1:${options.barePort}/api/${options.pglite ? 'health' : 'v1/projects'}`, bare);
    const ours = (path: string) => `http://127.0.0.1:${options.port}/api/v1${path}`;
    const theirs = (path: string) => `http://127.0.0.1:${options.barePort}/api/v1${path}`;
    const tokens: Record<BenchUser, { ours: string; bare: string }> = {
      finance: {
        ours: await login(options.port, 'finance'),
        bare: options.pglite ? await login(options.barePort, 'finance') : 'bare-finance',
      },
      edu: { ours: await login(options.port, 'edu'), bare: options.pglite ? await login(options.barePort, 'edu') : 'bare-edu' },
    };
    const totals: Record<BenchUser, number> = { finance: 0, edu: 0 };
    for (const user of ['finance', 'edu'] as const) {
      totals[user] = Number((await probe(ours('/projects?year=2022'), tokens[user].ours)).size) || 0;
    }
    // a detail read fetches the caller's first row of its list, on both sides
    const ids = new Map<string, string>();
    for (const route of ROUTES.filter((r) => r.detailOf)) {
      for (const user of route.users) {
        const res = await fetch(ours(route.detailOf!), { headers: { authorization: `Bearer ${tokens[user].ours}` } });
        const first = ((await res.json()) as { items?: { id?: string }[] }).items?.[0]?.id;
        if (first) ids.set(`${route.detailOf}|${user}`, first);
      }
    }
    const plan = ROUTES.flatMap((route) =>
      [...route.users, ...(options.heavy && route.single && !route.users.includes('finance') ? (['finance'] as const) : [])].map(
        (user) => ({ route, user }),
      ),
    ).filter(({ route }) => !options.only || options.only.split('|').some((part) => route.name.includes(part)));
    console.log(
      `bench:api on ${options.database}: ${plan.length} reads, ${options.connections} connections, ${options.duration} s rounds ` +
        `(ours, bare, ours, bare after ${options.warmup} s unmeasured on each; then ours on one connection), ${cpus().length} CPU(s), ` +
        `load average before ${load()}`,
    );
    const rows: BenchRow[] = [];
    const checks: string[] = [];
    for (const { route, user } of plan) {
      const path = routePath(route, (u) => totals[u], ids.get(`${route.detailOf}|${user}`) ?? '00000000-0000-0000-0000-000000000000');
      await drain(monitor);
      const a = await probe(ours(path), tokens[user].ours);
      const b = await probe(theirs(path), tokens[user].bare);
      checks.push(
        `${route.name} (${user}): ours ${a.status} ${a.size || '-'} ${(a.bytes / 1024).toFixed(0)} kB in ${a.ms.toFixed(0)} ms; ` +
          `bare ${b.status} ${b.size || '-'} ${(b.bytes / 1024).toFixed(0)} kB in ${b.ms.toFixed(0)} ms`,
      );
      if (a.status !== 200 || b.status !== 200) {
        console.log(`  skipped ${route.name} (${user}): ours ${a.status}, bare ${b.status}`);
        continue;
      }
      const measure = route.single
        ? (url: string, token: string) => single(url, token, options.duration)
        : (url: string, token: string) => round(url, token, options.connections, options.duration);
      const row: BenchRow = {
        route: route.name,
        user,
        ours: [],
        bare: [],
        oneConnection: null,
        note: options.pglite ? undefined : route.note,
      };
      // Unmeasured first: the route's first requests on each side pay once for what the next ones find ready (the
      // pages of its tables and indexes read into PostgreSQL's buffers, shared by both sides; its statements parsed
      // on each connection; its code compiled) — paid by whichever side a measured round began with (ours).
      if (options.warmup > 0) {
        for (const [url, token] of [
          [ours(path), tokens[user].ours],
          [theirs(path), tokens[user].bare],
        ]) {
          await drain(monitor);
          if (route.single) await sequential(url, token, options.warmup, 1, 20);
          else await round(url, token, options.connections, options.warmup);
        }
      }
      let failed = 0;
      for (let i = 0; i < 2; i++) {
        await drain(monitor);
        const o = await measure(ours(path), tokens[user].ours);
        await drain(monitor);
        const t = await measure(theirs(path), tokens[user].bare);
        row.ours.push(o);
        row.bare.push(t);
        failed += o.failed + t.failed;
      }
      if (!route.single) {
        await drain(monitor);
        row.oneConnection = await oneConnection(ours(path), tokens[user].ours, Math.min(options.duration, 5));
      }
      if (failed) row.note = `${row.note ? row.note + '; ' : ''}${failed} failed or timed-out requests`;
      rows.push(row);
      console.log(`  ${rowCells(row).join(' · ')}`);
    }
    console.log(`\nfirst answers (status, total or items, size, time):\n${checks.map((c) => `  ${c}`).join('\n')}`);
    const head = options.pglite ? tableHead('PostgreSQL', 'PGlite') : tableHead();
    console.log(`\n${markdownTable(rows, head)}`);
    if (options.pglite)
      console.log(`(both sides are our API: on PostgreSQL ${options.database}, and on the embedded PGlite in ${options.pglite})`);
    console.log(`load average (1, 5, 15 min) after: ${load()}; peak RSS of the API: ${(peakRss(api) / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    await monitor.end();
    await stop(api);
    await stop(bare);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
