#!/usr/bin/env node
/**
 * Builds only what changed since the last build (used by `pnpm start` and the browser tests). Each
 * part's inputs are fingerprinted (file paths and contents); a part is rebuilt when its fingerprint,
 * or one of the parts it depends on, differs from the stamp written after its last build, or when
 * its output is missing. This build skips type-checking: that is `pnpm typecheck`'s and CI's job.
 * `node scripts/build-changed.mjs --stamp` records the current sources as built (after `pnpm build`).
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.cache', 'jixiao-start.json');
const SKIP = new Set(['node_modules', 'dist', 'test-output', 'coverage', '.tmp', 'data']);

/** What each part is built from, what it produces, how it is built, and the parts it uses. */
const PARTS = [
  {
    name: 'contracts',
    inputs: ['libs/contracts/src', 'libs/contracts/package.json', 'libs/contracts/tsconfig.build.json'],
    output: 'libs/contracts/dist/index.js',
    build: ['pnpm', ['--filter', '@jixiao/contracts', 'build']],
    uses: [],
  },
  {
    name: 'domain',
    inputs: ['libs/domain/src', 'libs/domain/package.json', 'libs/domain/tsconfig.build.json'],
    output: 'libs/domain/dist/index.js',
    build: ['pnpm', ['--filter', '@jixiao/domain', 'build']],
    uses: ['contracts'],
  },
  {
    name: 'api',
    inputs: ['apps/api/src', 'apps/api/package.json', 'apps/api/tsconfig.build.json', 'apps/api/nest-cli.json'],
    output: 'apps/api/dist/main.js',
    build: ['pnpm', ['--filter', '@jixiao/api', 'build']],
    uses: ['contracts', 'domain'],
  },
  {
    name: 'web',
    inputs: [
      'apps/web/src',
      'apps/web/index.html',
      'apps/web/package.json',
      'apps/web/vite.config.ts',
      'apps/web/public',
      'libs/api-client/src',
    ],
    output: 'apps/web/dist/index.html',
    // Vite alone: the SPA's type-check is `pnpm typecheck`.
    build: ['pnpm', ['--filter', '@jixiao/web', 'exec', 'vite', 'build']],
    uses: ['contracts', 'domain'],
  },
];
const SHARED_INPUTS = ['pnpm-lock.yaml', 'tsconfig.base.json'];

function filesOf(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [full];
  const out = [];
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...filesOf(child));
    else if (entry.isFile()) out.push(join(root, child));
  }
  return out;
}

function fingerprint(inputs) {
  const hash = createHash('sha256');
  for (const file of [...inputs, ...SHARED_INPUTS].flatMap(filesOf).sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function readStamps() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return {};
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

export function buildChanged() {
  const began = Date.now();
  const stamps = readStamps();
  const rebuilt = new Set();
  for (const part of PARTS) {
    const print = fingerprint(part.inputs);
    const stale = stamps[part.name] !== print || !existsSync(join(root, part.output)) || part.uses.some((u) => rebuilt.has(u));
    if (!stale) continue;
    console.log(`==> building ${part.name} (its sources changed since the last build)`);
    run(...part.build);
    rebuilt.add(part.name);
    stamps[part.name] = print;
    mkdirSync(dirname(stampFile), { recursive: true });
    writeFileSync(stampFile, JSON.stringify(stamps, null, 2));
  }
  console.log(
    rebuilt.size
      ? `==> built ${[...rebuilt].join(', ')} in ${((Date.now() - began) / 1000).toFixed(1)} s`
      : `==> nothing changed since the last build (checked in ${Date.now() - began} ms)`,
  );
}

function stampAll() {
  const stamps = {};
  for (const part of PARTS) stamps[part.name] = fingerprint(part.inputs);
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, JSON.stringify(stamps, null, 2));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--stamp')) stampAll();
  else buildChanged();
}
