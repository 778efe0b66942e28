import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import Fastify, { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from '../common/error-mapping';
import { AppError } from '../common/errors';
import { buildSecurityHeaders, registerSecurityHeaders } from '../common/security-headers';
import { APP_CONFIG, AppConfig } from '../config/config';
import { genRequestId } from '../logging';
import { MetricsAuth } from './metrics-auth';
import { METRICS_CONTENT_TYPE } from './metrics.controller';
import { MetricsService } from './metrics.service';

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const rendered = renderError(error);
  void reply
    .status(rendered.status)
    .headers({ ...rendered.headers, 'x-request-id': request.id })
    .send(rendered.body);
}

/**
 * METRICS_PORT: /metrics on a listener of its own (same host as the app), so that it can be
 * firewalled apart from the API. It starts with the application and closes on shutdown.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: FastifyInstance;

  constructor(
    private readonly metrics: MetricsService,
    private readonly auth: MetricsAuth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The bound port (METRICS_PORT once listening). */
  get port(): number | undefined {
    const address = this.server?.server.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    const headers = buildSecurityHeaders(this.config.identity.publicUrl);
    const server = Fastify({
      genReqId: genRequestId,
      return503OnClosing: true,
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
        void reply.headers(headers.api);
        sendError(error, request, reply);
      },
    });
    registerSecurityHeaders(server, headers);
    server.addHook('onRequest', (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      done();
    });
    server.setNotFoundHandler((request, reply) => sendError(new AppError('ROUTE_NOT_FOUND'), request, reply));
    server.setErrorHandler((error, request, reply) => sendError(error, request, reply));
    server.get('/metrics', async (request, reply) => {
      this.auth.check(request.headers.authorization);
      void reply.type(METRICS_CONTENT_TYPE);
      return this.metrics.registry.metrics();
    });
    await server.listen({ port: this.config.metrics.port, host: this.config.host });
    this.server = server;
    this.logger.log(`metrics listening on http://${this.config.host}:${this.port}/metrics`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }
}
