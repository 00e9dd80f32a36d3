import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { OrganizationKind, Sector } from '@jixiao/contracts';
import { VersionedEntity } from '../../../database/base.entity';

/** The finance bureau, departments and their units, towns, agencies, the auditor, the congress. */
@Entity('organizations')
// The departments and towns a coverage lists (a few hundred of the city's thousands of organizations), read by kind.
@Index('organizations_kind', ['kind', 'active'])
export class OrganizationEntity extends VersionedEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: OrganizationKind;

  @Column({ type: 'varchar', length: 32, nullable: true })
  sector: Sector | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrganizationEntity | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * R1–R4: the department or town it rolls up to (itself or its nearest such ancestor), stored and kept
   * current by the database's trigger on organizations (migration ListOrganizationStored) for the
   * coverage planner; never written by the API.
   */
  @Column({ type: 'uuid', nullable: true, insert: false, update: false, select: false })
  listOrganizationId: string | null;
}
