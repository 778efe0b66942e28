import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from './auth-context';
import type { Credential } from './credential';

export const IS_PUBLIC = 'ocean:isPublic';

/** Opts a route out of the global AuthGuard. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * A request on its way through the guard: its credential (for the strategies), what a strategy
 * verified (`user`, where passport puts it), then its caller.
 */
export type AuthedRequest = FastifyRequest & { credential?: Credential; user?: unknown; auth?: AuthContext };

/** The verified caller; only valid on routes behind the guard. */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const request = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!request.auth) throw new Error('CurrentAuth used on a route without an authenticated caller');
  return request.auth;
});

export const REQUIRED_ROLE = 'ocean:requiredRole';

/** Only callers with the ADMIN role pass (others get 403 ADMIN_REQUIRED). */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLE, 'ADMIN');

export const AUTH_RATE_LIMITED = 'ocean:authRateLimited';

/** The route gets the tighter per-IP limit of AUTH_RATE_LIMIT_PER_MINUTE (login, register, forgot-password). */
export const AuthRateLimited = (): MethodDecorator => SetMetadata(AUTH_RATE_LIMITED, true);

export const ACCEPTS_TICKET = 'ocean:acceptsTicket';

/**
 * The route also takes a stream ticket (`?ticket=`, POST /events/tickets) in place of a
 * credential header, for browsers' EventSource. A request that sends a header is judged by it.
 */
export const AcceptsTicket = (): MethodDecorator => SetMetadata(ACCEPTS_TICKET, true);

export const READ_SCOPE = 'ocean:readScope';

/** A non-GET route that reads or only trades a credential: the "read" scope is enough. */
export const ReadScope = (): MethodDecorator => SetMetadata(READ_SCOPE, true);

export const WRITE_SCOPE = 'ocean:writeScope';

/** Every route of the controller needs the "write" scope, reads too (webhooks: their URLs are the organization's secrets too). */
export const WriteScope = (): ClassDecorator & MethodDecorator => SetMetadata(WRITE_SCOPE, true);
