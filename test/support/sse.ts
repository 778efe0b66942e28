import http from 'node:http';

/** One Server-Sent Events frame (a comment line is kept as `comment`). */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/**
 * A real HTTP reader of an event stream, for the suites: it parses frames as they come and lets
 * a spec wait for the ones it expects. `pause()` stops reading the socket (a slow consumer).
 */
export class SseReader {
  readonly frames: SseFrame[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  /** The JSON body of a refusal (any status but 200). */
  body = '';
  ended = false;
  private response?: http.IncomingMessage;
  private request?: http.ClientRequest;
  private buffer = '';
  private waiters: Array<() => void> = [];

  static open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    return new SseReader().connect(url, headers);
  }

  private connect(url: string, headers: Record<string, string>): Promise<SseReader> {
    return new Promise((resolve, reject) => {
      this.request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        this.response = res;
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (this.status !== 200) this.body += chunk;
          else this.feed(chunk);
        });
        const done = (): void => {
          this.ended = true;
          this.wake();
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
        if (this.status !== 200) res.on('end', () => resolve(this));
        else resolve(this);
      });
      this.request.on('error', (err) => {
        this.ended = true;
        this.wake();
        if (!this.response) reject(err);
      });
    });
  }

  /** The events so far (frames with an `event:`), parsed. */
  events(): Array<{ id?: string; type: string; data: Record<string, unknown> }> {
    return this.frames
      .filter((f) => f.event !== undefined)
      .map((f) => ({ id: f.id, type: f.event!, data: JSON.parse(f.data ?? 'null') as Record<string, unknown> }));
  }

  /** Waits until `ready()` holds (checked at every frame and at the end), or fails after `ms`. */
  async until(ready: (reader: SseReader) => boolean, ms = 5000, what = 'the expected frames'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ready(this)) {
      if (this.ended) throw new Error(`stream ended before ${what}; got ${JSON.stringify(this.frames)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the stream to end (server side), or fails after `ms`. */
  async ending(ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`stream still open after ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  pause(): void {
    this.response?.pause();
  }

  resume(): void {
    this.response?.resume();
  }

  close(): void {
    this.request?.destroy();
    this.ended = true;
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let at: number;
    while ((at = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      const frame: SseFrame = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comment = line.slice(1).trim();
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const field = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') frame.id = value;
        else if (field === 'event') frame.event = value;
        else if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
      }
      this.frames.push(frame);
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
