import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { AuthedRequest } from '../auth/decorators';
import { RouteCache } from '../common/route-cache';
import { Db } from '../database/db';
import { EMITS, EmitSpec } from './emits.decorator';
import { Outbox } from './outbox';

/**
 * The one place every change of pages, blocks, links and tags passes through on its way to the
 * outbox: a route marked @Emits runs as one unit of work (the services' own @Transactional
 * units join it), and its events are appended in that transaction after the handler, last, so
 * the organization's counter row is locked only from there to the commit. After the commit,
 * the instances are told.
 */
@Injectable()
export class OutboxInterceptor implements NestInterceptor {
  private readonly specs = new RouteCache<EmitSpec | null>(
    (context) => this.reflector.get<EmitSpec | undefined>(EMITS, context.getHandler()) ?? null,
  );

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.specs.of(context);
    if (!spec) return next.handle();
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const controller: unknown = this.moduleRef.get(context.getClass(), { strict: false });
    return from(this.run(spec, request, controller, next));
  }

  private async run(spec: EmitSpec, request: AuthedRequest, controller: unknown, next: CallHandler): Promise<unknown> {
    const auth = request.auth;
    if (!auth) throw new Error('@Emits on a route without an authenticated caller');
    const input = {
      controller,
      auth,
      params: (request.params ?? {}) as Record<string, string>,
      query: (request.query ?? {}) as Record<string, unknown>,
      body: request.body,
    };
    const { result, last } = await this.db.unitOfWork(async (): Promise<{ result: unknown; last: number }> => {
      const before: unknown = spec.before ? await spec.before(input) : undefined;
      // Called in the unit of work, so the handler runs in its transaction (Nest binds the
      // handler to the async context of this call).
      const result: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const drafts = await spec.events({ ...input, before, result });
      return { result, last: await this.outbox.append(auth, drafts) };
    });
    if (last > 0) this.outbox.committed(auth.organizationId, last);
    return result;
  }
}
