import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { TrackingEntity } from './tracking.entity';

export const WILL_REACH = ['yes', 'likely', 'no'] as const;
export type WillReach = (typeof WILL_REACH)[number];

/** N7: one indicator of the approved target as read in a tracking. */
@Entity('tracking_indicator_readings')
@Index(['trackingId', 'targetIndicatorId'], { unique: true })
export class TrackingIndicatorReadingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trackingId: string;

  @ManyToOne('TrackingEntity', (t: TrackingEntity) => t.readings, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tracking_id' })
  tracking?: Relation<TrackingEntity>;

  /** The target indicator read (kept as an id: a later target change does not rewrite history). */
  @Column({ type: 'uuid' })
  targetIndicatorId: string;

  /** The indicator's position in the target. */
  @Column({ type: 'integer', default: 0 })
  sortOrder: number;

  /** The indicator as it stood when read: name, comparison, year value, unit, weight. */
  @Column({ type: 'jsonb' })
  indicator: { name: string; level1: string; comparison: string; value: string | null; unit: string | null; weight: string | null };

  /** Quantitative: the value reached so far. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  valueSoFar: string | null;

  /** Qualitative: the band of the profile picked. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  band: string | null;

  /** Computed degree of this indicator, percent (two places), null when not read. */
  @Column({ type: 'numeric', precision: 9, scale: 2, nullable: true })
  degree: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  willReach: WillReach | null;

  @Column({ type: 'text', nullable: true })
  deviationReason: string | null;

  @Column({ type: 'text', nullable: true })
  measures: string | null;
}
