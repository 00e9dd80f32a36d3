import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { Role } from '@jixiao/contracts';
import { VersionedEntity } from '../../../database/base.entity';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';

@Entity('users')
export class UserEntity extends VersionedEntity {
  /** Lower-case login name, unique. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: Role[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'boolean', default: true })
  mustChangePassword: boolean;

  @Column({ type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  /** The TOTP secret, sealed with SM4 (see auth/totp.ts); set once enrolment is confirmed. */
  @Column({ type: 'text', nullable: true, select: false })
  mfaSecret: string | null;

  /** A secret handed out by an enrolment not yet confirmed with a code. */
  @Column({ type: 'text', nullable: true, select: false })
  mfaPendingSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  mfaEnabledAt: Date | null;

  /** The last TOTP time step accepted: a code is good once (replay protection). */
  @Column({ type: 'integer', nullable: true, select: false })
  mfaLastStep: number | null;

  /** Keyed hashes of the unused one-time recovery codes. */
  @Column({ type: 'text', array: true, default: () => "'{}'", select: false })
  mfaRecoveryCodes: string[];
}
