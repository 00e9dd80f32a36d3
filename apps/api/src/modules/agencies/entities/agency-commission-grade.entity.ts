import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Grade } from '@jixiao/domain';
import { AgencyEntity } from './agency.entity';

/**
 * The bureau's grade of one commission an agency carried out (委托业务质量评定): written by the
 * evaluations module through `AgenciesService.recordCommissionGrade`, one row per agency and
 * evaluation reference (a later grade of the same commission replaces the earlier one, audited).
 */
@Entity('agency_commission_grades')
@Index(['agencyId', 'evaluationReference'], { unique: true })
export class AgencyCommissionGradeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  /** The year of the evaluated budget (the evaluation's year). */
  @Column({ type: 'integer' })
  year: number;

  /** Which commission: for now a text reference (the evaluation's number or platform reference). */
  @Column({ type: 'varchar', length: 100 })
  evaluationReference: string;

  @Column({ type: 'varchar', length: 16 })
  grade: Grade;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** Who graded (user or API key id); null for imported or demo rows. */
  @Column({ type: 'uuid', nullable: true })
  gradedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'graded_at' })
  gradedAt: Date;
}
