import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Words that should land together, as a real model would place them. */
const SYNONYMS: Record<string, string> = {
  car: 'vehicle',
  automobile: 'vehicle',
  truck: 'vehicle',
  doctor: 'physician',
  medic: 'physician',
  film: 'movie',
  buy: 'purchase',
  big: 'large',
  huge: 'large',
  puppy: 'dog',
};

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'to', 'in', 'is', 'are', 'for', 'on', 'with']);

/** FNV-1a: stable across runs and platforms, which is all a test vector needs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Lower-cased, accent-stripped words with synonyms folded, stop words and plural -s dropped. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .map((w) => SYNONYMS[w] ?? w);
}

/**
 * The embedding the server answers for a text: each word adds ±1 at two hashed positions of a
 * `dimensions`-long vector, which is then L2-normalised, so texts that share words (or
 * synonyms) have a high cosine similarity and unrelated ones a low one. A text without words
 * gets the vector of the empty word, never a zero vector.
 */
export function embedText(text: string, dimensions = 64): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const features = words(text);
  for (const word of features.length > 0 ? features : ['']) {
    for (const salt of ['a', 'b']) {
      const hash = fnv1a(`${salt}:${word}`);
      vector[hash % dimensions] += hash & 0x80000000 ? -1 : 1;
    }
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}

export interface EmbeddingsServerOptions {
  dimensions?: number;
  /** When set, a request without `Authorization: Bearer <apiKey>` gets 401. */
  apiKey?: string;
}

export interface RecordedRequest {
  path: string;
  authorization?: string;
  model?: unknown;
  encodingFormat?: unknown;
  /** The texts received (empty when the body was not a list of strings). */
  input: string[];
}

/**
 * A loopback stand-in for an OpenAI-compatible embeddings API (POST /v1/embeddings, the shape
 * OpenAI, Ollama, vLLM and text-embeddings-inference share): it answers deterministic vectors
 * from `embedText`, in reverse order of `index` so clients must sort, and can be told to fail,
 * go down, be slow or answer a given body. Every request that arrives is recorded, refused or
 * not, so a test can tell whether a call reached the network at all.
 */
export class EmbeddingsServer {
  readonly requests: RecordedRequest[] = [];
  private failures: number[] = [];
  private bodies: string[] = [];
  private down: false | 'status' | 'destroy' = false;
  private delayMs = 0;
  private dripMs = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: Server;

  constructor(private readonly options: EmbeddingsServerOptions = {}) {}

  /** Starts on 127.0.0.1 and a free port; `url` is the API base (ending in /v1). */
  async start(): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/v1`, close: () => this.close() };
  }

  /** The next `n` requests get `status` with an error body. */
  failNext(n: number, status = 500): void {
    this.failures.push(...new Array<number>(n).fill(status));
  }

  /** The next request gets this body (status 200, JSON content type) instead of embeddings. */
  answerNext(body: string): void {
    this.bodies.push(body);
  }

  /** Down: 503 to everything, or (`destroy`) every connection cut before an answer. */
  setDown(down: boolean, how: 'status' | 'destroy' = 'status'): void {
    this.down = down ? how : false;
  }

  /** Each answer waits this long first. */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** Stuck mid-answer: status and headers at once, then a space every `ms`, never the end. */
  setDrip(ms: number): void {
    this.dripMs = ms;
  }

  private async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = this.record(req, Buffer.concat(chunks).toString('utf8'));
      if (this.delayMs === 0) return this.answer(req, res, body);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.answer(req, res, body);
      }, this.delayMs);
      this.timers.add(timer);
    });
  }

  /** Logs the request on arrival, before any delay, failure or refusal. */
  private record(req: IncomingMessage, raw: string): RecordedRequest {
    let body: { model?: unknown; input?: unknown; encoding_format?: unknown } = {};
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      // recorded with no input, and refused as a bad request
    }
    const input = Array.isArray(body.input) && body.input.every((t) => typeof t === 'string') ? body.input : [];
    const recorded = {
      path: req.url ?? '',
      authorization: req.headers.authorization,
      model: body.model,
      encodingFormat: body.encoding_format,
      input,
    };
    this.requests.push(recorded);
    return recorded;
  }

  private answer(req: IncomingMessage, res: ServerResponse, request: RecordedRequest): void {
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (this.down === 'destroy') return void req.socket.destroy();
    if (this.down === 'status') return send(503, { error: { message: 'service unavailable' } });
    if (this.dripMs > 0) return this.drip(res);
    const failure = this.failures.shift();
    if (failure !== undefined && failure >= 300 && failure < 400) {
      // Pointing back at the same route, so a client that follows it would succeed.
      return void res.writeHead(failure, { location: '/v1/embeddings' }).end();
    }
    if (failure !== undefined) return send(failure, { error: { message: `failing with ${failure}` } });
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') return send(404, { error: { message: 'not found' } });
    if (this.options.apiKey && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return send(401, { error: { message: 'invalid api key' } });
    }
    const canned = this.bodies.shift();
    if (canned !== undefined) return void res.writeHead(200, { 'content-type': 'application/json' }).end(canned);
    if (typeof request.model !== 'string' || request.input.length === 0) {
      return send(400, { error: { message: 'model and a non-empty input list are required' } });
    }
    const data = request.input.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: embedText(text, this.options.dimensions),
    }));
    send(200, {
      object: 'list',
      model: request.model,
      data: data.reverse(),
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  }

  private drip(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(' '), this.dripMs);
    this.timers.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      this.timers.delete(timer);
    });
  }
}
