import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import type { SpotCheckVerdict } from '@jixiao/domain';
import { VersionedEntity } from '../../../database/base.entity';
import { EvaluationEntity } from '../../evaluations/entities/evaluation.entity';
import type { EvaluationSpotCheckEntity } from './evaluation-spot-check.entity';

/** One sampled self-evaluation of a spot-check, in the order drawn, with the bureau's verdict and findings. */
@Entity('evaluation_spot_check_items')
@Index(['spotCheckId', 'evaluationId'], { unique: true })
export class EvaluationSpotCheckItemEntity extends VersionedEntity {
  @Column({ type: 'uuid' })
  spotCheckId: string;

  @ManyToOne('EvaluationSpotCheckEntity', (s: EvaluationSpotCheckEntity) => s.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'spot_check_id' })
  spotCheck?: Relation<EvaluationSpotCheckEntity>;

  @Index()
  @Column({ type: 'uuid' })
  evaluationId: string;

  @ManyToOne(() => EvaluationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evaluation_id' })
  evaluation?: Relation<EvaluationEntity>;

  /** Position in the draw (0 = drawn first). */
  @Column({ type: 'integer' })
  sortOrder: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  verdict: SpotCheckVerdict;

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  @Column({ type: 'uuid', nullable: true })
  checkedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  checkedAt: Date | null;
}
