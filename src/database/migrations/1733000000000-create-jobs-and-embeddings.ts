import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job table (work done off the request path: embeddings now, mail and webhook deliveries
 * later) and the blocks' embeddings.
 *
 * - A job is one row per (queue, organization, subject): enqueueing the same subject again
 *   resets that row, so a block edited ten times before the runner comes has one job. A runner
 *   claims due rows with FOR UPDATE SKIP LOCKED and a lease (`run_at` moves to the lease's end
 *   while it runs), so one instance runs a job at a time and a crashed one's job is taken again
 *   when the lease ends. `claims` counts every claim and is never reset (`attempts` is, when
 *   the subject is enqueued again): it fences a late finisher whose job was claimed since.
 * - Every change of a block's searchable text enqueues its embedding job in the writing
 *   transaction (triggers), keyed by the text's hash: a change that keeps the words (a task
 *   checked, a block moved) enqueues nothing, and a block write never waits for a model.
 * - `block_embeddings.embedding` is a real[]: with pgvector it is cast to vector(n) by an HNSW
 *   index per dimension (created at start), without it Ocean scans it exactly.
 */
export class CreateJobsAndEmbeddings1733000000000 implements MigrationInterface {
  name = 'CreateJobsAndEmbeddings1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jobs (
        job_id bigserial NOT NULL,
        organization_id text NOT NULL,
        queue varchar(40) NOT NULL,
        subject_id text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        state varchar(10) NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        claims integer NOT NULL DEFAULT 0,
        run_at timestamptz NOT NULL DEFAULT now(),
        last_error varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT jobs_pkey PRIMARY KEY (job_id),
        CONSTRAINT jobs_subject_unique UNIQUE (queue, organization_id, subject_id),
        CONSTRAINT jobs_state_known CHECK (state IN ('pending', 'running', 'done', 'failed')),
        CONSTRAINT jobs_payload_object CHECK (jsonb_typeof(payload) = 'object')
      )`);
    await q.query(`CREATE INDEX jobs_due_idx ON jobs (queue, run_at) WHERE state IN ('pending', 'running')`);
    await q.query(`
      CREATE TABLE block_embeddings (
        block_id uuid NOT NULL,
        organization_id text NOT NULL,
        model varchar(200) NOT NULL,
        dimensions integer NOT NULL,
        content_hash varchar(32) NOT NULL,
        embedding real[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT block_embeddings_pkey PRIMARY KEY (block_id),
        CONSTRAINT block_embeddings_block_fk FOREIGN KEY (organization_id, block_id)
          REFERENCES blocks (organization_id, block_id) ON DELETE CASCADE,
        CONSTRAINT block_embeddings_dimensions_match CHECK (cardinality(embedding) = dimensions)
      )`);
    await q.query(
      `CREATE INDEX block_embeddings_org_model_idx ON block_embeddings (organization_id, model, dimensions, updated_at)`,
    );

    const upsert = `ON CONFLICT (queue, organization_id, subject_id) DO UPDATE
          SET payload = EXCLUDED.payload, state = 'pending', attempts = 0, run_at = now(), last_error = NULL,
            updated_at = now()
          WHERE jobs.payload IS DISTINCT FROM EXCLUDED.payload`;
    await q.query(`
      CREATE FUNCTION ocean_enqueue_embeddings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO jobs (organization_id, queue, subject_id, payload)
        SELECT n.organization_id, 'embed', n.block_id::text,
          jsonb_build_object('content_hash', md5(ocean_block_text(n.block_type, n.content)))
        FROM new_blocks n
        ORDER BY n.organization_id, n.block_id
        ${upsert};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER blocks_embeddings_insert AFTER INSERT ON blocks
      REFERENCING NEW TABLE AS new_blocks FOR EACH STATEMENT EXECUTE FUNCTION ocean_enqueue_embeddings()`);
    // An update that leaves content and type alone (a move, an embedding stored) fires nothing.
    await q.query(`
      CREATE FUNCTION ocean_enqueue_embedding() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO jobs (organization_id, queue, subject_id, payload)
        VALUES (NEW.organization_id, 'embed', NEW.block_id::text,
          jsonb_build_object('content_hash', md5(ocean_block_text(NEW.block_type, NEW.content))))
        ${upsert};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER blocks_embeddings_update AFTER UPDATE OF content, block_type ON blocks FOR EACH ROW
      WHEN (OLD.content IS DISTINCT FROM NEW.content OR OLD.block_type IS DISTINCT FROM NEW.block_type)
      EXECUTE FUNCTION ocean_enqueue_embedding()`);
    await q.query(`
      CREATE FUNCTION ocean_drop_embedding_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM jobs j USING old_blocks o
        WHERE j.queue = 'embed' AND j.organization_id = o.organization_id AND j.subject_id = o.block_id::text;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER blocks_embeddings_delete AFTER DELETE ON blocks
      REFERENCING OLD TABLE AS old_blocks FOR EACH STATEMENT EXECUTE FUNCTION ocean_drop_embedding_jobs()`);

    // What was written before: every block gets its job.
    await q.query(`
      INSERT INTO jobs (organization_id, queue, subject_id, payload)
      SELECT organization_id, 'embed', block_id::text,
        jsonb_build_object('content_hash', md5(ocean_block_text(block_type, content)))
      FROM blocks`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER blocks_embeddings_delete ON blocks`);
    await q.query(`DROP TRIGGER blocks_embeddings_update ON blocks`);
    await q.query(`DROP TRIGGER blocks_embeddings_insert ON blocks`);
    await q.query(`DROP FUNCTION ocean_drop_embedding_jobs()`);
    await q.query(`DROP FUNCTION ocean_enqueue_embedding()`);
    await q.query(`DROP FUNCTION ocean_enqueue_embeddings()`);
    await q.query(`DROP TABLE block_embeddings`);
    await q.query(`DROP TABLE jobs`);
  }
}
