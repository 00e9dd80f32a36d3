import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, type Relation } from 'typeorm';
import type { EvaluationKind } from '@jixiao/contracts';
import type { Grade } from '@jixiao/domain';
import { VersionedEntity } from '../../../database/base.entity';
import { ProjectEntity } from '../../projects/entities/project.entity';
import type { EvaluationFindingEntity } from './evaluation-finding.entity';
import type { EvaluationIndicatorEntity } from './evaluation-indicator.entity';

/** Where an evaluation stands: edited (draft, or returned by the department), submitted for the department's review, completed (it counts). */
export const EVALUATION_STATUSES = ['draft', 'submitted', 'returned', 'completed'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/**
 * One evaluation (绩效评价, R11–R14, N1–N3) of a budget year's project, policy or department overall
 * expenditure, done in a later year. The score, grade and breakdown are computed by the rules in
 * libs/domain from what is entered, never typed; they are stored so lists can filter and sort.
 */
@Entity('evaluations')
@Index(['projectId', 'kind'], { unique: true })
@Index(['organizationId', 'year', 'kind'])
// The list's default order (year, kind, created_at DESC, project_code, id): hand-written (migration
// EvaluationProjectCode; TypeORM cannot express DESC), TypeORM leaves it alone.
@Index('evaluations_list_order', { synchronize: false })
// A copy of its project's search keys (column project_search_keys), a GIN index TypeORM cannot express (migration ListSearchKeysStored).
@Index('evaluations_project_search_keys', { synchronize: false })
// The workbench's counts of a kind and status in a year, from the index alone (migration WorkbenchCounts).
@Index('evaluations_year_kind_status', { synchronize: false })
export class EvaluationEntity extends VersionedEntity {
  @Column({ type: 'varchar', length: 16 })
  kind: EvaluationKind;

  @Column({ type: 'uuid' })
  projectId: string;

  /**
   * Its project's search keys (`projects.search_keys`), a copy kept current in the writing transaction
   * by row triggers (migration ListSearchKeysStored) — never written by the API, not read with the row:
   * a search checks them on the list's own row (project-search.sql.ts, search-keys-stored.sql.ts).
   */
  @Column({ type: 'tsvector', insert: false, update: false, select: false })
  projectSearchKeys: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<ProjectEntity>;

  /**
   * The project's code, copied by the database (triggers of migration EvaluationProjectCode, on every
   * insert and on a change of the project's code), for the list's order by creation and code.
   */
  @Column({ type: 'varchar', length: 64, insert: false, update: false })
  projectCode: string;

  /** The evaluated organization (the project's owner); its scope decides who sees the evaluation. */
  @Column({ type: 'uuid' })
  organizationId: string;

  /** The evaluated budget year (the project's year). */
  @Column({ type: 'integer' })
  year: number;

  /** The year the work is done in (the evaluated year + 1): its profile gives the deadlines. */
  @Column({ type: 'integer' })
  workYear: number;

  @Index()
  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: EvaluationStatus;

  /** The year's cumulative executed amount as entered (pre-filled from the last tracking). */
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  executedAmount: string | null;

  /** Execution rate, percent with two places, computed from the executed amount and the (adjusted) budget. */
  @Column({ type: 'numeric', precision: 9, scale: 2, nullable: true })
  executionRate: string | null;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  score: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  grade: Grade | null;

  /** Department and finance key evaluations: the score given to each item of the profile's indicator system, by item code. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  templateScores: Record<string, string>;

  /** The computed result as it was last saved: parts, lines with the rule that gave each point, issues. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  breakdown: Record<string, unknown>;

  /** The evaluation's conclusion in words (自评结论 / 评价结论). */
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  /**
   * The third-party agency the evaluation is commissioned to (R13), null when not commissioned: the
   * assignment an agency's `assigned` data scope reads (the details are in evaluation_commissions).
   */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  agencyOrganizationId: string | null;

  /** Who took each step (user or API key id, by action), for segregation of duties. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  actors: Record<string, string>;

  /** When what was entered was last saved; null while the evaluation is as it was started (pre-filled, never saved). */
  @Column({ type: 'timestamptz', nullable: true })
  savedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @OneToMany('EvaluationIndicatorEntity', (i: EvaluationIndicatorEntity) => i.evaluation)
  indicators?: Relation<EvaluationIndicatorEntity>[];

  @OneToMany('EvaluationFindingEntity', (f: EvaluationFindingEntity) => f.evaluation)
  findings?: Relation<EvaluationFindingEntity>[];
}
