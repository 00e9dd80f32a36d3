import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { StoredFileEntity } from '../../files/entities/stored-file.entity';
import type { EvaluationEntity } from './evaluation.entity';

/**
 * What an evaluation carries as files (issue 9: "the report is attached as a file"): the report
 * (评价报告), work papers (工作底稿) and the agency's signed independence declaration (独立性声明, N8,
 * referenced by the commission).
 */
export const EVALUATION_FILE_KINDS = ['report', 'work_paper', 'declaration'] as const;
export type EvaluationFileKind = (typeof EVALUATION_FILE_KINDS)[number];

/**
 * A file attached to an evaluation — any kind of evaluation, commissioned or not. The bytes are a
 * stored file of the evaluated organization; this row is how they are read — under the evaluations
 * permission and the evaluation's scope, and by the commissioned agency through
 * `agencyOrganizationId` (its assignment, set when the evaluation is commissioned). The table keeps
 * the name it had when only commissioned evaluations took files.
 */
@Entity('evaluation_commission_files')
export class EvaluationFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  evaluationId: string;

  @ManyToOne('EvaluationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id' })
  evaluation?: Relation<EvaluationEntity>;

  /** The evaluated organization (owner of the evaluation and of the stored file). */
  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  /** The agency the evaluation is commissioned to (null while it is not commissioned). */
  @Column({ type: 'uuid', nullable: true })
  agencyOrganizationId: string | null;

  @Column({ type: 'uuid' })
  fileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: Relation<StoredFileEntity>;

  @Column({ type: 'varchar', length: 16 })
  kind: EvaluationFileKind;

  /** Who attached it (user or API key id). */
  @Column({ type: 'uuid', nullable: true })
  attachedById: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
