import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';

export type ChangeRequestStatus = 'pending' | 'approved' | 'rejected';

/** After approval a target changes only through a reviewed change request. */
@Entity('target_change_requests')
// The list's order, newest first (migration SuggestionAndChangeRequestOrder; TypeORM cannot express DESC).
@Index('target_change_requests_list_order', { synchronize: false })
// The requests waiting for a decision, a partial index (migration ChangeRequestsPending: the workbench counts them).
@Index('target_change_requests_pending', { synchronize: false })
export class TargetChangeRequestEntity extends VersionedEntity {
  @Index()
  @Column({ type: 'uuid' })
  targetId: string;

  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  reason: string;

  /** The proposed overall goal, annual goals and indicators. */
  @Column({ type: 'jsonb' })
  proposed: unknown;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ChangeRequestStatus;

  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  /** Who asked (a user or an API key); never the one who approves (segregation of duties). */
  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;
}
