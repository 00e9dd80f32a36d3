#!/usr/bin/env node
// Browser tests: starts the built app (API + SPA) on a fresh embedded database, waits for
// /api/health, runs the Playwright suite of apps/web against it in Debian's Chromium, stops it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChanged } from './build-changed.mjs';

const root = new URL('..', import.meta.url).pathname;
const port = process.env.BROWSER_TEST_PORT ?? '3100';
const baseUrl = `http://127.0.0.1:${port}`;

if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error('Chromium not found: apt-get install -y chromium fonts-wqy-microhei (or set CHROMIUM_PATH)');
  process.exit(1);
}
// Rebuild whatever changed since the last build, so the pages tested are the sources' pages.
buildChanged();

const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-browser-'));
const env = { ...process.env, PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'true', NODE_ENV: 'development' };
delete env.DATABASE_URL;
const server = spawn('node', ['apps/api/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
server.stdout.on('data', () => {});

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer ${baseUrl}/api/health within 60 s`);
}

let code = 1;
try {
  await waitForHealth();
  const run = spawnSync('pnpm', ['--filter', '@jixiao/web', 'test:browser'], { cwd: root, stdio: 'inherit', env: { ...process.env, BASE_URL: baseUrl } });
  code = run.status ?? 1;
} catch (error) {
  console.error(error);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
