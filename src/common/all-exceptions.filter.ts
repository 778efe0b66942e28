import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from './error-mapping';

/** Renders every error as `{detail, error_code}`; unexpected ones are logged with the request id. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const rendered = renderError(exception);
    if (rendered.unexpected) {
      this.logger.error(
        { err: exception, reqId: request.id, method: request.method, url: request.routeOptions?.url },
        `${rendered.body.error_code} on ${request.method} ${request.routeOptions?.url ?? ''}`,
      );
    }
    void reply.status(rendered.status).headers(rendered.headers).send(rendered.body);
  }
}
