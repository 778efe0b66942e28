import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { OrgScope } from '../common/org-scope';
import { Db } from '../database/db';
import { filterConditions, SearchFilter, SearchRepository } from './search.repository';

export interface VectorMatch {
  blockId: string;
  /** Cosine similarity, -1..1. */
  similarity: number;
}

export interface VectorQuery {
  model: string;
  vector: Float32Array;
  filter: SearchFilter;
  /** Lowest similarity kept. */
  minSimilarity: number;
  limit: number;
}

/**
 * Nearest blocks by cosine similarity among an organization's vectors of one model, with the
 * search filters applied before the limit (never a top-k filtered afterwards to fewer).
 */
export interface VectorIndex {
  readonly kind: 'pgvector' | 'exact';
  nearest(scope: OrgScope, query: VectorQuery): Promise<VectorMatch[]>;
  /** Called after vectors of `dimensions` were stored. */
  prepare(dimensions: number): Promise<void>;
}

const IDENTIFIER_SAFE = (n: number): number => {
  if (!Number.isInteger(n) || n < 1 || n > 16000) throw new Error(`unexpected vector dimensions ${n}`);
  return n;
};

const literal = (vector: Float32Array): string => `[${Array.from(vector).join(',')}]`;

/**
 * The pgvector type an HNSW index can hold at `n` dimensions: vector up to 2000, halfvec (16-bit)
 * up to 4000; beyond, none (the search scans the organization's vectors without an index).
 */
const indexedType = (n: number): 'vector' | 'halfvec' | null => (n <= 2000 ? 'vector' : n <= 4000 ? 'halfvec' : null);

/**
 * pgvector: an HNSW index per dimension over `embedding::vector(n)` (cosine), made when
 * vectors of that size are first stored. The scan is iterative where pgvector has it (0.8),
 * so that the organization and filters do not starve the index of results.
 */
export class PgvectorIndex implements VectorIndex {
  readonly kind = 'pgvector';
  private readonly indexed = new Set<number>();
  private readonly logger = new Logger('Search');

  constructor(
    private readonly db: Db,
    private readonly iterative: boolean,
  ) {}

  async prepare(dimensions: number): Promise<void> {
    const n = IDENTIFIER_SAFE(dimensions);
    const type = indexedType(n);
    if (this.indexed.has(n)) return;
    // Tried once per process: a failure is said once, not at every batch.
    this.indexed.add(n);
    if (type === null) {
      this.logger.warn(`vectors of ${n} dimensions are too long for an HNSW index (at most 4000): exact scans`);
      return;
    }
    try {
      await this.db.tx.query(
        `CREATE INDEX IF NOT EXISTS block_embeddings_hnsw_${n} ON block_embeddings
         USING hnsw ((embedding::${type}(${n})) ${type}_cosine_ops) WHERE dimensions = ${n}`,
      );
    } catch (err) {
      this.logger.warn(`HNSW index for ${n} dimensions not created: ${(err as Error).message}`);
    }
  }

  nearest(scope: OrgScope, query: VectorQuery): Promise<VectorMatch[]> {
    const n = IDENTIFIER_SAFE(query.vector.length);
    const params: unknown[] = [scope.organizationId, literal(query.vector), query.model, query.minSimilarity];
    const where = filterConditions(query.filter, (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    params.push(query.limit);
    const type = indexedType(n) ?? 'vector';
    const distance = `e.embedding::${type}(${n}) <=> $2::${type}(${n})`;
    const sql = `SELECT e.block_id, 1 - (${distance}) AS similarity
      FROM block_embeddings e
      JOIN blocks b ON b.organization_id = e.organization_id AND b.block_id = e.block_id
      JOIN pages p ON p.organization_id = b.organization_id AND p.page_id = b.page_id
      WHERE e.organization_id = $1 AND e.model = $3 AND e.dimensions = ${n}
        AND 1 - (${distance}) >= $4 AND ${where.join(' AND ')}
      ORDER BY ${distance} LIMIT $${params.length}`;
    return this.db.unitOfWork(async () => {
      if (this.iterative) await this.db.tx.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
      await this.db.tx.query(`SET LOCAL hnsw.ef_search = 100`);
      const rows: Array<{ block_id: string; similarity: number }> = await this.db.tx.query(sql, params);
      return rows
        .map((r) => ({ blockId: r.block_id, similarity: Number(r.similarity) }))
        .sort((a, b) => b.similarity - a.similarity);
    });
  }
}

/** An organization's vectors of one model, unit length, one after the other. */
interface Matrix {
  ids: string[];
  data: Float32Array;
  dimensions: number;
  count: number;
  newest: string | null;
}

/** Bytes of vectors kept in memory across organizations; the least recently searched go first. */
const CACHE_BYTES = 256 * 1024 * 1024;

/**
 * Without pgvector: an exact cosine scan over the organization's vectors, held in memory as
 * Float32Arrays and brought up to date before each search (a count and the newest update
 * tell whether anything changed; changes load incrementally). Every instance keeps its own
 * copy, rebuilt from the table, so nothing lives only in one process.
 */
@Injectable()
export class ExactVectorIndex implements VectorIndex {
  readonly kind = 'exact';
  private readonly matrices = new LRUCache<string, Matrix>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (m) => Math.max(1, m.data.byteLength + m.ids.length * 40),
  });

  constructor(
    private readonly db: Db,
    private readonly search: SearchRepository,
  ) {}

  prepare(): Promise<void> {
    return Promise.resolve();
  }

  async nearest(scope: OrgScope, query: VectorQuery): Promise<VectorMatch[]> {
    const matrix = await this.matrixOf(scope, query.model, query.vector.length);
    if (!matrix || matrix.ids.length === 0) return [];
    const q = unit(query.vector);
    const d = matrix.dimensions;
    const scored: VectorMatch[] = [];
    for (let row = 0; row < matrix.ids.length; row++) {
      let dot = 0;
      const offset = row * d;
      for (let i = 0; i < d; i++) dot += matrix.data[offset + i] * q[i];
      if (dot >= query.minSimilarity) scored.push({ blockId: matrix.ids[row], similarity: dot });
    }
    scored.sort((a, b) => b.similarity - a.similarity);
    // The filters are checked on the best candidates, more of them until enough pass.
    const kept: VectorMatch[] = [];
    let chunk = Math.max(50, query.limit * 4);
    for (let start = 0; start < scored.length && kept.length < query.limit; start += chunk, chunk *= 2) {
      const candidates = scored.slice(start, start + chunk);
      const passing = await this.search.passing(
        scope,
        candidates.map((c) => c.blockId),
        query.filter,
      );
      for (const c of candidates) if (passing.has(c.blockId) && kept.length < query.limit) kept.push(c);
    }
    return kept;
  }

  private async matrixOf(scope: OrgScope, model: string, dimensions: number): Promise<Matrix | null> {
    const key = JSON.stringify([scope.organizationId, model, dimensions]);
    const state: Array<{ count: number; newest: string | null }> = await this.db.tx.query(
      `SELECT count(*)::int AS count, max(updated_at)::text AS newest FROM block_embeddings
       WHERE organization_id = $1 AND model = $2 AND dimensions = $3`,
      [scope.organizationId, model, dimensions],
    );
    const { count, newest } = state[0];
    let matrix = this.matrices.get(key);
    // A matrix that missed a write while loading (newest null) is loaded again in full.
    if (matrix?.newest === null && count > 0) matrix = undefined;
    if (matrix && matrix.count === count && matrix.newest === newest) return matrix;
    if (matrix && matrix.newest !== null && newest !== null) matrix = await this.update(scope, model, matrix);
    if (!matrix || matrix.count !== count) matrix = await this.load(scope, model, dimensions, null);
    if (matrix.count !== count || matrix.newest !== newest) {
      // Written while loading: used as it is, refreshed by the next search.
      matrix = { ...matrix, newest: null };
    }
    this.matrices.set(key, matrix);
    return matrix;
  }

  /** Rows changed since the matrix was loaded, merged in (new blocks appended). */
  private async update(scope: OrgScope, model: string, matrix: Matrix): Promise<Matrix> {
    const changed = await this.load(scope, model, matrix.dimensions, matrix.newest);
    const position = new Map(matrix.ids.map((id, i) => [id, i]));
    const appended: number[] = [];
    for (let row = 0; row < changed.ids.length; row++) {
      const at = position.get(changed.ids[row]);
      const vector = changed.data.subarray(row * matrix.dimensions, (row + 1) * matrix.dimensions);
      if (at === undefined) appended.push(row);
      else matrix.data.set(vector, at * matrix.dimensions);
    }
    const data = new Float32Array((matrix.ids.length + appended.length) * matrix.dimensions);
    data.set(matrix.data);
    const ids = [...matrix.ids];
    for (const row of appended) {
      data.set(
        changed.data.subarray(row * matrix.dimensions, (row + 1) * matrix.dimensions),
        ids.length * matrix.dimensions,
      );
      ids.push(changed.ids[row]);
    }
    return { ids, data, dimensions: matrix.dimensions, count: ids.length, newest: changed.newest ?? matrix.newest };
  }

  private async load(scope: OrgScope, model: string, dimensions: number, after: string | null): Promise<Matrix> {
    const rows: Array<{ block_id: string; embedding: number[]; updated_at: string }> = await this.db.tx.query(
      `SELECT block_id, embedding, updated_at::text AS updated_at FROM block_embeddings
       WHERE organization_id = $1 AND model = $2 AND dimensions = $3
         AND ($4::timestamptz IS NULL OR updated_at > $4::timestamptz)`,
      [scope.organizationId, model, dimensions, after],
    );
    const data = new Float32Array(rows.length * dimensions);
    let newest: string | null = after;
    rows.forEach((r, row) => {
      data.set(unit(Float32Array.from(r.embedding)), row * dimensions);
      if (newest === null || r.updated_at > newest) newest = r.updated_at;
    });
    return { ids: rows.map((r) => r.block_id), data, dimensions, count: rows.length, newest };
  }
}

/** The vector scaled to length 1 (a zero vector stays zero). */
export function unit(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  return norm === 0 ? vector : vector.map((v) => v / norm);
}
