import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * N7 / R9: an approved in-year adjusted budget of a project, kept as history (the latest approved on
 * or before a tracking's as-of date is the base of its execution rate).
 */
@Entity('project_budget_adjustments')
@Index(['projectId', 'approvedOn'])
export class ProjectBudgetAdjustmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  /** The adjusted budget, yuan. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'date' })
  approvedOn: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
