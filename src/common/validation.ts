import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateBy, ValidateIf } from 'class-validator';
import { FieldError, invalidFields } from './errors';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * DTO validation for bodies and query strings. Unknown body fields (such as organization_id,
 * which a client never chooses) are dropped rather than merged.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: false,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      return invalidFields(flatten(errors));
    },
  });

/**
 * Optional, but not nullable: an absent field is skipped, while `null` is validated (and
 * refused) like any other wrong value. `@IsOptional()` would let `null` through silently.
 */
export const IsOptionalNonNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** An absolute http(s) URL with a host, as the WHATWG URL parser (browsers) reads it. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * `javascript:`, `data:` and relative URLs would run or resolve in the page of whoever
 * renders the value: only http(s) is stored.
 */
export const IsHttpUrl = (field: string): PropertyDecorator =>
  ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isHttpUrl(value),
      defaultMessage: () => `${field} must be an http or https URL`,
    },
  });
