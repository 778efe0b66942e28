/**
 * What the checks share: sessions on the typed client (each remembers its last answer, for the
 * headers and the raw error body), a few assertions, and the cleanup list. Nothing here knows
 * the server's internals: only its base URL and what API.md promises.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from 'openapi-fetch';
import { createOceanClient, OceanApiError, type OceanClient, type paths } from '../../src/client';
import { ContractViolation, Skip } from './runner';

export interface ContractOptions {
  baseUrl: string;
  /** An `sk_…` key for the owner of the resources the suite makes. */
  apiKey?: string;
  /** An `sk_…` key of a second organization (cross-tenant checks when identity is off). */
  secondApiKey?: string;
  /** An account to sign in with instead of registering one. */
  email?: string;
  password?: string;
}

export interface Session {
  label: string;
  api: Client<paths>;
  client: OceanClient;
  /** Known when the session signed in (or /me told); an API key's owner otherwise unknown. */
  userId?: string;
  organizationId?: string;
  /** The last answer this session received (a copy: its body is still unread). */
  last(): Response | undefined;
  /** How many requests this session sent (the per-caller rate limit is 100 a minute by default). */
  sent(): number;
}

export type Credential = { apiKey: string } | { accessToken: string; refreshToken: string } | Record<string, never>;

export function openSession(baseUrl: string, label: string, credential: Credential): Session {
  let last: Response | undefined;
  let sent = 0;
  const client = createOceanClient({
    baseUrl,
    ...('apiKey' in credential ? { apiKey: credential.apiKey } : {}),
    ...('accessToken' in credential
      ? { tokens: { accessToken: credential.accessToken, refreshToken: credential.refreshToken } }
      : {}),
    // A contract check wants the first answer, not one after a wait: 429/503 are not retried.
    retries: 0,
    fetch: async (request) => {
      sent++;
      const response = await fetch(request);
      last = response.clone();
      return response;
    },
  });
  return { label, api: client.api, client, last: () => last, sent: () => sent };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
/** A UUID (v7-shaped) that no deployment has: random bits. */
export const randomUuid = (): string => {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
/** Lower-case letters only, so that search sees one word that no other text has. */
export const uniqueWord = (prefix: string): string =>
  prefix +
  Array.from(randomBytes(8))
    .map((b) => String.fromCharCode(97 + (b % 26)))
    .join('');

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ContractViolation(message);
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (show(actual) !== show(expected)) {
    throw new ContractViolation(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** Checks a value against a pattern or a predicate, naming it in the failure. */
export function expectMatch(actual: unknown, pattern: RegExp, what: string): void {
  if (typeof actual !== 'string' || !pattern.test(actual)) {
    throw new ContractViolation(`${what}: expected ${String(pattern)}, got ${show(actual)}`);
  }
}

/** The data of a typed call that must succeed with this status. */
export async function expectOk<T>(
  session: Session,
  call: Promise<{ data?: T; response: Response }>,
  status: number,
  what: string,
): Promise<T> {
  let answer: { data?: T; response: Response };
  try {
    answer = await call;
  } catch (err) {
    if (err instanceof OceanApiError) {
      throw new ContractViolation(`${what}: expected ${status}, got ${err.status} ${err.errorCode}: ${err.detail}`);
    }
    throw err;
  }
  if (answer.response.status !== status) {
    throw new ContractViolation(`${what}: expected ${status}, got ${answer.response.status}`);
  }
  void session;
  return answer.data as T;
}

export interface Refusal {
  error: OceanApiError;
  response: Response;
  body: { detail?: unknown; error_code?: unknown; errors?: unknown };
}

/**
 * A typed call that must fail with this status (and error code, when given), with the error
 * body API.md prescribes: {detail: "<sentence>", error_code: "<MACHINE_CODE>"}.
 */
export async function expectRefusal(
  session: Session,
  call: Promise<unknown>,
  status: number,
  code: string | readonly string[] | undefined,
  what: string,
): Promise<Refusal> {
  let error: OceanApiError;
  try {
    const answer = (await call) as { response?: Response; data?: unknown };
    throw new ContractViolation(
      `${what}: expected ${status}, got ${answer?.response?.status ?? 'a success'} ${show(answer?.data)}`,
    );
  } catch (err) {
    if (!(err instanceof OceanApiError)) throw err;
    error = err;
  }
  const response = session.last()!;
  let body: Refusal['body'] = {};
  try {
    body = (await response.clone().json()) as Refusal['body'];
  } catch {
    throw new ContractViolation(`${what}: the ${error.status} answer is not JSON`);
  }
  if (error.status !== status) {
    throw new ContractViolation(`${what}: expected ${status}, got ${error.status} ${show(body)}`);
  }
  expect(
    typeof body.detail === 'string' && body.detail.length > 0,
    `${what}: the error has no "detail" sentence: ${show(body)}`,
  );
  expectMatch(body.error_code, /^[A-Z][A-Z0-9_]+$/, `${what}: error_code`);
  const codes = code === undefined ? undefined : typeof code === 'string' ? [code] : code;
  if (codes && !codes.includes(body.error_code as string)) {
    throw new ContractViolation(`${what}: expected error_code ${codes.join(' or ')}, got ${show(body)}`);
  }
  return { error, response, body };
}

/** A 401 must say how to authenticate (API.md Conventions). */
export function expectBearerChallenge(refusal: Refusal, what: string): void {
  const challenge = refusal.response.headers.get('www-authenticate') ?? '';
  expect(
    /^Bearer\b/i.test(challenge) && /error="invalid_token"/.test(challenge),
    `${what}: WWW-Authenticate should be Bearer error="invalid_token", got ${show(challenge)}`,
  );
}

/** The rest of a check is meaningless on this deployment. */
export function skip(reason: string): never {
  throw new Skip(reason);
}

/** Test password: long, every character class, never a common password. */
export const newPassword = (): string => `Ct-${randomBytes(9).toString('base64url')}!9aZ`;
export const newEmail = (): string =>
  `contract-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@example.com`;
