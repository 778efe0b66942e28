import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED lists the fields in `errors`).',
  401: 'Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`.',
  403: 'The credential lacks the right (scope, organization).',
  404: 'Not found, also for ids of another organization and ids that are not UUIDs.',
  409: 'Conflicts with the current state.',
  413: 'Body larger than 1 MiB.',
  415: 'Body is not application/json.',
  503: 'A dependency (database) is unreachable; retry after `Retry-After` seconds.',
};

/** Documents the error answers of a route, all in the `{detail, error_code}` shape. */
export const ApiErrors = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...[...new Set([401, 503, ...statuses])].map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorResponseDto }),
    ),
  );
