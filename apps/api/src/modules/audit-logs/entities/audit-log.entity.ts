import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActorKind = 'user' | 'api_key' | 'anonymous' | 'system';
export type AuditResult = 'success' | 'failure';

/**
 * One write, one login attempt or one refused request. Append-only: the database refuses DELETE and
 * TRUNCATE, and every UPDATE except the sealer's one-time filling of `seq`, `hash` and `sealed_at`
 * (see common/audit/audit-sealer.service.ts): each entry is chained to the one before it with SM3.
 */
@Entity('audit_logs')
@Index(['entityType', 'entityId'])
// The sealer's queue of unsealed entries (created by the hand-written AuditChainTriggers migration).
@Index('IDX_audit_logs_unsealed', ['id'], { where: '"seq" IS NULL' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName: string | null;

  @Column({ type: 'varchar', length: 16 })
  actorKind: AuditActorKind;

  @Column({ type: 'uuid', nullable: true })
  actorOrganizationId: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  entityType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ type: 'varchar', length: 16 })
  result: AuditResult;

  @Column({ type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** Position in the hash chain (sealing order, 1, 2, 3 …); null until sealed. */
  @Index({ unique: true })
  @Column({ type: 'bigint', nullable: true })
  seq: string | null;

  /** SM3(previous entry's hash ‖ this entry's canonical content), hex; null until sealed. */
  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sealedAt: Date | null;
}
