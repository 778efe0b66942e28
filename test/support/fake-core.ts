import { jwtVerify } from 'jose';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_SECRET } from './app';

export type CoreMode = 'ok' | 'slow' | 'error' | 'malformed' | 'no-id';

/**
 * A loopback stand-in for the existing core auth service: GET /v1/auth/me verifies the bearer
 * JWT with the shared secret and answers `{id, email, role}` — no organization_id, as the
 * old core does — or misbehaves as `mode` says.
 */
export class FakeCore {
  mode: CoreMode = 'ok';
  calls = 0;
  slowMs = 1000;
  /** Extra fields to answer with (organization_id, roles, scopes...). */
  extra: Record<string, unknown> = {};
  /** API keys the core knows, with the /me answer for each. */
  readonly apiKeys = new Map<string, Record<string, unknown>>();
  private server?: Server;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url === '/health') return void res.writeHead(200).end('{"status":"ok"}');
    if (req.url !== '/v1/auth/me') return void res.writeHead(404).end();
    this.calls++;
    const send = (status: number, body: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    };
    switch (this.mode) {
      case 'slow':
        await new Promise((r) => setTimeout(r, this.slowMs));
        return send(200, '{"id":"late"}');
      case 'error':
        return send(500, '{"detail":"boom"}');
      case 'malformed':
        return send(200, '{"id": "half');
      case 'no-id':
        return send(200, '{"email":"x@example.com"}');
      case 'ok':
        break;
    }
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const key = token ? this.apiKeys.get(token) : undefined;
    if (key) return send(200, JSON.stringify(key));
    try {
      const { payload } = await jwtVerify(token ?? '', new TextEncoder().encode(TEST_SECRET), {
        algorithms: ['HS256'],
        clockTolerance: 30,
        requiredClaims: ['sub', 'exp'],
      });
      send(200, JSON.stringify({ id: payload.sub, email: payload.email, role: payload.role, ...this.extra }));
    } catch {
      send(401, '{"detail":"Could not validate credentials"}');
    }
  }
}
