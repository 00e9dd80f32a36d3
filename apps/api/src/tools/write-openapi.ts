import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { createApp } from '../app.factory';

/** Writes the OpenAPI document to apps/api/openapi.json for the typed client (embedded, in memory). */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: '', DATA_DIR: 'memory://', DEMO_DATA: 'false' });
  const running = await createApp(config);
  const target = join(__dirname, '..', '..', 'openapi.json');
  writeFileSync(target, `${JSON.stringify(running.document, null, 2)}\n`);
  await running.close();
  console.log(`OpenAPI document written to ${target}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
