import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

export type OneTimeTokenPurpose = 'verify_email' | 'reset_password';

/** A single-use mailed token (email verification, password reset), kept as SHA-256. */
@Entity({ name: 'one_time_tokens' })
@Check('one_time_tokens_purpose_known', `purpose IN ('verify_email', 'reset_password')`)
export class OneTimeToken {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64, primaryKeyConstraintName: 'one_time_tokens_pkey' })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey(() => User, { name: 'one_time_tokens_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  purpose: OneTimeTokenPurpose;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
