import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { StoredFileEntity } from '../../files/entities/stored-file.entity';
import type { EvaluationEntity } from './evaluation.entity';
import type { CommissionFileKind } from './evaluation-commission.entity';

/**
 * A work paper or the report a commissioned agency attached to an evaluation (R13). The bytes are a
 * stored file of the evaluated organization; this row is how they are read — under the evaluation's
 * permission and scope, and by the agency through `agencyOrganizationId` (its assignment).
 */
@Entity('evaluation_commission_files')
export class EvaluationCommissionFileEntity {
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

  /** The agency the evaluation is commissioned to. */
  @Column({ type: 'uuid' })
  agencyOrganizationId: string;

  @Column({ type: 'uuid' })
  fileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: Relation<StoredFileEntity>;

  @Column({ type: 'varchar', length: 16 })
  kind: CommissionFileKind;

  /** Who attached it (user or API key id). */
  @Column({ type: 'uuid', nullable: true })
  attachedById: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
