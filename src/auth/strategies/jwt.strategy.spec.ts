import 'reflect-metadata';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken, unsignedToken } from '../../../test/factories/tokens';
import { AppError } from '../../common/errors';
import { loadConfig } from '../../config/config';
import type { AuthContext } from '../auth-context';
import { credentialOf } from '../credential';
import { kidOf } from '../jwt-keys';
import { tokenKey } from '../revocation-keys';
import { CLOCK_LEEWAY_SECONDS, normalizeRole } from '../token-claims';
import { JwtStrategy } from './jwt.strategy';
import { runStrategy } from '../../../test/support/run-strategy';

const SECRET = 'unit-secret-that-is-long-enough-0123456789abcdef';
const PREVIOUS = 'unit-previous-secret-long-enough-9876543210fedcba';
const now = (): number => Math.floor(Date.now() / 1000);

interface Verifier {
  verify(token: string): Promise<AuthContext>;
}

/** The strategy as the guard runs it: the credential found first, then passport-jwt and validate. */
function verifierWith(env: Record<string, string> = {}): Promise<Verifier> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET, DATA_DIR: 'memory://', ...env });
  const strategy = new JwtStrategy(config);
  return Promise.resolve({
    verify: async (token) => {
      const context = await runStrategy(strategy, credentialOf({ authorization: `Bearer ${token}` }));
      if (!context) throw new Error('the jwt strategy passed a token on');
      return context;
    },
  });
}

/** Signs exactly the given claims, nothing added. */
function sign(payload: JWTPayload, secret = SECRET, header: { kid?: string } = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', ...header }).sign(new TextEncoder().encode(secret));
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

/** A compact JWS of exactly these header and payload bytes, signed with SECRET. */
function handSigned(header: Buffer, payload: Buffer): string {
  const input = `${header.toString('base64url')}.${payload.toString('base64url')}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const appError = err as AppError;
  return { code: appError.code, status: appError.status, message: appError.message };
}

describe('JwtStrategy', () => {
  let verifier: Verifier;
  beforeAll(async () => {
    verifier = await verifierWith({ JWT_PREVIOUS_SECRETS: PREVIOUS });
  });

  it('turns an identity-issued token into a full context', async () => {
    const exp = now() + 600;
    const token = await sign({
      sub: 'user-1',
      email: 'u1@example.com',
      role: 'ADMIN',
      organization_id: 'org-1',
      type: 'access',
      jti: 'jti-1',
      iat: now(),
      exp,
    });
    const context = await verifier.verify(token);
    expect(context).toMatchObject({
      userId: 'user-1',
      organizationId: 'org-1',
      role: 'ADMIN',
      scopes: ['read', 'write'],
      email: 'u1@example.com',
      via: 'jwt',
      expiresAt: exp,
    });
    // Revocable by its jti; the token's hash is only the key of tokens without one.
    expect(context.tokenId).toBe('jti-1');
    expect(context.tokenDigest).toBeUndefined();
  });

  it('accepts a core token (sub, email, role, exp): personal tenant, revocation by SHA-256', async () => {
    const token = await sign({ sub: 'core-user', email: 'c@example.com', role: 'user', exp: now() + 60 });
    const context = await verifier.verify(token);
    expect(context).toMatchObject({ userId: 'core-user', organizationId: 'core-user', role: 'USER' });
    expect(context.tokenDigest).toBe(tokenKey(token));
    expect(context.tokenId).toBeUndefined();
  });

  it('reads org_id when organization_id is absent, and prefers organization_id', async () => {
    expect((await verifier.verify(await sign({ sub: 'u', org_id: 'org-x', exp: now() + 60 }))).organizationId).toBe(
      'org-x',
    );
    const both = await sign({ sub: 'u', organization_id: 'org-a', org_id: 'org-b', exp: now() + 60 });
    expect((await verifier.verify(both)).organizationId).toBe('org-a');
  });

  it('falls back to the user id for an empty or non-string organization claim', async () => {
    for (const organization_id of ['', 42, null, 'o'.repeat(256)]) {
      const token = await sign({ sub: 'u-fallback', organization_id, exp: now() + 60 });
      expect((await verifier.verify(token)).organizationId).toBe('u-fallback');
    }
  });

  it('with ORG_FALLBACK=reject, refuses a token without organization → NO_ORGANIZATION (403)', async () => {
    const strict = await verifierWith({ ORG_FALLBACK: 'reject' });
    expect(await refusal(strict.verify(await sign({ sub: 'u', exp: now() + 60 })))).toMatchObject({
      code: 'NO_ORGANIZATION',
      status: 403,
    });
    expect((await strict.verify(await sign({ sub: 'u', org_id: 'o', exp: now() + 60 }))).organizationId).toBe('o');
  });

  describe('refuses', () => {
    it.each<[string, () => Promise<string>, string]>([
      ['alg none', () => Promise.resolve(unsignedToken({ sub: 'u', exp: now() + 60 })), 'INVALID_TOKEN'],
      ['HS512', () => signToken({ alg: 'HS512', secret: SECRET }), 'INVALID_TOKEN'],
      ['a wrong secret', () => signToken({ secret: 'some-other-secret-of-sufficient-length-000000' }), 'INVALID_TOKEN'],
      ['no exp', () => sign({ sub: 'u' }), 'INVALID_TOKEN'],
      ['a non-numeric exp', () => sign({ sub: 'u', exp: 'tomorrow' as unknown as number }), 'INVALID_TOKEN'],
      ['expired beyond the leeway', () => sign({ sub: 'u', exp: now() - CLOCK_LEEWAY_SECONDS - 5 }), 'TOKEN_EXPIRED'],
      [
        'expired just past the leeway',
        () => sign({ sub: 'u', exp: now() - CLOCK_LEEWAY_SECONDS - 1 }),
        'TOKEN_EXPIRED',
      ],
      ['nbf beyond the leeway', () => sign({ sub: 'u', exp: now() + 600, nbf: now() + 60 }), 'INVALID_TOKEN'],
      ['iat beyond the leeway', () => sign({ sub: 'u', exp: now() + 600, iat: now() + 60 }), 'INVALID_TOKEN'],
      ['no sub', () => sign({ exp: now() + 60 }), 'INVALID_TOKEN'],
      ['an empty sub', () => sign({ sub: '', exp: now() + 60 }), 'INVALID_TOKEN'],
      ['a sub over 255 characters', () => sign({ sub: 's'.repeat(256), exp: now() + 60 }), 'INVALID_TOKEN'],
      ['type refresh', () => sign({ sub: 'u', type: 'refresh', exp: now() + 60 }), 'INVALID_TOKEN'],
      ['an unknown type', () => sign({ sub: 'u', type: 'id', exp: now() + 60 }), 'INVALID_TOKEN'],
      ['an unknown kid', () => sign({ sub: 'u', exp: now() + 60 }, SECRET, { kid: 'nope' }), 'INVALID_TOKEN'],
      [
        'a kid naming another key than the one that signed',
        () => sign({ sub: 'u', exp: now() + 60 }, SECRET, { kid: kidOf(PREVIOUS) }),
        'INVALID_TOKEN',
      ],
      ['a header that is not JSON', () => Promise.resolve('bm90IGpzb24.e30.c2ln'), 'INVALID_TOKEN'],
    ])('%s', async (_label, make, code) => {
      expect(await refusal(verifier.verify(await make()))).toMatchObject({ code, status: 401 });
    });

    it('RS256, whatever the key', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ sub: 'u', exp: now() + 60 })
        .setProtectedHeader({ alg: 'RS256' })
        .sign(privateKey);
      expect(await refusal(verifier.verify(token))).toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
    });

    it('a signature re-spelled in non-canonical base64url (the same bytes), while the token itself passes', async () => {
      const token = await sign({ sub: 'u', exp: now() + 60 });
      await expect(verifier.verify(token)).resolves.toMatchObject({ userId: 'u' });
      // 43 characters: the last one carries 2 spare bits, which a decoder ignores.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = token[token.length - 1];
      const respelled = token.slice(0, -1) + alphabet[alphabet.indexOf(last) | 1];
      expect(Buffer.from(respelled.split('.')[2], 'base64url')).toEqual(Buffer.from(token.split('.')[2], 'base64url'));
      // Refused before any cache or verifier sees it (jsonwebtoken, comparing signature strings,
      // would refuse it too; jose, comparing bytes, would not).
      expect(await refusal(verifier.verify(respelled))).toEqual({
        code: 'INVALID_TOKEN',
        status: 401,
        message: 'The token is not canonical base64url.',
      });
    });

    it('a critical header parameter it does not understand (RFC 7515 4.1.11)', async () => {
      // Built by hand: jose refuses to sign with a crit it does not know.
      const header = Buffer.from(JSON.stringify({ alg: 'HS256', crit: ['x-ocean'], 'x-ocean': 1 })).toString(
        'base64url',
      );
      const payload = Buffer.from(JSON.stringify({ sub: 'u', exp: now() + 60 })).toString('base64url');
      const signature = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
      expect(await refusal(verifier.verify(`${header}.${payload}.${signature}`))).toMatchObject({
        code: 'INVALID_TOKEN',
      });
    });

    it.each<[string, Buffer, Buffer]>([
      ['a payload of null (jsonwebtoken would throw: a 500)', json({ alg: 'HS256', typ: 'JWT' }), Buffer.from('null')],
      [
        'a payload that is a JSON string holding the claims',
        json({ alg: 'HS256', typ: 'JWT' }),
        json(JSON.stringify({ sub: 'u', exp: now() + 3600 })),
      ],
      ['an iat that is not a number', json({ alg: 'HS256' }), json({ sub: 'u', exp: now() + 3600, iat: 'x' })],
      ['an iat of null', json({ alg: 'HS256' }), json({ sub: 'u', exp: now() + 3600, iat: null })],
      [
        'a header that is not UTF-8',
        Buffer.concat([Buffer.from('{"alg":"HS256","x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
        json({ sub: 'u', exp: now() + 3600 }),
      ],
    ])('%s, even when signed with the secret', async (_label, header, payload) => {
      expect(await refusal(verifier.verify(handSigned(header, payload)))).toMatchObject({
        code: 'INVALID_TOKEN',
        status: 401,
      });
    });

    it('explains which claim is wrong without echoing the token', async () => {
      const token = await sign({ sub: 'u', exp: now() + 600, nbf: now() + 120 });
      const { message } = await refusal(verifier.verify(token));
      expect(message).toContain('nbf');
      expect(message).not.toContain(token.split('.')[2]);
    });
  });

  describe('accepts within the 30 s leeway', () => {
    // Claims are made when the test runs: a table evaluated at collection is seconds old by then.
    it.each<[string, () => JWTPayload]>([
      ['exp 10 s ago', () => ({ exp: now() - 10 })],
      ['nbf 10 s ahead', () => ({ exp: now() + 60, nbf: now() + 10 })],
      ['iat 10 s ahead', () => ({ exp: now() + 60, iat: now() + 10 })],
      ['exp 28 s ago (the edge of the leeway)', () => ({ exp: now() - 28 })],
    ])('%s', async (_label, claims) => {
      expect((await verifier.verify(await sign({ sub: 'u', ...claims() }))).userId).toBe('u');
    });
  });

  describe('key rotation', () => {
    it('the current secret, with or without its kid', async () => {
      await expect(verifier.verify(await sign({ sub: 'u', exp: now() + 60 }))).resolves.toBeDefined();
      const withKid = await sign({ sub: 'u', exp: now() + 60 }, SECRET, { kid: kidOf(SECRET) });
      await expect(verifier.verify(withKid)).resolves.toBeDefined();
    });

    it('a previous secret, with or without its kid', async () => {
      await expect(verifier.verify(await sign({ sub: 'u', exp: now() + 60 }, PREVIOUS))).resolves.toBeDefined();
      const withKid = await sign({ sub: 'u', exp: now() + 60 }, PREVIOUS, { kid: kidOf(PREVIOUS) });
      await expect(verifier.verify(withKid)).resolves.toBeDefined();
    });

    it('a previous secret is no longer accepted once it is dropped from the configuration', async () => {
      const rotated = await verifierWith();
      const token = await sign({ sub: 'u', exp: now() + 60 }, PREVIOUS);
      expect(await refusal(rotated.verify(token))).toMatchObject({ code: 'INVALID_TOKEN' });
    });

    it('an expired token signed with a previous secret is TOKEN_EXPIRED, not a signature failure', async () => {
      const token = await sign({ sub: 'u', exp: now() - 120 }, PREVIOUS);
      expect(await refusal(verifier.verify(token))).toMatchObject({ code: 'TOKEN_EXPIRED' });
    });
  });

  describe('issuer and audience when configured', () => {
    it('requires the configured iss and aud', async () => {
      const strict = await verifierWith({ JWT_ISSUER: 'https://id.example.com', JWT_AUDIENCE: 'ocean' });
      const good = await sign({ sub: 'u', exp: now() + 60, iss: 'https://id.example.com', aud: 'ocean' });
      await expect(strict.verify(good)).resolves.toMatchObject({ userId: 'u' });
      for (const claims of [{}, { iss: 'https://evil.example.com', aud: 'ocean' }, { iss: 'https://id.example.com' }]) {
        const token = await sign({ sub: 'u', exp: now() + 60, ...claims });
        expect(await refusal(strict.verify(token))).toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
      }
    });
  });
});

describe('normalizeRole', () => {
  it.each<[unknown, string]>([
    ['ADMIN', 'ADMIN'],
    ['admin', 'ADMIN'],
    ['Admin', 'ADMIN'],
    ['USER', 'USER'],
    ['user', 'USER'],
    ['superuser', 'USER'],
    [undefined, 'USER'],
    [['ADMIN'], 'USER'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeRole(input)).toBe(expected);
  });
});
