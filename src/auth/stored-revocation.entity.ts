import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A row of the revocation store: a revoked credential key, or a user's cut-off (`before:<sub>`,
 * with `issuedBefore` and the session it spares). Kept until the credential would have expired.
 */
@Entity({ name: 'revocations' })
@Index('revocations_expires_idx', ['expiresAt'])
export class StoredRevocation {
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'revocations_pkey' })
  key: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Seconds since the epoch: the user's tokens issued before it are revoked. */
  @Column({ name: 'issued_before', type: 'double precision', nullable: true })
  issuedBefore: number | null;

  @Column({ name: 'except_session', type: 'varchar', length: 200, nullable: true })
  exceptSession: string | null;
}
