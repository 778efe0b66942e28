import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver answers a request with: a status, or a redirect, or nothing at all (hang). */
export type Answer = number | { redirect: string } | 'hang' | { status: number; bodyBytes: number };

/**
 * A real HTTP receiver of webhook deliveries on loopback: it records each request and answers
 * from a script (then `fallback`), so a spec can make it fail, redirect or hang.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  script: Answer[] = [];
  fallback: Answer = 200;
  private server?: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body, at: Date.now() });
        const answer = this.script.length > 0 ? this.script.shift()! : this.fallback;
        if (answer === 'hang') {
          this.hanging.add(res);
          return;
        }
        if (typeof answer === 'number') {
          res.writeHead(answer, { 'content-type': 'text/plain' }).end(String(answer));
        } else if ('redirect' in answer) {
          res.writeHead(302, { location: answer.redirect }).end();
        } else {
          res.writeHead(answer.status, { 'content-type': 'application/octet-stream' });
          res.end(Buffer.alloc(answer.bodyBytes, 97));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The JSON bodies received so far. */
  bodies(): Array<Record<string, unknown>> {
    return this.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
