import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { Checkpoint, verifyChain } from '../common/audit/audit-chain';
import { openForTool } from '../database/backup';

/** Checkpoints kept outside the database: the JSON lines of AUDIT_CHECKPOINT_FILE (or the file named). */
export function readCheckpointFile(file: string): Checkpoint[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const c = JSON.parse(line) as { seq: string; headHash: string; signature: string };
      return { seq: String(c.seq), headHash: String(c.headHash), signature: String(c.signature), source: 'file' as const };
    });
}

/**
 * `pnpm audit:verify [checkpoint-file]`: recomputes the audit log's SM3 chain on the database of
 * DATABASE_URL (or the embedded one in DATA_DIR, with the API stopped), checks every checkpoint's
 * HMAC-SM3 signature with AUDIT_SIGNING_KEY — the database's own and those in the file — and
 * prints the report. Exit code 0: intact; 2: a broken link.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const file = process.argv[2] ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]) : config.audit.checkpointFile;
  const extraCheckpoints = file && existsSync(file) ? readCheckpointFile(file) : [];
  const db = await openForTool(config);
  try {
    const report = await verifyChain(db.query, config.audit.signingKey, { graceSeconds: config.audit.sealGraceSeconds, extraCheckpoints });
    console.log(JSON.stringify({ ...report, externalCheckpoints: extraCheckpoints.length }, null, 2));
    process.exitCode = report.ok ? 0 : 2;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  void main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
