import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Organization } from './organization.entity';

export type UserRole = 'USER' | 'ADMIN';

/** An account: its password, the lockout's counters, verification and role. */
@Entity({ name: 'users' })
@Check('users_role_known', `role IN ('USER', 'ADMIN')`)
// On lower(email): an expression TypeORM cannot declare, so it leaves the index alone.
@Index('users_email_unique', { synchronize: false })
export class User {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'users_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200, nullable: true })
  fullName: string | null;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'varchar', length: 10, default: 'USER' })
  role: UserRole;

  @Column({ name: 'is_verified', type: 'boolean', default: false })
  isVerified: boolean;

  @Column({ name: 'organization_id', type: 'uuid' })
  @ForeignKey(() => Organization, { name: 'users_organization_id_fkey' })
  organizationId: string;

  @Column({ name: 'failed_login_attempts', type: 'integer', default: 0 })
  failedLoginAttempts: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Password checks under way (the lockout reserves one before hashing). */
  @Column({ name: 'logins_in_flight', type: 'integer', default: 0 })
  loginsInFlight: number;

  @Column({ name: 'login_reserved_at', type: 'timestamptz', nullable: true })
  loginReservedAt: Date | null;

  /** Increased by every password reset and change. */
  @Column({ name: 'credentials_version', type: 'integer', default: 0 })
  credentialsVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set by the statements that change the account, not by the lockout's bookkeeping. */
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
