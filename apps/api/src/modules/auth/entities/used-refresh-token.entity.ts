import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SessionEntity } from './session.entity';

/**
 * Every refresh token a session has already exchanged. One coming back means it leaked, and the
 * session it belongs to ends (refresh-token reuse detection), however many rotations ago it was.
 */
@Entity('auth_used_refresh_tokens')
export class UsedRefreshTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index()
  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  usedAt: Date;
}
