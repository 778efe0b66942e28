import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '../../config/config';
import { HttpEmbeddingsProvider } from './http-embeddings.provider';
import { LocalOnnxEmbeddingsProvider } from './local-onnx.provider';

export { EmbeddingsError, EmbeddingsRejectedError, EmbeddingsUnavailableError } from './embeddings-errors';

/** Turns texts into vectors for semantic search. */
export interface EmbeddingsProvider {
  /** The model name, stored beside each vector so a change of model can be detected. */
  readonly model: string;
  /** Where the vectors come from, for logs; never contains a credential. */
  readonly description: string;
  /**
   * One vector per text, in the order given. Rejects with EmbeddingsUnavailableError (retry
   * later) or EmbeddingsRejectedError (these texts will fail again), or with `signal.reason`
   * when the caller aborts.
   */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** False while the provider is known to be down (an open circuit): skip it without waiting. */
  isAvailable(): boolean;
}

export type EmbeddingsConfig = AppConfig['search']['embeddings'];

export type EmbeddingsLogger = Pick<LoggerService, 'log' | 'warn'>;

/** The configured provider, or null when semantic search has none (keyword search only). */
export function createEmbeddingsProvider(
  config: EmbeddingsConfig,
  logger?: EmbeddingsLogger,
): EmbeddingsProvider | null {
  if (config.url) {
    // loadConfig refuses EMBEDDINGS_URL without EMBEDDINGS_MODEL; this guards hand-made configs.
    if (!config.model) throw new Error('EMBEDDINGS_URL needs EMBEDDINGS_MODEL (the model name to request)');
    return new HttpEmbeddingsProvider({ ...config, url: config.url, model: config.model }, { logger });
  }
  if (config.modelPath) return new LocalOnnxEmbeddingsProvider({ ...config, modelPath: config.modelPath });
  return null;
}
