import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

export type JobState = 'pending' | 'running' | 'done' | 'failed';

/**
 * Work done off the request path, one row per (queue, organization, subject): see the
 * 1733000000000-create-jobs-and-embeddings migration for how rows are claimed and fenced.
 */
@Entity({ name: 'jobs' })
@Unique('jobs_subject_unique', ['queue', 'organizationId', 'subjectId'])
@Check('jobs_state_known', `state IN ('pending', 'running', 'done', 'failed')`)
@Check('jobs_payload_object', `jsonb_typeof(payload) = 'object'`)
@Index('jobs_due_idx', ['queue', 'runAt'], { where: `state IN ('pending', 'running')` })
export class Job {
  /** A bigint, as node-postgres hands it over: a string. */
  @PrimaryGeneratedColumn('increment', { name: 'job_id', type: 'bigint', primaryKeyConstraintName: 'jobs_pkey' })
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ type: 'varchar', length: 40 })
  queue: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  state: JobState;

  /** Attempts at the current subject's state; reset when it is enqueued again. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Every claim ever made of the row, never reset: the fencing token of a runner. */
  @Column({ type: 'integer', default: 0 })
  claims: number;

  /** When a pending job is due; while it runs, the end of its runner's lease. */
  @Column({ name: 'run_at', type: 'timestamptz', default: () => 'now()' })
  runAt: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
