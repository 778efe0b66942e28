import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An organization of the identity: every user has one of their own, which they own. */
@Entity({ name: 'organizations' })
export class Organization {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid', primaryKeyConstraintName: 'organizations_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
