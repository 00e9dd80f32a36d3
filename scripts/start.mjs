#!/usr/bin/env node
/**
 * `pnpm start`: builds only the parts whose sources changed since the last build (without
 * type-checking, see build-changed.mjs), then runs the API, which serves the SPA.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChanged } from './build-changed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
buildChanged();

// The API in the foreground; signals reach it so the embedded database shuts down cleanly.
const api = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
