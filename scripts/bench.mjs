#!/usr/bin/env node
/**
 * `pnpm bench [name …]`: the benchmarks (never part of `pnpm test`). Without a name it lists them.
 *   import       50,000-row project workbook imported and re-imported (rows/s, peak memory)
 *   import-bomb  the 3-million-row workbook of issue 6 refused (time to refusal, peak memory, health meanwhile)
 *   login        sign-in refusals for unknown, locked and wrong-password users side by side
 *   monitoring   the monitoring reads (trackings list, coverage, dashboard, suggestions) on a generated
 *                year, finance and department user: p50 / p99, SQL and CPU per request, generation time,
 *                the API's peak RSS. Needs DATABASE_URL. Options: --projects N (default 20000; 200000
 *                for a city), --requests N (default 30), --keep (leave the scratch database for EXPLAIN),
 *                --reuse <name> (measure a kept database again)
 *   data         (re)creates the database jixiao_bench_city on DATABASE_URL's server with the real migrations
 *                and a generated city year (200,000 projects over 16 districts' organizations, ~150,000
 *                targets, ~1.5 million indicators, trackings, warnings, and the evaluated year before it
 *                with evaluations) in set-based SQL. Options: --projects N (5000 for a district),
 *                --previous N (projects of the evaluated year, default a quarter as many), --districts N,
 *                --database name
 *   api          the real API against a bare Fastify + pg server on that database, A/B/A/B with
 *                autocannon (32 connections, 15 s rounds) for every read of apps/api/src/tools/bench/routes.ts,
 *                finance and 区教育局 users: one table of req/s, p50, p99 and the ratios. Options:
 *                --duration S, --connections N, --database name, --only text, --heavy (finance export)
 *   start        `pnpm start` to a healthy /api/health when nothing changed, and the SPA's page weight
 * Set DATABASE_URL to include a PostgreSQL server where a benchmark supports it. Options after the
 * names (`pnpm bench monitoring --projects 200000`) go to every benchmark named.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildChanged } from './build-changed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const BENCHES = {
  import: () => pnpm(['--filter', '@jixiao/api', 'bench:import']),
  'import-bomb': () => pnpm(['--filter', '@jixiao/api', 'bench:import-bomb']),
  login: () => pnpm(['--filter', '@jixiao/api', 'bench:login']),
  monitoring: (options) => pnpm(['--filter', '@jixiao/api', 'bench:monitoring', ...options]),
  data: (options) => pnpm(['--filter', '@jixiao/api', 'bench:data', ...options]),
  api: (options) => pnpm(['--filter', '@jixiao/api', 'bench:api', ...options]),
  start: benchStart,
};

function pnpm(args) {
  const result = spawnSync('pnpm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function waitHealthy(port, began, limitMs = 300_000) {
  while (Date.now() - began < limitMs) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return Date.now() - began;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not healthy within ${limitMs / 1000} s`);
}

/** One `pnpm start` (build check + API start on an embedded database) until /api/health answers. */
async function timedStart(dataDir, port) {
  const began = Date.now();
  const child = spawn('node', [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: 'ignore',
  });
  try {
    return await waitHealthy(port, began);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

function pageWeight() {
  const dist = join(root, 'apps/web/dist/assets');
  const index = readFileSync(join(root, 'apps/web/dist/index.html'), 'utf8');
  const initial = [...index.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]);
  let all = 0;
  let allGz = 0;
  let first = 0;
  let firstGz = 0;
  for (const name of readdirSync(dist)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const bytes = readFileSync(join(dist, name));
    const gz = gzipSync(bytes).length;
    all += statSync(join(dist, name)).size;
    allGz += gz;
    if (initial.includes(name)) {
      first += bytes.length;
      firstGz += gz;
    }
  }
  const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
  console.log(
    `SPA page weight: first load ${kb(first)} (${kb(firstGz)} gzip) in ${initial.length} files; all JS and CSS ${kb(all)} (${kb(allGz)} gzip)`,
  );
}

async function benchStart() {
  buildChanged();
  const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-bench-start-'));
  const port = 3190;
  try {
    const first = await timedStart(dataDir, port);
    console.log(`first start on an empty embedded database (migrations, demo data): ${(first / 1000).toFixed(1)} s to healthy`);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await timedStart(dataDir, port));
    console.log(
      `later starts, nothing changed: ${runs.map((ms) => (ms / 1000).toFixed(1) + ' s').join(', ')} to healthy (goal: under 10 s)`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  pageWeight();
}

const args = process.argv.slice(2).filter((a) => a !== '--');
const firstOption = args.findIndex((a) => a.startsWith('--'));
const names = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
if (!names.length) {
  console.log(`pnpm bench <name …>, one or more of: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(0);
}
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n==> bench ${name}`);
  await bench(options);
}
