import { Check, Column, Entity, Index, JoinColumn, ManyToOne, VirtualColumn } from 'typeorm';
import type { EvaluationKind, EvaluationRecordSource } from '@jixiao/contracts';
import type { Grade } from '@jixiao/domain';
import { VersionedEntity } from '../../../database/base.entity';
import { OrganizationEntity } from '../../organizations/entities/organization.entity';

/** The project's name as the library knows it now, over a record's alias: the latest year's project with its code and organization. */
export const recordProjectNameSql = (alias: string) =>
  `SELECT lp.name FROM projects lp WHERE lp.code = ${alias}.project_code AND lp.organization_id = ${alias}.organization_id ORDER BY lp.year DESC LIMIT 1`;

/**
 * One evaluation of a project (by its code, which a project keeps across budget years) for an
 * organization, an evaluated budget year and a kind (N3): imported from the old performance
 * system's export, or written when an evaluation finishes in Jixiao. The department and finance key
 * ones feed the five-year planner (R4, `lastKeyEvaluationYearSql`).
 */
@Entity('evaluation_records')
@Index(['projectCode', 'organizationId', 'year', 'kind'], { unique: true })
@Index(['organizationId', 'year'])
// The list's default order, newest year first (migration EvaluationRecordOrder; TypeORM cannot express DESC).
@Index('evaluation_records_list_order', { synchronize: false })
@Check('CHK_evaluation_records_kind', `"kind" IN ('self', 'department', 'finance_key')`)
@Check('CHK_evaluation_records_grade', `"grade" IN ('excellent', 'good', 'fair', 'poor')`)
@Check('CHK_evaluation_records_source', `"source" IN ('history_import', 'evaluation')`)
@Check('CHK_evaluation_records_score', `"score" >= 0`)
export class EvaluationRecordEntity extends VersionedEntity {
  @Column({ type: 'varchar', length: 64 })
  projectCode: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  /** The budget year evaluated (年度); its policy profile gave the total score and the grade thresholds. */
  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  kind: EvaluationKind;

  /** N1: 0..totalScore of the year's profile, two decimals. */
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  score: string;

  @Column({ type: 'varchar', length: 16 })
  grade: Grade;

  /** The evaluating agency or person (评价机构/评价人). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  evaluator: string | null;

  @Column({ type: 'varchar', length: 16 })
  source: EvaluationRecordSource;

  /** The evaluation that wrote the record (source `evaluation`); null for imported history. */
  @Column({ type: 'uuid', nullable: true })
  evaluationId: string | null;

  /** The uploaded file an imported record came from. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  sourceFile: string | null;

  /** Who imported or recorded it (a user or an API key) and when. */
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  /** The project's name as the library knows it now (latest year with this code and organization), if it does. */
  @VirtualColumn({ type: 'varchar', query: recordProjectNameSql })
  projectName: string | null;
}
