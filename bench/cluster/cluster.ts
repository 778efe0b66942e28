import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../processes';
import { directOrigins } from './load';

/*
 * The processes of one cluster run, all on 127.0.0.1 and all inside one temp directory: a
 * PostgreSQL of its own (initdb + pg_ctl, as the `postgres` OS user), a redis-server, three
 * `node dist/main.js` and nginx with a config generated from deploy/nginx.conf. Every pid is
 * written to `pids` in that directory so that a caller (.ci/run) can stop them even when this
 * process dies without cleaning up.
 */

const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const NGINX_TEMPLATE = join(ROOT, 'deploy', 'nginx.conf');
const GC_HOOK = join(__dirname, 'gc-hook.js');
export const PG_BIN = '/usr/lib/postgresql/15/bin';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Fails with one clear message naming everything the suite needs and does not find. */
export function checkPrerequisites(): void {
  const missing: string[] = [];
  const onPath = (name: string): boolean => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  if (!onPath('nginx')) missing.push('nginx (apt-get install nginx)');
  if (!onPath('redis-server')) missing.push('redis-server (apt-get install redis-server)');
  for (const bin of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(PG_BIN, bin))) missing.push(`${PG_BIN}/${bin} (apt-get install postgresql-15)`);
  }
  if (spawnSync('id', ['-u', 'postgres']).status !== 0) missing.push('the postgres OS user (postgresql-15 creates it)');
  if (!existsSync(MAIN)) missing.push('dist/main.js (npm run build)');
  if (missing.length > 0) {
    throw new Error(`test:cluster installs nothing itself; missing:\n  ${missing.join('\n  ')}`);
  }
}

/** Output of a child, the last lines kept for failure messages; optional line listener. */
class Output {
  private lines: string[] = [];
  /** Called with every complete line, stdout's and stderr's alike. */
  readonly listeners = new Set<(line: string) => void>();
  attach(child: ChildProcess): void {
    // One partial line per stream: a chunk of one must not be glued onto a line of the other.
    const reader = (): ((chunk: Buffer) => void) => {
      let partial = '';
      return (chunk: Buffer): void => {
        const parts = (partial + chunk.toString('utf8')).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) {
          if (!line) continue;
          for (const listener of this.listeners) listener(line);
          this.lines.push(line);
        }
        if (this.lines.length > 60) this.lines.splice(0, this.lines.length - 60);
      };
    };
    child.stdout?.on('data', reader());
    child.stderr?.on('data', reader());
  }
  tail(n = 30): string {
    return this.lines.slice(-n).join('\n');
  }
}

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** SIGKILL, and wait (bounded) for the exit. */
async function killNow(child: ChildProcess | undefined): Promise<void> {
  if (!child || exited(child)) return;
  child.kill('SIGKILL');
  await waitExit(child, 5000);
}

/** SIGTERM, then SIGKILL past `graceMs`; true when it exited within the grace. */
async function terminate(child: ChildProcess | undefined, graceMs = 5000): Promise<boolean> {
  if (!child || exited(child)) return true;
  child.kill('SIGTERM');
  if (await waitExit(child, graceMs)) return true;
  await killNow(child);
  return false;
}

async function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return true;
  const timer = sleep(timeoutMs).then(() => false);
  return Promise.race([once(child, 'exit').then(() => true), timer]);
}

export class Pids {
  private readonly pids = new Map<string, number>();
  constructor(private readonly file: string) {}
  set(name: string, pid: number | undefined): void {
    if (pid === undefined) this.pids.delete(name);
    else this.pids.set(name, pid);
    writeFileSync(this.file, [...this.pids.values()].join('\n') + '\n');
  }
}

export class Postgres {
  readonly data: string;
  readonly log: string;
  port = 0;
  password = randomBytes(24).toString('hex');
  constructor(
    private readonly dir: string,
    private readonly pids: Pids,
  ) {
    this.data = join(dir, 'pgdata');
    this.log = join(dir, 'postgres.log');
  }

  get url(): string {
    return `postgres://ocean:${this.password}@127.0.0.1:${this.port}/ocean`;
  }

  private asPostgres(bin: string, args: string[]): void {
    const r = spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args], {
      cwd: '/',
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status !== 0) {
      const log = existsSync(this.log) ? readFileSync(this.log, 'utf8').split('\n').slice(-20).join('\n') : '';
      throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}\n${log}`);
    }
  }

  async init(): Promise<void> {
    this.port = await freePort();
    mkdirSync(this.data, { mode: 0o700 });
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(this.data, uid, gid);
    const superPassword = randomBytes(24).toString('hex');
    const pwfile = join(this.dir, 'pwfile');
    writeFileSync(pwfile, superPassword + '\n', { mode: 0o600 });
    chownSync(pwfile, uid, gid);
    writeFileSync(this.log, '');
    chownSync(this.log, uid, gid);
    this.asPostgres('initdb', [
      '-D',
      this.data,
      '-U',
      'postgres',
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
    this.start();
    const admin = new Client({
      host: '127.0.0.1',
      port: this.port,
      user: 'postgres',
      password: superPassword,
      database: 'postgres',
    });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ocean LOGIN PASSWORD '${this.password}'`);
      await admin.query(`CREATE DATABASE ocean OWNER ocean ENCODING 'UTF8' TEMPLATE template0`);
    } finally {
      await admin.end();
    }
  }

  private postmasterPid(): number | undefined {
    const file = join(this.data, 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  start(): void {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=100 -c fsync=off`;
    this.asPostgres('pg_ctl', ['-D', this.data, '-l', this.log, '-o', options, '-w', '-t', '30', 'start']);
    this.pids.set('postgres', this.postmasterPid());
  }

  /** pg_ctl stop -m fast: clients are disconnected, the cluster shuts down cleanly. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    if (!this.postmasterPid()) return;
    this.asPostgres('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '30', 'stop']);
    this.pids.set('postgres', undefined);
  }
}

export class RedisServer {
  port = 0;
  private child?: ChildProcess;
  private readonly out = new Output();
  constructor(private readonly pids: Pids) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.out.attach(child);
    this.child = child;
    this.pids.set('redis', child.pid);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (exited(child)) throw new Error(`redis-server exited:\n${this.out.tail()}`);
      if (this.out.tail(5).includes('Ready to accept connections')) return;
      await sleep(50);
    }
    throw new Error(`redis-server not ready after 10 s:\n${this.out.tail()}`);
  }

  /** SIGKILL by pid: an abrupt outage (nothing of the data survives: no persistence). */
  async kill(): Promise<void> {
    await killNow(this.child);
    this.pids.set('redis', undefined);
  }

  async stop(): Promise<void> {
    await terminate(this.child);
    this.pids.set('redis', undefined);
  }
}

export class Instance {
  port = 0;
  private child?: ChildProcess;
  readonly out = new Output();
  exitInfo = '';
  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    private readonly pids: Pids,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && !exited(this.child);
  }

  async start(extraEnv: Record<string, string> = {}, timeoutMs = 40_000): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    directOrigins.add(this.url);
    // --expose-gc and the preloaded gc hook (this suite's, never in the app): SIGUSR2 runs a full GC.
    const child = spawn(process.execPath, ['--expose-gc', '--require', GC_HOOK, MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        ...this.env,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.out.attach(child);
    child.once('exit', (code, signal) => (this.exitInfo = `exit ${code ?? signal}`));
    this.pids.set(this.name, child.pid);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited(child)) throw new Error(`${this.name} exited early (${this.exitInfo}):\n${this.out.tail()}`);
      try {
        const r = await fetch(`${this.url}/health/ready`, {
          headers: { connection: 'close' },
          signal: AbortSignal.timeout(2000),
        });
        if (r.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${this.name} not ready on ${this.url} after ${timeoutMs} ms:\n${this.out.tail()}`);
  }

  /** SIGTERM and wait for the exit (graceful drain); SIGKILL past the deadline. Resolves ms taken. */
  async stop(timeoutMs = 20_000): Promise<number> {
    const child = this.child;
    if (!child || exited(child)) return 0;
    const started = Date.now();
    if (!(await terminate(child, timeoutMs))) {
      throw new Error(`${this.name} did not exit within ${timeoutMs} ms of SIGTERM`);
    }
    this.pids.set(this.name, undefined);
    return Date.now() - started;
  }

  async kill(): Promise<void> {
    await killNow(this.child);
    this.pids.set(this.name, undefined);
  }

  /** A full GC in the instance (the suite's preloaded hook) and its heap used right after it. */
  async heapUsedAfterGc(): Promise<number> {
    const child = this.child;
    if (!child || exited(child)) throw new Error(`${this.name} is not running`);
    const reported = new Promise<number>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.out.listeners.delete(listener);
        child.off('exit', exit);
      };
      const listener = (line: string): void => {
        const match = /^ocean-cluster-gc (\d+)$/.exec(line);
        if (!match) return;
        done();
        resolve(Number(match[1]));
      };
      const exit = (): void => {
        done();
        reject(new Error(`${this.name} exited while its heap was being measured`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name}: no heap figure from the gc hook within 5 s`));
      }, 5000);
      this.out.listeners.add(listener);
      child.once('exit', exit);
    });
    child.kill('SIGUSR2');
    return reported;
  }
}

/** nginx.conf as shipped, with only the lines marked "cluster suite:" replaced. */
export function renderNginxConfig(template: string, dir: string, listenPort: number, upstreams: number[]): string {
  const lines = template.split('\n');
  const out: string[] = [];
  const found = { pid: false, accessLog: false, listen: false, upstream: false };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = /^\s*# cluster suite: (pid|access_log|listen|upstream servers)/.exec(line)?.[1];
    if (marker === 'pid') {
      out.push(line, `pid ${join(dir, 'nginx.pid')};`);
      if (!/^pid\s/.test(lines[++i] ?? '')) throw new Error('nginx.conf: no pid line after its marker');
      found.pid = true;
    } else if (marker === 'access_log') {
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      const format = /^\s*access_log\s+\S+\s+(\S+);/.exec(lines[++i] ?? '')?.[1];
      if (!format) throw new Error('nginx.conf: no access_log line after its marker');
      out.push(line, `${indent}access_log ${join(dir, 'access.log')} ${format};`);
      found.accessLog = true;
    } else if (marker === 'listen') {
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      out.push(line, `${indent}listen 127.0.0.1:${listenPort};`);
      if (!/^\s*listen\s/.test(lines[++i] ?? '')) throw new Error('nginx.conf: no listen line after its marker');
      found.listen = true;
    } else if (marker === 'upstream servers') {
      out.push(line);
      const servers: string[] = [];
      while (++i < lines.length && !/# cluster suite: end of upstream servers/.test(lines[i])) servers.push(lines[i]);
      const first = /^(\s*)server\s+\S+(.*)$/.exec(servers[0] ?? '');
      if (!first) throw new Error('nginx.conf: no server line in the upstream block');
      // The shipped parameters (max_fails, fail_timeout) on every loopback upstream.
      for (const port of upstreams) out.push(`${first[1]}server 127.0.0.1:${port}${first[2]}`);
      out.push(lines[i]);
      found.upstream = true;
    } else if (/^http \{/.test(line)) {
      out.push(line);
      // Debian's nginx has absolute temp paths compiled in; keep them inside this run's directory.
      for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
        out.push(`    ${kind}_temp_path ${join(dir, 'temp', kind)};`);
      }
    } else {
      out.push(line);
    }
  }
  for (const [what, ok] of Object.entries(found))
    if (!ok) throw new Error(`nginx.conf: no "cluster suite: ${what}" marker`);
  return out.join('\n');
}

export interface AccessLogEntry {
  method: string;
  uri: string;
  status: number;
  upstream: string;
  upstream_status: string;
  request_time: number;
}

export class Nginx {
  port = 0;
  private child?: ChildProcess;
  private readonly out = new Output();
  readonly config: string;
  constructor(
    private readonly dir: string,
    private readonly pids: Pids,
  ) {
    this.config = join(dir, 'nginx.conf');
  }

  /** Every access-log line so far (JSON lines in the run's access.log), parsed. */
  get log(): AccessLogEntry[] {
    const file = join(this.dir, 'access.log');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as AccessLogEntry);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(upstreams: number[]): Promise<void> {
    this.port = await freePort();
    mkdirSync(join(this.dir, 'temp'), { recursive: true });
    chmodSync(this.dir, 0o755);
    writeFileSync(this.config, renderNginxConfig(readFileSync(NGINX_TEMPLATE, 'utf8'), this.dir, this.port, upstreams));
    const test = spawnSync('nginx', ['-t', '-q', '-e', 'stderr', '-c', this.config, '-p', this.dir], {
      encoding: 'utf8',
    });
    if (test.status !== 0) throw new Error(`nginx -t refused the generated config:\n${test.stderr}`);
    const child = spawn('nginx', ['-e', 'stderr', '-c', this.config, '-p', this.dir, '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.out.attach(child);
    this.pids.set('nginx', child.pid);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (exited(child)) throw new Error(`nginx exited:\n${this.out.tail()}`);
      try {
        if ((await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) })).ok) return;
      } catch {
        // not yet
      }
      await sleep(100);
    }
    throw new Error(`nginx not answering on ${this.url}:\n${this.out.tail()}`);
  }

  tail(): string {
    return this.out.tail();
  }

  async stop(): Promise<void> {
    await terminate(this.child);
    this.pids.set('nginx', undefined);
  }
}
