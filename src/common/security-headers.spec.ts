import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildSecurityHeaders, registerSecurityHeaders } from './security-headers';

describe('registerSecurityHeaders', () => {
  it('makes any route under /v1/auth or /api/v1/auth no-store, including one added later', async () => {
    const fastify = Fastify();
    registerSecurityHeaders(fastify, buildSecurityHeaders('http://localhost:8000'));
    for (const url of ['/v1/auth/a-new-route', '/api/v1/auth/login', '/v1/authors', '/health'])
      fastify.get(url, () => ({ ok: true }));
    fastify.post('/v1/auth/fails', () => {
      throw new Error('boom');
    });
    const cacheControl = async (method: 'GET' | 'POST', url: string) =>
      (await fastify.inject({ method, url })).headers['cache-control'];
    expect(await cacheControl('GET', '/v1/auth/a-new-route')).toBe('no-store');
    expect(await cacheControl('GET', '/api/v1/auth/login')).toBe('no-store');
    expect(await cacheControl('POST', '/v1/auth/fails')).toBe('no-store');
    expect(await cacheControl('GET', '/v1/authors')).toBeUndefined();
    expect(await cacheControl('GET', '/health')).toBeUndefined();
    await fastify.close();
  });

  it('computes the header sets once: HSTS only for an https PUBLIC_URL', () => {
    const http = buildSecurityHeaders('http://ocean.example.com');
    const https = buildSecurityHeaders('https://ocean.example.com');
    expect(http.api['strict-transport-security']).toBeUndefined();
    expect(https.api['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(Object.isFrozen(https.api)).toBe(true);
    expect(https.docs['x-frame-options']).toBe('SAMEORIGIN');
  });
});
