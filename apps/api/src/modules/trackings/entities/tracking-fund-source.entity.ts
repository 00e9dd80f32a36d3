import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { FundSource } from '@jixiao/contracts';
import type { TrackingEntity } from './tracking.entity';

/** R25: the executed amount of a tracking from one fund source. */
@Entity('tracking_fund_sources')
@Index(['trackingId', 'source'], { unique: true })
export class TrackingFundSourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trackingId: string;

  @ManyToOne('TrackingEntity', (t: TrackingEntity) => t.fundSources, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tracking_id' })
  tracking?: Relation<TrackingEntity>;

  @Column({ type: 'varchar', length: 32 })
  source: FundSource;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;
}
