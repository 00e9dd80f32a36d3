import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import type { TargetStatus } from '@jixiao/contracts';
import { VersionedEntity } from '../../../database/base.entity';
import { ProjectEntity } from '../../projects/entities/project.entity';
import { TargetIndicatorEntity } from './target-indicator.entity';

export type { TargetStatus };
export type ReviewGrade = 'excellent' | 'good' | 'fair' | 'poor';

/** The performance target of one project, policy or overall expenditure (R6–R8, N4, N5). */
@Entity('targets')
// The list's default order, newest first (migration ListOrderIndexes; TypeORM cannot express DESC).
@Index('targets_list_order', { synchronize: false })
// A copy of its project's search keys (column project_search_keys), a GIN index TypeORM cannot express (migration ListSearchKeysStored).
@Index('targets_project_search_keys', { synchronize: false })
// The workbench's counts of a status in a year, from the index alone (migration WorkbenchCounts).
@Index('targets_year_status', { synchronize: false })
export class TargetEntity extends VersionedEntity {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  projectId: string;

  /**
   * Its project's search keys (`projects.search_keys`), a copy kept current in the writing transaction
   * by row triggers (migration ListSearchKeysStored) — never written by the API, not read with the row:
   * a search checks them on the list's own row (project-search.sql.ts, search-keys-stored.sql.ts).
   */
  @Column({ type: 'tsvector', insert: false, update: false, select: false })
  projectSearchKeys: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'text', default: '' })
  overallGoal: string;

  /** Annual goals, one per line item. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  annualGoals: string[];

  @Index()
  @Column({ type: 'varchar', length: 32, default: 'draft' })
  status: TargetStatus;

  /** The bureau picked this target for expert review (评审); key-list projects always get one. */
  @Column({ type: 'boolean', default: false })
  expertReviewPicked: boolean;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  reviewScore: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  reviewGrade: ReviewGrade | null;

  @Column({ type: 'text', nullable: true })
  returnComment: string | null;

  /** N5 良: the bureau's comments the department revises the target with (consultation). */
  @Column({ type: 'text', nullable: true })
  consultationComment: string | null;

  /**
   * Who took each workflow step last (user or API key id, by action), for segregation of duties:
   * the ActionRules table says which step may not be taken by whom (e.g. not filed by its submitter).
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  actors: Record<string, string>;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  /** Increments with each approved change request. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @OneToMany(() => TargetIndicatorEntity, (i) => i.target, { cascade: true })
  indicators?: TargetIndicatorEntity[];
}
