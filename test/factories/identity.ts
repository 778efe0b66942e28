import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { expect } from 'vitest';
import { BackgroundTasks } from '../../src/common/background';
import { inject, SendOptions } from '../support/http';

export const AUTH = '/v1/auth';
/** Passes the password policy: long, every character class, not a common password. */
export const STRONG_PASSWORD = 'Corr3ct-Horse-Battery!';

export interface UserJson {
  id: string;
  email: string;
  role: 'USER' | 'ADMIN';
  organization_id: string;
  full_name: string | null;
  is_verified: boolean;
  created_at: string;
}

export interface TokenPairJson {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  user: UserJson;
}

export interface Session extends TokenPairJson {
  password: string;
}

export interface ApiKeyJson {
  api_key_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
  key?: string;
}

/** A fresh address per call, so that suites never collide on the unique email. */
export const uniqueEmail = (name = 'user'): string => `${name}-${randomBytes(5).toString('hex')}@example.com`;

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

function expectStatus(what: string, res: LightMyRequestResponse, status: number): void {
  if (res.statusCode !== status) throw new Error(`${what} failed: ${res.statusCode} ${res.body}`);
}

/** POST /v1/auth/register; answers the created user. */
export async function register(
  app: NestFastifyApplication,
  options: { email?: string; password?: string; full_name?: string; organization_name?: string; ip?: string } = {},
): Promise<UserJson> {
  const { ip, ...body } = options;
  const res = await inject(app, 'POST', `${AUTH}/register`, {
    payload: { ...body, email: body.email ?? uniqueEmail(), password: body.password ?? STRONG_PASSWORD },
    ip,
  });
  expectStatus('register', res, 201);
  return res.json();
}

/** JSON sign-in; answers the token pair. */
export async function login(
  app: NestFastifyApplication,
  email: string,
  password = STRONG_PASSWORD,
  ip?: string,
): Promise<TokenPairJson> {
  const res = await inject(app, 'POST', `${AUTH}/login`, { payload: { email, password }, ip });
  expectStatus('login', res, 200);
  return res.json();
}

/** Registers a new account and signs it in: `{user, access_token, refresh_token, password}`. */
export async function registerAndLogin(
  app: NestFastifyApplication,
  options: { email?: string; password?: string; ip?: string } = {},
): Promise<Session> {
  const password = options.password ?? STRONG_PASSWORD;
  const user = await register(app, { ...options, email: options.email ?? uniqueEmail(), password });
  return { ...(await login(app, user.email, password, options.ip)), password };
}

/** Creates an API key with an access token; the answer holds the key itself (`key`). */
export async function createApiKey(
  app: NestFastifyApplication,
  accessToken: string,
  scopes: Array<'read' | 'write'> = ['read', 'write'],
  name = 'test key',
): Promise<ApiKeyJson & { key: string }> {
  const res = await inject(app, 'POST', `${AUTH}/api-keys`, { token: accessToken, payload: { name, scopes } });
  expectStatus('createApiKey', res, 201);
  return res.json();
}

/** Waits for the work requests left running (a reset request's lookup, mail delivery). */
export const settled = (app: NestFastifyApplication): Promise<void> => app.get(BackgroundTasks).idle();

/** The newest token with `prefix` (`ev_`, `pr_`) mailed to `email`, read from the outbox. */
export async function mailedToken(app: NestFastifyApplication, email: string, prefix: 'ev_' | 'pr_'): Promise<string> {
  await settled(app);
  const rows: Array<{ body: string }> = await app
    .get(DataSource)
    .query(`SELECT body FROM mail_outbox WHERE to_email = $1 AND body LIKE $2 ORDER BY created_at DESC, mail_id DESC`, [
      email.toLowerCase(),
      `%${prefix}%`,
    ]);
  const token = rows[0]?.body.match(new RegExp(`${prefix}[A-Za-z0-9_-]+`))?.[0];
  if (!token) throw new Error(`no ${prefix} token in the outbox for ${email}`);
  return token;
}

/** How many mails the outbox holds for `email`. */
export async function outboxCount(app: NestFastifyApplication, email: string): Promise<number> {
  await settled(app);
  const rows: Array<{ n: number }> = await app
    .get(DataSource)
    .query(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_email = $1`, [email.toLowerCase()]);
  return Number(rows[0].n);
}

export const CHALLENGE = 'Bearer error="invalid_token"';
/** Asserts an error answer: exact status and code, a human `detail`, the challenge on every 401 (API.md). */
export function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  const body = res.json<{ error_code?: string; detail?: unknown }>();
  expect({ status: res.statusCode, code: body.error_code }, res.body).toEqual({ status, code });
  expect(typeof body.detail).toBe('string');
  if (status === 401) expect(res.headers['www-authenticate']).toBe(CHALLENGE);
}

export const expectRevoked = (res: LightMyRequestResponse): void => expectError(res, 401, 'TOKEN_REVOKED');

export type Call = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options?: SendOptions,
) => Promise<LightMyRequestResponse>;

/** `app.inject` with a bearer token or an API key; `app` is read at call time (set in beforeAll). */
export function caller(app: () => NestFastifyApplication): Call {
  return (method, url, options = {}) => inject(app(), method, url, options);
}
