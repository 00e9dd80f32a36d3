import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';
import { ProjectFundSourceEntity } from './project-fund-source.entity';

export type ProjectKind = 'project' | 'policy' | 'department_overall';
export type ManualKeyBasis = 'CORE_FUNCTION' | 'DISTRICT_PRIORITY';
export type PublicAttention = 'high' | 'medium' | 'low';

/**
 * A project, fiscal policy or department overall expenditure of one budget year (项目库).
 * Key-list basis (1) is never stored: it is derived from the amount and the year's threshold.
 */
@Entity('projects')
@Index(['year', 'code'], { unique: true })
@Index(['year', 'organizationId'])
// Trigram indexes (pg_trgm, migration ProjectSearchTrigram) for `ILIKE '%…%'` on names and codes,
// Chinese included; TypeORM cannot express the operator class, so it leaves them alone.
@Index('projects_name_trgm', { synchronize: false })
@Index('projects_code_trgm', { synchronize: false })
// Chinese words of one or two characters: the name's and code's pairs of neighbouring characters and
// last characters (migrations ProjectSearchPairs, ProjectSearchCharacters, ProjectSearchKeysStored: the
// stored column search_keys; read by project-search.sql.ts), a GIN index TypeORM cannot express.
@Index('projects_search_keys', { synchronize: false })
// The stored budget gate and target status (migration GateStored): the gate filter, the coverage
// missing list, and the same code's projects of other years (R5). Partial / hand-written: TypeORM leaves them alone.
@Index('projects_gate', { synchronize: false })
@Index('projects_target_missing', { synchronize: false })
@Index('projects_code_year', { synchronize: false })
// The finance key ranking's order over the stored score (migration FinanceKeyScoreStored).
@Index('projects_finance_key_rank', { synchronize: false })
// The list's default order with its tie break (migration ProjectListOrder): skipped ids read from the index alone.
@Index('projects_list_order', { synchronize: false })
export class ProjectEntity extends VersionedEntity {
  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ProjectKind;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  /** Total budget in yuan, exact. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  budgetAmount: string;

  @OneToMany(() => ProjectFundSourceEntity, (f) => f.project, { cascade: true })
  fundSources?: ProjectFundSourceEntity[];

  @Column({ type: 'boolean', default: false })
  isNew: boolean;

  @Column({ type: 'boolean', default: false })
  isMajor: boolean;

  @Column({ type: 'boolean', default: false })
  isCapitalConstruction: boolean;

  @Column({ type: 'boolean', default: false })
  isLivelihood: boolean;

  @Column({ type: 'varchar', length: 16, default: 'low' })
  publicAttention: PublicAttention;

  /** Levels in the management chain (R14 selection factor). */
  @Column({ type: 'integer', nullable: true })
  managementChainLevels: number | null;

  /** Last year's budget execution rate in percent, two decimals (R14). */
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true })
  lastYearExecutionRate: string | null;

  @Column({ type: 'boolean', default: false })
  inDisclosureScope: boolean;

  @Column({ type: 'integer', nullable: true })
  startYear: number | null;

  @Column({ type: 'integer', nullable: true })
  endYear: number | null;

  /** Key-list basis (2) or (3), added by hand with a reason (R2). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  manualKeyBasis: ManualKeyBasis | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  manualKeyReason: string | null;

  /**
   * Year of the last key evaluation as typed on the project before evaluations were recorded (demo
   * data, earlier releases). Kept, but never read alone: read `latestKeyEvaluationYear`.
   */
  @Column({ name: 'last_key_evaluation_year', type: 'integer', nullable: true })
  enteredKeyEvaluationYear: number | null;

  /**
   * R4: the year of the last department or finance key evaluation — the greater of the typed year
   * and the evaluation records of this code and organization (`lastKeyEvaluationYearSql`, the one
   * definition), stored by the database's triggers in the writing transaction (migration
   * KeyCoverageStored: on the project's own writes and on its code's evaluation records) instead of
   * looked up again for every project loaded; never written by the API.
   */
  @Column({ name: 'key_last_year', type: 'integer', nullable: true, insert: false, update: false })
  latestKeyEvaluationYear: number | null;

  /**
   * The budget gate (R5, R7: `budgetGate` of libs/domain) and the target's status, stored and kept
   * current in the writing transaction by the database's triggers (migration GateStored) — never
   * written by the API.
   */
  @Column({ type: 'varchar', length: 16, default: 'blocked', insert: false, update: false })
  gateStatus: 'ready' | 'blocked';

  /** The gate's reason codes (GateReasonCode), in `budgetGate`'s order; empty when ready. */
  @Column({ type: 'text', array: true, default: '{}', insert: false, update: false })
  gateReasons: string[];

  /**
   * The fund sources as the list item shows them (`fundSourcesJsonSql`), stored and kept current in
   * the writing transaction by the database's triggers on project_fund_sources (migration
   * ProjectFundSourcesStored) — never written by the API, not read with the project: the list's
   * statement reads it (fund-sources-stored.sql.ts).
   */
  @Column({ type: 'json', default: () => "'[]'", insert: false, update: false, select: false })
  fundSourcesJson: { source: string; amount: string }[];

  /**
   * Its organization's name, stored and kept current in the writing transaction by the database's
   * triggers (migration ProjectOrganizationNameStored: on the project's organization and on the
   * organization's rename) — never written by the API, not read with the project: the list's
   * statement reads it (organization-name-stored.sql.ts).
   */
  @Column({ type: 'varchar', length: 200, nullable: true, insert: false, update: false, select: false })
  organizationName: string | null;

  /**
   * Its search keys (`jx_search_keys(name, code)`, the index `projects_search_keys`), stored and kept
   * current in the writing transaction by a row trigger on the name and code (migration
   * ProjectSearchKeysStored) — never written by the API, not read with the project: searches read
   * it (project-search.sql.ts, search-keys-stored.sql.ts).
   */
  @Column({ type: 'tsvector', insert: false, update: false, select: false })
  searchKeys: string;

  /** The status of the project's target; NULL without one (R6 coverage). */
  @Column({ type: 'varchar', length: 32, nullable: true, insert: false, update: false })
  targetStatus: string | null;

  /**
   * Monitoring (R9, R25), stored and kept by the database's triggers (migration MonitoringStored) —
   * never written by the API, not read with the project: the day its target was approved (Asia/Shanghai),
   * whether it has a tracking, and its latest tracking's executed amount, execution base and split by fund
   * source (`{source: amount}`). The monitoring dashboard sums them per organization (monitoring_totals,
   * monitoring_fund_totals).
   */
  @Column({ type: 'date', nullable: true, insert: false, update: false, select: false })
  targetApprovedOn: string | null;

  @Column({ type: 'boolean', default: false, insert: false, update: false, select: false })
  tracked: boolean;

  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true, insert: false, update: false, select: false })
  lastExecuted: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true, insert: false, update: false, select: false })
  lastBase: string | null;

  /** R14: the latest tracking's execution rate (the finance key ranking's first criterion). */
  @Column({ type: 'numeric', precision: 9, scale: 2, nullable: true, insert: false, update: false, select: false })
  lastExecutionRate: string | null;

  @Column({ type: 'jsonb', nullable: true, insert: false, update: false, select: false })
  lastFunds: Record<string, number> | null;

  /** R9 / R10: the tracking deadline from the year's profile and the organization's sector (`trackingDueSqlSteps`). */
  @Column({ type: 'date', nullable: true, insert: false, update: false, select: false })
  trackingDue: string | null;

  /**
   * R11: the status of the project's self-evaluation, NULL without one — stored by the database's
   * triggers (migration EvaluationCoverageStored) for the coverage's counts; never written by the API.
   */
  @Column({ type: 'varchar', length: 16, nullable: true, insert: false, update: false, select: false })
  selfEvaluationStatus: string | null;

  /**
   * R14: the finance key score on the following year's profile criteria, NULL without that profile —
   * stored by the database's triggers (migration FinanceKeyScoreStored) for the ranking's order;
   * never written by the API.
   */
  @Column({ type: 'numeric', precision: 9, scale: 2, nullable: true, insert: false, update: false, select: false })
  financeKeyScore: string | null;

  /**
   * R1–R2 / R4: whether it is a key project on its year's threshold (`isKeyProjectSql`) — stored by the
   * database's triggers (migration KeyCoverageStored) for the coverage planner's counts; never written
   * by the API.
   */
  @Column({ type: 'boolean', default: false, insert: false, update: false, select: false })
  isKey: boolean;
}
