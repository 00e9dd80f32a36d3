import { fork } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  /** Where the database runs: its own child process (the built app) or this process (tests from source). */
  mode: 'process' | 'in-process';
  /** The database process, when it has its own. */
  pid?: number;
  stop(): Promise<void>;
}

/** How every embedded database is opened: with the extensions the migrations create (pg_trgm for searches). */
export function pgliteOptions(extra: PGliteOptions = {}): PGliteOptions {
  return { ...extra, extensions: { pg_trgm } };
}

/** Starts PGlite behind a local socket in this process; returns its port. */
export async function serveEmbeddedPostgres(dataDir: string): Promise<{ port: number; stop(): Promise<void> }> {
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir, pgliteOptions());
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

const urlFor = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

/**
 * The embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) behind a local socket, so
 * the ordinary `pg` driver and TypeORM talk to it like to a server. The built app runs it in a child
 * process, as a real server would be: its queries never block the API's event loop and its memory
 * is its own. Run from TypeScript sources (jest) it stays in-process. It serves one connection:
 * keep the pool at 1.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const script = join(__dirname, 'embedded-postgres.server.js');
  if (!existsSync(script)) {
    const local = await serveEmbeddedPostgres(dataDir);
    return { url: urlFor(local.port), mode: 'in-process', stop: () => local.stop() };
  }
  const child = fork(script, [dataDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number; error?: string }) =>
      m.port ? resolve(m.port) : reject(new Error(m.error ?? 'embedded PostgreSQL failed')),
    );
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with code ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  return {
    url: urlFor(port),
    mode: 'process',
    pid: child.pid,
    async stop() {
      process.removeListener('exit', kill);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The embedded server accepts one connection; a real server gets a normal pool. */
export const EMBEDDED_POOL_MAX = 1;
export const SERVER_POOL_MAX = 10;
