/**
 * The audit log, tamper-evident (issue 6): refused reads are audited like refused writes; an actor
 * past the refusal limit is answered 429 RATE_LIMITED, recorded once per window; the sealer chains
 * every entry with SM3 and signs the head with HMAC-SM3; the verification (endpoint and function)
 * finds a row changed behind the trigger's back, a chain recomputed without the key, a row deleted,
 * a sealed row appended and a backdated row inserted.
 */
import { DataSource, EntityManager } from 'typeorm';
import { startTestApp, TestApp } from './support/test-app';
import { expectProblem, startSecondInstance } from './support/http';
import { orgIdByName } from './support/db-state';
import { AuditSealer } from '../src/common/audit/audit-sealer.service';
import { CHAIN_COLUMNS, ChainRow, chainHash, entryContent, GENESIS_HASH } from '../src/common/audit/audit-chain';

const LIMIT = 5;

describe('audit log: refusals, rate limit, hash chain', () => {
  let t: TestApp;
  let sealer: AuditSealer;
  let dataSource: DataSource;
  let auditor: string;
  let edu: string;
  let healthOrgId: string;

  beforeAll(async () => {
    t = await startTestApp({
      AUDIT_REFUSAL_LIMIT: String(LIMIT),
      AUDIT_REFUSAL_WINDOW_SECONDS: '86400',
      AUDIT_SEAL_INTERVAL_SECONDS: '0',
    });
    sealer = t.running.app.get(AuditSealer);
    dataSource = t.running.app.get(DataSource);
    auditor = await t.login('auditor');
    edu = await t.login('edu');
    healthOrgId = await orgIdByName(t, '区卫生健康委员会');
  });
  afterAll(async () => t?.close());

  const entriesFor = (requestId: string | null) =>
    t.sql<{ action: string; result: string; error_code: string; actor_kind: string; actor_name: string | null }>(
      `SELECT action, result, error_code, actor_kind, actor_name FROM audit_logs WHERE request_id = $1`,
      [requestId],
    );
  const verification = async () => {
    const res = await t.request('GET', '/api/v1/audit-logs/verification', { token: auditor });
    expect(res.status).toBe(200);
    return res.body as {
      ok: boolean;
      verifiedThrough: number;
      sealedThrough: number;
      firstBrokenSeq: number | null;
      reason: string | null;
    };
  };
  /** Runs statements as the database's owner with every trigger off, as a DBA rewriting history would. */
  const asOwnerWithoutTriggers = (work: (m: EntityManager) => Promise<void>) =>
    dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await work(m);
    });
  const chainRows = (m: EntityManager | DataSource = dataSource) =>
    m.query<ChainRow[]>(`SELECT ${CHAIN_COLUMNS} FROM audit_logs a WHERE a.seq IS NOT NULL ORDER BY a.seq`);

  describe('refused reads are audited', () => {
    it('records a forbidden read (403) with the caller and the refusing code', async () => {
      const res = await t.request('GET', '/api/v1/audit-logs', { token: edu });
      expectProblem(res, 403, 'FORBIDDEN');
      expect(await entriesFor(res.headers.get('x-request-id'))).toEqual([
        { action: 'GET audit-logs', result: 'failure', error_code: 'FORBIDDEN', actor_kind: 'user', actor_name: expect.any(String) },
      ]);
    });

    it('records a read outside the caller’s scope (404)', async () => {
      const res = await t.request('GET', `/api/v1/organizations/${healthOrgId}`, { token: edu });
      expectProblem(res, 404, 'NOT_FOUND');
      expect(await entriesFor(res.headers.get('x-request-id'))).toEqual([
        expect.objectContaining({ action: 'GET organizations/:id', result: 'failure', error_code: 'NOT_FOUND', actor_kind: 'user' }),
      ]);
    });

    it('records an anonymous read (401) by address', async () => {
      const res = await t.request('GET', '/api/v1/users');
      expectProblem(res, 401);
      const [entry] = await entriesFor(res.headers.get('x-request-id'));
      expect(entry).toMatchObject({ action: 'GET users', result: 'failure', actor_kind: 'anonymous' });
    });

    it('does not record an allowed read', async () => {
      const res = await t.request('GET', `/api/v1/organizations/${healthOrgId}`, { token: auditor });
      expect(res.status).toBe(200);
      expect(await entriesFor(res.headers.get('x-request-id'))).toEqual([]);
    });
  });

  describe('refusals are rate-limited per actor', () => {
    it(`answers 429 RATE_LIMITED past ${LIMIT} refusals, records the limit once, and keeps counting writes too`, async () => {
      const town = await t.login('zhujiajiao');
      const [{ id: townId }] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'zhujiajiao'`);
      const before = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_logs WHERE actor_id = $1 AND result = 'failure'`, [
        townId,
      ]);
      // Concurrent on purpose: the shared counter is atomic, so exactly LIMIT get through to their own answer.
      const answers = await Promise.all(
        Array.from({ length: LIMIT + 7 }, () => t.request('GET', `/api/v1/organizations/${healthOrgId}`, { token: town })),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([...Array(LIMIT).fill(404), ...Array(7).fill(429)]);
      const limited = answers.find((a) => a.status === 429)!;
      expectProblem(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const write = await t.request('PATCH', `/api/v1/organizations/${healthOrgId}`, { token: town, body: { version: 1, name: 'x' } });
      expectProblem(write, 429, 'RATE_LIMITED');

      const rows = await t.sql<{ action: string; error_code: string }>(
        `SELECT action, error_code FROM audit_logs WHERE actor_id = $1 AND result = 'failure' ORDER BY id OFFSET $2`,
        [townId, Number(before[0].n)],
      );
      expect(rows.filter((r) => r.error_code === 'NOT_FOUND')).toHaveLength(LIMIT);
      expect(rows.filter((r) => r.error_code === 'RATE_LIMITED')).toEqual([{ action: 'rate_limit.refusals', error_code: 'RATE_LIMITED' }]);
      expect(rows).toHaveLength(LIMIT + 1);
    });

    it('limits only that actor: another user is still answered, and allowed requests of the limited one still pass', async () => {
      const unit = await t.login('edu-unit');
      expectProblem(await t.request('GET', `/api/v1/organizations/${healthOrgId}`, { token: unit }), 404, 'NOT_FOUND');
      const town = await t.login('zhujiajiao');
      expect((await t.request('GET', '/api/v1/auth/me', { token: town })).status).toBe(200);
    });
  });

  describe('sealing and verification', () => {
    it('seals every entry into a chain that verifies, and the endpoint says so', async () => {
      const result = await sealer.sealNow();
      expect(result.ranHere).toBe(true);
      expect(result.sealed).toBeGreaterThan(0);
      const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_logs WHERE seq IS NOT NULL`);
      const report = await verification();
      expect(report).toMatchObject({ ok: true, firstBrokenSeq: null, reason: null, sealedThrough: Number(n), verifiedThrough: Number(n) });
      // The seqs are 1..n in id order of what was committed, each hash chained to the one before.
      const rows = await chainRows();
      let previous = GENESIS_HASH;
      for (const row of rows) {
        previous = chainHash(previous, entryContent(row, row.seq!, row.sealed_at!));
        expect(row.hash).toBe(previous);
      }
    });

    it('refuses the verification to a department user', async () => {
      expectProblem(await t.request('GET', '/api/v1/audit-logs/verification', { token: edu }), 403, 'FORBIDDEN');
    });

    it('lets the database refuse a second sealing of an entry, and any change besides sealing', async () => {
      await expect(t.sql(`UPDATE audit_logs SET hash = repeat('0', 64) WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await t.request('GET', '/api/v1/audit-logs', { token: edu });
      const [unsealed] = await t.sql<{ id: string }>(`SELECT id FROM audit_logs WHERE seq IS NULL ORDER BY id LIMIT 1`);
      await expect(
        t.sql(`UPDATE audit_logs SET seq = 999999, hash = repeat('0', 64), sealed_at = now(), action = 'x' WHERE id = $1`, [unsealed.id]),
      ).rejects.toThrow(/append-only/);
      await sealer.sealNow();
      expect((await verification()).ok).toBe(true);
    });

    // A second instance needs a PostgreSQL server: an embedded PGlite serves one process.
    (process.env.DATABASE_URL ? it : it.skip)('seals safely with several instances at once (one sealer at a time)', async () => {
      const second = await startSecondInstance(t);
      try {
        for (let i = 0; i < 3; i++) await t.login('health'); // audited sign-ins, to be sealed
        await Promise.all([sealer.sealNow(), second.running.app.get(AuditSealer).sealNow(), sealer.sealNow()]);
        await sealer.sealNow();
        const report = await verification();
        expect(report).toMatchObject({ ok: true });
        const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_logs WHERE seq IS NULL`);
        expect(Number(n)).toBe(0);
      } finally {
        await second.close();
      }
    });
  });

  describe('tampering is found', () => {
    const middleSeq = async () => Math.ceil((await verification()).sealedThrough / 2);

    it('finds a row changed through SQL with the trigger disabled, at its seq', async () => {
      const seq = await middleSeq();
      const [original] = await t.sql<{ action: string }>(`SELECT action FROM audit_logs WHERE seq = $1`, [seq]);
      await asOwnerWithoutTriggers((m) => m.query(`UPDATE audit_logs SET action = 'user.harmless' WHERE seq = $1`, [seq]));
      expect(await verification()).toMatchObject({ ok: false, firstBrokenSeq: seq, reason: 'HASH_MISMATCH' });
      await asOwnerWithoutTriggers((m) => m.query(`UPDATE audit_logs SET action = $2 WHERE seq = $1`, [seq, original.action]));
      expect((await verification()).ok).toBe(true);
    });

    it('finds a chain rewritten and rehashed by an owner without the key, through the signed checkpoints', async () => {
      const seq = await middleSeq();
      const saved = await t.sql<{ seq: string; hash: string; actor_name: string }>(
        `SELECT seq::text AS seq, hash, actor_name FROM audit_logs a WHERE a.seq >= $1 ORDER BY a.seq`,
        [seq],
      );
      await asOwnerWithoutTriggers(async (m) => {
        await m.query(`UPDATE audit_logs SET actor_name = 'someone else' WHERE seq = $1`, [seq]);
        const rows = await chainRows(m);
        let previous = GENESIS_HASH;
        for (const row of rows) {
          previous = chainHash(previous, entryContent(row, row.seq!, row.sealed_at!));
          if (Number(row.seq) >= seq) await m.query(`UPDATE audit_logs SET hash = $2 WHERE seq = $1`, [row.seq, previous]);
        }
      });
      const report = await verification();
      expect(report).toMatchObject({ ok: false, reason: 'CHECKPOINT_MISMATCH' });
      expect(report.firstBrokenSeq).toBeLessThanOrEqual(seq);
      await asOwnerWithoutTriggers(async (m) => {
        for (const row of saved)
          await m.query(`UPDATE audit_logs SET hash = $2, actor_name = $3 WHERE seq = $1`, [row.seq, row.hash, row.actor_name]);
      });
      expect((await verification()).ok).toBe(true);
    });

    it('finds a deleted row in the middle and at the end', async () => {
      const seq = await middleSeq();
      const last = (await verification()).sealedThrough;
      for (const [target, reason, broken] of [
        [seq, 'SEQ_GAP', seq],
        [last, 'TRUNCATED', last],
      ] as const) {
        // The row as JSON (timestamps to the microsecond), to put back exactly as it was.
        const [{ row }] = await t.sql<{ row: unknown }>(`SELECT to_jsonb(a) AS row FROM audit_logs a WHERE seq = $1`, [target]);
        await asOwnerWithoutTriggers((m) => m.query(`DELETE FROM audit_logs WHERE seq = $1`, [target]));
        expect(await verification()).toMatchObject({ ok: false, firstBrokenSeq: broken, reason });
        await asOwnerWithoutTriggers((m) =>
          m.query(`INSERT INTO audit_logs OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_record(NULL::audit_logs, $1::jsonb)`, [
            JSON.stringify(row),
          ]),
        );
        expect((await verification()).ok).toBe(true);
      }
    });

    it('finds a sealed row appended behind the sealer’s back, and the sealer refuses to extend it', async () => {
      const rows = await chainRows();
      const tail = rows[rows.length - 1];
      const seq = String(Number(tail.seq) + 1);
      const [forged] = await t.sql<{ id: string }>(
        `INSERT INTO audit_logs (actor_kind, action, entity_type, result) VALUES ('user', 'user.delete', 'user', 'success') RETURNING id::text AS id`,
      );
      await asOwnerWithoutTriggers(async (m) => {
        const [row] = await m.query<ChainRow[]>(`SELECT ${CHAIN_COLUMNS} FROM audit_logs WHERE id = $1`, [forged.id]);
        const sealedAt = tail.sealed_at!;
        const hash = chainHash(tail.hash!, entryContent(row, seq, sealedAt));
        await m.query(`UPDATE audit_logs SET seq = $2, hash = $3, sealed_at = $4 WHERE id = $1`, [forged.id, seq, hash, sealedAt]);
      });
      expect(await verification()).toMatchObject({ ok: false, firstBrokenSeq: Number(seq), reason: 'NOT_CHECKPOINTED' });
      const sealing = await sealer.sealNow();
      expect(sealing).toMatchObject({ sealed: 0, refused: expect.stringMatching(/checkpoint/) });
      await asOwnerWithoutTriggers((m) => m.query(`DELETE FROM audit_logs WHERE id = $1`, [forged.id]));
      expect((await verification()).ok).toBe(true);
    });

    it('finds a row dated 2022 inserted afterwards (last: it stays in the chain)', async () => {
      await t.sql(
        `INSERT INTO audit_logs (occurred_at, actor_kind, action, entity_type, result)
         VALUES ('2022-03-01T09:00:00+08:00', 'user', 'project.delete', 'project', 'success')`,
      );
      await sealer.sealNow();
      const [{ seq }] = await t.sql<{ seq: string }>(
        `SELECT seq::text AS seq FROM audit_logs WHERE action = 'project.delete' AND occurred_at < '2023-01-01'`,
      );
      expect(await verification()).toMatchObject({ ok: false, firstBrokenSeq: Number(seq), reason: 'BACKDATED' });
    });
  });
});
