import 'reflect-metadata';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken, unsignedToken } from '../../test/factories/tokens';
import { AppError } from '../common/errors';
import { loadConfig } from '../config/config';
import { kidOf } from './jwt-keys';
import { tokenKey } from './revocation-keys';
import { CLOCK_LEEWAY_SECONDS, LocalJwtVerifier, normalizeRole } from './local-jwt.verifier';

const SECRET = 'unit-secret-that-is-long-enough-0123456789abcdef';
const PREVIOUS = 'unit-previous-secret-long-enough-9876543210fedcba';
const now = (): number => Math.floor(Date.now() / 1000);

async function verifierWith(env: Record<string, string> = {}): Promise<LocalJwtVerifier> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET, DATA_DIR: 'memory://', ...env });
  const verifier = new LocalJwtVerifier(config);
  await verifier.onModuleInit();
  return verifier;
}

/** Signs exactly the given claims, nothing added. */
function sign(payload: JWTPayload, secret = SECRET, header: { kid?: string } = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', ...header }).sign(new TextEncoder().encode(secret));
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

describe('LocalJwtVerifier', () => {
  let verifier: LocalJwtVerifier;
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
    expect(context.revocationKeys).toContain('jti:jti-1');
    expect(context.revocationKeys.some((k) => k.startsWith('sha256:'))).toBe(false);
  });

  it('accepts a core token (sub, email, role, exp): personal tenant, revocation by SHA-256', async () => {
    const token = await sign({ sub: 'core-user', email: 'c@example.com', role: 'user', exp: now() + 60 });
    const context = await verifier.verify(token);
    expect(context).toMatchObject({ userId: 'core-user', organizationId: 'core-user', role: 'USER' });
    expect(context.revocationKeys).toContain(tokenKey(token));
    expect(context.revocationKeys.some((k) => k.startsWith('jti:'))).toBe(false);
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

    it('explains which claim is wrong without echoing the token', async () => {
      const token = await sign({ sub: 'u', exp: now() + 600, nbf: now() + 120 });
      const { message } = await refusal(verifier.verify(token));
      expect(message).toContain('nbf');
      expect(message).not.toContain(token.split('.')[2]);
    });
  });

  describe('accepts within the 30 s leeway', () => {
    it.each<[string, JWTPayload]>([
      ['exp 10 s ago', { exp: now() - 10 }],
      ['nbf 10 s ahead', { exp: now() + 60, nbf: now() + 10 }],
      ['iat 10 s ahead', { exp: now() + 60, iat: now() + 10 }],
    ])('%s', async (_label, claims) => {
      expect((await verifier.verify(await sign({ sub: 'u', ...claims }))).userId).toBe('u');
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
