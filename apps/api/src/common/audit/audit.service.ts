import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { requestContext } from '../http/request-context';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { AuditAction, RefusedRequestAction } from '@jixiao/contracts';
import type { AuditActorKind, AuditResult } from '../../modules/audit-logs/entities/audit-log.entity';

export interface AuditEntry {
  /** One of libs/contracts AUDIT_ACTION_LABELS (so every entry has a label), or a refused request's method and route. */
  action: AuditAction | RefusedRequestAction;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  result?: AuditResult;
  errorCode?: string | null;
  /** Overrides the caller from the request context (e.g. a login attempt names the account tried). */
  actor?: { id: string | null; name: string | null; kind: AuditActorKind; organizationId?: string | null };
}

const SECRET_KEYS = /password|hash|token|secret|^key$/i;

function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : scrub(v);
    return out;
  }
  return value;
}

/** What became of a refusal: recorded as an entry, or answered 429 because its actor is over the limit. */
export type RefusalOutcome = { limited: false } | { limited: true; retryAfterSeconds: number };

/**
 * Writes the append-only audit log. Successful writes are recorded inside the use case's
 * transaction (no write without its entry, no entry without its write); refusals and failures
 * are recorded on their own by the problem filter, and counted per actor: past
 * AUDIT_REFUSAL_LIMIT refusals in a window the actor is answered 429 RATE_LIMITED instead, which is
 * recorded once per window — a flood is throttled, not written row by row, and nothing is dropped
 * silently. The counters live in PostgreSQL, so every API instance counts together.
 */
@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  /** Failure entries still being written; shutdown waits for them. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(manager: EntityManager | null, entry: AuditEntry): Promise<void> {
    const ctx = requestContext.get();
    const principal = ctx?.principal;
    const actor =
      entry.actor ??
      (principal
        ? { id: principal.id, name: principal.name, kind: principal.kind, organizationId: principal.organizationId }
        : { id: null, name: null, kind: 'anonymous' as const, organizationId: null });
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO audit_logs (actor_id, actor_name, actor_kind, actor_organization_id, action, entity_type, entity_id,
         before, after, result, error_code, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        actor.id,
        actor.name,
        actor.kind,
        actor.organizationId ?? null,
        entry.action,
        entry.entityType,
        entry.entityId ?? null,
        entry.before === undefined ? null : JSON.stringify(scrub(entry.before)),
        entry.after === undefined ? null : JSON.stringify(scrub(entry.after)),
        entry.result ?? 'success',
        entry.errorCode ?? null,
        ctx?.ip ?? null,
        ctx?.requestId ?? null,
      ],
    );
  }

  /** Records a refused or failed write; never rejects (the caller is already answering an error). */
  recordFailure(entry: AuditEntry): Promise<void> {
    const write = this.record(null, { ...entry, result: 'failure' })
      .catch((err: unknown) => this.logger.error(`audit failure entry not written: ${String(err)}`))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
    return write;
  }

  /**
   * Records a refused request (a refused or failed write, or a refused read) and counts it against
   * its actor when `counted`. Never rejects: the caller is already answering an error.
   */
  recordRefusal(entry: AuditEntry, counted: boolean): Promise<RefusalOutcome> {
    const write = this.refusal(entry, counted).catch((err: unknown): RefusalOutcome => {
      this.logger.error(`audit refusal entry not written: ${String(err)}`);
      return { limited: false };
    });
    const tracked = write.then(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    return write;
  }

  private async refusal(entry: AuditEntry, counted: boolean): Promise<RefusalOutcome> {
    if (counted) {
      const { refusalLimit: limit, refusalWindowSeconds: windowSeconds } = this.config.audit;
      const [row] = await this.dataSource.query<{ count: number; window_start: string; retry_after: number }[]>(
        `INSERT INTO audit_refusal_counters AS c (actor_key, window_start, count)
           VALUES ($1, to_timestamp(floor(extract(epoch FROM clock_timestamp()) / $2) * $2), 1)
         ON CONFLICT (actor_key, window_start) DO UPDATE SET count = c.count + 1
         RETURNING c.count, c.window_start::text AS window_start,
           greatest(1, ceil(extract(epoch FROM c.window_start) + $2 - extract(epoch FROM clock_timestamp())))::int AS retry_after`,
        [actorKey(), windowSeconds],
      );
      if (row.count > limit) {
        // Exactly one request crosses the limit (the UPSERT counts atomically): it alone is recorded.
        if (row.count === limit + 1) {
          await this.record(null, {
            action: 'rate_limit.refusals',
            entityType: 'rate_limit',
            result: 'failure',
            errorCode: 'RATE_LIMITED',
            after: { limit, windowSeconds, windowStart: row.window_start, refused: entry.action, errorCode: entry.errorCode ?? null },
          });
        }
        return { limited: true, retryAfterSeconds: row.retry_after };
      }
    }
    await this.record(null, { ...entry, result: 'failure' });
    return { limited: false };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}

/** Whom a refusal is counted against: the user or API key, or the address of an anonymous caller. */
function actorKey(): string {
  const ctx = requestContext.get();
  if (ctx?.principal) return `${ctx.principal.kind}:${ctx.principal.id}`.slice(0, 100);
  return `ip:${ctx?.ip ?? 'unknown'}`.slice(0, 100);
}
