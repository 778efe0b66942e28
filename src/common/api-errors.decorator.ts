import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const DESCRIPTIONS: Record<number, string> = {
  400:
    'Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a ' +
    'percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field.',
  401: 'Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`.',
  403: 'The credential lacks the right (scope, organization).',
  404: 'Not found, also for ids of another organization and ids that are not UUIDs.',
  409: 'Conflicts with the current state.',
  413: 'Body larger than 1 MiB.',
  415: 'Body is not application/json (media types compare case-insensitively).',
  423: 'The account is locked after MAX_LOGIN_ATTEMPTS failed password checks; see `Retry-After`.',
  429:
    'Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, ' +
    'AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds.',
  503: 'A dependency (database) is unreachable; retry after `Retry-After` seconds.',
};

/** Documents the error answers of a route, all in the `{detail, error_code}` shape. */
export const ApiErrors = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...[...new Set([401, 429, 503, ...statuses])].map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorResponseDto }),
    ),
  );
