/**
 * Operating the audit log (issue 6): the API running as a role that does not own the tables
 * (PostgreSQL only — PGlite has one superuser and no roles to speak of), and backups of both
 * kinds of database restored into fresh ones with the same rows and a chain that still verifies.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config/app-config';
import { createApp, RunningApp } from '../src/app.factory';
import { AuditSealer } from '../src/common/audit/audit-sealer.service';
import { QueryFn, verifyChain } from '../src/common/audit/audit-chain';
import { DataSource } from 'typeorm';
import { backupEmbedded, backupServer, openForTool, restoreEmbedded, restoreServer } from '../src/database/backup';
import { requester } from './support/http';
import { DEMO_PASSWORD } from './support/test-app';

const adminUrl = process.env.DATABASE_URL;
const KEY = 'audit-roles-backup-test-signing-key-0123456789';
const onServer = adminUrl ? describe : describe.skip;

function urlFor(database: string, user?: string): string {
  const url = new URL(adminUrl!);
  url.pathname = `/${database}`;
  if (user) url.username = user;
  return url.toString();
}

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Starts the API on `env`, signs in, makes an audited write, seals; returns counts and the chain's report. */
async function populate(env: Record<string, string>) {
  const running = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      DEMO_DATA: 'true',
      WEB_DIST: '/nonexistent',
      AUDIT_SEAL_INTERVAL_SECONDS: '0',
      AUDIT_SIGNING_KEY: KEY,
      ...env,
    }),
  );
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const request = requester(`http://127.0.0.1:${(running.app.getHttpServer().address() as { port: number }).port}`);
  const login = await request('POST', '/api/v1/auth/login', { body: { username: 'finance', password: DEMO_PASSWORD } });
  expect(login.status).toBe(200);
  const created = await request('POST', '/api/v1/policy-profiles', {
    token: login.body.accessToken,
    body: { year: 2031, copyFromYear: 2022 },
  });
  expect(created.status).toBe(201);
  const sealed = await running.app.get(AuditSealer).sealNow();
  expect(sealed.sealed).toBeGreaterThan(0);
  return running;
}

/** Row counts of every table and the chain's report: of a running app, or of a database opened by the tools. */
async function snapshot(target: { databaseUrl: string | null; dataDir: string } | RunningApp) {
  const db =
    'app' in target
      ? {
          query: ((sql: string, params?: unknown[]) => target.app.get(DataSource).query(sql, params)) as QueryFn,
          close: async () => undefined,
        }
      : await openForTool(target);
  try {
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables)
      counts[table_name] = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${table_name}"`))[0].n);
    const report = await verifyChain(db.query, KEY, { graceSeconds: 3600 });
    return { counts, report };
  } finally {
    await db.close();
  }
}

onServer('the API as a role that does not own the tables (PostgreSQL)', () => {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const database = `jixiao_role_${suffix}`;
  const role = `jixiao_app_${suffix}`;
  let close: (() => Promise<void>) | undefined;
  let asApp: Client;

  beforeAll(async () => {
    await admin(async (c) => {
      await c.query(`CREATE DATABASE ${database}`);
      await c.query(`CREATE ROLE ${role} LOGIN`);
    });
    // Migrations and grants as the owner (the admin of DATABASE_URL), the API itself as the new role.
    const running = await populate({ DATABASE_MIGRATION_URL: urlFor(database), DATABASE_URL: urlFor(database, role) });
    close = () => running.close();
    asApp = new Client({ connectionString: urlFor(database, role) });
    await asApp.connect();
  });
  afterAll(async () => {
    await asApp?.end();
    await close?.();
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${role}`);
    });
  });

  it('works as that role: it wrote, audited and sealed', async () => {
    const [{ owner }] = (await asApp.query(`SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'audit_logs'`)).rows;
    expect(owner).not.toBe(role);
    const { rows } = await asApp.query(
      `SELECT count(*)::int AS n FROM audit_logs WHERE action = 'policy_profile.copy' AND seq IS NOT NULL`,
    );
    expect(rows[0].n).toBe(1);
    const report = await verifyChain(async (sql, params) => (await asApp.query(sql, params as unknown[])).rows, KEY, {
      graceSeconds: 3600,
    });
    expect(report.ok).toBe(true);
  });

  it.each([
    ['ALTER TABLE … DISABLE TRIGGER', `ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update_delete`, /owner/],
    ['DROP TRIGGER', `DROP TRIGGER audit_logs_no_update_delete ON audit_logs`, /owner/],
    ['SET session_replication_role', `SET session_replication_role = replica`, /permission denied/],
    ['DELETE', `DELETE FROM audit_logs`, /permission denied/],
    ['TRUNCATE', `TRUNCATE audit_logs`, /permission denied/],
    ['UPDATE of content', `UPDATE audit_logs SET action = 'x'`, /permission denied/],
    ['UPDATE of a seal', `UPDATE audit_logs SET hash = repeat('0', 64) WHERE seq = 1`, /append-only/],
    ['DELETE of checkpoints', `DELETE FROM audit_checkpoints`, /permission denied/],
    ['INSERT of migrations', `INSERT INTO schema_migrations (timestamp, name) VALUES (1, 'x')`, /permission denied/],
  ])('refuses the role %s', async (_name, sql, message) => {
    await expect(asApp.query(sql)).rejects.toThrow(message);
  });
});

describe('backup and restore', () => {
  onServer('a PostgreSQL server (pg_dump / pg_restore)', () => {
    const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
    const source = `jixiao_bk_${suffix}`;
    const target = `jixiao_rs_${suffix}`;
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
        await c.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
      });
    });

    it('restores into a fresh database with the same rows and a verifying chain; refuses a non-empty target', async () => {
      await admin(async (c) => {
        await c.query(`CREATE DATABASE ${source}`);
        await c.query(`CREATE DATABASE ${target}`);
      });
      const running = await populate({ DATABASE_URL: urlFor(source) });
      const file = join(dir, 'jixiao.dump');
      let before: Awaited<ReturnType<typeof snapshot>>;
      try {
        await backupServer(urlFor(source), file); // while the API runs
        before = await snapshot(running);
      } finally {
        await running.close();
      }
      await restoreServer(urlFor(target), file);
      const after = await snapshot({ databaseUrl: urlFor(target), dataDir: 'memory://' });
      expect(after.counts).toEqual(before.counts);
      expect(after.counts.audit_logs).toBeGreaterThan(0);
      expect(after.report).toMatchObject({
        ok: true,
        sealedThrough: before.report.sealedThrough,
        verifiedThrough: before.report.verifiedThrough,
      });
      await expect(restoreServer(urlFor(target), file)).rejects.toThrow(/not empty/);
      // The restored database is a working one: the API starts on it and the triggers came along.
      const restored = await createApp(
        loadConfig({ NODE_ENV: 'test', DATABASE_URL: urlFor(target), WEB_DIST: '/nonexistent', AUDIT_SIGNING_KEY: KEY }),
      );
      await restored.close();
      const check = new Client({ connectionString: urlFor(target) });
      await check.connect();
      try {
        await expect(check.query(`DELETE FROM audit_logs`)).rejects.toThrow(/append-only/);
      } finally {
        await check.end();
      }
    });
  });

  describe('the embedded database (PGlite data directory)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('restores into a fresh directory with the same rows and a verifying chain; refuses while in use or into a used directory', async () => {
      const dataDir = join(dir, 'data');
      const running = await populate({ DATABASE_URL: '', DATA_DIR: dataDir });
      const file = join(dir, 'jixiao.tar.gz');
      const before = await snapshot(running);
      try {
        // In-process PGlite keeps its directory open: a backup now would copy a live database.
        if (!running.embeddedPid) await expect(backupEmbedded(dataDir, file)).rejects.toThrow(/in use/);
      } finally {
        await running.close();
      }
      await backupEmbedded(dataDir, file);
      const restoredDir = join(dir, 'restored');
      await restoreEmbedded(file, restoredDir);
      const after = await snapshot({ databaseUrl: null, dataDir: restoredDir });
      expect(after.counts).toEqual(before.counts);
      expect(after.counts.audit_logs).toBeGreaterThan(0);
      expect(after.report).toMatchObject({ ok: true, sealedThrough: before.report.sealedThrough });
      expect(before.report.sealedThrough).toBeGreaterThan(0);
      await expect(restoreEmbedded(file, restoredDir)).rejects.toThrow(/not empty/);
    }, 300_000); // two app starts on PGlite and a data-directory dump: minutes on a loaded 2-core machine
  });
});
