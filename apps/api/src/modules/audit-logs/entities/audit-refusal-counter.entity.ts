import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Refused requests per actor and time window, shared by every API instance (an UPSERT per refusal).
 * Over AUDIT_REFUSAL_LIMIT in a window the actor is answered 429 RATE_LIMITED. Old windows are
 * deleted by the sealer; this table is bookkeeping, not part of the audit log.
 */
@Entity('audit_refusal_counters')
export class AuditRefusalCounterEntity {
  /** `user:<id>`, `api_key:<id>` or `ip:<address>`. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  actorKey: string;

  @PrimaryColumn({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'integer' })
  count: number;
}
