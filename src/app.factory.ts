import cors from '@fastify/cors';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { assertSafeBody } from './common/body-guard';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { API_VERSION } from './info.controller';
import { genRequestId } from './logging';
import { MetricsService } from './metrics/metrics.service';

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

/** Builds the whole application, ready to listen (main.ts) or to take `inject()`ed requests (tests). */
export async function createApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: genRequestId,
    trustProxy: true,
    return503OnClosing: true,
    // JSON.parse keeps such keys as plain own properties; assertSafeBody then refuses them by name.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.logDestination),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  const logger = app.get(Logger);
  for (const warning of config.warnings) logger.warn(warning, 'Config');

  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: text/plain bodies would otherwise reach handlers as strings.
  fastify.removeContentTypeParser(['text/plain']);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    try {
      assertSafeBody(request.body);
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

  await app.register(cors, {
    origin: config.corsOrigins.length === 0 ? false : config.corsOrigins.includes('*') ? true : config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'x-request-id', 'if-match'],
    exposedHeaders: ['x-request-id', 'retry-after', 'etag', 'www-authenticate'],
    maxAge: 600,
  });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  setUpSwagger(app);
  await app.init();
  return app;
}
