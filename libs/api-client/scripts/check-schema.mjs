// Fails when src/schema.ts is not what openapi-typescript makes of apps/api/openapi.json today.
// Run `pnpm --filter @jixiao/api openapi:write` first (the root `client:check` script does).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, '../../apps/api/openapi.json');
const schema = join(root, 'src/schema.ts');

if (!existsSync(spec)) {
  console.error(`api-client check: ${spec} does not exist; run \`pnpm --filter @jixiao/api openapi:write\` first.`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'jixiao-api-client-'));
const fresh = join(dir, 'schema.ts');
try {
  execFileSync(join(root, 'node_modules/.bin/openapi-typescript'), [spec, '-o', fresh], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const current = existsSync(schema) ? readFileSync(schema, 'utf8') : '';
  const expected = readFileSync(fresh, 'utf8');
  if (current !== expected) {
    const a = current.split('\n');
    const b = expected.split('\n');
    let line = 0;
    while (line < a.length && line < b.length && a[line] === b[line]) line += 1;
    console.error(
      'api-client check: libs/api-client/src/schema.ts is stale: it differs from the OpenAPI document ' +
        `from line ${line + 1}:\n  committed: ${a[line] ?? '(end of file)'}\n  expected:  ${b[line] ?? '(end of file)'}\n` +
        'Run `pnpm client:generate` and commit the result.',
    );
    process.exit(1);
  }
  console.log('api-client check: src/schema.ts matches apps/api/openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
