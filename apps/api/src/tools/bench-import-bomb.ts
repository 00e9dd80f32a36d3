import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config/app-config';
import { createApp } from '../app.factory';
import { projectBomb } from './xlsx-bomb';
import { createScratchDatabase } from '../database/scratch-database';

/**
 * `pnpm bench:import-bomb` (not a test): sends the 3-million-row project workbook of issue 6
 * (about 1 MB that expands to about 300 MB of sheet XML) to `POST /api/v1/projects/import` as a
 * department user, against an API started in its own process, and prints the time to the refusal,
 * the peak resident memory of the API process (sampled every 25 ms) and the slowest of the health
 * checks sent one after another meanwhile. Three cases: the default limits (refused by the zip
 * directory before parsing), the directory checks relaxed (stopped by the row limit while
 * streaming) and a directory that lies about the sheet's size (stopped when it expands past it).
 */
const ROWS = Number(process.env.BENCH_BOMB_ROWS ?? 3_000_000);

interface Case {
  label: string;
  env: Record<string, string>;
  forged?: boolean;
}

const CASES: Case[] = [
  { label: 'default limits', env: {} },
  {
    label: 'directory checks relaxed (ratio 100000, 4 GiB), row limit 50000',
    env: { IMPORT_MAX_COMPRESSION_RATIO: '100000', IMPORT_MAX_UNCOMPRESSED_BYTES: String(4 * 1024 ** 3) },
  },
  { label: 'forged directory (sheet declared as 20 KB), default limits', env: {}, forged: true },
];

/** Child: starts the API on a free port and prints `{ port, pid }`. */
async function serve(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
    DATA_DIR: 'memory://',
    DEMO_DATA: 'true',
    WEB_DIST: '/nonexistent',
  });
  const running = await createApp(config);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = running.app.getHttpServer().address() as { port: number };
  console.log(JSON.stringify({ port, pid: process.pid }));
  process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
}

function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function startApi(env: Record<string, string>, databaseUrl: string): Promise<{ child: ChildProcess; port: number; pid: number }> {
  const child = spawn(process.execPath, [__filename, '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env, BENCH_DATABASE_URL: databaseUrl },
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith('{')) {
      const { port, pid } = JSON.parse(line) as { port: number; pid: number };
      return { child, port, pid };
    }
  }
  throw new Error('the API did not start');
}


async function runCase(c: Case, file: Buffer, databaseUrl: string): Promise<void> {
  const { child, port, pid } = await startApi(c.env, databaseUrl);
  const base = `http://127.0.0.1:${port}`;
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'edu', password: 'Demo#2022' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    const before = rssOf(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 25);
    let done = false;
    let slowestHealth = 0;
    let healthChecks = 0;
    const healthLoop = (async () => {
      while (!done) {
        const t0 = performance.now();
        const r = await fetch(`${base}/api/health`);
        await r.text();
        if (!done) {
          slowestHealth = Math.max(slowestHealth, performance.now() - t0);
          healthChecks++;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'bomb.xlsx');
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/projects/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    const body = (await res.json()) as { code?: string; limit?: number };
    const seconds = (performance.now() - started) / 1000;
    done = true;
    await healthLoop;
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(pid));
    console.log(
      `[${c.label}] ${res.status} ${body.code} (limit ${body.limit}) in ${seconds.toFixed(2)} s; API RSS ${mb(before)} MB before, ` +
        `peak ${mb(peak)} MB; ${healthChecks} health checks answered meanwhile, slowest ${slowestHealth.toFixed(0)} ms`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve') return serve();
  const started = performance.now();
  const bomb = await projectBomb(ROWS);
  console.log(
    `Built a ${ROWS.toLocaleString('en')}-row project workbook: ${(bomb.length / 1024).toFixed(0)} KB ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s on ${cpus().length} CPU(s)`,
  );
  const forged = await projectBomb(ROWS, { declaredSheetSize: 20_000 });
  const db = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'jixiao_bomb') : null;
  console.log(`Database: ${db ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}`);
  try {
    for (const c of CASES) await runCase(c, c.forged ? forged : bomb, db?.url ?? '');
  } finally {
    await db?.drop();
  }
}

if (require.main === module) {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
