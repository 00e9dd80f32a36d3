import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, type Relation } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';
import { KeyProjectListItemEntity } from './key-project-list-item.entity';

export type KeyProjectListStatus = 'draft' | 'submitted' | 'filed' | 'returned' | 'amending';

/** A department's or town's key project list for a year, filed (备案) with the finance bureau (R3). */
@Entity('key_project_lists')
@Index(['year', 'organizationId'], { unique: true })
export class KeyProjectListEntity extends VersionedEntity {
  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: KeyProjectListStatus;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  /** The department's note at submission; required when the list is empty ("no key projects this year"). */
  @Column({ type: 'text', nullable: true })
  submitNote: string | null;

  /** The finance bureau's comments when it returns the list. */
  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  /**
   * Who took each workflow step last (user or API key id, by action), for segregation of duties:
   * the ActionRules table says which step may not be taken by whom (e.g. not filed by its submitter).
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  actors: Record<string, string>;

  /** The projects as submitted: a snapshot, so a filed list does not change under the bureau. */
  @OneToMany(() => KeyProjectListItemEntity, (i) => i.list, { cascade: true })
  items?: Relation<KeyProjectListItemEntity>[];
}
