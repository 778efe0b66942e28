/**
 * `npm run bench`: starts Ocean (and a bare Fastify + pg baseline) as real HTTP servers in child
 * processes on loopback, seeds 10k pages across 100 organizations, measures each scenario with
 * autocannon and prints a table, also written to bench/results/<timestamp>.json.
 *
 * PostgreSQL when DATABASE_URL is set (in a scratch database created and dropped here, never
 * the tables of DATABASE_URL itself); PGlite in a temporary DATA_DIR otherwise.
 * Knobs: BENCH_CONNECTIONS (10), BENCH_DURATION seconds per scenario (5), BENCH_WARMUP (1).
 */
import 'reflect-metadata';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/database/data-source';
import { measureGroup, stopActiveLoad, type LoadSettings, type Measured, type Scenario } from './load';
import { freePort, startChild, stopChild, waitReady, type Child } from './processes';
import { buildScenarios, signTokens, type Caller } from './scenarios';
import { formatRatios, formatTable, ratio, withRatios, writeResults, type Ratio } from './report';
import { ORGANIZATIONS, PAGES_PER_ORGANIZATION, seedPages, type SeededOrganization } from './seed';

const DIST = resolve(__dirname, '..');
const RESULTS_DIR = resolve(__dirname, '..', '..', 'bench', 'results');
const OCEAN_GOAL = 0.7;
const POOL_SIZE = '10';
const RATE_LIMIT_PER_MINUTE = '1000';
const LOG_LEVEL = 'warn';

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Undo actions, run last-in first-out exactly once, whether the run ends, fails or is interrupted. */
class Cleanup {
  private readonly actions: Array<{ name: string; action: () => Promise<void> | void }> = [];
  private running?: Promise<void>;

  add(name: string, action: () => Promise<void> | void): void {
    this.actions.push({ name, action });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const { name, action } of this.actions.reverse()) {
        try {
          await action();
        } catch (err) {
          console.error(`bench: cleanup "${name}" failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })();
    return this.running;
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of our own on the server of DATABASE_URL: the user's tables are never touched. */
async function createScratchDatabase(adminUrl: string, cleanup: Cleanup): Promise<string> {
  const name = `ocean_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  cleanup.add(`drop database ${name}`, () =>
    withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Target {
  kind: 'postgres' | 'pglite';
  /** Environment that points Ocean at the seeded database. */
  oceanEnv: Record<string, string>;
  bareEnv: Record<string, string>;
  version: string;
  organizations: SeededOrganization[];
}

/** Migrates and seeds with Ocean's own data source code, before any server opens the database. */
async function prepareDatabase(cleanup: Cleanup, jwtSecret: string): Promise<Target> {
  const adminUrl = process.env.DATABASE_URL;
  let location: { DATABASE_URL: string } | { DATA_DIR: string };
  if (adminUrl) {
    location = { DATABASE_URL: await createScratchDatabase(adminUrl, cleanup) };
  } else {
    const tempDir = mkdtempSync(join(tmpdir(), 'ocean-bench-'));
    cleanup.add('remove temporary DATA_DIR', () => rmSync(tempDir, { recursive: true, force: true }));
    location = { DATA_DIR: join(tempDir, 'ocean') };
  }
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: jwtSecret, ...location });
  const db = await openDatabase(config);
  let organizations: SeededOrganization[];
  let version: string;
  try {
    organizations = await seedPages(db.dataSource);
    const rows: Array<{ version: string }> = await db.dataSource.query(
      `SELECT current_setting('server_version') AS version`,
    );
    version = rows[0].version;
  } finally {
    // PGlite: only one process may open a data directory, so the seeder lets go before Ocean starts.
    await db.close();
  }
  if ('DATABASE_URL' in location) {
    return {
      kind: 'postgres',
      oceanEnv: location,
      bareEnv: { DATABASE_URL: location.DATABASE_URL, POOL_SIZE },
      version: `PostgreSQL ${version.split(' ')[0]}`,
      organizations,
    };
  }
  // PGlite is in-process only: the baseline gets its own copy of the very same seeded files.
  const bareDir = join(dirname(location.DATA_DIR), 'bare-pgdata');
  cpSync(join(location.DATA_DIR, 'pgdata'), bareDir, { recursive: true });
  return {
    kind: 'pglite',
    oceanEnv: location,
    bareEnv: { PGLITE_DIR: bareDir },
    version: `PGlite (PostgreSQL ${version.split(' ')[0]})`,
    organizations,
  };
}

/** Only what the servers need: a stray REDIS_URL or the user's DATABASE_URL must not leak in. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...extra };
}

async function send(
  port: number,
  method: string,
  spec: { path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}${spec.path}`, {
    method,
    headers: spec.headers,
    body: spec.body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.json() };
}

interface PageAnswer {
  page_id: string;
  position: number;
}
type ListAnswer = { pages: PageAnswer[]; total: number };

/**
 * Before loading anything: every scenario answers as expected once, the routes that need a
 * credential refuse none, and Ocean and the baseline return the same rows for the same org.
 */
async function checkScenarios(scenarios: Scenario[], ocean: Child, bare: Child, caller: Caller): Promise<void> {
  for (const s of scenarios) {
    const { status, body } = await send(s.port, s.method, s.next());
    if (status !== s.expectStatus) {
      throw new Error(`${s.label}: expected ${s.expectStatus}, got ${status} ${JSON.stringify(body)}`);
    }
  }
  const unauthenticated = await send(ocean.port, 'GET', { path: '/api/v1/ocean/pages/not-a-page-id' });
  if (unauthenticated.status !== 401)
    throw new Error(`the authenticated route answered ${unauthenticated.status} without a token`);

  const headers = { authorization: `Bearer ${caller.token}` };
  const list = async (port: number, path: string, h?: Record<string, string>): Promise<ListAnswer> =>
    (await send(port, 'GET', { path, headers: h })).body as ListAnswer;
  const oceanList = await list(ocean.port, '/api/v1/ocean/pages?limit=50', headers);
  const bareList = await list(bare.port, `/pages?org=${caller.organizationId}&limit=50`);
  const ids = (answer: ListAnswer): string => answer.pages.map((p) => p.page_id).join();
  if (ids(oceanList) !== ids(bareList) || oceanList.total !== bareList.total) {
    throw new Error('Ocean and the bare handler list different pages for the same organization');
  }
  const id = caller.pageIds[caller.pageIds.length - 1];
  const page = async (port: number, path: string, h?: Record<string, string>): Promise<PageAnswer> =>
    (await send(port, 'GET', { path, headers: h })).body as PageAnswer;
  const oceanPage = await page(ocean.port, `/api/v1/ocean/pages/${id}`, headers);
  const barePage = await page(bare.port, `/pages/${id}?org=${caller.organizationId}`);
  if (oceanPage.page_id !== barePage.page_id || oceanPage.position !== barePage.position) {
    throw new Error('Ocean and the bare handler disagree on a single page');
  }
}

/**
 * One cheap request per token, ten at a time, so that Ocean's cache of verified tokens is warm
 * as it would be in steady traffic, where a token is reused for its whole lifetime.
 */
async function primeTokenCache(ocean: Child, callers: Caller[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < callers.length) {
      const { status } = await send(ocean.port, 'GET', {
        path: '/api/v1/ocean/pages/not-a-page-id',
        headers: { authorization: `Bearer ${callers[next++].token}` },
      });
      if (status !== 404) throw new Error(`priming the token cache: expected 404, got ${status}`);
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
}

async function run(cleanup: Cleanup, settings: LoadSettings): Promise<number> {
  const startedAt = new Date();
  const jwtSecret = randomBytes(48).toString('base64url');

  console.log(
    `bench: preparing ${process.env.DATABASE_URL ? 'a scratch PostgreSQL database' : 'PGlite in a temporary DATA_DIR'}`,
  );
  const seedStart = Date.now();
  const target = await prepareDatabase(cleanup, jwtSecret);
  const seedMs = Date.now() - seedStart;
  const pages = target.organizations.length * PAGES_PER_ORGANIZATION;
  console.log(`bench: seeded ${pages} pages across ${ORGANIZATIONS} organizations in ${seedMs} ms (${target.version})`);

  const [oceanPort, barePort] = [await freePort(), await freePort()];
  const oceanEnv = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(oceanPort),
    JWT_SECRET: jwtSecret,
    // Request logging at info would make the benchmark measure pino.
    LOG_LEVEL,
    DATABASE_POOL_SIZE: POOL_SIZE,
    // Headroom over the default 100 per user and minute, so that a busy machine's run never
    // meets a 429; the limiter's cost depends on each user's hits, which stay in the tens.
    RATE_LIMIT_PER_MINUTE,
    ...target.oceanEnv,
  };
  const ocean = startChild('ocean', join(DIST, 'src', 'main.js'), oceanPort, childEnv(oceanEnv));
  cleanup.add('stop ocean', () => stopChild(ocean));
  const bare = startChild(
    'bare',
    join(DIST, 'bench', 'bare-server.js'),
    barePort,
    childEnv({ PORT: String(barePort), ...target.bareEnv }),
  );
  cleanup.add('stop bare server', () => stopChild(bare));
  await Promise.all([waitReady(ocean, '/health/ready', 60_000), waitReady(bare, '/health', 30_000)]);

  const callers = await signTokens(target.organizations, jwtSecret);
  const groups = buildScenarios(ocean, bare, callers);
  const scenarios = groups.flat();
  await checkScenarios(scenarios, ocean, bare, callers[0]);
  await primeTokenCache(ocean, callers);

  console.log(
    `bench: Ocean runs with NODE_ENV=production LOG_LEVEL=${LOG_LEVEL} (request logs off) DATABASE_POOL_SIZE=${POOL_SIZE}; ` +
      `${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per scenario, ` +
      `requests spread over ${ORGANIZATIONS} organizations and ${callers.length} users' tokens`,
  );
  const startLoad = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const measured: Measured[] = [];
  for (const group of groups) {
    process.stdout.write(`bench: ${group.map((s) => s.label).join(' | ')} ... `);
    const results = await measureGroup(group, settings);
    measured.push(...results);
    console.log(results.map((m) => `${m.requestsPerSecond.toFixed(0)}`).join(' | ') + ' req/s');
  }

  const rows = withRatios(measured, scenarios);
  const ratios = [
    ratio(rows, 'Ocean list / bare list', 'ocean-list', 'bare-list', OCEAN_GOAL),
    ratio(rows, 'Ocean get / bare get', 'ocean-get', 'bare-get', OCEAN_GOAL),
    ratio(rows, 'authenticated (guard + 404) / unauthenticated (info)', 'auth-cheap', 'public-info'),
    ratio(rows, 'authenticated 404 / public 404 (the guard alone)', 'auth-cheap', 'public-404'),
  ].filter((r): r is Ratio => r !== undefined);

  const notes = [
    `database: ${target.version}; ${pages} pages, ${ORGANIZATIONS} organizations`,
    `Ocean: child process, NODE_ENV=production, LOG_LEVEL=${LOG_LEVEL}, DATABASE_POOL_SIZE=${POOL_SIZE}, ` +
      `RATE_LIMIT_PER_MINUTE=${RATE_LIMIT_PER_MINUTE} over ${callers.length} users, default TOKEN_CACHE_SIZE`,
    target.kind === 'pglite'
      ? 'baseline: its own child process on a copy of the same seeded PGlite files, one connection through the same node-postgres adapter'
      : `baseline: its own child process, pg Pool of ${POOL_SIZE} on the same scratch database`,
    `load: autocannon in the parent process, ${settings.connections} connections on loopback, everything on ${cpus().length} CPUs; ` +
      'compared scenarios alternate in 1 s slices and a ratio is the median of the slice-by-slice ratios, ' +
      'so background load weighs on both sides alike',
    target.kind === 'pglite'
      ? 'server CPU us/req: user + system time of the serving process per response, from /proc; PGlite runs inside it'
      : 'server CPU us/req: user + system time of the serving process (not PostgreSQL) per response, from /proc',
    `load average when the measurements started: ${startLoad}; other work on the machine lowers every req/s`,
    'the POST scenario has no baseline; it runs last so the reads see the seeded data only',
  ];
  if (target.kind === 'pglite')
    notes.push('PGlite serves one query at a time per process: compare ratios, not absolute req/s');
  const oceanLog = ocean.tail();
  if (oceanLog) notes.push(`Ocean logged at ${LOG_LEVEL} or above (last lines):\n${oceanLog}`);

  console.log(
    `\n${formatTable(rows)}\n\nratios:\n${formatRatios(ratios)}\n\nnotes:\n${notes.map((n) => `  - ${n}`).join('\n')}`,
  );
  const file = writeResults(RESULTS_DIR, startedAt, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    database: { kind: target.kind, version: target.version, organizations: ORGANIZATIONS, pages },
    node: process.version,
    cpus: cpus().length,
    settings: {
      ...settings,
      ocean: { NODE_ENV: 'production', LOG_LEVEL, DATABASE_POOL_SIZE: POOL_SIZE, RATE_LIMIT_PER_MINUTE },
    },
    scenarios: rows,
    ratios,
    notes,
  });
  console.log(`\nbench: wrote ${file}`);
  // Unexpected answers make the numbers meaningless: fail the run so nobody quotes them.
  return rows.some((r) => r.unexpected > 0) ? 1 : 0;
}

async function main(): Promise<void> {
  const settings: LoadSettings = {
    connections: intSetting('BENCH_CONNECTIONS', 10, 1, 100),
    durationSeconds: intSetting('BENCH_DURATION', 5, 1, 10),
    warmupSeconds: intSetting('BENCH_WARMUP', 1, 0, 5),
  };
  const cleanup = new Cleanup();
  let stopping = false;
  const interrupt = (reason: string, code: number): void => {
    stopping = true;
    console.error(`\nbench: ${reason}; stopping the servers`);
    stopActiveLoad();
    void cleanup.run().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => interrupt('interrupted', 130));
  process.once('SIGTERM', () => interrupt('terminated', 143));
  // A hard ceiling whatever happens: 8 scenarios plus a minute for seeding and start-up.
  const ceilingMs = (8 * (settings.durationSeconds + settings.warmupSeconds) + 60) * 1000 + 30_000;
  setTimeout(() => interrupt(`still running after ${ceilingMs / 1000} s`, 1), ceilingMs).unref();

  try {
    process.exitCode = await run(cleanup, settings);
  } catch (err) {
    // After an interruption the failure is only the servers going away.
    if (!stopping) console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

void main();
