import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard, AuthModuleOptions } from '@nestjs/passport';
import { AppError } from '../common/errors';
import { RouteCache } from '../common/route-cache';
import { MetricsService } from '../metrics/metrics.service';
import type { AuthContext } from './auth-context';
import { AuthFailureBudget } from './auth-failure-budget';
import { AuthService } from './auth.service';
import { credentialOf, type Credential } from './credential';
import { ACCEPTS_TICKET, IS_PUBLIC, READ_SCOPE, REQUIRED_ROLE, WRITE_SCOPE, type AuthedRequest } from './decorators';
import { refusalOf } from './strategies/refusal';
import { StreamTickets } from './stream-tickets';

const CHALLENGE = { 'www-authenticate': 'Bearer error="invalid_token"' };
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const tooManyFailures = (seconds: number): AppError =>
  new AppError('RATE_LIMITED', 'Too many failed authentications from this address; retry later.', undefined, {
    'retry-after': String(seconds),
  });

/** What a route asks of its caller, read once from its decorators. */
interface RouteRule {
  isPublic: boolean;
  requiredRole?: string;
  /** A stream ticket may stand in for the credential header (@AcceptsTicket). */
  acceptsTicket: boolean;
  /** The scope the route needs: "read" for reads and @ReadScope routes, else "write" (always with @WriteScope). */
  readOnly?: boolean;
  writeOnly?: boolean;
}

/**
 * The one global guard, on @nestjs/passport: every route needs a credential unless it says
 * @Public(). The credential is found first (X-API-Key or Bearer; a token in its one canonical
 * spelling), then taken from the cache of verified credentials, or verified by the strategies
 * in their fixed order (AuthModule: `api-key`, then `jwt` locally or `core` remotely); revocation
 * is asked every time. Every refusal is Ocean's error: a 401 with WWW-Authenticate and its
 * precise code (never Passport's bare 401), 403 for scope, organization and role, 503 from the
 * core's outage.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard() {
  private readonly rules = new RouteCache<RouteRule>((context) => this.ruleOf(context));

  constructor(
    options: AuthModuleOptions,
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
    private readonly failures: AuthFailureBudget,
    private readonly tickets: StreamTickets,
  ) {
    super(options);
  }

  /**
   * Synchronous for a credential found in the cache (the common case: no promise, no await on
   * the way), a promise when a strategy must verify it or a refusal must be counted.
   */
  override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const rule = this.rules.of(context);
    if (rule.isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const blocked = this.failures.blockedFor(request.ip);
    if (blocked > 0) throw tooManyFailures(blocked);
    try {
      if (rule.acceptsTicket) {
        const ticket = (request.query as Record<string, unknown> | undefined)?.['ticket'];
        const { authorization } = request.headers;
        if (ticket !== undefined && authorization === undefined && request.headers['x-api-key'] === undefined) {
          return this.redeem(request, rule, ticket).catch((err: unknown) => this.refuse(request, err));
        }
      }
      const credential = credentialOf(request.headers);
      const cached = this.auth.cached(credential);
      if (cached) {
        this.admit(request, rule, this.auth.checked(credential, cached, false));
        return true;
      }
      return this.verify(context, request, rule, credential).catch((err: unknown) => this.refuse(request, err));
    } catch (err) {
      return this.refuse(request, err);
    }
  }

  private async verify(
    context: ExecutionContext,
    request: AuthedRequest,
    rule: RouteRule,
    credential: Credential,
  ): Promise<boolean> {
    request.credential = credential;
    await super.canActivate(context);
    this.admit(request, rule, this.auth.checked(credential, request.user as AuthContext, true));
    return true;
  }

  /** A stream ticket's caller, if its credential is still good (tickets: StreamTickets). */
  private async redeem(request: AuthedRequest, rule: RouteRule, ticket: unknown): Promise<boolean> {
    const auth = await this.tickets.redeem(ticket);
    if (auth.expiresAt !== undefined && auth.expiresAt * 1000 <= Date.now()) throw new AppError('TOKEN_EXPIRED');
    this.admit(request, rule, this.auth.vouched(auth));
    return true;
  }

  /** Scope, organization and role of a verified, unrevoked caller; then it is the request's. */
  private admit(request: AuthedRequest, rule: RouteRule, auth: AuthContext): void {
    const needed = rule.writeOnly ? 'write' : rule.readOnly || READ_METHODS.has(request.method) ? 'read' : 'write';
    if (!auth.scopes.includes(needed)) {
      throw new AppError('FORBIDDEN', `This credential lacks the "${needed}" scope.`);
    }
    // The old search API sent organization_id; it may only name the caller's own organization.
    const query = request.query as Record<string, unknown> | undefined;
    const requestedOrg = query?.['organization_id'];
    if (requestedOrg !== undefined && requestedOrg !== auth.organizationId) {
      throw new AppError('ORGANIZATION_MISMATCH');
    }
    if (rule.requiredRole && auth.role !== rule.requiredRole) throw new AppError('ADMIN_REQUIRED');
    request.auth = auth;
  }

  /** Every refusal: counted, and a 401 carries its challenge (and counts against the address). */
  private async refuse(request: AuthedRequest, err: unknown): Promise<never> {
    if (err instanceof AppError) {
      this.metrics.authFailures.inc({ reason: err.code });
      if (err.status === 401) {
        // A request without any credential is not a guess; a bad, expired or revoked one is.
        if (err.code !== 'UNAUTHENTICATED') {
          const seconds = await this.failures.recordFailure(request.ip);
          if (seconds > 0) throw tooManyFailures(seconds);
        }
        throw new AppError(err.code, err.message, undefined, { ...CHALLENGE, ...err.headers });
      }
    }
    throw err;
  }

  /**
   * Passport's verdict: what a strategy threw, as it is (an AppError, or a fault for the filter);
   * when every strategy failed, the refusal of the last one that looked at the credential (the
   * first, api-key, fails on whatever is not a key).
   */
  override handleRequest<TUser = AuthContext>(err: unknown, user: unknown, info: unknown): TUser {
    if (err) throw err instanceof Error ? err : new Error('a strategy failed with a non-error');
    if (!user) {
      const reasons = (Array.isArray(info) ? info : [info]).filter((reason) => reason !== undefined);
      throw refusalOf(reasons[reasons.length - 1]);
    }
    return user as TUser;
  }

  private ruleOf(context: ExecutionContext): RouteRule {
    const targets = [context.getHandler(), context.getClass()];
    return {
      isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
      requiredRole: this.reflector.getAllAndOverride<string | undefined>(REQUIRED_ROLE, targets),
      acceptsTicket: this.reflector.get<boolean>(ACCEPTS_TICKET, context.getHandler()) === true,
      readOnly: this.reflector.get<boolean>(READ_SCOPE, context.getHandler()) === true,
      writeOnly: this.reflector.getAllAndOverride<boolean>(WRITE_SCOPE, targets) === true,
    };
  }
}
