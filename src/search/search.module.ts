import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Db } from '../database/db';
import { JobsModule } from '../jobs/jobs.module';
import { EmbeddingWorker } from './embedding-worker';
import { EmbeddingsRepository } from './embeddings.repository';
import { createEmbeddingsProvider, EmbeddingsProvider } from './embeddings/embeddings-provider';
import { EMBEDDINGS_PROVIDER, VECTOR_INDEX } from './search.tokens';
import { BlockEmbeddingController } from './block-embedding.controller';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';
import { ExactVectorIndex, PgvectorIndex, VectorIndex } from './vector-index';

/**
 * pgvector where the server has it (PGlite always; PostgreSQL when the extension is installed
 * and Ocean may create it), else an exact scan in memory; said once at start.
 */
async function vectorIndexFor(
  db: Db,
  search: SearchRepository,
  provider: EmbeddingsProvider | null,
): Promise<VectorIndex> {
  const logger = new Logger('Search');
  const available: Array<{ version: string }> = await db.tx.query(
    `SELECT default_version AS version FROM pg_available_extensions WHERE name = 'vector'`,
  );
  if (available.length > 0) {
    try {
      await db.tx.query(`CREATE EXTENSION IF NOT EXISTS vector`);
      const [{ version }]: Array<{ version: string }> = await db.tx.query(
        `SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'`,
      );
      const [major, minor] = version.split('.').map(Number);
      const iterative = major > 0 || minor >= 8;
      if (provider) logger.log(`vector search: pgvector ${version}, an HNSW index per dimension (cosine)`);
      return new PgvectorIndex(db, iterative);
    } catch (err) {
      logger.warn(`pgvector is installed but could not be enabled (${(err as Error).message})`);
    }
  }
  if (provider) {
    logger.log(
      'vector search: no pgvector on this PostgreSQL; an exact cosine scan of each organization’s vectors in memory',
    );
  }
  return new ExactVectorIndex(db, search);
}

@Module({
  imports: [JobsModule],
  controllers: [SearchController, BlockEmbeddingController],
  providers: [
    SearchService,
    SearchRepository,
    EmbeddingsRepository,
    EmbeddingWorker,
    {
      provide: EMBEDDINGS_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): EmbeddingsProvider | null => {
        const provider = createEmbeddingsProvider(config.search.embeddings, new Logger('Embeddings'));
        if (provider) new Logger('Embeddings').log(`embeddings: ${provider.description}`);
        return provider;
      },
    },
    {
      provide: VECTOR_INDEX,
      inject: [Db, SearchRepository, EMBEDDINGS_PROVIDER],
      useFactory: vectorIndexFor,
    },
  ],
  exports: [SearchService],
})
export class SearchModule {}
