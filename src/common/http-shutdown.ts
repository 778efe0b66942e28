import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { APP_CONFIG, AppConfig } from '../config/config';

/**
 * Nest runs shutdown hooks (which close the database) before it stops the HTTP server, so
 * in-flight requests would lose their database mid-way. Closing the server first lets them
 * finish: Fastify stops accepting, answers 503 to new requests and waits for running ones.
 */
@Injectable()
export class HttpShutdown implements BeforeApplicationShutdown {
  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const adapter = this.host.httpAdapter;
    if (!adapter) return;
    const server = adapter.getHttpServer() as Server | undefined;
    // Keep-alive sockets turn idle as their last request ends; close them as they do, or the
    // server would wait for clients to hang up. Past the deadline, close everything.
    const sweeper = setInterval(() => server?.closeIdleConnections?.(), 50);
    const deadline = setTimeout(() => server?.closeAllConnections?.(), this.config.shutdownTimeoutMs);
    try {
      await adapter.close();
    } finally {
      clearInterval(sweeper);
      clearTimeout(deadline);
    }
  }
}
