import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { KeyBasis } from './key-project-list-item.entity';
import { KeyProjectListEntity } from './key-project-list.entity';

/** One project as it was filed: kept by value, so the revision reads the same whatever the library says later. */
export interface RevisionItem {
  projectId: string;
  code: string;
  name: string;
  basis: KeyBasis;
  reason: string | null;
  budgetAmount: string;
}

/**
 * A filed (备案) version of a key project list (R3): written each time the bureau files the list,
 * numbered 1, 2, … per list. Amending the list leaves it as it was and records who amended and why.
 */
@Entity('key_project_list_revisions')
@Index(['listId', 'revision'], { unique: true })
export class KeyProjectListRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  listId: string;

  @ManyToOne(() => KeyProjectListEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'list_id' })
  list?: Relation<KeyProjectListEntity>;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  submitNote: string | null;

  @Column({ type: 'timestamptz' })
  filedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  filedById: string | null;

  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ type: 'jsonb' })
  items: RevisionItem[];

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  totalAmount: string;

  /** Set when the department amends the list after this revision was filed. */
  @Column({ type: 'timestamptz', nullable: true })
  amendedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  amendedById: string | null;

  @Column({ type: 'text', nullable: true })
  amendReason: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
