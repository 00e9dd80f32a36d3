import { Column, Entity, Index, OneToMany, type Relation } from 'typeorm';
import type { SpotCheckStatus } from '@jixiao/domain';
import { VersionedEntity } from '../../../database/base.entity';
import type { EvaluationSpotCheckItemEntity } from './evaluation-spot-check-item.entity';

/**
 * The bureau's spot-check of self-evaluation quality (质量管理): a random sample of one evaluated
 * year's completed self-evaluations, drawn once and recorded — who drew it, when, from how many —
 * so an auditor can see how it was drawn; each sampled evaluation then gets a verdict with findings.
 */
@Entity('evaluation_spot_checks')
@Index(['year', 'drawnAt'])
export class EvaluationSpotCheckEntity extends VersionedEntity {
  /** The evaluated budget year of the sampled self-evaluations. */
  @Column({ type: 'integer' })
  year: number;

  /** The department or town whose subtree the sample was drawn from; null: the whole district. */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  /** How many were drawn (the bureau's choice at draw time). */
  @Column({ type: 'integer' })
  sampleSize: number;

  /** How many completed self-evaluations there were to draw from at the time of the draw. */
  @Column({ type: 'integer' })
  population: number;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: SpotCheckStatus;

  @Column({ type: 'text', nullable: true })
  conclusion: string | null;

  /** The user or API key that drew the sample. */
  @Column({ type: 'uuid' })
  drawnById: string;

  @Column({ type: 'timestamptz' })
  drawnAt: Date;

  @Column({ type: 'uuid', nullable: true })
  concludedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  concludedAt: Date | null;

  @OneToMany('EvaluationSpotCheckItemEntity', (i: EvaluationSpotCheckItemEntity) => i.spotCheck)
  items?: Relation<EvaluationSpotCheckItemEntity>[];
}
