import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../users/entities/user.entity';

/**
 * A login session, kept in PostgreSQL so that any API instance can check, refresh or end it.
 * Tokens are stored only as keyed hashes.
 */
@Entity('auth_sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  accessTokenHash: string;

  @Column({ type: 'timestamptz' })
  accessExpiresAt: Date;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  refreshTokenHash: string;

  @Column({ type: 'timestamptz' })
  refreshExpiresAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;

  /** Counted up by the database when what this session's principal is made of changes (modules/auth/credential-rows.sql.ts); never written from here. */
  @Column({ type: 'integer', default: 0, insert: false, update: false, select: false })
  principalVersion: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
