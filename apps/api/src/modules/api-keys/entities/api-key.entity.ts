import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { Permission } from '@jixiao/contracts';
import { VersionedEntity } from '../../../database/base.entity';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';

/** A service account of another government system, with the permissions (scopes) of its key. */
@Entity('api_keys')
export class ApiKeyEntity extends VersionedEntity {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The first characters of the key, shown to tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, select: false })
  keyHash: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  permissions: Permission[];

  /** Limits the key to one organization's subtree; null reads the whole district. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  /** Counted up by the database when what this key's principal is made of changes (modules/auth/credential-rows.sql.ts); never written from here. */
  @Column({ type: 'integer', default: 0, insert: false, update: false, select: false })
  principalVersion: number;
}
