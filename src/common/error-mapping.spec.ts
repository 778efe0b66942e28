import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { renderError } from './error-mapping';
import { AppError, ERRORS } from './errors';

const pgError = (code: string, message = `pg error ${code}`): Error & { code: string } =>
  Object.assign(new Error(message), { code });
const queryFailed = (code: string, message?: string): QueryFailedError =>
  new QueryFailedError('INSERT INTO pages VALUES ($1)', ['secret-param'], pgError(code, message));

/** The essentials of a rendered error, for one-line expectations. */
const summary = (err: unknown) => {
  const r = renderError(err);
  return { status: r.status, code: r.body.error_code, unexpected: r.unexpected };
};

describe('renderError', () => {
  describe('AppError', () => {
    it('keeps status, code, detail, field errors and headers', () => {
      const err = new AppError('VALIDATION_FAILED', 'title: too long', [{ field: 'title', message: 'too long' }], {
        'x-extra': '1',
      });
      expect(renderError(err)).toEqual({
        status: 400,
        body: {
          detail: 'title: too long',
          error_code: 'VALIDATION_FAILED',
          errors: [{ field: 'title', message: 'too long' }],
        },
        headers: { 'x-extra': '1' },
        unexpected: false,
      });
    });

    it('uses the catalogue sentence when no detail is given, and omits `errors`', () => {
      const r = renderError(new AppError('PAGE_NOT_FOUND'));
      expect(r.body).toEqual({ detail: ERRORS.PAGE_NOT_FOUND.detail, error_code: 'PAGE_NOT_FOUND' });
      expect(r.status).toBe(404);
    });

    it('flags a 5xx AppError as unexpected', () => {
      expect(summary(new AppError('AUTH_UNAVAILABLE'))).toEqual({
        status: 503,
        code: 'AUTH_UNAVAILABLE',
        unexpected: true,
      });
    });
  });

  describe('database errors', () => {
    it('23505 unique violation → 409 CONFLICT', () => {
      expect(summary(queryFailed('23505'))).toEqual({ status: 409, code: 'CONFLICT', unexpected: false });
    });

    it('23503 foreign-key violation → 404 NOT_FOUND', () => {
      expect(summary(queryFailed('23503'))).toEqual({ status: 404, code: 'NOT_FOUND', unexpected: false });
    });

    it.each(['23514', '22001', '22003', '22P02', '22007', '22008'])('%s malformed value → 400', (code) => {
      expect(summary(queryFailed(code))).toEqual({ status: 400, code: 'BAD_REQUEST', unexpected: false });
    });

    it.each(['40001', '40P01'])('%s serialization failure or deadlock → 409', (code) => {
      expect(summary(queryFailed(code))).toEqual({ status: 409, code: 'CONFLICT', unexpected: false });
    });

    it('never repeats the SQL, its parameters or the driver message', () => {
      const r = renderError(queryFailed('23505', 'duplicate key value violates unique constraint "tags_name_key"'));
      const text = JSON.stringify(r.body);
      for (const leak of ['INSERT', 'secret-param', 'tags_name_key']) expect(text).not.toContain(leak);
    });

    it('an unknown SQLSTATE (42P01 undefined table) → 500 INTERNAL_ERROR without internals', () => {
      const r = renderError(queryFailed('42P01', 'relation "pages" does not exist'));
      expect(r).toEqual({
        status: 500,
        body: { detail: ERRORS.INTERNAL_ERROR.detail, error_code: 'INTERNAL_ERROR' },
        headers: {},
        unexpected: true,
      });
    });
  });

  describe('database unreachable → 503 DATABASE_UNAVAILABLE with Retry-After', () => {
    const unavailable = (err: unknown): void => {
      const r = renderError(err);
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ detail: ERRORS.DATABASE_UNAVAILABLE.detail, error_code: 'DATABASE_UNAVAILABLE' });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(r.unexpected).toBe(true);
    };

    it('ECONNREFUSED from the socket', () => {
      unavailable(pgError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'));
    });

    it('an AggregateError of refused connections (IPv4 and IPv6)', () => {
      unavailable(new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')], ''));
    });

    it.each(['57P01', '57P03', '08006', '53300'])('a query failing with %s', (code) => {
      unavailable(queryFailed(code));
    });

    it.each(['Connection terminated unexpectedly', 'timeout exceeded when trying to connect'])(
      'a driver error saying "%s"',
      (message) => {
        unavailable(new Error(message));
      },
    );

    it('does not leak the host it tried', () => {
      const r = renderError(pgError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'));
      expect(JSON.stringify(r.body)).not.toContain('10.0.0.5');
    });
  });

  describe('anything else is a bug: 500 with a generic detail', () => {
    it.each<[string, unknown]>([
      ['an Error', new Error('secret internals: password=hunter2')],
      ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'secret')")],
      ['a thrown string', 'secret string'],
      ['undefined', undefined],
      ['a plain object', { secret: true }],
    ])('%s', (_label, err) => {
      const r = renderError(err);
      expect(r).toEqual({
        status: 500,
        body: { detail: ERRORS.INTERNAL_ERROR.detail, error_code: 'INTERNAL_ERROR' },
        headers: {},
        unexpected: true,
      });
      expect(JSON.stringify(r.body)).not.toMatch(/secret|hunter2/);
    });

    it('a Nest 5xx exception keeps its status but not its message', () => {
      const r = renderError(new InternalServerErrorException('stack trace here'));
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ detail: ERRORS.INTERNAL_ERROR.detail, error_code: 'INTERNAL_ERROR' });
      expect(r.unexpected).toBe(true);
    });
  });

  describe('Nest HTTP exceptions', () => {
    it.each<[HttpException, number, string]>([
      [new NotFoundException('Cannot GET /nowhere'), 404, 'ROUTE_NOT_FOUND'],
      [new ForbiddenException(), 403, 'FORBIDDEN'],
      [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
      [new BadRequestException('nope'), 400, 'BAD_REQUEST'],
      [new HttpException('slow down', 429), 429, 'RATE_LIMITED'],
      [new HttpException('nope', 405), 405, 'METHOD_NOT_ALLOWED'],
    ])('%s → %i %s', (err, status, code) => {
      expect(summary(err)).toEqual({ status, code, unexpected: false });
    });

    it('reads the Fastify error that Nest wrapped as the cause', () => {
      const cause = Object.assign(new Error('Body is too large'), {
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
        statusCode: 413,
      });
      expect(summary(new BadRequestException('Bad', { cause }))).toEqual({
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        unexpected: false,
      });
    });
  });

  describe('Fastify errors', () => {
    const fastifyError = (code: string, statusCode: number, message = code) =>
      Object.assign(new Error(message), { code, statusCode });

    it.each<[string, number, number, string]>([
      ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 413, 'PAYLOAD_TOO_LARGE'],
      ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 400, 'INVALID_JSON'],
      ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 400, 'INVALID_JSON'],
      ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 400, 'BAD_REQUEST'],
      ['FST_ERR_BAD_URL', 400, 404, 'NOT_FOUND'],
      ['FST_ERR_MAX_PARAM_LENGTH', 414, 404, 'NOT_FOUND'],
    ])('%s → %i %s', (code, statusCode, status, errorCode) => {
      expect(summary(fastifyError(code, statusCode))).toEqual({ status, code: errorCode, unexpected: false });
    });

    it('a JSON SyntaxError → 400 INVALID_JSON', () => {
      expect(summary(new SyntaxError('Unexpected end of JSON input'))).toMatchObject({
        status: 400,
        code: 'INVALID_JSON',
      });
    });

    it('a prototype-poisoning refusal of the parser → 400 FORBIDDEN_KEY', () => {
      const err = Object.assign(new SyntaxError('Object contains forbidden prototype property'), { statusCode: 400 });
      expect(summary(err)).toMatchObject({ status: 400, code: 'FORBIDDEN_KEY' });
    });

    it('a Fastify 5xx is not passed through as a client error', () => {
      expect(summary(fastifyError('FST_ERR_SOMETHING', 500, 'internal detail'))).toMatchObject({
        status: 500,
        code: 'INTERNAL_ERROR',
      });
    });
  });
});
