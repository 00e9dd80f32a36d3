import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, type Relation } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';
import type { ProjectEntity } from '../../projects/entities/project.entity';
import type { TrackingFundSourceEntity } from './tracking-fund-source.entity';
import type { TrackingIndicatorReadingEntity } from './tracking-indicator-reading.entity';
import type { TrackingWarningEntity } from './tracking-warning.entity';

export const TRACKING_ROUNDS = ['first_tracking', 'later_tracking'] as const;
export type TrackingRound = (typeof TRACKING_ROUNDS)[number];

/**
 * R9 / N7: one tracking of a project or policy as of a date — cumulative execution (split by fund
 * source when it has several, R25), the figures computed from it (never typed) and the readings of
 * the approved target's indicators. Figures are stored as computed at the time, with their base.
 */
@Entity('trackings')
@Index(['organizationId', 'year'])
@Index(['projectId', 'asOf'])
// The list's order (year, as_of DESC, project_code, id): hand-written (migration TrackingProjectCode), TypeORM leaves it alone.
@Index('trackings_list_order', { synchronize: false })
// A copy of its project's search keys (column project_search_keys), a GIN index TypeORM cannot express (migration ListSearchKeysStored).
@Index('trackings_project_search_keys', { synchronize: false })
// The trackings waiting for review, a partial index (migration WorkbenchCounts: the workbench counts them).
@Index('trackings_review_pending', { synchronize: false })
export class TrackingEntity extends VersionedEntity {
  @Column({ type: 'uuid' })
  projectId: string;

  /**
   * Its project's search keys (`projects.search_keys`), a copy kept current in the writing transaction
   * by row triggers (migration ListSearchKeysStored) — never written by the API, not read with the row:
   * a search checks them on the list's own row (project-search.sql.ts, search-keys-stored.sql.ts).
   */
  @Column({ type: 'tsvector', insert: false, update: false, select: false })
  projectSearchKeys: string;

  @ManyToOne('ProjectEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<ProjectEntity>;

  /**
   * The project's code, copied by the database (triggers of migration TrackingProjectCode, on every
   * insert and on a change of the project's code), for the list's order by date and code.
   */
  @Column({ type: 'varchar', length: 64, insert: false, update: false })
  projectCode: string;

  /** The project's organization (copied, for the data scope). */
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'integer' })
  year: number;

  /** The date the cumulative figures are as of. */
  @Column({ type: 'date' })
  asOf: string;

  /** Cumulative executed amount, yuan. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  executedAmount: string;

  /** The amount the rate is of: the adjusted budget when one was approved, else the budget. */
  @Column({ type: 'varchar', length: 16 })
  base: 'budget' | 'adjusted_budget';

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  baseAmount: string;

  /** Percent, rounded half up once to two places (the figure shown and compared). */
  @Column({ type: 'numeric', precision: 9, scale: 2 })
  executionRate: string;

  /** Degree of target achievement, percent, computed from the readings; null when nothing was read. */
  @Column({ type: 'numeric', precision: 9, scale: 2, nullable: true })
  achievementRate: string | null;

  /** The round this tracking counts for (R9 first, R10 later). */
  @Column({ type: 'varchar', length: 16 })
  round: TrackingRound;

  /** The deadline of that round when the tracking was recorded. */
  @Column({ type: 'date' })
  roundDue: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  /** The bureau's review of the tracking and its answers. */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  reviewStatus: 'pending' | 'reviewed';

  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  @OneToMany('TrackingFundSourceEntity', (f: TrackingFundSourceEntity) => f.tracking)
  fundSources?: Relation<TrackingFundSourceEntity[]>;

  @OneToMany('TrackingIndicatorReadingEntity', (r: TrackingIndicatorReadingEntity) => r.tracking)
  readings?: Relation<TrackingIndicatorReadingEntity[]>;

  @OneToMany('TrackingWarningEntity', (w: TrackingWarningEntity) => w.tracking)
  warnings?: Relation<TrackingWarningEntity[]>;
}
