import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';
import { ProjectEntity } from '../../projects/entities/project.entity';

export type PreAssessmentConclusion = 'support' | 'support_after_adjustment' | 'reject';
export type PreAssessmentStatus = 'draft' | 'submitted' | 'accepted' | 'returned';

/** 事前绩效评估 of a new major policy/project or capital-construction project (R5, N6). */
@Entity('pre_assessments')
// The list's default order, newest first (migration ListOrderIndexes; TypeORM cannot express DESC).
@Index('pre_assessments_list_order', { synchronize: false })
// The same within a year (year, updated_at DESC, id), the list's order when it is filtered by year (migration PreAssessmentYear).
@Index('pre_assessments_year_order', { synchronize: false })
// The workbench's counts of a status in a year, from the index alone (migration WorkbenchCounts).
@Index('pre_assessments_year_status', { synchronize: false })
// A copy of its project's search keys (column project_search_keys), a GIN index TypeORM cannot express (migration ListSearchKeysStored).
@Index('pre_assessments_project_search_keys', { synchronize: false })
export class PreAssessmentEntity extends VersionedEntity {
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

  /**
   * Its project's budget year, a copy kept current in the writing transaction by row triggers (migration
   * PreAssessmentYear) — never written by the API: the list filters and counts a year on its own rows and
   * their index instead of joining every one to its project (finance's bounded count on the city year
   * joined ~10,000 pre-assessments to 168,000 projects: 28 ms).
   */
  @Column({ type: 'int', insert: false, update: false })
  year: number;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** The project's organization: the owner for data scope. */
  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  /** Done by the department itself or a commissioned agency. */
  @Column({ type: 'varchar', length: 16 })
  performedBy: 'department' | 'agency';

  @Index()
  @Column({ type: 'uuid', nullable: true })
  agencyOrganizationId: string | null;

  /** Score per dimension code (N6), each within its profile weight. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  scores: Record<string, number>;

  /** Opinion per dimension code. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  opinions: Record<string, string>;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  totalScore: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  conclusion: PreAssessmentConclusion | null;

  /** Why the conclusion departs from the one the total score supports (N6 bands in the profile). */
  @Column({ type: 'text', nullable: true })
  conclusionDepartureReason: string | null;

  /** For 调整后支持: what the department has to adjust before the budget is arranged. */
  @Column({ type: 'text', nullable: true })
  adjustmentRequired: string | null;

  /** When the department recorded the adjustment as done (the gate opens then). */
  @Column({ type: 'timestamptz', nullable: true })
  adjustmentCompletedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  adjustmentCompletedById: string | null;

  /** The department's note on how the adjustment was made. */
  @Column({ type: 'text', nullable: true })
  adjustmentNote: string | null;

  /**
   * Who took each workflow step last (user or API key id, by action), for segregation of duties:
   * the ActionRules table says which step may not be taken by whom (e.g. not filed by its submitter).
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  actors: Record<string, string>;

  @Column({ type: 'uuid', nullable: true })
  reportFileId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: PreAssessmentStatus;

  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;
}
