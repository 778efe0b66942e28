import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../../../test/support/app';
import { FakeCore } from '../../../test/support/fake-core';
import { runStrategy } from '../../../test/support/run-strategy';
import { signToken } from '../../../test/factories/tokens';
import { AppError } from '../../common/errors';
import { loadConfig } from '../../config/config';
import { credentialOf } from '../credential';
import { RemoteMeVerifier } from '../remote-me.verifier';
import { ApiKeyStrategy } from './api-key.strategy';
import { CoreStrategy } from './core.strategy';

const KEY = `sk_${'a'.repeat(32)}`;

async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return { code: (err as AppError).code, status: (err as AppError).status };
}

// Both strategies against a real core on loopback (test/support/fake-core.ts), through the
// real /v1/auth/me client.
describe('the api-key and core strategies', () => {
  const core = new FakeCore();
  let verifier: RemoteMeVerifier;

  beforeAll(async () => {
    await core.start();
    core.extra = { organization_id: 'org-core' };
    core.apiKeys.set(KEY, { id: 'key-owner', organization_id: 'org-keys', api_key_id: 'key-1', scopes: ['read'] });
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: 'memory://',
      AUTH_MODE: 'remote',
      AINATIVE_API_URL: core.url,
      JWT_SECRET: TEST_SECRET,
    });
    verifier = new RemoteMeVerifier(config);
  });

  afterAll(async () => {
    verifier.onApplicationShutdown();
    await core.stop();
  });

  describe('api-key', () => {
    it('verifies a key from X-API-Key or Bearer sk_ as the verifier says, with its id and scopes', async () => {
      const strategy = new ApiKeyStrategy(verifier);
      for (const headers of [{ 'x-api-key': KEY }, { authorization: `Bearer ${KEY}` }]) {
        expect(await runStrategy(strategy, credentialOf(headers))).toMatchObject({
          userId: 'key-owner',
          organizationId: 'org-keys',
          apiKeyId: 'key-1',
          scopes: ['read'],
          via: 'api_key',
        });
      }
    });

    it('leaves a token to the next strategy, and refuses what is not a key of this deployment', async () => {
      const strategy = new ApiKeyStrategy(verifier);
      expect(await runStrategy(strategy, credentialOf({ authorization: `Bearer ${await signToken()}` }))).toBeNull();
      expect(await refusal(runStrategy(strategy, { kind: 'api_key', value: 'sk_short' }))).toEqual({
        code: 'INVALID_TOKEN',
        status: 401,
      });
      expect(await refusal(runStrategy(strategy, { kind: 'api_key', value: `sk_${'b'.repeat(32)}` }))).toEqual({
        code: 'INVALID_TOKEN',
        status: 401,
      });
      expect(await refusal(runStrategy(new ApiKeyStrategy(), { kind: 'api_key', value: KEY }))).toEqual({
        code: 'INVALID_TOKEN',
        status: 401,
      });
    });
  });

  describe('core', () => {
    it('is whoever the core says a token belongs to', async () => {
      const strategy = new CoreStrategy(verifier);
      const token = await signToken({ user: 'core-user', claims: { jti: 'core-jti' } });
      expect(await runStrategy(strategy, credentialOf({ authorization: `Bearer ${token}` }))).toMatchObject({
        userId: 'core-user',
        organizationId: 'org-core',
        via: 'remote',
        tokenId: 'core-jti',
      });
    });

    it('leaves an API key to the api-key strategy; a token the core refuses is INVALID_TOKEN', async () => {
      const strategy = new CoreStrategy(verifier);
      expect(await runStrategy(strategy, credentialOf({ 'x-api-key': KEY }))).toBeNull();
      const forged = await signToken({ secret: 'another-secret-that-is-long-enough-000000000' });
      expect(await refusal(runStrategy(strategy, credentialOf({ authorization: `Bearer ${forged}` })))).toEqual({
        code: 'INVALID_TOKEN',
        status: 401,
      });
    });

    it('answers 503 AUTH_UNAVAILABLE while the core fails, never a 401', async () => {
      core.mode = 'error';
      try {
        const token = await signToken({ user: 'during-outage' });
        expect(
          await refusal(runStrategy(new CoreStrategy(verifier), credentialOf({ authorization: `Bearer ${token}` }))),
        ).toEqual({
          code: 'AUTH_UNAVAILABLE',
          status: 503,
        });
      } finally {
        core.mode = 'ok';
      }
    });
  });
});
