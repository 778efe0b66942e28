import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';

/** A tag; `usageCount` is counted from the blocks' assignments when read, never stored. */
@Entity({ name: 'tags' })
@Unique('tags_org_tag_unique', ['organizationId', 'id'])
// A unique index on (organization_id, lower(name)): names are unique regardless of case. TypeORM
// cannot declare an index on an expression, so it is named here for the schema diff to keep and
// left to the migration (synchronize: false).
@Index('tags_org_name_unique', { synchronize: false })
export class Tag {
  @PrimaryColumn({ name: 'tag_id', type: 'uuid', primaryKeyConstraintName: 'tags_pkey' })
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  color: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  usageCount: number;
}
