import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { QueryFn } from '../common/audit/audit-chain';
import { pgliteOptions } from './embedded-postgres';

/**
 * Backups of both kinds of database. A PostgreSQL server: `pg_dump --format=custom` while the API
 * runs (a consistent snapshot), restored with `pg_restore` into an empty database — ownership and
 * grants are not carried over (`--no-owner --no-acl`): the restoring role owns the tables and the
 * API grants its non-owner role again at its next start. The embedded PGlite: its data directory
 * as a gzipped tarball (`dumpDataDir`), taken while the API is stopped, restored into an empty
 * directory (`loadDataDir`). The audit log's triggers, hashes and checkpoints travel with the data.
 */

export class BackupError extends Error {}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new BackupError(error.code === 'ENOENT' ? `${command} is not on PATH (install the PostgreSQL client tools)` : error.message)),
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

const PG_DUMP_MAGIC = 'PGDMP';

export async function backupServer(url: string, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await run('pg_dump', ['--format=custom', '--file', file, '--dbname', url]);
}

/** Restores a pg_dump backup into `url`, which must hold no Jixiao tables yet. */
export async function restoreServer(url: string, file: string): Promise<void> {
  if (readFileSync(file).subarray(0, 5).toString('latin1') !== PG_DUMP_MAGIC) throw new BackupError(`${file} is not a pg_dump backup`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'audit_logs'`,
    );
    if (found.rowCount) throw new BackupError('the target database is not empty (it has audit_logs); restore into a new database');
  } finally {
    await client.end();
  }
  await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', '--dbname', url, file]);
}

function assertStopped(dataDir: string): void {
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    throw new BackupError(
      `${dataDir} is in use (postmaster.pid): stop the API first. If it is not running, a crash left the file: start and stop the API once.`,
    );
  }
}

/** Writes the embedded database's data directory as a gzipped tarball; the API must be stopped. */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupError(`${dataDir} holds no embedded database`);
  assertStopped(dataDir);
  const db = await PGlite.create(dataDir, pgliteOptions());
  try {
    const tarball = await db.dumpDataDir('gzip');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await db.close();
  }
}

/** Restores an embedded backup into `dataDir`, which must not exist or be empty. */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  const bytes = readFileSync(file);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new BackupError(`${file} is not an embedded-database backup (gzipped tarball)`);
  if (existsSync(dataDir) && readdirSync(dataDir).length) throw new BackupError(`${dataDir} is not empty; restore into a new directory`);
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, pgliteOptions({ loadDataDir: new Blob([bytes]) }));
  await db.close();
}

/** Opens either kind of database for a tool (verification, counts); the embedded one only while the API is stopped. */
export async function openForTool(target: {
  databaseUrl: string | null;
  dataDir: string;
}): Promise<{ query: QueryFn; close(): Promise<void> }> {
  if (target.databaseUrl) {
    const client = new Client({ connectionString: target.databaseUrl });
    await client.connect();
    return {
      query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
      close: () => client.end(),
    };
  }
  if (target.dataDir === 'memory://') throw new BackupError('DATA_DIR=memory:// keeps nothing to open');
  assertStopped(target.dataDir);
  const db = await PGlite.create(target.dataDir, pgliteOptions());
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    close: () => db.close(),
  };
}
