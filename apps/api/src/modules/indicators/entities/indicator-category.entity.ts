import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';

export type IndicatorCategoryLevel = 'sector' | 'domain' | 'level';

/** The indicator library's tree: sector → domain → level (R24). */
@Entity('indicator_categories')
@Index(['parentId', 'name'], { unique: true })
export class IndicatorCategoryEntity extends VersionedEntity {
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => IndicatorCategoryEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: IndicatorCategoryEntity | null;

  @Column({ type: 'varchar', length: 16 })
  level: IndicatorCategoryLevel;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The sector code for sector nodes (and inherited by their children), e.g. `education`. */
  @Index()
  @Column({ type: 'varchar', length: 32 })
  sector: string;
}
