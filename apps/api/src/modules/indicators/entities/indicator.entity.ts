import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';
import { IndicatorCategoryEntity } from './indicator-category.entity';

export type IndicatorLevel1 = 'output' | 'effect' | 'satisfaction' | 'cost';
export type Comparison = '>=' | '<=' | '=' | 'qualitative';
export type StandardSource = 'plan' | 'history' | 'industry' | 'other';
export type IndicatorStatus = 'active' | 'proposed' | 'rejected';

/** A library indicator (N4 three levels), curated by the bureau; departments propose additions. */
@Entity('indicators')
@Index(['categoryId', 'name'])
export class IndicatorEntity extends VersionedEntity {
  @Column({ type: 'uuid' })
  categoryId: string;

  @ManyToOne(() => IndicatorCategoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: IndicatorCategoryEntity;

  @Column({ type: 'varchar', length: 16 })
  level1: IndicatorLevel1;

  @Column({ type: 'varchar', length: 32 })
  level2: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  comparison: Comparison;

  /** Standard value; decimal text for quantities, free text for qualitative indicators. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  value: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  unit: string | null;

  @Column({ type: 'varchar', length: 16 })
  standardSource: StandardSource;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'boolean', default: false })
  isCore: boolean;

  @Index()
  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: IndicatorStatus;

  /** The department that proposed it; null for the bureau's own. */
  @Column({ type: 'uuid', nullable: true })
  proposedByOrganizationId: string | null;

  /**
   * Who took each workflow step last (user or API key id, by action), for segregation of duties:
   * the ActionRules table says which step may not be taken by whom (e.g. not filed by its submitter).
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  actors: Record<string, string>;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reviewComment: string | null;
}
