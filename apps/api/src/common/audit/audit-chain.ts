import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The audit log's hash chain, in one place for the sealer, the verification endpoint, the
 * `pnpm audit:verify` tool and the backup test. Entry n's hash is SM3(hash of n-1 ‖ canonical JSON
 * of entry n's content, its seq and sealed_at included); the first entry chains to GENESIS. A
 * checkpoint signs (seq, head hash) with HMAC-SM3 under a key that is not in the database, so an
 * owner who rewrites rows and recomputes every hash after them is still caught.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** Runs SQL and returns rows: a TypeORM DataSource/EntityManager `query` or a pg client's, adapted. */
export type QueryFn = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/** An audit row as the chain sees it: every column as text (timestamps as ISO 8601 UTC, microseconds kept). */
export interface ChainRow {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_kind: string;
  actor_organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  result: string;
  error_code: string | null;
  ip: string | null;
  request_id: string | null;
  seq: string | null;
  hash: string | null;
  sealed_at: string | null;
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The SELECT list that reads audit rows in the chain's form (one definition for sealing and verifying). */
export const CHAIN_COLUMNS = `id::text AS id, ${iso('occurred_at')} AS occurred_at, actor_id::text AS actor_id, actor_name, actor_kind,
  actor_organization_id::text AS actor_organization_id, action, entity_type, entity_id, before, after, result, error_code,
  ip, request_id, seq::text AS seq, hash, ${iso('sealed_at')} AS sealed_at`;

/** JSON with keys sorted at every level and no whitespace: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What an entry's hash covers: all of its content, its place in the chain and when it was sealed. */
export function entryContent(row: ChainRow, seq: string, sealedAt: string): string {
  return canonicalJson({
    id: row.id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorKind: row.actor_kind,
    actorOrganizationId: row.actor_organization_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    result: row.result,
    errorCode: row.error_code,
    ip: row.ip,
    requestId: row.request_id,
    seq,
    sealedAt,
  });
}

export function sm3Hex(text: string): string {
  return createHash('sm3').update(text, 'utf8').digest('hex');
}

/** hash(n) = SM3(hash(n-1) ‖ content(n)). */
export function chainHash(previousHash: string, content: string): string {
  return sm3Hex(previousHash + content);
}

/** HMAC-SM3 of a checkpoint under the signing key. */
export function signCheckpoint(key: string, seq: string, headHash: string): string {
  return createHmac('sm3', key).update(`jixiao-audit-checkpoint|v1|${seq}|${headHash}`, 'utf8').digest('hex');
}

export function checkpointSignatureValid(key: string, seq: string, headHash: string, signature: string): boolean {
  const expected = Buffer.from(signCheckpoint(key, seq, headHash), 'hex');
  const given = Buffer.from(signature.trim(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface Checkpoint {
  seq: string;
  headHash: string;
  signature: string;
  /** Where it came from: the database table or a copy kept outside it. */
  source?: 'database' | 'file';
}

export type BreakReason =
  'CHECKPOINT_SIGNATURE_INVALID' | 'SEQ_GAP' | 'HASH_MISMATCH' | 'CHECKPOINT_MISMATCH' | 'BACKDATED' | 'NOT_CHECKPOINTED' | 'TRUNCATED';

export const BREAK_MESSAGES: Record<BreakReason, { zh: string; en: string }> = {
  CHECKPOINT_SIGNATURE_INVALID: {
    zh: '检查点签名无效（检查点被伪造或密钥不符）',
    en: 'A checkpoint’s signature is invalid (forged, or another key)',
  },
  SEQ_GAP: { zh: '审计链缺少条目（条目被删除）', en: 'An entry is missing from the chain (deleted)' },
  HASH_MISMATCH: { zh: '条目内容与其哈希不符（条目被篡改）', en: 'An entry does not match its hash (altered)' },
  CHECKPOINT_MISMATCH: {
    zh: '审计链与已签名的检查点不符（条目被改写并重算哈希）',
    en: 'The chain differs from a signed checkpoint (entries rewritten and rehashed)',
  },
  BACKDATED: { zh: '条目日期早于之前的封存（条目为事后补写）', en: 'An entry is dated before an earlier seal (inserted afterwards)' },
  NOT_CHECKPOINTED: {
    zh: '已封存的条目不在任何签名检查点内（条目为私自追加）',
    en: 'A sealed entry is covered by no signed checkpoint (appended outside the sealer)',
  },
  TRUNCATED: {
    zh: '审计链短于已签名的检查点（末尾条目被删除）',
    en: 'The chain is shorter than a signed checkpoint (entries at its end deleted)',
  },
};

export interface VerificationReport {
  /** True when no link is broken. */
  ok: boolean;
  /** The last seq whose chain matches a valid signed checkpoint (0: none yet). */
  verifiedThrough: number;
  /** The last sealed seq (0: nothing sealed yet). */
  sealedThrough: number;
  /** Entries not sealed yet (the sealer seals them within its interval). */
  unsealed: number;
  checkpoints: number;
  /** The first seq at which the chain is broken, or null. */
  firstBrokenSeq: number | null;
  reason: BreakReason | null;
  message: string | null;
  messageEn: string | null;
}

const PAGE = 2000;

/**
 * Walks the whole chain in seq order, recomputing every hash, and checks it against the signed
 * checkpoints (those in the table, plus `extraCheckpoints` kept elsewhere). Reports the first
 * broken link. An entry dated more than `graceSeconds` before the previous sealing run is backdated.
 */
export async function verifyChain(
  query: QueryFn,
  key: string,
  options: { graceSeconds: number; extraCheckpoints?: Checkpoint[] },
): Promise<VerificationReport> {
  const stored = await query<{ seq: string; head_hash: string; signature: string }>(
    `SELECT seq::text AS seq, head_hash, signature FROM audit_checkpoints c ORDER BY c.seq, c.id`,
  );
  const checkpoints: Checkpoint[] = [
    ...stored.map((c) => ({ seq: c.seq, headHash: c.head_hash.trim(), signature: c.signature.trim(), source: 'database' as const })),
    ...(options.extraCheckpoints ?? []),
  ].sort((a, b) => Number(a.seq) - Number(b.seq));
  const [{ n: unsealed }] = await query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_logs WHERE seq IS NULL`);

  let verifiedThrough = 0;
  let sealedThrough = 0;
  const report = (firstBrokenSeq: number | null, reason: BreakReason | null): VerificationReport => ({
    ok: reason === null,
    verifiedThrough,
    sealedThrough,
    unsealed: Number(unsealed),
    checkpoints: checkpoints.length,
    firstBrokenSeq,
    reason,
    message: reason ? BREAK_MESSAGES[reason].zh : null,
    messageEn: reason ? BREAK_MESSAGES[reason].en : null,
  });

  for (const c of checkpoints) {
    if (!/^\d+$/.test(c.seq) || !checkpointSignatureValid(key, c.seq, c.headHash, c.signature)) {
      return report(/^\d+$/.test(c.seq) ? Number(c.seq) : 0, 'CHECKPOINT_SIGNATURE_INVALID');
    }
  }
  const bySeq = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) bySeq.set(Number(c.seq), [...(bySeq.get(Number(c.seq)) ?? []), c]);
  const lastCheckpointSeq = checkpoints.length ? Number(checkpoints[checkpoints.length - 1].seq) : 0;

  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let lastVerified = 0;
  /** sealed_at of the run before the current one, and of the current one. */
  let previousRunSealedAt: string | null = null;
  let currentRunSealedAt: string | null = null;
  for (;;) {
    const rows = await query<ChainRow>(
      `SELECT ${CHAIN_COLUMNS} FROM audit_logs a WHERE a.seq IS NOT NULL AND a.seq >= $1 ORDER BY a.seq LIMIT ${PAGE}`,
      [expectedSeq],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return report(expectedSeq, 'SEQ_GAP');
      if (!row.hash || !row.sealed_at) return report(seq, 'HASH_MISMATCH');
      const hash = chainHash(previousHash, entryContent(row, row.seq!, row.sealed_at));
      if (hash !== row.hash.trim()) return report(seq, 'HASH_MISMATCH');
      if (row.sealed_at !== currentRunSealedAt) {
        previousRunSealedAt = currentRunSealedAt;
        currentRunSealedAt = row.sealed_at;
      }
      if (previousRunSealedAt && Date.parse(row.occurred_at) < Date.parse(previousRunSealedAt) - options.graceSeconds * 1000) {
        return report(seq, 'BACKDATED');
      }
      for (const c of bySeq.get(seq) ?? []) {
        if (c.headHash !== hash) return report(lastVerified + 1, 'CHECKPOINT_MISMATCH');
      }
      if (bySeq.has(seq)) {
        lastVerified = seq;
        verifiedThrough = seq;
      }
      if (seq > lastCheckpointSeq) return report(seq, 'NOT_CHECKPOINTED');
      sealedThrough = seq;
      previousHash = hash;
      expectedSeq = seq + 1;
    }
    if (rows.length < PAGE) break;
  }
  if (lastCheckpointSeq > sealedThrough) return report(sealedThrough + 1, 'TRUNCATED');
  return report(null, null);
}
