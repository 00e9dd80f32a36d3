import { appendFile } from 'node:fs/promises';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import {
  CHAIN_COLUMNS,
  ChainRow,
  chainHash,
  checkpointSignatureValid,
  entryContent,
  GENESIS_HASH,
  signCheckpoint,
  verifyChain,
  VerificationReport,
} from './audit-chain';

/** The advisory lock that makes one sealer run at a time across every API instance. */
const SEALER_LOCK = 0x6a69_7861; // 'jixa'
/** Entries sealed per transaction. */
const CHUNK = 500;

export interface SealResult {
  /** Entries sealed by this run. */
  sealed: number;
  /** The chain's last seq after the run. */
  headSeq: number;
  /** False when another instance held the lock (it seals instead). */
  ranHere: boolean;
  /** Why sealing was refused, when the chain's end does not match the last signed checkpoint. */
  refused?: string;
}

/**
 * Seals the audit log after commit, in order, one sealer at a time: each run takes a transaction-
 * scoped advisory lock (`pg_try_advisory_xact_lock`, also in PGlite), reads unsealed entries by
 * id, gives each the next seq and SM3(previous hash ‖ its content), and in the same transaction
 * writes a checkpoint signed with HMAC-SM3 under AUDIT_SIGNING_KEY (not in the database) — so
 * writers never wait on each other, and every sealed entry is covered by a signed checkpoint.
 * Before extending the chain the sealer checks that its end matches the last checkpoint, and
 * refuses to seal after anything appended or rewritten behind its back. Each checkpoint is also
 * logged, and appended to AUDIT_CHECKPOINT_FILE when set: copies outside the database.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditSealer.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SealResult> | null = null;
  private lastRefusal: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.audit.sealIntervalSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(
      () => void this.sealNow().catch((e: unknown) => this.logger.error(`sealing failed: ${String(e)}`)),
      seconds * 1000,
    );
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Seals every entry committed so far (one run; concurrent calls share it). */
  sealNow(): Promise<SealResult> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  /** Verifies the whole chain against the signed checkpoints (see verifyChain). */
  verify(): Promise<VerificationReport> {
    return verifyChain((sql, params) => this.dataSource.query(sql, params), this.config.audit.signingKey, {
      graceSeconds: this.config.audit.sealGraceSeconds,
    });
  }

  private async run(): Promise<SealResult> {
    // One sealed_at for the whole run: the verification tells runs apart by it.
    const [{ at }] = await this.dataSource.query<{ at: string }[]>(
      `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`,
    );
    let sealed = 0;
    let headSeq = 0;
    let first = true;
    for (;;) {
      const step = await this.dataSource.transaction((m) => this.sealChunk(m, at, first));
      first = false;
      if (step === 'locked') return { sealed, headSeq, ranHere: false };
      if (typeof step === 'object' && 'refused' in step) {
        if (this.lastRefusal !== step.refused) this.logger.error(`audit log NOT sealed: ${step.refused}`);
        this.lastRefusal = step.refused;
        return { sealed, headSeq: step.headSeq, ranHere: true, refused: step.refused };
      }
      this.lastRefusal = null;
      headSeq = step.headSeq;
      sealed += step.sealed;
      if (step.checkpoint) await this.publish(step.checkpoint);
      if (step.sealed < CHUNK) return { sealed, headSeq, ranHere: true };
    }
  }

  private async sealChunk(
    m: EntityManager,
    sealedAt: string,
    housekeeping: boolean,
  ): Promise<
    | 'locked'
    | { refused: string; headSeq: number }
    | { sealed: number; headSeq: number; checkpoint?: { seq: string; headHash: string; signature: string } }
  > {
    const [{ locked }] = await m.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEALER_LOCK]);
    if (!locked) return 'locked';
    if (housekeeping) {
      await m.query(`DELETE FROM audit_refusal_counters WHERE window_start < clock_timestamp() - make_interval(secs => $1)`, [
        2 * this.config.audit.refusalWindowSeconds,
      ]);
    }
    const [tail] = await m.query<{ seq: string; hash: string }[]>(
      `SELECT seq::text AS seq, hash FROM audit_logs a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1`,
    );
    const [checkpoint] = await m.query<{ seq: string; head_hash: string; signature: string }[]>(
      `SELECT seq::text AS seq, head_hash, signature FROM audit_checkpoints c ORDER BY c.seq DESC, c.id DESC LIMIT 1`,
    );
    const key = this.config.audit.signingKey;
    const headSeq = tail ? Number(tail.seq) : 0;
    if (tail || checkpoint) {
      const matches =
        tail &&
        checkpoint &&
        checkpoint.seq === tail.seq &&
        checkpoint.head_hash.trim() === tail.hash?.trim() &&
        checkpointSignatureValid(key, checkpoint.seq, checkpoint.head_hash.trim(), checkpoint.signature);
      if (!matches) {
        return {
          refused: `the chain's end (seq ${tail?.seq ?? 'none'}) does not match the last signed checkpoint (seq ${checkpoint?.seq ?? 'none'}); run pnpm audit:verify`,
          headSeq,
        };
      }
    }
    const rows = await m.query<ChainRow[]>(`SELECT ${CHAIN_COLUMNS} FROM audit_logs a WHERE a.seq IS NULL ORDER BY a.id LIMIT ${CHUNK}`);
    if (!rows.length) return { sealed: 0, headSeq };
    let previous = tail ? tail.hash.trim() : GENESIS_HASH;
    let seq = headSeq;
    const ids: string[] = [];
    const seqs: string[] = [];
    const hashes: string[] = [];
    for (const row of rows) {
      seq += 1;
      previous = chainHash(previous, entryContent(row, String(seq), sealedAt));
      ids.push(row.id);
      seqs.push(String(seq));
      hashes.push(previous);
    }
    await m.query(
      `UPDATE audit_logs a SET seq = v.seq, hash = v.hash, sealed_at = $4::timestamptz
         FROM (SELECT unnest($1::bigint[]) AS id, unnest($2::bigint[]) AS seq, unnest($3::text[]) AS hash) v
        WHERE a.id = v.id AND a.seq IS NULL`,
      [ids, seqs, hashes, sealedAt],
    );
    const signed = { seq: String(seq), headHash: previous, signature: signCheckpoint(key, String(seq), previous) };
    await m.query(`INSERT INTO audit_checkpoints (seq, head_hash, signature) VALUES ($1, $2, $3)`, [
      signed.seq,
      signed.headHash,
      signed.signature,
    ]);
    return { sealed: rows.length, headSeq: seq, checkpoint: signed };
  }

  /** Copies of the checkpoint outside the database: the log, and the checkpoint file when configured. */
  private async publish(checkpoint: { seq: string; headHash: string; signature: string }): Promise<void> {
    const line = JSON.stringify({ at: new Date().toISOString(), ...checkpoint });
    if (this.config.env !== 'test') this.logger.log(`audit checkpoint ${line}`);
    if (this.config.audit.checkpointFile) {
      await appendFile(this.config.audit.checkpointFile, `${line}\n`).catch((e: unknown) =>
        this.logger.error(`audit checkpoint not written to ${this.config.audit.checkpointFile}: ${String(e)}`),
      );
    }
  }
}
