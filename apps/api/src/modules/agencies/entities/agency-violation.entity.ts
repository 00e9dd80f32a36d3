import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';

/** A violation recorded against an agency (违规记录): N8 refuses an agency with one within the profile's look-back years. */
@Entity('agency_violations')
@Index(['agencyId', 'occurredOn'])
export class AgencyViolationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  /** When it was found or decided, 'YYYY-MM-DD'. */
  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ type: 'text' })
  description: string;

  /** Who found or decided it (a finance bureau's check, an audit office, a court, an industry body). */
  @Column({ type: 'varchar', length: 200 })
  authority: string;

  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
