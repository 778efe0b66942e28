import { SignJWT } from 'jose';
import { randomInt, randomUUID } from 'node:crypto';
import type { Scenario } from './load';
import type { Child } from './processes';
import type { SeededOrganization } from './seed';

/** One user of a seeded organization, with its access token. */
export interface Caller {
  organizationId: string;
  pageIds: string[];
  token: string;
}

/**
 * Many users per organization, as in real traffic: the rate limiter keeps one list of recent
 * hits per user, and a handful of users each sending thousands of requests a minute would
 * measure that list instead of a normal request.
 */
const USERS_PER_ORGANIZATION = 50;

/** HS256 access tokens shaped like the identity service's. */
export async function signTokens(organizations: SeededOrganization[], secret: string): Promise<Caller[]> {
  const key = new TextEncoder().encode(secret);
  const sign = (organizationId: string, userId: string): Promise<string> =>
    new SignJWT({ organization_id: organizationId, role: 'USER', type: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
  const callers: Array<Promise<Caller>> = [];
  for (const org of organizations) {
    for (let u = 0; u < USERS_PER_ORGANIZATION; u++) {
      const userId = u === 0 ? org.userId : `${org.userId}-${u}`;
      callers.push(
        sign(org.organizationId, userId).then((token) => ({
          organizationId: org.organizationId,
          pageIds: org.pageIds,
          token,
        })),
      );
    }
  }
  return Promise.all(callers);
}

/** Groups of scenarios compared with each other, measured in alternating slices. */
export function buildScenarios(ocean: Child, bare: Child, callers: Caller[]): Scenario[][] {
  const pick = (): Caller => callers[randomInt(callers.length)];
  const pageOf = (c: Caller): string => c.pageIds[randomInt(c.pageIds.length)];
  const auth = (c: Caller): Record<string, string> => ({ authorization: `Bearer ${c.token}` });
  return [
    [
      {
        id: 'bare-list',
        label: 'bare list (same SQL)',
        port: bare.port,
        pid: bare.process.pid,
        method: 'GET',
        expectStatus: 200,
        next: () => ({ path: `/pages?org=${pick().organizationId}&limit=50` }),
      },
      {
        id: 'ocean-list',
        label: 'Ocean GET /pages?limit=50',
        port: ocean.port,
        pid: ocean.process.pid,
        method: 'GET',
        expectStatus: 200,
        baseline: 'bare-list',
        next: () => ({ path: '/api/v1/ocean/pages?limit=50', headers: auth(pick()) }),
      },
    ],
    [
      {
        id: 'bare-get',
        label: 'bare get (same SQL)',
        port: bare.port,
        pid: bare.process.pid,
        method: 'GET',
        expectStatus: 200,
        next: () => {
          const c = pick();
          return { path: `/pages/${pageOf(c)}?org=${c.organizationId}` };
        },
      },
      {
        id: 'ocean-get',
        label: 'Ocean GET /pages/{id}',
        port: ocean.port,
        pid: ocean.process.pid,
        method: 'GET',
        expectStatus: 200,
        baseline: 'bare-get',
        next: () => {
          const c = pick();
          return { path: `/api/v1/ocean/pages/${pageOf(c)}`, headers: auth(c) };
        },
      },
    ],
    [
      {
        id: 'public-info',
        label: 'public GET /api/v1/info',
        port: ocean.port,
        pid: ocean.process.pid,
        method: 'GET',
        expectStatus: 200,
        next: () => ({ path: '/api/v1/info' }),
      },
      {
        // No guard, but the same exception filter as the authenticated 404 below.
        id: 'public-404',
        label: 'public 404 (unknown route)',
        port: ocean.port,
        pid: ocean.process.pid,
        method: 'GET',
        expectStatus: 404,
        baseline: 'public-info',
        next: () => ({ path: '/api/v1/ocean/no-such-route' }),
      },
      {
        // The cheapest authenticated route there is: the guard passes, the id pipe answers 404, no SQL.
        id: 'auth-cheap',
        label: 'authed 404 (guard + id pipe)',
        port: ocean.port,
        pid: ocean.process.pid,
        method: 'GET',
        expectStatus: 404,
        baseline: 'public-info',
        next: () => ({ path: '/api/v1/ocean/pages/not-a-page-id', headers: auth(pick()) }),
      },
    ],
    [
      {
        id: 'ocean-create',
        label: 'Ocean POST /pages',
        port: ocean.port,
        pid: ocean.process.pid,
        method: 'POST',
        expectStatus: 201,
        next: () => ({
          path: '/api/v1/ocean/pages',
          headers: { ...auth(pick()), 'content-type': 'application/json' },
          body: '{"title":"Bench page","metadata":{"source":"bench"}}',
        }),
      },
    ],
  ];
}
