import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Comparison, IndicatorLevel1 } from '../../indicators/entities/indicator.entity';
import type { TargetEntity } from './target.entity';

/** A three-level indicator of a target, from the library or custom (N4). */
@Entity('target_indicators')
export class TargetIndicatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  targetId: string;

  @ManyToOne('TargetEntity', (t: TargetEntity) => t.indicators, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Relation<TargetEntity>;

  @Column({ type: 'integer', default: 0 })
  sortOrder: number;

  @Column({ type: 'varchar', length: 16 })
  level1: IndicatorLevel1;

  @Column({ type: 'varchar', length: 32 })
  level2: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  comparison: Comparison;

  @Column({ type: 'varchar', length: 200, nullable: true })
  value: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  unit: string | null;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  weight: string | null;

  /** The library indicator it came from, for usage counts and suggestions. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  libraryIndicatorId: string | null;

  /** The finance bureau's comment when it returns the target. */
  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;
}
