import cors from '@fastify/cors';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import formBody from '@fastify/formbody';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { assertSafeInput } from './common/body-guard';
import { renderError } from './common/error-mapping';
import { parseQueryString } from './common/strict-querystring';
import { AppError } from './common/errors';
import { HttpShutdown } from './common/http-shutdown';
import { mediaTypeOf } from './common/media-type';
import { buildSecurityHeaders, registerSecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { API_VERSION } from './info.controller';
import { genRequestId } from './logging';
import { MetricsService } from './metrics/metrics.service';
import { MARKDOWN, MARKDOWN_ROUTES, registerMarkdownBody } from './page-transfer/markdown-body';

function setUpSwagger(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ocean API')
      .setDescription(
        'Pages, blocks, links, tags and search for a Notion-like workspace. Every error answers ' +
          '`{detail, error_code}`; ids of another organization answer 404.',
      )
      .setVersion(API_VERSION)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/**
 * Without CORS_ORIGINS a development instance accepts a frontend served from this machine on any
 * port (Vite :5173, Next :3000); exact origins only, so http://localhost.evil.com is refused.
 */
const DEV_CORS_ORIGINS = [/^http:\/\/localhost(?::\d{1,5})?$/, /^http:\/\/127\.0\.0\.1(?::\d{1,5})?$/];

type CorsOrigin = true | (string | RegExp)[] | undefined;

function corsOrigin(config: AppConfig): CorsOrigin {
  if (config.corsOrigins.length > 0) return config.corsOrigins.includes('*') ? true : config.corsOrigins;
  return config.env === 'development' ? DEV_CORS_ORIGINS : undefined;
}

const FORM = 'application/x-www-form-urlencoded';
const FORM_ROUTES = new Set(['/v1/auth/login', '/api/v1/auth/login']);

/** Builds the whole application, ready to listen (main.ts) or to take `inject()`ed requests (tests). */
export async function createApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const securityHeaders = buildSecurityHeaders(config.identity.publicUrl);
  // Set once the application exists; the router's own errors (below) answer before it does.
  const running: { shutdown?: HttpShutdown } = {};
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: genRequestId,
    // Off by default: believing X-Forwarded-For from anyone would let a client pick its own IP.
    trustProxy: config.trustProxy,
    // Without a drain, a request on a kept-alive connection while closing gets a prompt 503. With
    // one, requests on the connections still open after the listener closed are served (each
    // answer closes its connection): see HttpShutdown.
    return503OnClosing: config.shutdownDrainMs === 0,
    routerOptions: { querystringParser: parseQueryString },
    // JSON.parse keeps such keys as plain own properties; assertSafeBody then refuses them by name.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    // The router refuses some URLs (bad percent-encoding, over-long ids) before Nest runs.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const rendered = renderError(error);
      // No hook runs for these answers: they get the security headers here.
      void reply
        .status(rendered.status)
        .headers({ ...securityHeaders.api, ...rendered.headers, 'x-request-id': request.id })
        .headers(running.shutdown?.closing ? { connection: 'close' } : {})
        .send(rendered.body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.logDestination),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
      // Fastify's JSON parser only; the form parser is registered below for the login route.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  const logger = app.get(Logger);
  for (const warning of config.warnings) logger.warn(warning, 'Config');

  const fastify = app.getHttpAdapter().getInstance();
  // Before any route exists: the per-route header sets are chosen as routes are registered.
  registerSecurityHeaders(fastify, securityHeaders);
  // JSON only: text/plain bodies would otherwise reach handlers as strings.
  fastify.removeContentTypeParser(['text/plain', 'application/json']);
  // An empty body sent as application/json is no body (the AINative CLI posts its logout so):
  // a route that needs one still answers 400 from validation.
  const json = fastify.getDefaultJsonParser('ignore', 'ignore');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else void json(request, body as string, done);
  });
  const stopping = app.get(HttpShutdown);
  running.shutdown = stopping;
  // When the answer goes out, not when the request came in: a request that began before the
  // listener closed and ends after must close its connection too.
  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
    void reply.header('x-request-id', request.id);
    // Closing before a stop: the client (a load balancer) opens a new connection, elsewhere.
    if (stopping.closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  await app.register(formBody, { bodyLimit: config.bodyLimitBytes, parser: parseQueryString });
  registerMarkdownBody(fastify, config.bodyLimitBytes);
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    try {
      // Form bodies exist for the OAuth2 password grant only; everywhere else the API is JSON.
      // Media types are case-insensitive (RFC 9110 8.3.1), as Fastify's parser lookup is.
      const type = mediaTypeOf(request.headers['content-type']);
      const route = request.routeOptions?.url ?? '';
      if ((type === FORM && !FORM_ROUTES.has(route)) || (type === MARKDOWN && !MARKDOWN_ROUTES.has(route))) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      }
      assertSafeInput(request.query, 'query string');
      assertSafeInput(request.body, 'request body');
      done();
    } catch (err) {
      done(err as Error);
    }
  });

  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // The route template, not the URL, keeps label cardinality bounded.
    metrics.observe(
      request.method,
      request.routeOptions?.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  // Without allowed origins there is nothing to answer a browser's preflight with.
  const origin = corsOrigin(config);
  if (origin !== undefined) {
    if (origin === DEV_CORS_ORIGINS) {
      logger.log(
        'CORS_ORIGINS is not set: allowing http://localhost:<port> and http://127.0.0.1:<port> (development default)',
        'Cors',
      );
    }
    // @fastify/cors would answer a malformed preflight with a plain-text 400.
    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      if (
        request.method === 'OPTIONS' &&
        (!request.headers.origin || !request.headers['access-control-request-method'])
      ) {
        const rendered = renderError(new AppError('INVALID_PREFLIGHT'));
        void reply.status(rendered.status).send(rendered.body);
        return;
      }
      done();
    });
    await app.register(cors, {
      origin,
      strictPreflight: false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'x-request-id', 'if-match'],
      exposedHeaders: ['x-request-id', 'retry-after', 'etag', 'www-authenticate'],
      maxAge: 600,
    });
  }

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // The signals that stop a server; not Nest's whole list, which also takes SIGUSR2 (heap snapshots,
  // the cluster suite's GC hook) and faults such as SIGSEGV as a reason for a graceful stop.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP']);
  if (config.docsEnabled) setUpSwagger(app);
  try {
    await app.init();
  } catch (err) {
    // A start refused by a bootstrap hook (e.g. a weak ADMIN_PASSWORD) must not leave the
    // database pool and listeners of a half-started application behind.
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}
