import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActorKind = 'user' | 'api_key' | 'anonymous' | 'system';
export type AuditResult = 'success' | 'failure';

/** One write, or one login attempt. Append-only: the database refuses UPDATE, DELETE and TRUNCATE. */
@Entity('audit_logs')
@Index(['entityType', 'entityId'])
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
}
