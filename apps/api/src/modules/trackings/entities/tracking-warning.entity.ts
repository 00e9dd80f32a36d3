import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { WarningCode, WarningResponse } from '@jixiao/domain';
import type { TrackingEntity } from './tracking.entity';

/**
 * N7: a warning a tracking raised, with the rule's numbers as applied, and the unit's answer
 * (continue / adjust / cancel) due within the profile's working days.
 */
@Entity('tracking_warnings')
@Index(['organizationId', 'answer'])
// The unanswered warnings by tracking, a partial index (migration WorkbenchCounts).
@Index('tracking_warnings_unanswered', { synchronize: false })
export class TrackingWarningEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The coverage's open warnings per project, the list's openWarnings filter and a tracking's warnings read by it. */
  @Index()
  @Column({ type: 'uuid' })
  trackingId: string;

  @ManyToOne('TrackingEntity', (t: TrackingEntity) => t.warnings, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tracking_id' })
  tracking?: Relation<TrackingEntity>;

  @Column({ type: 'uuid' })
  organizationId: string;

  /** Its tracking's year, set and kept by the database (migration WarningCountsStored) for the stored counts by rule. */
  @Column({ type: 'integer', insert: false, update: false })
  year: number;

  @Column({ type: 'varchar', length: 32 })
  code: WarningCode;

  @Column({ type: 'varchar', length: 8 })
  rule: string;

  @Column({ type: 'numeric', precision: 9, scale: 2 })
  threshold: string;

  @Column({ type: 'numeric', precision: 9, scale: 2 })
  actual: string;

  @Column({ type: 'integer', nullable: true })
  checkpointMonth: number | null;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'text' })
  messageEn: string;

  /** The last day to answer (working days on each year's calendar). */
  @Column({ type: 'date' })
  answerDue: string;

  /** Years the count ran through without a working calendar (weekends only were skipped). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  yearsWithoutCalendar: number[];

  @Column({ type: 'varchar', length: 16, nullable: true })
  answer: WarningResponse | null;

  @Column({ type: 'text', nullable: true })
  answerReason: string | null;

  @Column({ type: 'date', nullable: true })
  answeredOn: string | null;

  @Column({ type: 'boolean', default: false })
  answeredLate: boolean;

  @Column({ type: 'uuid', nullable: true })
  answeredById: string | null;

  /** Adjust / cancel: the amount the unit proposes to take out of the budget, yuan. */
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  answerAmount: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
