import { Column, Entity, Index } from 'typeorm';
import type { PolicyProfileValues } from '@jixiao/domain';
import { VersionedEntity } from '../../../database/base.entity';

/** The numbers of one budget year's rules (R1–R27, N1–N8). */
@Entity('policy_profiles')
export class PolicyProfileEntity extends VersionedEntity {
  @Index({ unique: true })
  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'jsonb' })
  values: PolicyProfileValues;

  /** The profile schema the values follow (`PROFILE_SCHEMA_VERSION`); older ones are upgraded at start. */
  @Column({ type: 'integer', default: 1 })
  schemaVersion: number;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;
}
