import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { backupEmbedded, backupServer } from '../database/backup';

/**
 * `pnpm backup [file]`: backs up the database of DATABASE_URL with pg_dump (custom format; the
 * API may keep running), or the embedded database in DATA_DIR as a gzipped tarball (stop the API
 * first). Default file: backups/jixiao-<time>.dump or .tar.gz.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = resolve(
    process.env.INIT_CWD ?? process.cwd(),
    process.argv[2] ?? `backups/jixiao-${stamp}.${config.databaseUrl ? 'dump' : 'tar.gz'}`,
  );
  // As the owner when there is one (the API's own role may lack rights to some objects).
  if (config.databaseUrl) await backupServer(config.databaseMigrationUrl ?? config.databaseUrl, file);
  else await backupEmbedded(config.dataDir, file);
  console.log(`Backup written to ${file}`);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
