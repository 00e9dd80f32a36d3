import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ProjectEntity } from '../../projects/entities/project.entity';
import { KeyProjectListEntity } from './key-project-list.entity';

export type KeyBasis = 'AMOUNT' | 'CORE_FUNCTION' | 'DISTRICT_PRIORITY';

@Entity('key_project_list_items')
@Index(['listId', 'projectId'], { unique: true })
export class KeyProjectListItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  listId: string;

  @ManyToOne(() => KeyProjectListEntity, (l) => l.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'list_id' })
  list?: Relation<KeyProjectListEntity>;

  @Index()
  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<ProjectEntity>;

  @Column({ type: 'varchar', length: 32 })
  basis: KeyBasis;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** Budget amount at submission. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  budgetAmount: string;
}
