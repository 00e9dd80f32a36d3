import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed head of the audit chain: the hash of entry `seq`, with HMAC-SM3 under AUDIT_SIGNING_KEY
 * (a key kept outside the database). Written by the sealer in the same transaction as the entries
 * it seals, so every sealed entry is covered by a checkpoint. Append-only like the log.
 */
@Entity('audit_checkpoints')
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index()
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  headHash: string;

  @Column({ type: 'char', length: 64 })
  signature: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
