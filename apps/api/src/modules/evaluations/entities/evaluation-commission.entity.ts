import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import type { Grade } from '@jixiao/domain';
import { VersionedEntity } from '../../../database/base.entity';
import type { EvaluationEntity } from './evaluation.entity';

/**
 * The commission of a department or finance key evaluation to a third-party agency (委托第三方, R13,
 * N8): why, the profile's checklist confirmed, the agency's signed independence declaration, the
 * reference number of 上海市预算绩效综合服务平台, and the grade of its work (the files, the declaration
 * among them, are the evaluation's: `EvaluationFileEntity`).
 * The evaluation itself carries `agencyOrganizationId`, the assignment the data scope reads.
 */
@Entity('evaluation_commissions')
export class EvaluationCommissionEntity extends VersionedEntity {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  evaluationId: string;

  @ManyToOne('EvaluationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id' })
  evaluation?: Relation<EvaluationEntity>;

  /** The evaluated organization (owner of the evaluation), for scoped queries. */
  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  /** The commissioned agency's organization (= its registry entry's id). */
  @Index()
  @Column({ type: 'uuid' })
  agencyOrganizationId: string;

  /** The commissioning party: the bureau or the department that commissioned. */
  @Column({ type: 'uuid' })
  commissioningOrganizationId: string;

  @Column({ type: 'text' })
  justification: string;

  /** Codes of the profile's commissioning checklist items confirmed. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  checklist: string[];

  @Column({ type: 'boolean', default: false })
  declarationSigned: boolean;

  /** The signed declaration as a stored file (attached to the evaluation, kind `declaration`), or its text; with the day it was signed. */
  @Column({ type: 'uuid', nullable: true })
  declarationFileId: string | null;

  @Column({ type: 'text', nullable: true })
  declarationText: string | null;

  @Column({ type: 'date' })
  declaredOn: string;

  /** The reference number of 上海市预算绩效综合服务平台 (required for department and finance key evaluations). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  platformReference: string | null;

  /** The commissioning day (Shanghai), the date the independence rule was checked on. */
  @Column({ type: 'date' })
  commissionedOn: string;

  @Column({ type: 'uuid', nullable: true })
  commissionedById: string | null;

  /** The grade of the agency's work (recorded in the registry too), once graded. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  grade: Grade | null;

  @Column({ type: 'text', nullable: true })
  gradeComment: string | null;

  @Column({ type: 'uuid', nullable: true })
  gradedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  gradedAt: Date | null;
}
