import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';

export type ExpertReviewStatus = 'assigned' | 'submitted';

/** One expert's review (评审) of one target: score, grade and opinion. */
@Entity('expert_reviews')
@Index(['targetId', 'expertUserId'], { unique: true })
export class ExpertReviewEntity extends VersionedEntity {
  @Index()
  @Column({ type: 'uuid' })
  targetId: string;

  /** The target's organization, for data scope. */
  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @Index()
  @Column({ type: 'uuid' })
  expertUserId: string;

  @Column({ type: 'varchar', length: 16, default: 'assigned' })
  status: ExpertReviewStatus;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  score: string | null;

  @Column({ type: 'text', nullable: true })
  opinion: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;
}
