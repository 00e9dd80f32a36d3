import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';
import { ProjectEntity } from '../../projects/entities/project.entity';

export type PreAssessmentConclusion = 'support' | 'support_after_adjustment' | 'reject';
export type PreAssessmentStatus = 'draft' | 'submitted' | 'accepted' | 'returned';

/** 事前绩效评估 of a new major policy/project or capital-construction project (R5, N6). */
@Entity('pre_assessments')
export class PreAssessmentEntity extends VersionedEntity {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  projectId: string;

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
