import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Db } from '../database/db';
import { backoffMs } from '../jobs/backoff';
import { JobRunner } from '../jobs/job-runner';
import { ClaimedJob, JobsRepository } from '../jobs/jobs.repository';
import { EmbeddingsRepository, EmbeddingSource, StoredEmbedding } from './embeddings.repository';
import {
  EmbeddingsProvider,
  EmbeddingsRejectedError,
  EmbeddingsUnavailableError,
} from './embeddings/embeddings-provider';
import { EMBEDDINGS_PROVIDER, VECTOR_INDEX } from './search.tokens';
import type { VectorIndex } from './vector-index';

export const EMBED_QUEUE = 'embed';

/** Attempts before a job is failed for good: with the default base of 5 s, about 14 hours of retries. */
export const MAX_EMBED_ATTEMPTS = 15;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * Runs the embedding jobs the block triggers enqueue: reads the blocks' current text, asks the
 * provider for a batch of vectors and stores those whose job this runner still holds, in one
 * transaction per batch. A provider that is down puts the batch back with backoff; a text it
 * refuses fails alone.
 */
@Injectable()
export class EmbeddingWorker implements OnModuleInit {
  private readonly logger = new Logger('Embeddings');

  constructor(
    readonly db: Db,
    private readonly runner: JobRunner,
    private readonly jobs: JobsRepository,
    private readonly embeddings: EmbeddingsRepository,
    @Inject(EMBEDDINGS_PROVIDER) private readonly provider: EmbeddingsProvider | null,
    @Inject(VECTOR_INDEX) private readonly index: VectorIndex,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.provider) return;
    const requeued = await this.embeddings.requeueAtStart(this.provider.model);
    if (requeued > 0) {
      this.logger.log(
        `${requeued} blocks will be embedded again (failed before, or by a model other than ${this.provider.model})`,
      );
    }
    this.runner.register({
      queue: EMBED_QUEUE,
      batchSize: this.config.search.embeddings.batchSize,
      leaseSeconds: Math.ceil((this.config.search.embeddings.timeoutMs * 3) / 1000) + 30,
      run: (jobs) => this.run(jobs),
    });
  }

  private async run(jobs: ClaimedJob[]): Promise<void> {
    const provider = this.provider!;
    const sources = await this.embeddings.sources(
      jobs.map((j) => ({ organizationId: j.organizationId, blockId: j.subjectId })),
    );
    const byBlock = new Map(sources.map((s) => [s.blockId, s]));
    const work: Array<{ job: ClaimedJob; source: EmbeddingSource }> = [];
    for (const job of jobs) {
      const source = byBlock.get(job.subjectId);
      // The block is gone (its delete trigger raced this claim): nothing to embed.
      if (!source) await this.jobs.remove(job);
      // Edited since the job was claimed: the edit enqueued it again, and that job will run.
      else if (source.contentHash === job.payload.content_hash) work.push({ job, source });
    }
    const empty = work.filter((w) => w.source.text.trim() === '');
    if (empty.length) await this.settle(empty, []);
    const texts = work.filter((w) => w.source.text.trim() !== '');
    if (texts.length === 0) return;
    try {
      const vectors = await provider.embed(texts.map((w) => w.source.text));
      await this.settle(
        texts,
        texts.map((w, i) => ({ ...w.source, model: provider.model, vector: vectors[i] })),
      );
    } catch (err) {
      if (err instanceof EmbeddingsRejectedError && !isConfigurationError(err) && texts.length > 1) {
        // One text spoils a batch: each is tried on its own, so that only the bad one fails.
        for (const one of texts) await this.run([one.job]).catch(() => undefined);
        return;
      }
      await this.retry(
        texts.map((w) => w.job),
        err,
      );
    }
  }

  /** Records the outcome of the jobs still held: the vectors given, and no vector for the rest. */
  private async settle(
    held: Array<{ job: ClaimedJob; source: EmbeddingSource }>,
    vectors: Array<Omit<StoredEmbedding, 'vector'> & { vector: Float32Array }>,
  ): Promise<void> {
    const dimensions = await this.db.unitOfWork(async () => {
      // Blocks before jobs, the order of a user's edit (block row, then its trigger's job row).
      await this.embeddings.lockBlocks(held.map((h) => h.source));
      const current: EmbeddingSource[] = [];
      for (const { job, source } of held) if (await this.jobs.complete(job)) current.push(source);
      const kept = new Set(current.map((s) => s.blockId));
      const stored = vectors.filter((v) => kept.has(v.blockId));
      await this.embeddings.store(stored);
      const withVector = new Set(vectors.map((v) => v.blockId));
      await this.embeddings.clear(current.filter((s) => !withVector.has(s.blockId)));
      return new Set(stored.map((v) => v.vector.length));
    });
    // After the commit: an index build in the unit would hold up every other writer of vectors.
    for (const n of dimensions) await this.index.prepare(n);
  }

  private async retry(jobs: ClaimedJob[], err: unknown): Promise<void> {
    // A refused key or an unknown model is the deployment's to fix, not the texts': retried.
    const rejected = err instanceof EmbeddingsRejectedError && !isConfigurationError(err);
    const known = err instanceof EmbeddingsUnavailableError || err instanceof EmbeddingsRejectedError;
    const message = known ? err.message : 'the embeddings provider failed';
    if (!known || !rejected) this.logger.warn(`embedding batch put back: ${(err as Error).message}`);
    const baseMs = this.config.jobs.retryBaseMs;
    for (const job of jobs) {
      const final = rejected || job.attempts >= MAX_EMBED_ATTEMPTS;
      await this.jobs.release(job, message, backoffMs(job.attempts, baseMs, MAX_BACKOFF_MS), final);
    }
  }
}

/** The provider refused the credentials, or knows no such model or route: no text is at fault. */
function isConfigurationError(err: EmbeddingsRejectedError): boolean {
  return err.status === 401 || err.status === 403 || err.status === 404;
}
