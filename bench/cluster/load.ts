/** HTTP calls with their outcome and latency recorded, and a constant load of mixed requests. */

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Sample {
  at: number;
  method: Method;
  path: string;
  status: number;
  ms: number;
  errorCode?: string;
  /** A transport failure or a client timeout (status 0). */
  failure?: string;
}

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
  ms: number;
}

export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The instances' own origins. What the suite sends an instance directly (not through nginx)
 * closes its connection: an idle connection of the suite's would hold a stopping instance in
 * its close phase for its whole SHUTDOWN_DRAIN_MS (nginx's idle ones go after 4 s).
 */
export const directOrigins = new Set<string>();

export class Recorder {
  readonly samples: Sample[] = [];

  async call(
    base: string,
    method: Method,
    path: string,
    options: { token?: string; apiKey?: string; body?: unknown } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (directOrigins.has(base)) headers.connection = 'close';
    const started = performance.now();
    const at = Date.now();
    try {
      const response = await fetch(base + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      const errorCode =
        response.status >= 400 && body && typeof body === 'object'
          ? (body as { error_code?: string }).error_code
          : undefined;
      this.samples.push({ at, method, path: shape(path), status: response.status, ms, errorCode });
      return { status: response.status, body, headers: response.headers, ms };
    } catch (err) {
      const ms = performance.now() - started;
      const failure = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.samples.push({ at, method, path: shape(path), status: 0, ms, failure });
      return { status: 0, body: undefined, headers: new Headers(), ms };
    }
  }
}

/** A path with its ids replaced, for grouping. */
const shape = (path: string): string =>
  path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id').replace(/\?.*$/, '');

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface LoadUser {
  token: string;
  /** When set, the load sends this API key instead of the token (never cached: a strategy runs each time). */
  apiKey?: string;
  /** A page of this user's that the load reads and writes blocks on. */
  pageId: string;
}

/** What a load run wrote and had acknowledged (2xx): the ids, to look every one up afterwards. */
export interface Acked {
  blocks: { id: string; token: string }[];
}

/**
 * `connections` loops of mixed requests through `base` until `stop()`: 50% GET a page, 20% list
 * pages, 10% list blocks, 20% POST a block (its id recorded when acknowledged).
 */
export class Load {
  private running = true;
  private loops: Promise<void>[] = [];
  readonly acked: Acked = { blocks: [] };
  private seq = 0;

  constructor(
    private readonly recorder: Recorder,
    private readonly base: string,
    private readonly users: LoadUser[],
    private readonly connections: number,
    /** Pause between two requests of one loop (0: back to back). */
    private readonly pauseMs = 0,
  ) {}

  start(): void {
    for (let i = 0; i < this.connections; i++) this.loops.push(this.loop(i));
  }

  private async loop(i: number): Promise<void> {
    const user = this.users[i % this.users.length];
    const as = user.apiKey ? { apiKey: user.apiKey } : { token: user.token };
    while (this.running) {
      const r = Math.random();
      if (r < 0.5) {
        await this.recorder.call(this.base, 'GET', `/api/v1/ocean/pages/${user.pageId}`, as);
      } else if (r < 0.7) {
        await this.recorder.call(this.base, 'GET', '/api/v1/ocean/pages?limit=20', as);
      } else if (r < 0.8) {
        await this.recorder.call(this.base, 'GET', `/api/v1/ocean/blocks?page_id=${user.pageId}&limit=20`, as);
      } else {
        const n = ++this.seq;
        const a = await this.recorder.call(this.base, 'POST', `/api/v1/ocean/blocks?page_id=${user.pageId}`, {
          ...as,
          body: { block_type: 'text', content: { text: `load ${n}` } },
        });
        if (a.status === 201)
          this.acked.blocks.push({ id: (a.body as { block_id: string }).block_id, token: user.token });
      }
      if (this.pauseMs > 0) await new Promise((res) => setTimeout(res, this.pauseMs));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}
