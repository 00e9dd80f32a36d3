import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { verifyChain } from '../common/audit/audit-chain';
import { openForTool, restoreEmbedded, restoreServer } from '../database/backup';

/**
 * `pnpm restore <file>`: restores a backup into an EMPTY database — the one of
 * DATABASE_MIGRATION_URL or DATABASE_URL (created beforehand, e.g. `createdb`), or an empty or
 * missing DATA_DIR for the embedded one — then verifies the audit log's chain and prints the report.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!process.argv[2]) throw new Error('usage: pnpm restore <backup file>');
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]);
  if (config.databaseUrl) await restoreServer(config.databaseMigrationUrl ?? config.databaseUrl, file);
  else await restoreEmbedded(file, config.dataDir);
  console.log(`Restored ${file}`);
  const db = await openForTool({ databaseUrl: config.databaseMigrationUrl ?? config.databaseUrl, dataDir: config.dataDir });
  try {
    const report = await verifyChain(db.query, config.audit.signingKey, { graceSeconds: config.audit.sealGraceSeconds });
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = report.ok ? 0 : 2;
  } finally {
    await db.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
