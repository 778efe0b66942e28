import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/errors';
import { MetricsService } from '../metrics/metrics.service';
import { AuthFailureBudget } from './auth-failure-budget';
import { AuthService } from './auth.service';
import { IS_PUBLIC, REQUIRED_ROLE, type AuthedRequest } from './decorators';

const CHALLENGE = { 'www-authenticate': 'Bearer error="invalid_token"' };
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const tooManyFailures = (seconds: number): AppError =>
  new AppError('RATE_LIMITED', 'Too many failed authentications from this address; retry later.', undefined, {
    'retry-after': String(seconds),
  });

/** The one global guard: every route needs a credential unless it says @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
    private readonly failures: AuthFailureBudget,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const blocked = this.failures.blockedFor(request.ip);
    if (blocked > 0) throw tooManyFailures(blocked);
    try {
      const auth = await this.auth.authenticate(request.headers);
      const needed = READ_METHODS.has(request.method) ? 'read' : 'write';
      if (!auth.scopes.includes(needed)) {
        throw new AppError('FORBIDDEN', `This credential lacks the "${needed}" scope.`);
      }
      // The old search API sent organization_id; it may only name the caller's own organization.
      const query = request.query as Record<string, unknown> | undefined;
      const requestedOrg = query?.['organization_id'];
      if (requestedOrg !== undefined && requestedOrg !== auth.organizationId) {
        throw new AppError('ORGANIZATION_MISMATCH');
      }
      const requiredRole = this.reflector.getAllAndOverride<string | undefined>(REQUIRED_ROLE, [
        context.getHandler(),
        context.getClass(),
      ]);
      if (requiredRole && auth.role !== requiredRole) throw new AppError('ADMIN_REQUIRED');
      request.auth = auth;
      return true;
    } catch (err) {
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
  }
}
