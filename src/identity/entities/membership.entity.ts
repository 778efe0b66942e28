import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Organization } from './organization.entity';
import { User } from './user.entity';

export type MembershipRole = 'owner' | 'member';

/** Who belongs to an organization, and as what. */
@Entity({ name: 'memberships' })
@Index('memberships_user_idx', ['userId'])
export class Membership {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid', primaryKeyConstraintName: 'memberships_pkey' })
  @ForeignKey(() => Organization, { name: 'memberships_organization_id_fkey', onDelete: 'CASCADE' })
  organizationId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'memberships_pkey' })
  @ForeignKey(() => User, { name: 'memberships_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'varchar', length: 20, default: 'member' })
  role: MembershipRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
