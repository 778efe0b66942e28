import { SignJWT } from 'jose';
import { randomInt, randomUUID } from 'node:crypto';
import type { BenchUser } from './identity';
import type { Scenario } from './load';
import type { Child } from './processes';
import { SEARCH_QUERIES, type SeededBlockPage, type SeededOrganization, type SeededSearch } from './seed';

/** One user of a seeded organization, with its access token. */
export interface Caller {
  organizationId: string;
  pageIds: string[];
  token: string;
}

/**
 * Many users per organization, as in real traffic, so that no user's budget of the rate
 * limiter is anywhere near its end (the limiter itself costs the same per hit either way).
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

/** The servers under load; `remote` only on PostgreSQL (PGlite cannot be opened by two processes). */
export interface Servers {
  ocean: Child;
  bare: Child;
  remote?: {
    /** OCEAN_ENABLED=false: identity only, answers the remote Oceans' /v1/auth/me. */
    core: Child;
    /** AUTH_MODE=remote with the default cache of the core's answers. */
    warm: Child;
    /** AUTH_MODE=remote with REMOTE_AUTH_CACHE_SECONDS=0: every request asks the core. */
    cold: Child;
  };
  /** EVENTS_ENABLED=false on the same database (PostgreSQL only): writes as before the outbox. */
  plain?: Child;
}

export interface BenchData {
  /** Signed tokens of the seeded organizations (the pages and blocks scenarios). */
  callers: Caller[];
  blockPages: SeededBlockPage[];
  /** The organization with the most searchable blocks, whose users' tokens search. */
  search: SeededSearch;
  /** Real users, registered and signed in through the API (identity and remote scenarios). */
  users: BenchUser[];
  /** The password of the hash the bare server's /argon2 verifies. */
  argon2Password: string;
}

/** One item after the other, round and round: no two connections use the same one at once. */
function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Groups of scenarios compared with each other, measured in alternating slices; the writes come
 * last so that the reads see the seeded data only.
 */
export function buildScenarios(servers: Servers, data: BenchData): Scenario[][] {
  const { ocean, bare, remote, plain } = servers;
  const { callers, blockPages, users } = data;
  const pick = (): Caller => callers[randomInt(callers.length)];
  const pageOf = (c: Caller): string => c.pageIds[randomInt(c.pageIds.length)];
  const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const on = (child: Child, ...helpers: Child[]): Pick<Scenario, 'port' | 'pids'> => ({
    port: child.port,
    pids: [child, ...helpers].map((c) => c.process.pid),
  });

  // Blocks: the tokens of the organizations that have 500-block pages, and those pages.
  const blockPagesOf = new Map<string, SeededBlockPage[]>();
  for (const page of blockPages) {
    blockPagesOf.set(page.organizationId, [...(blockPagesOf.get(page.organizationId) ?? []), page]);
  }
  const blockCallers = callers.filter((c) => blockPagesOf.has(c.organizationId));
  const pickBlockPage = (): { caller: Caller; page: SeededBlockPage } => {
    const caller = blockCallers[randomInt(blockCallers.length)];
    const pages = blockPagesOf.get(caller.organizationId)!;
    return { caller, page: pages[randomInt(pages.length)] };
  };
  const listLimit = Math.max(...blockPages.map((p) => p.blocks.length));

  // Search: that organization's users' tokens; each scenario cycles through the same queries.
  const searchCallers = callers.filter((c) => c.organizationId === data.search.organizationId);
  const searchCaller = (): Caller => searchCallers[randomInt(searchCallers.length)];
  const searchQueries = (): (() => string) => {
    const next = cycle(SEARCH_QUERIES);
    return () => encodeURIComponent(next().q);
  };
  const searchQuery = searchQueries();
  const scanQuery = searchQueries();

  /** The writes: a page created, a block appended; on `child`, against `baseline` if given. */
  const createPage = (child: Child, id: string, label: string, baseline?: string): Scenario => ({
    id,
    label,
    ...on(child),
    method: 'POST',
    expectStatus: 201,
    ...(baseline ? { baseline } : {}),
    next: () => ({
      path: '/api/v1/ocean/pages',
      headers: { ...auth(pick().token), ...JSON_TYPE },
      body: '{"title":"Bench page","metadata":{"source":"bench"}}',
    }),
  });
  const appendBlock = (child: Child, id: string, label: string, baseline?: string): Scenario => ({
    id,
    label,
    ...on(child),
    method: 'POST',
    expectStatus: 201,
    ...(baseline ? { baseline } : {}),
    next: () => {
      const { caller, page } = pickBlockPage();
      return {
        path: `/api/v1/ocean/blocks?page_id=${page.pageId}`,
        headers: { ...auth(caller.token), ...JSON_TYPE },
        body: '{"block_type":"text","content":{"text":"Appended by the benchmark."}}',
      };
    },
  });

  const nextUser = cycle(users);
  const groups: Scenario[][] = [
    [
      {
        id: 'bare-list',
        label: 'bare list (same SQL)',
        ...on(bare),
        method: 'GET',
        expectStatus: 200,
        next: () => ({ path: `/pages?org=${pick().organizationId}&limit=50` }),
      },
      {
        id: 'ocean-list',
        label: 'Ocean GET /pages?limit=50',
        ...on(ocean),
        method: 'GET',
        expectStatus: 200,
        baseline: 'bare-list',
        next: () => ({ path: '/api/v1/ocean/pages?limit=50', headers: auth(pick().token) }),
      },
    ],
    [
      {
        id: 'bare-get',
        label: 'bare get (same SQL)',
        ...on(bare),
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
        ...on(ocean),
        method: 'GET',
        expectStatus: 200,
        baseline: 'bare-get',
        next: () => {
          const c = pick();
          return { path: `/api/v1/ocean/pages/${pageOf(c)}`, headers: auth(c.token) };
        },
      },
    ],
    [
      {
        id: 'public-info',
        label: 'public GET /api/v1/info',
        ...on(ocean),
        method: 'GET',
        expectStatus: 200,
        next: () => ({ path: '/api/v1/info' }),
      },
      {
        // No guard, but the same exception filter as the authenticated 404 below.
        id: 'public-404',
        label: 'public 404 (unknown route)',
        ...on(ocean),
        method: 'GET',
        expectStatus: 404,
        baseline: 'public-info',
        next: () => ({ path: '/api/v1/ocean/no-such-route' }),
      },
      {
        // The cheapest authenticated route there is: the guard (token cache, then the check
        // against the revocations in memory) passes, the id pipe answers 404, no SQL.
        id: 'auth-cheap',
        label: 'authed 404 (guard + id pipe)',
        ...on(ocean),
        method: 'GET',
        expectStatus: 404,
        baseline: 'public-info',
        next: () => ({ path: '/api/v1/ocean/pages/not-a-page-id', headers: auth(pick().token) }),
      },
      {
        // An authenticated 200: the guard, then one user lookup by primary key.
        id: 'auth-me',
        label: 'Ocean GET /v1/auth/me',
        ...on(ocean),
        method: 'GET',
        expectStatus: 200,
        baseline: 'auth-cheap',
        next: () => ({ path: '/v1/auth/me', headers: auth(nextUser().token) }),
      },
    ],
    [
      {
        id: 'bare-blocks',
        label: `bare blocks (same SQL)`,
        ...on(bare),
        method: 'GET',
        expectStatus: 200,
        next: () => {
          const { caller, page } = pickBlockPage();
          return { path: `/blocks?org=${caller.organizationId}&page=${page.pageId}&limit=${listLimit}` };
        },
      },
      {
        id: 'ocean-blocks',
        label: `Ocean GET /blocks (${listLimit} blocks)`,
        ...on(ocean),
        method: 'GET',
        expectStatus: 200,
        baseline: 'bare-blocks',
        next: () => {
          const { caller, page } = pickBlockPage();
          return {
            path: `/api/v1/ocean/blocks?page_id=${page.pageId}&limit=${listLimit}`,
            headers: auth(caller.token),
          };
        },
      },
    ],
  ];

  groups.push([
    {
      // The page read a search is compared with, in the same organization and with the same tokens.
      id: 'search-page-get',
      label: 'Ocean GET /pages/{id} (search org)',
      ...on(ocean),
      method: 'GET',
      expectStatus: 200,
      next: () => {
        const c = searchCaller();
        return { path: `/api/v1/ocean/pages/${pageOf(c)}`, headers: auth(c.token) };
      },
    },
    {
      id: 'search-naive-scan',
      label: 'bare substring scan (ILIKE)',
      ...on(bare),
      method: 'GET',
      expectStatus: 200,
      next: () => ({ path: `/search-scan?org=${data.search.organizationId}&q=${scanQuery()}&limit=20` }),
    },
    {
      id: 'ocean-search',
      label: 'Ocean GET /search (hybrid, 20)',
      ...on(ocean),
      method: 'GET',
      expectStatus: 200,
      baseline: 'search-naive-scan',
      next: () => ({
        path: `/api/v1/ocean/search?q=${searchQuery()}&search_type=hybrid&limit=20`,
        headers: auth(searchCaller().token),
      }),
    },
  ]);

  if (remote) {
    // The same users, tokens and query on the three shapes; the remote ones also count the
    // core's CPU, which answers their /v1/auth/me calls. Two pairs rather than one group of
    // three: the warm side alternates with local only, so that the core's work for the cold
    // side (and its garbage collection after it) never lands in the warm side's slices.
    const list = (next: () => BenchUser) => () => ({
      path: '/api/v1/ocean/pages?limit=50',
      headers: auth(next().token),
    });
    groups.push(
      [
        {
          id: 'remote-local',
          label: 'local: GET /pages?limit=50',
          ...on(ocean),
          method: 'GET',
          expectStatus: 200,
          next: list(cycle(users)),
        },
        {
          id: 'remote-warm',
          label: 'remote, warm cache: same',
          ...on(remote.warm, remote.core),
          method: 'GET',
          expectStatus: 200,
          baseline: 'remote-local',
          next: list(cycle(users)),
        },
      ],
      [
        {
          id: 'remote-local-2',
          label: 'local: same, again',
          ...on(ocean),
          method: 'GET',
          expectStatus: 200,
          next: list(cycle(users)),
        },
        {
          id: 'remote-cold',
          label: 'remote, no cache: same',
          ...on(remote.cold, remote.core),
          method: 'GET',
          expectStatus: 200,
          baseline: 'remote-local-2',
          next: list(cycle(users)),
        },
      ],
    );
  }

  const loginUser = cycle(users);
  const argon2Body = JSON.stringify({ password: data.argon2Password });
  groups.push(
    [
      {
        id: 'bare-argon2',
        label: 'bare argon2id verify',
        ...on(bare),
        method: 'POST',
        expectStatus: 200,
        next: () => ({ path: '/argon2', headers: JSON_TYPE, body: argon2Body }),
      },
      {
        // Round robin over the users: one user's logins never overlap, as the lockout counter
        // would otherwise see several attempts in flight at once.
        id: 'ocean-login',
        label: 'Ocean POST /v1/auth/login',
        ...on(ocean),
        method: 'POST',
        expectStatus: 200,
        baseline: 'bare-argon2',
        next: () => {
          const u = loginUser();
          return {
            path: '/v1/auth/login',
            headers: JSON_TYPE,
            body: JSON.stringify({ email: u.email, password: u.password }),
          };
        },
      },
    ],
    [
      {
        // Enumeration by timing: a known email with a wrong password and an unknown email must
        // cost the same (same statements, same hashing); the ratio should stay near 1.
        id: 'ocean-login-wrong',
        label: 'Ocean login, known email, wrong password (401)',
        ...on(ocean),
        method: 'POST',
        expectStatus: 401,
        next: () => ({
          path: '/v1/auth/login',
          headers: JSON_TYPE,
          body: JSON.stringify({ email: loginUser().email, password: 'Wrong-Horse-Battery-1!' }),
        }),
      },
      {
        id: 'ocean-login-unknown',
        label: 'Ocean login, unknown email (401)',
        ...on(ocean),
        method: 'POST',
        expectStatus: 401,
        baseline: 'ocean-login-wrong',
        next: () => ({
          path: '/v1/auth/login',
          headers: JSON_TYPE,
          body: JSON.stringify({ email: `nobody-${loginUser().email}`, password: 'Wrong-Horse-Battery-1!' }),
        }),
      },
    ],
    [createPage(ocean, 'ocean-create', 'Ocean POST /pages')],
    // Appended last among the top-level blocks of one of the 500-block pages.
    [appendBlock(ocean, 'ocean-block-append', 'Ocean POST /blocks (append)')],
    [
      {
        // A random block of those pages to a random place among its siblings (0..N).
        id: 'ocean-block-move',
        label: 'Ocean POST /blocks/{id}/move',
        ...on(ocean),
        method: 'POST',
        expectStatus: 200,
        next: () => {
          const { caller, page } = pickBlockPage();
          const block = page.blocks[randomInt(page.blocks.length)];
          return {
            path: `/api/v1/ocean/blocks/${block.id}/move`,
            headers: { ...auth(caller.token), ...JSON_TYPE },
            body: JSON.stringify({ new_position: randomInt(block.siblings + 1) }),
          };
        },
      },
    ],
  );
  if (plain) {
    // The outbox's cost: the same writes on an Ocean that writes no events (same database).
    groups.push(
      [
        createPage(plain, 'events-off-create', 'no outbox POST /pages'),
        createPage(ocean, 'events-create', 'outbox POST /pages', 'events-off-create'),
      ],
      [
        appendBlock(plain, 'events-off-block', 'no outbox POST /blocks'),
        appendBlock(ocean, 'events-block', 'outbox POST /blocks', 'events-off-block'),
      ],
    );
  }
  return groups;
}
