import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { requestContext } from '../http/request-context';
import type { AuditActorKind, AuditResult } from '../../modules/audit-logs/entities/audit-log.entity';

export interface AuditEntry {
  action: string;
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

/**
 * Writes the append-only audit log. Successful writes are recorded inside the use case's
 * transaction (no write without its entry, no entry without its write); refusals and failures
 * are recorded on their own by the problem filter.
 */
@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  /** Failure entries still being written; shutdown waits for them. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly dataSource: DataSource) {}

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

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
