import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AgencyState } from '@jixiao/contracts';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';

/** A qualification an agency holds (资质), e.g. a CPA firm licence. */
export interface AgencyQualification {
  name: string;
  number: string;
  /** 'YYYY-MM-DD', or null when it does not expire. */
  validUntil: string | null;
}

export interface AgencyContact {
  name: string;
  phone: string | null;
  email: string | null;
}

/**
 * The registry entry of a third-party agency (第三方机构, R13, N8). An agency IS an organization of
 * kind `agency` (its users belong to it, commissions name it); this row shares that organization's
 * id as its primary key, so `agencyOrganizationId` elsewhere is also the registry entry's id.
 */
@Entity('agencies')
export class AgencyEntity {
  @PrimaryColumn('uuid')
  id: string;

  @OneToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'id' })
  organization?: OrganizationEntity;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  /**
   * 统一社会信用代码 (GB 32100-2015), checked with its check character. Required when the bureau
   * registers an agency; null for an agency organization made elsewhere (the organizations page, or
   * before the registry existed) until the bureau records it.
   */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  qualifications: AgencyQualification[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts: AgencyContact[];

  /** Only an active agency may be commissioned; changes go through AGENCY_STATE_WORKFLOW (libs/domain). */
  @Index()
  @Column({ type: 'varchar', length: 16, default: 'active' })
  state: AgencyState;

  /** Why the state last changed (required for every change). */
  @Column({ type: 'text', nullable: true })
  stateReason: string | null;

  /** The day of the last state change (Asia/Shanghai). */
  @Column({ type: 'date', nullable: true })
  stateChangedOn: string | null;

  /** Who made it (user or API key id). */
  @Column({ type: 'uuid', nullable: true })
  stateChangedById: string | null;

  /**
   * Who last took each state action (user or API key id, by action), for segregation of duties:
   * whoever suspended or blacklisted an agency does not reinstate it (AGENCY_ACTION_RULES).
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  actors: Record<string, string>;
}
