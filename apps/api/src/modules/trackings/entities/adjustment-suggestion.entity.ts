import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SUGGESTION_KINDS = ['adjust', 'cancel'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];
export const SUGGESTION_STATUSES = ['open', 'applied', 'dismissed'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/**
 * N7: an in-year budget adjustment suggestion, created when the bureau reviews a tracking whose
 * warning the unit answered "adjust" or "cancel"; the result-application work picks it up.
 */
@Entity('budget_adjustment_suggestions')
@Index(['organizationId', 'year', 'status'])
// The list's order within a year, newest first (migration SuggestionAndChangeRequestOrder; TypeORM cannot express DESC).
@Index('budget_adjustment_suggestions_year_order', { synchronize: false })
export class BudgetAdjustmentSuggestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  warningId: string;

  @Column({ type: 'uuid' })
  trackingId: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 8 })
  kind: SuggestionKind;

  /** The amount to take out of (adjust) or the whole unexecuted rest of (cancel) the budget, yuan. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: SuggestionStatus;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
