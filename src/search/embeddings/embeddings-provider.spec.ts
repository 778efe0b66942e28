import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config';
import { createEmbeddingsProvider } from './embeddings-provider';
import { HttpEmbeddingsProvider } from './http-embeddings.provider';
import { LocalOnnxEmbeddingsProvider } from './local-onnx.provider';

const embeddings = (env: Record<string, string>) =>
  loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', ...env }).search.embeddings;

describe('createEmbeddingsProvider', () => {
  it('answers null when no provider is configured', () => {
    expect(createEmbeddingsProvider(embeddings({}))).toBeNull();
  });

  it('builds the HTTP provider for EMBEDDINGS_URL, without the key in its description', () => {
    const p = createEmbeddingsProvider(
      embeddings({
        EMBEDDINGS_URL: 'https://bob:hunter2@api.example.com/v1/',
        EMBEDDINGS_MODEL: 'text-embedding-3-small',
        EMBEDDINGS_API_KEY: 'sk-very-secret',
      }),
    );
    expect(p).toBeInstanceOf(HttpEmbeddingsProvider);
    expect(p?.model).toBe('text-embedding-3-small');
    expect(p?.description).toBe(
      'OpenAI-compatible embeddings at https://api.example.com/v1 (model text-embedding-3-small)',
    );
  });

  it('builds the local provider for EMBEDDINGS_MODEL_PATH', () => {
    const p = createEmbeddingsProvider(embeddings({ EMBEDDINGS_MODEL_PATH: '/models/bge-small-en' }));
    expect(p).toBeInstanceOf(LocalOnnxEmbeddingsProvider);
    expect(p?.model).toBe('bge-small-en');
  });

  it('refuses a URL without a model when the config was not validated', () => {
    expect(() => createEmbeddingsProvider({ url: 'http://127.0.0.1:1/v1', batchSize: 1, timeoutMs: 100 })).toThrow(
      /EMBEDDINGS_MODEL/,
    );
  });
});
