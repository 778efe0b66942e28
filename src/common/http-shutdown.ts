import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import { APP_CONFIG, AppConfig } from '../config/config';

/**
 * Nest runs shutdown hooks (which close the database) before it stops the HTTP server, so
 * in-flight requests would lose their database mid-way. Closing the server first lets them
 * finish: Fastify stops accepting, answers 503 to new requests and waits for running ones.
 *
 * Behind a load balancer that keeps connections alive, the instance must never close a
 * kept-alive connection itself: that races with the balancer sending a request on it, and a POST
 * it already sent is not replayed (502). With SHUTDOWN_DRAIN_MS a stop has two phases:
 *
 * 1. **Drain** (`draining`): for SHUTDOWN_DRAIN_MS the instance serves as usual and
 *    /health/ready says 503, so balancers that probe (an orchestrator) take it out first.
 *    Connections stay alive: closing them here would make the balancer open new ones to this
 *    instance at a high rate, and one of those can be in the listen queue at the close.
 * 2. **Close** (`closing`): it stops accepting (a balancer's connect() is refused, which nginx
 *    retries elsewhere, POSTs too, since nothing was sent), answers every request with
 *    `Connection: close`, and leaves idle connections to their clients, which close them (nginx
 *    after its upstream keepalive_timeout, 4 s in deploy/nginx.conf), for up to
 *    SHUTDOWN_DRAIN_MS more. Only then are idle ones closed, and past SHUTDOWN_TIMEOUT_MS all.
 */
@Injectable()
export class HttpShutdown implements BeforeApplicationShutdown {
  /** True from the stop signal on: /health/ready answers 503. */
  draining = false;
  /** True once the listener is closed: answers carry `Connection: close`. */
  closing = false;
  private readonly closingListeners = new Set<() => void>();

  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Calls `listener` when the close phase starts (before in-flight requests are waited for):
   * long-lived answers (event streams) end then, and their clients resume on another instance.
   */
  whenClosing(listener: () => void): () => void {
    this.closingListeners.add(listener);
    return () => this.closingListeners.delete(listener);
  }

  private startClosing(): void {
    if (this.closing) return;
    this.closing = true;
    for (const listener of this.closingListeners) listener();
  }

  async beforeApplicationShutdown(): Promise<void> {
    const adapter = this.host.httpAdapter;
    if (!adapter) return;
    const server = adapter.getHttpServer() as Server | undefined;
    const drainMs = this.config.shutdownDrainMs;
    this.draining = true;
    const deadline = setTimeout(
      () => server?.closeAllConnections?.(),
      drainMs > 0 ? 2 * drainMs + this.config.shutdownTimeoutMs : this.config.shutdownTimeoutMs,
    );
    let sweeper: NodeJS.Timeout | undefined;
    let closed = false;
    try {
      if (drainMs > 0 && server?.listening) {
        await sleep(drainMs);
        this.startClosing();
        // net's close, not http's: since Node 19 http.Server#close also closes idle kept-alive
        // connections at once, the very race the drain exists to avoid.
        const ended = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)))]);
        clearTimeout(timer);
      }
      this.startClosing();
      // Keep-alive sockets turn idle as their last request ends; close them as they do, or the
      // server would wait for clients to hang up. Past the deadline, close everything.
      sweeper = setInterval(() => server?.closeIdleConnections?.(), 50);
      await adapter.close();
      closed = true;
    } finally {
      clearInterval(sweeper);
      // A close that failed keeps its deadline (unref'd: it does not hold the process up).
      if (closed) clearTimeout(deadline);
      else deadline.unref();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
