import { Injectable } from '@nestjs/common';
import type { OrgScope } from '../common/org-scope';
import { Db } from '../database/db';

/** A block's searchable text as the embedding job reads it, with the hash its job carries. */
export interface EmbeddingSource {
  organizationId: string;
  blockId: string;
  text: string;
  contentHash: string;
}

export interface StoredEmbedding {
  organizationId: string;
  blockId: string;
  model: string;
  contentHash: string;
  vector: Float32Array;
}

export interface EmbeddingInfo {
  model: string;
  dimensions: number;
  contentHash: string;
  updatedAt: string;
}

/** Rows of the block_embeddings table, and the block columns that mirror them. */
@Injectable()
export class EmbeddingsRepository {
  constructor(private readonly db: Db) {}

  /** The current text of each block named, per organization (a job carries its organization). */
  async sources(items: Array<{ organizationId: string; blockId: string }>): Promise<EmbeddingSource[]> {
    const rows: Array<Record<string, string>> = await this.db.tx.query(
      `SELECT b.organization_id, b.block_id, ocean_block_text(b.block_type, b.content) AS text,
         md5(ocean_block_text(b.block_type, b.content)) AS content_hash
       FROM unnest($1::text[], $2::uuid[]) AS w(organization_id, block_id)
       JOIN blocks b ON b.organization_id = w.organization_id AND b.block_id = w.block_id`,
      [items.map((i) => i.organizationId), items.map((i) => i.blockId)],
    );
    return rows.map((r) => ({
      organizationId: r.organization_id,
      blockId: r.block_id,
      text: r.text,
      contentHash: r.content_hash,
    }));
  }

  /**
   * Stores vectors (replacing a block's earlier one) and mirrors them in the block's
   * vector_id (the hash of the text embedded) and vector_dimensions.
   */
  async store(embeddings: StoredEmbedding[]): Promise<void> {
    if (embeddings.length === 0) return;
    const organizations = embeddings.map((e) => e.organizationId);
    const blocks = embeddings.map((e) => e.blockId);
    await this.db.tx.query(
      `INSERT INTO block_embeddings (organization_id, block_id, model, dimensions, content_hash, embedding)
       SELECT w.organization_id, w.block_id, w.model, cardinality(w.embedding::real[]), w.content_hash,
         w.embedding::real[]
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[])
         AS w(organization_id, block_id, model, content_hash, embedding)
       ON CONFLICT (block_id) DO UPDATE SET model = EXCLUDED.model, dimensions = EXCLUDED.dimensions,
         content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding, updated_at = now()`,
      [
        organizations,
        blocks,
        embeddings.map((e) => e.model),
        embeddings.map((e) => e.contentHash),
        embeddings.map((e) => `{${Array.from(e.vector).join(',')}}`),
      ],
    );
    await this.db.tx.query(
      `UPDATE blocks b SET vector_id = w.vector_id, vector_dimensions = w.dimensions
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[]) AS w(organization_id, block_id, vector_id, dimensions)
       WHERE b.organization_id = w.organization_id AND b.block_id = w.block_id`,
      [organizations, blocks, embeddings.map((e) => e.contentHash), embeddings.map((e) => e.vector.length)],
    );
  }

  /** Forgets the vectors of blocks that have no words left to embed. */
  async clear(items: Array<{ organizationId: string; blockId: string }>): Promise<void> {
    if (items.length === 0) return;
    const params = [items.map((i) => i.organizationId), items.map((i) => i.blockId)];
    await this.db.tx.query(
      `DELETE FROM block_embeddings e USING unnest($1::text[], $2::uuid[]) AS w(organization_id, block_id)
       WHERE e.organization_id = w.organization_id AND e.block_id = w.block_id`,
      params,
    );
    await this.db.tx.query(
      `UPDATE blocks b SET vector_id = NULL, vector_dimensions = NULL
       FROM unnest($1::text[], $2::uuid[]) AS w(organization_id, block_id)
       WHERE b.organization_id = w.organization_id AND b.block_id = w.block_id AND b.vector_id IS NOT NULL`,
      params,
    );
  }

  async info(scope: OrgScope, blockId: string): Promise<EmbeddingInfo | null> {
    const rows: Array<Record<string, unknown>> = await this.db.tx.query(
      `SELECT model, dimensions, content_hash, updated_at FROM block_embeddings
       WHERE organization_id = $1 AND block_id = $2`,
      [scope.organizationId, blockId],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      model: r.model as string,
      dimensions: Number(r.dimensions),
      contentHash: r.content_hash as string,
      updatedAt: (r.updated_at as Date).toISOString(),
    };
  }

  /** The block's searchable text (what its embedding is computed from). */
  async textOf(scope: OrgScope, blockId: string): Promise<string | null> {
    const rows: Array<{ text: string }> = await this.db.tx.query(
      `SELECT ocean_block_text(block_type, content) AS text FROM blocks WHERE organization_id = $1 AND block_id = $2`,
      [scope.organizationId, blockId],
    );
    return rows.length ? rows[0].text : null;
  }

  /**
   * Enqueues again, at start, the embedding jobs that failed (a fixed key or model gets them
   * done) and those of blocks whose vector is of another model.
   */
  async requeueAtStart(model: string): Promise<number> {
    const reset = `state = 'pending', attempts = 0, run_at = now(), last_error = NULL, updated_at = now()`;
    const [, failed] = await this.db.tx.query<[unknown, number]>(
      `UPDATE jobs SET ${reset} WHERE queue = 'embed' AND state = 'failed'`,
    );
    const [, otherModel] = await this.db.tx.query<[unknown, number]>(
      `UPDATE jobs j SET ${reset}
       FROM block_embeddings e
       WHERE e.model <> $1 AND j.queue = 'embed' AND j.organization_id = e.organization_id
         AND j.subject_id = e.block_id::text AND j.state = 'done'`,
      [model],
    );
    return failed + otherModel;
  }

  /** Row locks on the blocks whose vectors are about to be stored, in a fixed order. */
  async lockBlocks(items: Array<{ organizationId: string; blockId: string }>): Promise<void> {
    if (items.length === 0) return;
    await this.db.tx.query(
      `SELECT 1 FROM unnest($1::text[], $2::uuid[]) AS w(organization_id, block_id)
       JOIN blocks b ON b.organization_id = w.organization_id AND b.block_id = w.block_id
       ORDER BY b.block_id FOR NO KEY UPDATE OF b`,
      [items.map((i) => i.organizationId), items.map((i) => i.blockId)],
    );
  }
}
