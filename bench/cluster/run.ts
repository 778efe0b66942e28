/**
 * `npm run test:cluster`: three PostgreSQL-backed Ocean processes behind nginx (deploy/nginx.conf),
 * with a PostgreSQL and a Redis of the suite's own, all on 127.0.0.1 inside one temp directory,
 * then scenarios through nginx. Prints a table, writes cluster-results/<time>.json, exits 1
 * when an assertion fails. Installs nothing: missing nginx, redis-server or PostgreSQL 15 is an
 * error naming the package.
 *
 * Environment:
 *   CLUSTER_SCENARIOS          comma list of scenario numbers (default: all, 1..9)
 *   CLUSTER_SOAK_SECONDS       soak length (default 180: heap sampled at each third)
 *   CLUSTER_SOAK_CONNECTIONS   soak connections (default 50)
 *   CLUSTER_TIMEOUT_SECONDS    the whole run's bound; past it everything is stopped, exit 1 (345)
 *   CLUSTER_PIDFILE            where to (also) list the pids of every process started, one a
 *                              line, so that a caller can stop them if this process dies
 *   CLUSTER_KEEP               1: keep the temp directory (logs, pgdata) after the run
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkPrerequisites, Instance, Nginx, Pids, Postgres, RedisServer } from './cluster';
import {
  concurrency,
  instanceKilled,
  loadUsers,
  postgresRestart,
  RATE_LIMIT,
  rateLimit,
  redisDown,
  register,
  revocation,
  rollingRestart,
  Scenario,
  smoke,
  soak,
  type Cluster,
  type Result,
} from './scenarios';

const ROOT = resolve(__dirname, '..', '..', '..');
const env = process.env;
const num = (name: string, fallback: number): number => {
  const v = Number(env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};

async function main(): Promise<number> {
  checkPrerequisites();
  const selected = new Set((env.CLUSTER_SCENARIOS || '1,2,3,4,5,6,7,8,9').split(',').map((x) => Number(x.trim())));
  const soakSeconds = num('CLUSTER_SOAK_SECONDS', 180);
  const soakConnections = num('CLUSTER_SOAK_CONNECTIONS', 50);
  const timeoutS = num('CLUSTER_TIMEOUT_SECONDS', 345);

  const dir = mkdtempSync('/tmp/ocean-cluster-');
  chmodSync(dir, 0o755); // the postgres user must reach its data directory inside
  const pids = new Pids(join(dir, 'pids'));
  const pg = new Postgres(dir, pids);
  const redis = new RedisServer(pids);
  const nginx = new Nginx(join(dir, 'nginx'), pids);
  mkdirSync(join(dir, 'nginx'));
  const instances: Instance[] = [];
  const started = Date.now();
  const log = (line: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
  if (env.CLUSTER_PIDFILE) {
    // The caller's copy, refreshed as pids change.
    const file = env.CLUSTER_PIDFILE;
    const original = pids.set.bind(pids);
    pids.set = (name, pid) => {
      original(name, pid);
      copyFileSync(join(dir, 'pids'), file);
    };
  }

  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await nginx.stop().catch(() => undefined);
    await Promise.all(instances.map((i) => i.kill().catch(() => undefined)));
    await redis.stop().catch(() => undefined);
    try {
      pg.stop('immediate');
    } catch {
      // not running
    }
    if (env.CLUSTER_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`test:cluster: ${signal}: stopping every process started`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  const deadline = setTimeout(() => {
    console.error(`test:cluster: over the ${timeoutS} s bound: stopping every process started`);
    void cleanup().finally(() => process.exit(1));
  }, timeoutS * 1000);
  deadline.unref();

  const results: Result[] = [];
  try {
    await pg.init();
    log(`PostgreSQL on 127.0.0.1:${pg.port} (${dir}/pgdata)`);
    await redis.start();
    log(`Redis on 127.0.0.1:${redis.port}`);
    const baseEnv = {
      NODE_ENV: 'production',
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      JWT_SECRET: randomBytes(48).toString('base64'),
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '10000',
      // As deploy/docker-compose.cluster.yml: longer than nginx's upstream keepalive_timeout (4s).
      SHUTDOWN_DRAIN_MS: '5000',
      DATA_DIR: join(dir, 'ocean-data'),
      // Everything comes from 127.0.0.1 here: no per-IP budget may get in the way.
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_FAILURE_LIMIT_PER_MINUTE: '1000000',
    };
    for (let k = 1; k <= 3; k++) instances.push(new Instance(`ocean-${k}`, baseEnv, pids));
    // The first start migrates (others wait on the advisory lock); start them together anyway.
    await Promise.all(instances.map((i) => i.start()));
    log(`Ocean ×3 on ports ${instances.map((i) => i.port).join(', ')}`);
    await nginx.start(instances.map((i) => i.port));
    log(`nginx on ${nginx.url} (config ${nginx.config})`);

    const cluster: Cluster = {
      pg,
      redis,
      instances,
      nginx,
      restartAll: async (extraEnv = {}) => {
        await Promise.all(instances.map((i) => i.stop()));
        await Promise.all(instances.map((i) => i.start(extraEnv)));
      },
    };
    const setup = new Scenario('setup');
    const users = await loadUsers(setup, nginx.url, 10);
    if (setup.failures.length > 0) throw new Error(`setup: ${setup.failures.join('; ')}`);

    const run = async (n: number, scenario: () => Promise<Result>): Promise<void> => {
      if (!selected.has(n)) return;
      log(`scenario ${n} …`);
      let result: Result;
      try {
        result = await scenario();
      } catch (err) {
        result = {
          scenario: `${n}`,
          requests: 0,
          errors: 0,
          p50: 0,
          p99: 0,
          recoveryMs: null,
          passed: false,
          failures: [`threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`],
          notes: [],
        };
      }
      results.push(result);
      log(
        `${result.passed ? 'ok    ' : 'FAILED'} ${result.scenario}: ${result.requests} requests, ${result.errors} errors`,
      );
      for (const f of result.failures) console.log(`         ✗ ${f}`);
      for (const note of result.notes) console.log(`         · ${note}`);
      if (!result.passed) {
        // What the instances logged as errors (a 500 is logged with its request id and stack).
        result.instanceErrors = instances.map((i) => ({
          name: i.name,
          errors: i.out
            .tail(60)
            .split('\n')
            .filter((l) => /"level":50|"level":60/.test(l))
            .slice(-5),
        }));
      }
      // Every instance must still be up for the next scenario.
      for (const i of instances) if (!i.running) await i.start();
    };

    await run(1, () => smoke(cluster));
    await run(2, () => revocation(cluster));
    if (selected.has(3)) {
      // Signed in before the restart: with the low limit, the per-IP budget that register and
      // login also count against would block 127.0.0.1 (every client here) for a minute.
      const s3 = new Scenario('3 one rate-limit budget');
      const [limited, other] = [await register(s3, nginx.url), await register(s3, nginx.url)];
      await cluster.restartAll({ RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
      await run(3, () => rateLimit(cluster, limited, other, s3));
      await cluster.restartAll();
    }
    await run(4, () => concurrency(cluster));
    await run(8, () => instanceKilled(cluster, users));
    await run(5, () => rollingRestart(cluster, users));
    await run(6, () => postgresRestart(cluster, users));
    await run(7, () => redisDown(cluster, users));
    await run(9, () => soak(cluster, users, soakSeconds, soakConnections));
  } catch (err) {
    console.error(`test:cluster: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    for (const i of instances) console.error(`--- ${i.name}:\n${i.out.tail(15)}`);
    console.error(`--- nginx:\n${nginx.tail()}`);
    await cleanup();
    return 1;
  }
  clearTimeout(deadline);
  await cleanup();

  printTable(results);
  const outDir = join(ROOT, 'cluster-results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { at: new Date().toISOString(), node: process.version, soakSeconds, soakConnections, results },
      null,
      2,
    ),
  );
  const failed = results.filter((r) => !r.passed);
  console.log(`\nwrote ${file}`);
  console.log(
    `${results.length - failed.length} passed, ${failed.length} failed in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return failed.length > 0 || results.length === 0 ? 1 : 0;
}

function printTable(results: Result[]): void {
  const head = ['scenario', 'requests', 'errors', 'p50 ms', 'p99 ms', 'recovery ms', 'result'];
  const rows = results.map((r) => [
    r.scenario,
    String(r.requests),
    String(r.errors),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.recoveryMs === null ? '-' : String(r.recoveryMs),
    r.passed ? 'ok' : 'FAILED',
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, k) => c.padEnd(widths[k])).join(' | ')} |`;
  console.log('');
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`test:cluster: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
