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
    const headers = { ...rendered.headers };
    if (rendered.status === 429 && reply.getHeader('retry-after') === undefined) {
      // @nestjs/throttler names the header of a non-default throttler `Retry-After-<name>`;
      // clients only know the standard one.
      const named = Object.entries(reply.getHeaders()).find(([name]) => name.toLowerCase().startsWith('retry-after-'));
      if (named?.[1] !== undefined) headers['retry-after'] = String(named[1]);
    }
    void reply.status(rendered.status).headers(headers).send(rendered.body);
  }
}
