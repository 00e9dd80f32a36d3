import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ProjectEntity } from './project.entity';

export type FundSource =
  'general_budget' | 'direct_funds' | 'special_transfer' | 'district_to_town_transfer' | 'government_bonds' | 'fiscal_special_funds';

/** How much of a project's budget comes from one fund source (R6, R25 focus areas). */
@Entity('project_fund_sources')
@Index(['projectId', 'source'], { unique: true })
export class ProjectFundSourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, (p) => p.fundSources, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<ProjectEntity>;

  @Column({ type: 'varchar', length: 32 })
  source: FundSource;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;
}
