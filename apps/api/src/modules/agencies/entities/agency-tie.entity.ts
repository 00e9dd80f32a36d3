import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AgencyTieKind } from '@jixiao/contracts';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';
import { AgencyEntity } from './agency.entity';

/**
 * A tie the agency declared (关联关系, N8): ownership, staff, earlier design or implementation of a
 * project, or another tie, with an organization of the district and optionally one project (by
 * code, across years). Commissioning refuses an agency tied to the commissioning party, the
 * evaluated organization or the evaluated project (`agencyIndependenceIssues`).
 */
@Entity('agency_ties')
export class AgencyTieEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Column({ type: 'varchar', length: 16 })
  kind: AgencyTieKind;

  @Index()
  @Column({ type: 'uuid' })
  tiedOrganizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tied_organization_id' })
  tiedOrganization?: OrganizationEntity;

  @Column({ type: 'varchar', length: 64, nullable: true })
  projectCode: string | null;

  @Column({ type: 'text' })
  description: string;

  /** When the agency declared it, 'YYYY-MM-DD'. */
  @Column({ type: 'date' })
  declaredOn: string;

  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
