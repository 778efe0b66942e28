import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Session } from './session.entity';
import { User } from './user.entity';

/**
 * A refresh token, opaque to its holder; only its SHA-256 is kept. A spent token stays (used_at
 * set) so that presenting it again is recognised as reuse.
 */
@Entity({ name: 'refresh_tokens' })
@Index('refresh_tokens_session_idx', ['sessionId'])
export class RefreshToken {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64, primaryKeyConstraintName: 'refresh_tokens_pkey' })
  tokenHash: string;

  @Column({ name: 'session_id', type: 'uuid' })
  @ForeignKey(() => Session, { name: 'refresh_tokens_session_id_fkey', onDelete: 'CASCADE' })
  sessionId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey(() => User, { name: 'refresh_tokens_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
