import { basename, dirname, resolve } from 'node:path';
import { EmbeddingsRejectedError, EmbeddingsUnavailableError } from './embeddings-errors';
import type { EmbeddingsProvider } from './embeddings-provider';
import { clip } from './http-embeddings.provider';

/** An optional dependency, so its name is kept out of the type checker's and bundler's sight. */
const PACKAGE = '@huggingface/transformers';

/** The little of @huggingface/transformers used here. */
interface Transformers {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(task: 'feature-extraction', model: string, options: { local_files_only: boolean }): Promise<Extractor>;
}
type Extractor = (
  texts: string[],
  options: { pooling: 'mean'; normalize: boolean },
) => Promise<{ data: Float32Array; dims: number[] }>;

export interface LocalOnnxConfig {
  /** A directory holding a sentence-embedding model in ONNX form (config.json, tokenizer, onnx/). */
  modelPath: string;
  model?: string;
  batchSize: number;
}

const isMissing = (err: unknown): boolean => {
  const e = err as { code?: unknown; message?: unknown } | null;
  return (
    (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') &&
    typeof e.message === 'string' &&
    e.message.includes(PACKAGE)
  );
};

/**
 * A sentence-embedding model run in-process with ONNX Runtime, for installations without an
 * embeddings service. The package is optional and heavy, so it is loaded on first use; it is
 * told never to download (the model must be on disk). Mean pooling and L2 normalisation make
 * the vectors comparable by cosine, as sentence-transformers models expect. A failed load is
 * remembered: fix the package or the model, then restart.
 */
export class LocalOnnxEmbeddingsProvider implements EmbeddingsProvider {
  readonly model: string;
  readonly description: string;
  private loading?: Promise<Extractor>;
  private failed = false;

  constructor(
    private readonly config: LocalOnnxConfig,
    /** Injectable so a test can stand in for the package. */
    private readonly importer: () => Promise<unknown> = () => import(PACKAGE),
  ) {
    this.model = config.model ?? basename(resolve(config.modelPath));
    this.description = `local ONNX model at ${resolve(config.modelPath)}`;
  }

  isAvailable(): boolean {
    return !this.failed;
  }

  /** Loads the model now, e.g. at start-up so a bad installation shows at once. */
  async load(): Promise<void> {
    await this.extractor();
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const extractor = await this.extractor();
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.config.batchSize) {
      signal?.throwIfAborted();
      const batch = texts.slice(start, start + this.config.batchSize).map(clip);
      const output = await extractor(batch, { pooling: 'mean', normalize: true });
      const [rows, dims] = output.dims;
      if (rows !== batch.length || !(dims > 0))
        throw new EmbeddingsRejectedError('the local model answered no vectors');
      for (let row = 0; row < rows; row++) vectors.push(output.data.slice(row * dims, (row + 1) * dims));
    }
    return vectors;
  }

  private extractor(): Promise<Extractor> {
    this.loading ??= this.loadModel().catch((err: unknown) => {
      this.failed = true;
      throw err;
    });
    return this.loading;
  }

  private async loadModel(): Promise<Extractor> {
    let transformers: Transformers;
    try {
      transformers = (await this.importer()) as Transformers;
    } catch (err) {
      if (isMissing(err)) {
        throw new EmbeddingsUnavailableError(
          `EMBEDDINGS_MODEL_PATH needs the optional package ${PACKAGE}: run \`npm install ${PACKAGE}\` and restart`,
        );
      }
      throw new EmbeddingsUnavailableError(`${PACKAGE} could not be loaded: ${(err as Error).message}`);
    }
    const path = resolve(this.config.modelPath);
    transformers.env.allowRemoteModels = false;
    transformers.env.allowLocalModels = true;
    // The library joins localModelPath and the model id, so the id is the directory's name.
    transformers.env.localModelPath = dirname(path);
    try {
      return await transformers.pipeline('feature-extraction', basename(path), { local_files_only: true });
    } catch (err) {
      throw new EmbeddingsUnavailableError(`the local model at ${path} could not be loaded: ${(err as Error).message}`);
    }
  }
}
