import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../../database/base.entity';

/** A member of the review expert pool: a user with the expert role, and their affiliation. */
@Entity('experts')
export class ExpertEntity extends VersionedEntity {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  userId: string;

  /** Where the expert works; they never review that organization or its units (recusal). */
  @Column({ type: 'uuid', nullable: true })
  affiliationOrganizationId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
