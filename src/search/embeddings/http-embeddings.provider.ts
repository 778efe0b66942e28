import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { CircuitBreaker } from './circuit-breaker';
import { EmbeddingsError, EmbeddingsRejectedError, EmbeddingsUnavailableError } from './embeddings-errors';
import type { EmbeddingsLogger, EmbeddingsProvider } from './embeddings-provider';

/**
 * Longest text sent, in UTF-16 units. A text past a model's context makes OpenAI (8192 tokens),
 * vLLM and text-embeddings-inference refuse the whole batch with a 400, so one runaway page
 * would fail its neighbours on every retry; 8000 characters (about 2000 English tokens) is
 * more than a single vector represents well anyway, and splitting long pages is the indexer's
 * job. Models with short contexts (512 tokens) still need the server to truncate (Ollama does;
 * text-embeddings-inference with --auto-truncate).
 */
export const MAX_TEXT_CHARS = 8000;
/** Bounds the answer we buffer and parse: 32 texts of 3072 floats are about 2 MB of JSON. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
const FAILURES_TO_OPEN = 5;
const OPEN_MS = 30_000;
const MAX_OPEN_MS = 5 * 60_000;

export interface HttpEmbeddingsConfig {
  /** API base without a trailing slash, e.g. https://api.openai.com/v1 or http://ollama:11434/v1. */
  url: string;
  model: string;
  apiKey?: string;
  batchSize: number;
  timeoutMs: number;
}

export interface HttpEmbeddingsOptions {
  logger?: EmbeddingsLogger;
  /** The breaker's clock, injectable for tests. */
  now?: () => number;
}

/** Cuts a text to MAX_TEXT_CHARS without leaving half of a surrogate pair at the end. */
export function clip(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  const end = /[\uD800-\uDBFF]/.test(text[MAX_TEXT_CHARS - 1]) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
  return text.slice(0, end);
}

/** The URL as it may appear in a log: no user, password, query or fragment. */
function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

const notEmbeddings = (reason: string): EmbeddingsRejectedError =>
  new EmbeddingsRejectedError(`the embeddings service answered something that is not embeddings: ${reason}`);

/** `{data: [{index, embedding}]}`, the shape every OpenAI-compatible server answers, in text order. */
export function parseEmbeddings(raw: string, count: number): Float32Array[] {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw notEmbeddings('not JSON');
  }
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw notEmbeddings('no data list');
  if (data.length !== count) throw notEmbeddings(`${data.length} embeddings for ${count} texts`);
  const vectors = new Array<Float32Array | undefined>(count);
  for (const item of data as Array<{ index?: unknown; embedding?: unknown } | null>) {
    const index = item?.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count || vectors[index]) {
      throw notEmbeddings('an index is missing, out of range or repeated');
    }
    vectors[index] = toVector(item?.embedding);
  }
  const result = vectors as Float32Array[];
  if (result.some((v) => v.length !== result[0].length)) throw notEmbeddings('embeddings of different lengths');
  return result;
}

function toVector(embedding: unknown): Float32Array {
  if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((v) => typeof v === 'number')) {
    throw notEmbeddings('an embedding is not a non-empty list of numbers');
  }
  const vector = Float32Array.from(embedding);
  // Also catches numbers too large for 32 bits, which become Infinity here.
  if (!vector.every(Number.isFinite)) throw notEmbeddings('an embedding has a value that is not a finite number');
  return vector;
}

/** A status is worth retrying when the service is overloaded or failing, not when it refuses. */
const retryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;

function refusal(status: number): EmbeddingsRejectedError {
  const hint =
    status === 401 || status === 403
      ? '; check EMBEDDINGS_API_KEY'
      : status === 404
        ? '; check EMBEDDINGS_URL (the API base, e.g. https://api.openai.com/v1) and EMBEDDINGS_MODEL'
        : status < 400
          ? '; redirects are not followed, set EMBEDDINGS_URL to the final address'
          : status === 400 || status === 413 || status === 422
            ? '; a text may be too long for the model'
            : '';
  return new EmbeddingsRejectedError(`the embeddings service refused the request (${status})${hint}`, { status });
}

/**
 * Our own error for a failed request. The axios error is not kept, not even as a cause: it
 * carries the request's headers (the API key) and body (the texts). Only its code, a bare
 * identifier such as ECONNREFUSED, is.
 */
function requestFailure(err: unknown, timeoutMs: number, timedOut: boolean): EmbeddingsError {
  const raw = (err as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' && /^[A-Z_]{1,40}$/.test(raw) ? raw : undefined;
  if (timedOut || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new EmbeddingsUnavailableError(`the embeddings service did not answer within ${timeoutMs} ms`, {
      code: 'ETIMEDOUT',
    });
  }
  if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test((err as Error).message)) {
    return new EmbeddingsRejectedError(
      `the embeddings service answered more than ${MAX_ANSWER_BYTES} bytes; lower EMBEDDINGS_BATCH_SIZE`,
      { code },
    );
  }
  return new EmbeddingsUnavailableError(`the embeddings service is unreachable (${code ?? 'network error'})`, { code });
}

/**
 * An OpenAI-compatible embeddings API (OpenAI, Ollama's /v1, vLLM, text-embeddings-inference):
 * texts go in batches of `batchSize`, one request after the other, each with its own deadline
 * and no retries (the indexing job retries, later). Redirects are not followed, so the key is
 * never sent to another host, and the answer is size-capped. After 5 failures in a row a
 * circuit breaker answers at once for 30 s (doubling up to 5 min while trials fail), so search
 * degrades to keywords without waiting on a dead service.
 */
export class HttpEmbeddingsProvider implements EmbeddingsProvider {
  readonly model: string;
  readonly description: string;
  private readonly http: AxiosInstance;
  private readonly breaker: CircuitBreaker;
  private readonly logger?: EmbeddingsLogger;

  constructor(
    private readonly config: HttpEmbeddingsConfig,
    options: HttpEmbeddingsOptions = {},
  ) {
    this.model = config.model;
    this.description = `OpenAI-compatible embeddings at ${displayUrl(config.url)} (model ${config.model})`;
    this.logger = options.logger;
    this.breaker = new CircuitBreaker({
      failuresToOpen: FAILURES_TO_OPEN,
      openMs: OPEN_MS,
      maxOpenMs: MAX_OPEN_MS,
      now: options.now,
    });
    this.http = axios.create({
      timeout: config.timeoutMs,
      maxRedirects: 0,
      maxContentLength: MAX_ANSWER_BYTES,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      headers: {
        'content-type': 'application/json',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
    });
  }

  isAvailable(): boolean {
    return this.breaker.canAttempt();
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.config.batchSize) {
      const batch = await this.embedBatch(texts.slice(start, start + this.config.batchSize), signal);
      if (vectors.length > 0 && batch[0].length !== vectors[0].length) {
        throw notEmbeddings('embeddings of different lengths');
      }
      vectors.push(...batch);
    }
    return vectors;
  }

  private async embedBatch(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    if (!this.breaker.tryAcquire()) {
      throw new EmbeddingsUnavailableError('the embeddings service keeps failing; calls are held off for a while');
    }
    // axios's timeout restarts with every byte received; this deadline covers the whole request.
    const deadline = AbortSignal.timeout(this.config.timeoutMs);
    let response: AxiosResponse<string>;
    try {
      response = await this.http.post<string>(
        `${this.config.url}/embeddings`,
        JSON.stringify({ model: this.config.model, input: texts.map(clip), encoding_format: 'float' }),
        { signal: signal ? AbortSignal.any([signal, deadline]) : deadline },
      );
    } catch (err) {
      if (signal?.aborted) {
        this.breaker.release();
        throw signal.reason;
      }
      throw this.failed(requestFailure(err, this.config.timeoutMs, deadline.aborted));
    }
    const { status } = response;
    if (retryableStatus(status)) {
      throw this.failed(new EmbeddingsUnavailableError(`the embeddings service answered ${status}`, { status }));
    }
    this.succeeded();
    if (status < 200 || status >= 300) throw refusal(status);
    return parseEmbeddings(response.data, texts.length);
  }

  /** Counts a failure against the breaker (a rejection means the service is up). */
  private failed(error: EmbeddingsError): EmbeddingsError {
    if (!error.retryable) {
      this.succeeded();
      return error;
    }
    if (this.breaker.recordFailure()) {
      this.logger?.warn(
        { event: 'embeddings_unavailable', provider: this.description, reason: error.message },
        'embeddings provider failing; holding calls off',
      );
    }
    return error;
  }

  private succeeded(): void {
    const recovering = this.breaker.state !== 'closed';
    this.breaker.recordSuccess();
    if (recovering) this.logger?.log({ event: 'embeddings_recovered', provider: this.description });
  }
}
