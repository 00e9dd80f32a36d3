import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { createApp } from '../app.factory';
import { createScratchDatabase } from '../database/scratch-database';

/**
 * `pnpm bench:login` (not a test): the login answer for an unknown username, a locked account and
 * a wrong password must not differ in time, or usernames can be enumerated. Starts the API on an
 * embedded PGlite (and on DATABASE_URL when set, in a throwaway database), sends the three kinds of
 * attempt in turn over HTTP and prints mean, p50 and p99 latency of each.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 10;

type Kind = 'unknown user' | 'locked account' | 'wrong password';


function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(label: string, databaseUrl: string): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATA_DIR: 'memory://', DEMO_DATA: 'true', WEB_DIST: '/nonexistent' });
  const running = await createApp(config);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = running.app.getHttpServer().address() as { port: number };
  const dataSource = running.app.get(DataSource);
  try {
    await dataSource.query(`UPDATE users SET locked_until = now() + interval '1 day' WHERE username = 'health'`);
    const attempts: Record<Kind, { username: string; password: string }> = {
      'unknown user': { username: 'nobody-at-all', password: 'Wrong#2022x' },
      'locked account': { username: 'health', password: 'Wrong#2022x' },
      'wrong password': { username: 'edu', password: 'Wrong#2022x' },
    };
    const times: Record<Kind, number[]> = { 'unknown user': [], 'locked account': [], 'wrong password': [] };
    const bodies = new Set<string>();
    for (let round = 0; round < ROUNDS + WARMUP; round++) {
      for (const kind of Object.keys(attempts) as Kind[]) {
        const started = process.hrtime.bigint();
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(attempts[kind]),
        });
        const text = await res.text();
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (round >= WARMUP) times[kind].push(ms);
        bodies.add(`${res.status} ${text}`);
        // Keep `edu` below the lock (outside the timing), so every one of its attempts is a plain wrong password.
        if (kind === 'wrong password') await dataSource.query(`UPDATE users SET failed_login_count = 0 WHERE username = 'edu'`);
      }
    }
    console.log(`\n${label}: ${ROUNDS} attempts of each kind (after ${WARMUP} warm-up rounds), interleaved`);
    console.log('kind             mean ms   p50 ms   p99 ms');
    for (const kind of Object.keys(times) as Kind[]) {
      const sorted = [...times[kind]].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
      console.log(
        `${kind.padEnd(16)} ${mean.toFixed(1).padStart(7)} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 99).toFixed(1).padStart(8)}`,
      );
    }
    console.log(`distinct answers: ${bodies.size} (${[...bodies].map((b) => b.slice(0, 60)).join(' | ')})`);
  } finally {
    await running.close();
  }
}

async function main(): Promise<void> {
  await run('embedded PGlite', '');
  if (process.env.DATABASE_URL) {
    const server = await createScratchDatabase(process.env.DATABASE_URL, 'jixiao_bench');
    try {
      await run('PostgreSQL (DATABASE_URL)', server.url);
    } finally {
      await server.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
