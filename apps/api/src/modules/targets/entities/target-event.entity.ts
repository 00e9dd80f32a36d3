import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One workflow step of a target (submit, return, pass, expert score, approve, change request). */
@Entity('target_events')
export class TargetEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  targetId: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 32 })
  toStatus: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** What a person wrote (a return comment, a change request's reason). */
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** What the system notes, as a code of libs/domain HISTORY_NOTES (rendered in zh or en). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  noteCode: string | null;

  @Column({ type: 'jsonb', nullable: true })
  noteParams: Record<string, string | number | string[]> | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
