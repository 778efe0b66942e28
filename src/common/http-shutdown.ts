import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { APP_CONFIG, AppConfig } from '../config/config';

/**
 * Nest runs shutdown hooks (which close the database) before it stops the HTTP server, so
 * in-flight requests would lose their database mid-way. Closing the server first lets them
 * finish: Fastify stops accepting, answers 503 to new requests and waits for running ones.
 *
 * Behind a load balancer that keeps connections alive, closing a kept-alive connection races
 * with the balancer sending a request on it, and a POST it already sent is not replayed (502).
 * With SHUTDOWN_DRAIN_MS the instance first drains: it keeps serving, every answer closes its
 * connection and /health/ready says 503, for longer than the balancer keeps an idle upstream
 * connection (deploy/nginx.conf: keepalive_timeout 4s, drain 5 s); only then does it close.
 */
const CLOSE_GRACE_MS = 1000;

@Injectable()
export class HttpShutdown implements BeforeApplicationShutdown {
  /** True from the stop signal on: answers carry `Connection: close`. */
  draining = false;

  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const adapter = this.host.httpAdapter;
    if (!adapter) return;
    this.draining = true;
    if (this.config.shutdownDrainMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.config.shutdownDrainMs));
    }
    const server = adapter.getHttpServer() as Server | undefined;
    // Keep-alive sockets turn idle as their last request ends; close them as they do, or the
    // server would wait for clients to hang up. Past the deadline, close everything.
    // After a drain, a connection the balancer opened just before the close may still carry a
    // request in transit: it gets a moment to arrive before idle connections are closed.
    let sweeper: NodeJS.Timeout | undefined;
    const grace = setTimeout(
      () => (sweeper = setInterval(() => server?.closeIdleConnections?.(), 50)),
      this.config.shutdownDrainMs > 0 ? CLOSE_GRACE_MS : 0,
    );
    const deadline = setTimeout(() => server?.closeAllConnections?.(), this.config.shutdownTimeoutMs);
    try {
      await adapter.close();
    } finally {
      clearTimeout(grace);
      clearInterval(sweeper);
      clearTimeout(deadline);
    }
  }
}
