import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EmbeddingsUnavailableError } from './embeddings-errors';
import { LocalOnnxEmbeddingsProvider } from './local-onnx.provider';

const installed = (() => {
  try {
    createRequire(__filename).resolve('@huggingface/transformers');
    return true;
  } catch {
    return false;
  }
})();

const config = { modelPath: '/models/all-MiniLM-L6-v2', batchSize: 8 };

describe('LocalOnnxEmbeddingsProvider', () => {
  it('names the model after its directory and describes where it is', () => {
    const p = new LocalOnnxEmbeddingsProvider(config);
    expect(p.model).toBe('all-MiniLM-L6-v2');
    expect(p.description).toBe('local ONNX model at /models/all-MiniLM-L6-v2');
    expect(p.isAvailable()).toBe(true);
  });

  it.skipIf(installed)('without @huggingface/transformers, tells the operator what to install', async () => {
    const p = new LocalOnnxEmbeddingsProvider(config);
    const err = await p.embed(['hello']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingsUnavailableError);
    expect((err as Error).message).toContain('npm install @huggingface/transformers');
    expect(p.isAvailable()).toBe(false);
    await expect(p.load()).rejects.toBe(err);
  });

  it('reports any other load failure as it is', async () => {
    const p = new LocalOnnxEmbeddingsProvider(config, () => Promise.reject(new Error('libonnxruntime.so: bad ELF')));
    await expect(p.load()).rejects.toThrow(/could not be loaded: libonnxruntime.so: bad ELF/);
    expect(p.isAvailable()).toBe(false);
  });

  it('loads the model from disk only, and answers one mean-pooled, normalised vector per text', async () => {
    const seen: unknown[] = [];
    const env = { allowRemoteModels: true, allowLocalModels: false, localModelPath: '/models/' };
    const fake = {
      env,
      pipeline: (task: string, model: string, options: unknown) => {
        seen.push({ task, model, options, env: { ...env } });
        return Promise.resolve((texts: string[], opts: unknown) => {
          seen.push(opts);
          const data = new Float32Array(texts.length * 2).map((_, i) => i);
          return Promise.resolve({ data, dims: [texts.length, 2] });
        });
      },
    };
    const p = new LocalOnnxEmbeddingsProvider({ ...config, batchSize: 2 }, () => Promise.resolve(fake));
    const vectors = await p.embed(['a', 'b', 'c']);
    expect(vectors.map((v) => Array.from(v))).toEqual([
      [0, 1],
      [2, 3],
      [0, 1],
    ]);
    expect(seen[0]).toEqual({
      task: 'feature-extraction',
      model: 'all-MiniLM-L6-v2',
      options: { local_files_only: true },
      env: { allowRemoteModels: false, allowLocalModels: true, localModelPath: '/models' },
    });
    expect(seen[1]).toEqual({ pooling: 'mean', normalize: true });
  });
});
