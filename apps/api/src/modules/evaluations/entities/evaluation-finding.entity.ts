import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { EvaluationEntity } from './evaluation.entity';

/** A finding of an evaluation (problem, basis, amount involved, suggested measure), for the rectification work to pick up. */
@Entity('evaluation_findings')
export class EvaluationFindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  evaluationId: string;

  @ManyToOne('EvaluationEntity', (e: EvaluationEntity) => e.findings, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id' })
  evaluation?: Relation<EvaluationEntity>;

  /** The evaluated organization, for scoped lists of findings. */
  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;

  @Column({ type: 'text' })
  finding: string;

  @Column({ type: 'text', nullable: true })
  basis: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  amount: string | null;

  @Column({ type: 'text', nullable: true })
  suggestedMeasure: string | null;
}
