import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { EvaluationEntity } from './evaluation.entity';

/** The indicator as it stood in the approved target when the evaluation began. */
export interface EvaluatedIndicator {
  name: string;
  level1: string;
  level2: string | null;
  comparison: string;
  value: string | null;
  unit: string | null;
  weight: string | null;
}

/** R11: one indicator of the approved target with the actual value of the year and, when not fully achieved, why. */
@Entity('evaluation_indicators')
@Index(['evaluationId', 'targetIndicatorId'], { unique: true })
export class EvaluationIndicatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  evaluationId: string;

  @ManyToOne('EvaluationEntity', (e: EvaluationEntity) => e.indicators, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id' })
  evaluation?: Relation<EvaluationEntity>;

  @Column({ type: 'uuid' })
  targetIndicatorId: string;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;

  @Column({ type: 'jsonb' })
  indicator: EvaluatedIndicator;

  /** Quantitative: the actual value of the year. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actual: string | null;

  /** Qualitative: the band of the profile picked. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  band: string | null;

  @Column({ type: 'text', nullable: true })
  explanation: string | null;
}
