import { Injectable } from '@nestjs/common';
import type { OrgScope } from '../common/org-scope';
import { Db } from '../database/db';
import type { JobState } from './job.entity';

/** A job a runner holds: `claim` is its fencing token (see the jobs migration). */
export interface ClaimedJob {
  id: string;
  organizationId: string;
  subjectId: string;
  payload: Record<string, unknown>;
  /** Attempts at the current payload, this one included. */
  attempts: number;
  claim: number;
}

export interface JobStatus {
  state: JobState;
  attempts: number;
  lastError: string | null;
  runAt: Date;
  updatedAt: Date;
}

/** Longest error text kept on a job (the column's size). */
const MAX_ERROR_LENGTH = 500;

/**
 * The jobs table. A runner works across organizations, so claiming is not scoped; everything
 * a request reads of a job is.
 */
@Injectable()
export class JobsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes up to `limit` due jobs of `queue` (pending ones whose time has come, and running
   * ones whose runner's lease has ended), skipping rows another runner is claiming, and leases
   * them for `leaseSeconds`.
   */
  async claim(queue: string, limit: number, leaseSeconds: number): Promise<ClaimedJob[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows] = await this.db.tx.query<[Array<Record<string, unknown>>, number]>(
      `UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, claims = j.claims + 1,
         run_at = now() + make_interval(secs => $3), updated_at = now()
       WHERE j.job_id IN (
         SELECT job_id FROM jobs
         WHERE queue = $1 AND state IN ('pending', 'running') AND run_at <= now()
         ORDER BY run_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING j.job_id, j.organization_id, j.subject_id, j.payload, j.attempts, j.claims`,
      [queue, limit, leaseSeconds],
    );
    return rows.map((r) => ({
      id: r.job_id as string,
      organizationId: r.organization_id as string,
      subjectId: r.subject_id as string,
      payload: r.payload as Record<string, unknown>,
      attempts: Number(r.attempts),
      claim: Number(r.claims),
    }));
  }

  /**
   * Marks a job done if this runner still holds it (its lease was not taken over and it was
   * not enqueued again meanwhile). Call it in the transaction that records the job's result,
   * first: when it answers false, the result is stale and must not be written.
   */
  async complete(job: ClaimedJob): Promise<boolean> {
    const [, affected] = await this.db.tx.query<[unknown, number]>(
      `UPDATE jobs SET state = 'done', last_error = NULL, updated_at = now()
       WHERE job_id = $1 AND state = 'running' AND claims = $2 AND payload = $3::jsonb`,
      [job.id, job.claim, JSON.stringify(job.payload)],
    );
    return affected > 0;
  }

  /** Puts a held job back, due after `delayMs`, or failed for good when `final`. */
  async release(job: ClaimedJob, error: string, delayMs: number, final: boolean): Promise<void> {
    await this.db.tx.query(
      `UPDATE jobs SET state = $3, run_at = now() + make_interval(secs => $4), last_error = $5, updated_at = now()
       WHERE job_id = $1 AND state = 'running' AND claims = $2 AND payload = $6::jsonb`,
      [
        job.id,
        job.claim,
        final ? 'failed' : 'pending',
        delayMs / 1000,
        error.slice(0, MAX_ERROR_LENGTH),
        JSON.stringify(job.payload),
      ],
    );
  }

  /**
   * Puts a held job back, due after `delayMs`, whatever its payload became meanwhile (work was
   * added while it ran: the job's payload counts it). Fenced by the claim only: a runner whose
   * lease was taken over changes nothing.
   */
  async requeue(job: ClaimedJob, delayMs: number): Promise<void> {
    await this.db.tx.query(
      `UPDATE jobs SET state = 'pending', run_at = now() + make_interval(secs => $3), updated_at = now()
       WHERE job_id = $1 AND state = 'running' AND claims = $2`,
      [job.id, job.claim, delayMs / 1000],
    );
  }

  /** Forgets a held job whose subject is gone. */
  async remove(job: ClaimedJob): Promise<void> {
    await this.db.tx.query(`DELETE FROM jobs WHERE job_id = $1 AND claims = $2 AND payload = $3::jsonb`, [
      job.id,
      job.claim,
      JSON.stringify(job.payload),
    ]);
  }

  async status(scope: OrgScope, queue: string, subjectId: string): Promise<JobStatus | null> {
    const rows: Array<Record<string, unknown>> = await this.db.tx.query(
      `SELECT state, attempts, last_error, run_at, updated_at FROM jobs
       WHERE organization_id = $1 AND queue = $2 AND subject_id = $3`,
      [scope.organizationId, queue, subjectId],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      state: r.state as JobState,
      attempts: Number(r.attempts),
      lastError: (r.last_error as string | null) ?? null,
      runAt: r.run_at as Date,
      updatedAt: r.updated_at as Date,
    };
  }
}
