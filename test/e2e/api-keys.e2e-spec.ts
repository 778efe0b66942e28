import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH,
  caller,
  createApiKey,
  expectError,
  login,
  registerAndLogin,
  type ApiKeyJson,
  type Session,
} from '../factories/identity';
import { createPage, PAGES } from '../factories/pages';
import { bootApp, TestApp } from '../support/app';

const KEYS = `${AUTH}/api-keys`;
const KEY_FIELDS = ['api_key_id', 'created_at', 'expires_at', 'last_used_at', 'name', 'prefix', 'revoked_at', 'scopes'];
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

describe('API keys', () => {
  let t: TestApp;
  const call = caller(() => t.app);
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    t = await bootApp();
    alice = await registerAndLogin(t.app);
    bob = await registerAndLogin(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('create and list', () => {
    it('creates a key shown once with its prefix; the list shows the prefix only', async () => {
      const res = await call('POST', KEYS, {
        token: alice.access_token,
        payload: { name: '  CI importer ', scopes: ['read'] },
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json<ApiKeyJson & { key: string }>();
      expect(Object.keys(created).sort()).toEqual([...KEY_FIELDS, 'key'].sort());
      expect(created.key).toMatch(/^sk_[A-Za-z0-9_-]{40,}$/);
      expect(created.prefix).toMatch(/^sk_/);
      expect(created.prefix.length).toBeLessThan(16);
      expect(created.key.startsWith(created.prefix)).toBe(true);
      expect(created).toMatchObject({
        name: 'CI importer',
        scopes: ['read'],
        expires_at: null,
        last_used_at: null,
        revoked_at: null,
      });
      expect(created.created_at).toMatch(/Z$/);

      const listed = await call('GET', KEYS, { token: alice.access_token });
      expect(listed.statusCode).toBe(200);
      const { key, ...withoutKey } = created;
      expect(listed.json()).toEqual({ api_keys: [withoutKey], total: 1 });
      expect(listed.body).not.toContain(key);
      expect(listed.body).not.toContain(sha256(key));
      expect(listed.body).not.toMatch(/key_hash|"key"/);
      // Each user sees only their own keys.
      expect((await call('GET', KEYS, { token: bob.access_token })).json()).toEqual({ api_keys: [], total: 0 });
    });

    it('sorts and de-duplicates scopes and sets expires_at from expires_in_days', async () => {
      const res = await call('POST', KEYS, {
        token: alice.access_token,
        payload: { name: 'both', scopes: ['write', 'read'], expires_in_days: 2 },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().scopes).toEqual(['read', 'write']);
      const twice = await call('POST', KEYS, {
        token: alice.access_token,
        payload: { name: 'r', scopes: ['read', 'read'] },
      });
      expect(twice.json().scopes).toEqual(['read']);
      const expiresIn = Date.parse(res.json().expires_at) - Date.now();
      expect(expiresIn).toBeGreaterThan(2 * 86_400_000 - 60_000);
      expect(expiresIn).toBeLessThan(2 * 86_400_000 + 60_000);
    });

    it.each([
      ['an unknown scope', { name: 'k', scopes: ['admin'] }],
      ['no scopes', { name: 'k', scopes: [] }],
      ['scopes that are not a list', { name: 'k', scopes: 'read' }],
      ['no scopes field', { name: 'k' }],
      ['an empty name', { name: '', scopes: ['read'] }],
      ['a name over 100 characters', { name: 'x'.repeat(101), scopes: ['read'] }],
      ['no name', { scopes: ['read'] }],
      ['expires_in_days 0', { name: 'k', scopes: ['read'], expires_in_days: 0 }],
      ['expires_in_days null', { name: 'k', scopes: ['read'], expires_in_days: null }],
      ['fractional expires_in_days', { name: 'k', scopes: ['read'], expires_in_days: 1.5 }],
    ])('refuses %s with 400 VALIDATION_FAILED', async (_why, payload) => {
      const res = await call('POST', KEYS, { token: bob.access_token, payload });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.json().errors.length).toBeGreaterThan(0);
      expect((await call('GET', KEYS, { token: bob.access_token })).json().total).toBe(0);
    });

    it('needs a credential, and an access token rather than another key', async () => {
      expectError(await call('POST', KEYS, { payload: { name: 'k', scopes: ['read'] } }), 401, 'UNAUTHENTICATED');
      const writer = await createApiKey(t.app, alice.access_token, ['read', 'write']);
      expectError(
        await call('POST', KEYS, { apiKey: writer.key, payload: { name: 'child', scopes: ['read'] } }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('using keys', () => {
    it('a read key lists pages with X-API-Key and with Authorization: Bearer, but cannot write', async () => {
      const reader = await createApiKey(t.app, alice.access_token, ['read']);
      const page = await createPage(t.app, alice.access_token, { title: 'readable' });
      for (const creds of [{ apiKey: reader.key }, { token: reader.key }]) {
        const listed = await call('GET', PAGES, creds);
        expect(listed.statusCode, listed.body).toBe(200);
        expect(listed.json().pages.map((p: { page_id: string }) => p.page_id)).toContain(page.page_id);
        expect((await call('GET', `${PAGES}/${page.page_id}`, creds)).statusCode).toBe(200);
        expectError(await call('POST', PAGES, { ...creds, payload: { title: 'nope' } }), 403, 'FORBIDDEN');
        expectError(await call('DELETE', `${PAGES}/${page.page_id}`, creds), 403, 'FORBIDDEN');
      }
      expect((await call('GET', `${PAGES}/${page.page_id}`, { token: alice.access_token })).json().is_archived).toBe(
        false,
      );
    });

    it('a write key creates pages in the creator’s organization but cannot read without the read scope', async () => {
      const writer = await createApiKey(t.app, alice.access_token, ['write']);
      const res = await call('POST', PAGES, {
        apiKey: writer.key,
        payload: { title: 'by key', organization_id: bob.user.organization_id },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ organization_id: alice.user.organization_id, user_id: alice.user.id });
      expectError(await call('GET', PAGES, { apiKey: writer.key }), 403, 'FORBIDDEN');
    });

    it('keeps its organization even after the creator signs out', async () => {
      const s = await login(t.app, alice.user.email);
      const key = await createApiKey(t.app, s.access_token, ['read']);
      expect((await call('POST', `${AUTH}/logout`, { token: s.access_token })).statusCode).toBe(204);
      expect((await call('GET', PAGES, { apiKey: key.key })).statusCode).toBe(200);
    });

    it('records last_used_at', async () => {
      const key = await createApiKey(t.app, bob.access_token, ['read'], 'used');
      expect((await call('GET', PAGES, { apiKey: key.key })).statusCode).toBe(200);
      let listed: ApiKeyJson | undefined;
      for (let i = 0; i < 50 && !listed?.last_used_at; i++) {
        await new Promise((r) => setTimeout(r, 20));
        listed = (await call('GET', KEYS, { token: bob.access_token }))
          .json<{ api_keys: ApiKeyJson[] }>()
          .api_keys.find((k) => k.api_key_id === key.api_key_id);
      }
      expect(listed?.last_used_at).toMatch(/Z$/);
    });

    it('refuses garbage, unknown and expired keys with 401 INVALID_TOKEN', async () => {
      for (const bad of ['sk_xxx', `sk_${randomBytes(32).toString('base64url')}`, 'sk_has spaces in it!!!!!!!!!']) {
        expectError(await call('GET', PAGES, { apiKey: bad }), 401, 'INVALID_TOKEN');
        expectError(await call('GET', PAGES, { token: bad }), 401, 'INVALID_TOKEN');
      }
      // X-API-Key holds keys only.
      expectError(await call('GET', PAGES, { apiKey: alice.access_token }), 401, 'INVALID_TOKEN');
      const key = await createApiKey(t.app, alice.access_token, ['read']);
      await t.app
        .get(DataSource)
        .query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE api_key_id = $1`, [key.api_key_id]);
      expectError(await call('GET', PAGES, { apiKey: key.key }), 401, 'INVALID_TOKEN');
    });
  });

  describe('revoke', () => {
    it('a key revoked on another instance, before its push arrives here, is TOKEN_REVOKED (not unknown)', async () => {
      const key = await createApiKey(t.app, alice.access_token, ['read']);
      // What another instance's revocation leaves in the database, without this one hearing of it.
      await t.app
        .get(DataSource)
        .query(`UPDATE api_keys SET revoked_at = now() WHERE api_key_id = $1`, [key.api_key_id]);
      expectError(await call('GET', PAGES, { apiKey: key.key }), 401, 'TOKEN_REVOKED');
    });

    it('revokes a key (204): it is refused at once and listed as revoked', async () => {
      const key = await createApiKey(t.app, alice.access_token, ['read']);
      expect((await call('GET', PAGES, { apiKey: key.key })).statusCode).toBe(200);
      const res = await call('DELETE', `${KEYS}/${key.api_key_id}`, { token: alice.access_token });
      expect(res.statusCode, res.body).toBe(204);
      const refused = await call('GET', PAGES, { apiKey: key.key });
      expect(refused.statusCode).toBe(401);
      expect(['TOKEN_REVOKED', 'INVALID_TOKEN']).toContain(refused.json().error_code);
      expectError(await call('GET', `${AUTH}/me`, { token: key.key }), 401, refused.json().error_code);
      const listed = (await call('GET', KEYS, { token: alice.access_token }))
        .json<{ api_keys: ApiKeyJson[] }>()
        .api_keys.find((k) => k.api_key_id === key.api_key_id);
      expect(listed?.revoked_at).toMatch(/Z$/);
      // Revoking again changes nothing.
      expect((await call('DELETE', `${KEYS}/${key.api_key_id}`, { token: alice.access_token })).statusCode).toBe(204);
    });

    it("another user's key, an unknown id and a malformed id → 404 API_KEY_NOT_FOUND", async () => {
      const key = await createApiKey(t.app, alice.access_token, ['read']);
      expectError(
        await call('DELETE', `${KEYS}/${key.api_key_id}`, { token: bob.access_token }),
        404,
        'API_KEY_NOT_FOUND',
      );
      expect((await call('GET', PAGES, { apiKey: key.key })).statusCode).toBe(200);
      expectError(
        await call('DELETE', `${KEYS}/01900000-0000-7000-8000-000000000000`, { token: alice.access_token }),
        404,
        'API_KEY_NOT_FOUND',
      );
      expectError(await call('DELETE', `${KEYS}/not-a-uuid`, { token: alice.access_token }), 404, 'API_KEY_NOT_FOUND');
    });
  });

  describe('tenant isolation', () => {
    it("a key never reaches another organization's pages (404)", async () => {
      const page = await createPage(t.app, alice.access_token, { title: 'alice private' });
      const bobKey = await createApiKey(t.app, bob.access_token, ['read', 'write']);
      expectError(await call('GET', `${PAGES}/${page.page_id}`, { apiKey: bobKey.key }), 404, 'PAGE_NOT_FOUND');
      expectError(
        await call('PUT', `${PAGES}/${page.page_id}`, { apiKey: bobKey.key, payload: { title: 'taken' } }),
        404,
        'PAGE_NOT_FOUND',
      );
      expectError(await call('DELETE', `${PAGES}/${page.page_id}`, { apiKey: bobKey.key }), 404, 'PAGE_NOT_FOUND');
      const listed = await call('GET', PAGES, { apiKey: bobKey.key });
      expect(listed.json().pages.map((p: { page_id: string }) => p.page_id)).not.toContain(page.page_id);
      expectError(
        await call('GET', `${PAGES}?organization_id=${alice.user.organization_id}`, { apiKey: bobKey.key }),
        403,
        'ORGANIZATION_MISMATCH',
      );
      const own = await call('GET', `${PAGES}/${page.page_id}`, { token: alice.access_token });
      expect(own.json()).toMatchObject({ title: 'alice private', is_archived: false });
    });
  });
});
