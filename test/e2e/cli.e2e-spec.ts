import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, uniqueEmail } from '../factories/identity';
import { signToken } from '../factories/tokens';
import { bootApp, type TestApp } from '../support/app';
import { freePort } from '../support/processes';
import { CLI, ocean, type Run } from '../support/cli';

const configFile = (home: string): string => join(home, 'xdg', 'ocean', 'config.yaml');
const profileOf = (home: string): Record<string, string> =>
  (parse(readFileSync(configFile(home), 'utf8')) as { profiles: Record<string, Record<string, string>> }).profiles
    .default;
/** The JSON answer of a run that succeeded (loosely typed, as the other specs read answers). */
const json = (run: Run): ReturnType<typeof JSON.parse> => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};

describe('the ocean command line client', () => {
  let t: TestApp;
  let baseUrl: string;
  let homes: string[] = [];
  let exportRouteExists = false;

  const newHome = (): string => {
    const home = mkdtempSync(join(tmpdir(), 'ocean-cli-home-'));
    homes.push(home);
    return home;
  };

  /** A home whose default profile points at the test server. */
  const cli = (home: string, args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}) =>
    ocean(home, args, { ...options, env: { OCEAN_BACKEND_URL: baseUrl, ...options.env } });

  /** Registers a fresh account and signs it in through the CLI, password on stdin. */
  async function signedIn(): Promise<{ home: string; email: string }> {
    const home = newHome();
    const email = uniqueEmail('cli');
    const registered = await cli(home, ['auth', 'register', '-e', email, '--password-stdin'], {
      input: `${STRONG_PASSWORD}\n`,
    });
    expect(registered.code, registered.stderr).toBe(0);
    const login = await cli(home, ['auth', 'login', '-e', email, '--password-stdin'], {
      input: `${STRONG_PASSWORD}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
    return { home, email };
  }

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: run `npm run build`');
    t = await bootApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const fastify = t.app.getHttpAdapter().getInstance();
    exportRouteExists =
      fastify.hasRoute({ method: 'GET', url: '/api/v1/ocean/pages/:id/export' }) &&
      fastify.hasRoute({ method: 'POST', url: '/api/v1/ocean/pages/import' });
  });

  afterAll(async () => {
    await t?.close();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
    homes = [];
  });

  it('registers and signs in with the password on stdin; keeps the session in a 0600 file in a 0700 directory', async () => {
    const { home, email } = await signedIn();
    const profile = profileOf(home);
    expect(profile).toMatchObject({ base_url: baseUrl, email });
    expect(profile.access_token).toMatch(/^ey/);
    expect(profile.refresh_token).toBeTruthy();
    expect(statSync(configFile(home)).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'xdg', 'ocean')).mode & 0o777).toBe(0o700);

    const whoami = await cli(home, ['auth', 'whoami']);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.stdout).toContain(email);
    expect(whoami.stdout).toMatch(/role\s+USER/);
    expect(whoami.stdout).toMatch(/expires in\s+(29m|30m)/);
    const me = json(await cli(home, ['--json', 'auth', 'whoami']));
    expect(me).toMatchObject({ email, role: 'USER', profile: 'default' });
    expect(me.organization_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(me.expires_in).toBeGreaterThan(60);
    // The secret never reaches the output.
    expect(whoami.stdout + whoami.stderr).not.toContain(profile.access_token);
  });

  it('signs in through the no-echo prompt fed from stdin, and refuses a wrong password with exit 3', async () => {
    const home = newHome();
    const email = uniqueEmail('prompt');
    expect((await cli(home, ['auth', 'register', '-e', email], { input: `${STRONG_PASSWORD}\n` })).code).toBe(0);
    const login = await cli(home, ['auth', 'login', '-e', email], { input: `${STRONG_PASSWORD}\n` });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain(`signed in as ${email}`);
    // The prompt goes to stderr and does not echo what was typed.
    expect(login.stderr).toContain('Password');
    expect(login.stderr + login.stdout).not.toContain(STRONG_PASSWORD);
    expect(profileOf(home).refresh_token).toBeTruthy();

    const wrong = await cli(newHome(), ['auth', 'login', '-e', email, '--password-stdin'], {
      input: 'Wr0ng-Password!\n',
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/^error: .+ \(INVALID_CREDENTIALS\)$/m);
  });

  it('creates pages and blocks, lists them as tables and as JSON, and draws the page tree', async () => {
    const { home } = await signedIn();
    const parent = json(await cli(home, ['--json', 'pages', 'create', 'Roadmap']));
    expect(parent).toMatchObject({ title: 'Roadmap', parent_page_id: null });
    const child = json(await cli(home, ['--json', 'pages', 'create', 'Q3 plan', '--parent', parent.page_id]));
    expect(child.parent_page_id).toBe(parent.page_id);

    expect((await cli(home, ['blocks', 'add', parent.page_id, 'Hello', 'world'])).code).toBe(0);
    expect((await cli(home, ['blocks', 'add', parent.page_id, '--type', 'heading', '--level', '2', 'Plan'])).code).toBe(
      0,
    );
    const task = json(await cli(home, ['--json', 'blocks', 'add', parent.page_id, '--type', 'task', 'Ship the CLI']));
    expect(task).toMatchObject({ block_type: 'task', content: { text: 'Ship the CLI', checked: false } });
    expect((await cli(home, ['blocks', 'update', task.block_id, '--checked'])).code).toBe(0);

    const list = json(await cli(home, ['--json', 'blocks', 'list', parent.page_id]));
    expect(list.total).toBe(3);
    expect(list.blocks.map((b: { block_type: string; content: unknown }) => [b.block_type, b.content])).toEqual([
      ['text', { text: 'Hello world' }],
      ['heading', { text: 'Plan', level: 2 }],
      ['task', { text: 'Ship the CLI', checked: true }],
    ]);
    const table = await cli(home, ['blocks', 'list', parent.page_id]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Hello world');
    expect(table.stdout).toContain('[x] Ship the CLI');
    expect(table.stdout).toContain('3 of 3');

    const tree = await cli(home, ['pages', 'tree']);
    expect(tree.code, tree.stderr).toBe(0);
    const lines = tree.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Roadmap +${parent.page_id}$`));
    expect(lines[1]).toMatch(new RegExp(`^└── Q3 plan +${child.page_id}$`));
    const nested = json(await cli(home, ['--json', 'pages', 'tree']));
    expect(nested).toHaveLength(1);
    expect(nested[0].children.map((c: { page_id: string }) => c.page_id)).toEqual([child.page_id]);

    // Nothing but the answer on stdout under --json, and no spinner without a terminal.
    const pages = await cli(home, ['--json', 'pages', 'list']);
    expect(JSON.parse(pages.stdout).total).toBe(2);
    expect(pages.stderr).toBe('');
  });

  it('refreshes an access token that expired mid-session and keeps the rotated pair in the profile', async () => {
    const { home } = await signedIn();
    const me = json(await cli(home, ['--json', 'auth', 'whoami']));
    const before = profileOf(home);
    const expired = await signToken({ user: me.id, org: me.organization_id, expiresIn: -120 });
    const file = parse(readFileSync(configFile(home), 'utf8')) as { profiles: Record<string, Record<string, string>> };
    file.profiles.default.access_token = expired;
    writeFileSync(configFile(home), stringify(file), { mode: 0o600 });

    const pages = await cli(home, ['--json', 'pages', 'list']);
    expect(pages.code, pages.stderr).toBe(0);
    expect(JSON.parse(pages.stdout).pages).toEqual([]);
    const after = profileOf(home);
    expect(after.access_token).not.toBe(expired);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    // The new pair is the live one: the next command needs no refresh and succeeds.
    expect((await cli(home, ['auth', 'whoami'])).code).toBe(0);
    expect(statSync(configFile(home)).mode & 0o777).toBe(0o600);
  });

  it('signs out: the session is revoked on the server, the profile forgets it, and commands exit 3', async () => {
    const { home } = await signedIn();
    const { access_token: token } = profileOf(home);
    const logout = await cli(home, ['auth', 'logout']);
    expect(logout.code, logout.stderr).toBe(0);
    expect(profileOf(home).access_token).toBeUndefined();
    expect(profileOf(home).refresh_token).toBeUndefined();
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(401);

    const after = await cli(home, ['pages', 'list']);
    expect(after.code).toBe(3);
    expect(after.stderr).toMatch(/^error: not signed in/);
    expect(after.stdout).toBe('');
  });

  it('uses an API key from OCEAN_API_KEY (or its AINATIVE_ alias) instead of the profile', async () => {
    const { home } = await signedIn();
    const created = json(await cli(home, ['--json', 'auth', 'api-key', 'create', '--name', 'ci', '--scopes', 'read']));
    expect(created.key).toMatch(/^sk_/);
    for (const name of ['OCEAN_API_KEY', 'AINATIVE_API_KEY']) {
      const fresh = newHome();
      const list = await cli(fresh, ['--json', 'pages', 'list'], { env: { [name]: created.key } });
      expect(list.code, list.stderr).toBe(0);
      // A read-only key cannot write: the server's 403 is exit 3.
      const write = await cli(fresh, ['pages', 'create', 'nope'], { env: { [name]: created.key } });
      expect(write.code).toBe(3);
    }
    const keys = json(await cli(home, ['--json', 'auth', 'api-key', 'list']));
    expect(keys.api_keys.map((k: { api_key_id: string }) => k.api_key_id)).toContain(created.api_key_id);
    expect(JSON.stringify(keys)).not.toContain(created.key);
  });

  it('warns on stderr when the config file is readable by others', async () => {
    const { home } = await signedIn();
    chmodSync(configFile(home), 0o644);
    const whoami = await cli(home, ['auth', 'whoami']);
    expect(whoami.code).toBe(0);
    expect(whoami.stderr).toContain('readable by others (mode 0644)');
  });

  it('answers bad flags with exit 2 and the usage on stderr', async () => {
    const home = newHome();
    for (const args of [
      ['pages', 'list', '--bogus'],
      ['pages', 'list', '--limit', 'many'],
      ['frobnicate'],
      ['blocks', 'add'],
    ]) {
      const run = await cli(home, args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: ocean');
      expect(run.stdout).toBe('');
    }
    const help = await cli(home, ['blocks', 'add', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
  });

  it('says in one line, without a stack, that the server is down (exit 1)', async () => {
    const { home } = await signedIn();
    const port = await freePort();
    const run = await ocean(home, ['pages', 'list'], { env: { OCEAN_BACKEND_URL: `http://127.0.0.1:${port}` } });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `error: cannot reach http://127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    ]);
    expect(run.stdout).toBe('');
  });

  it('exits 4 for an unknown id and for an id of another organization', async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    const missing = await cli(alice.home, ['pages', 'get', '0190f0b2-7a1c-7d3e-8f00-1234567890ab']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toBe('error: Page not found. (PAGE_NOT_FOUND)\n');

    const page = json(await cli(bob.home, ['--json', 'pages', 'create', "Bob's"]));
    const block = json(await cli(bob.home, ['--json', 'blocks', 'add', page.page_id, 'secret']));
    for (const args of [
      ['pages', 'get', page.page_id],
      ['blocks', 'list', page.page_id],
      ['blocks', 'rm', block.block_id],
      ['pages', 'archive', page.page_id],
    ]) {
      const run = await cli(alice.home, args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(4);
    }
    // Bob's page is untouched.
    expect(json(await cli(bob.home, ['--json', 'blocks', 'list', page.page_id])).total).toBe(1);
  });

  it('exports a page as Markdown and JSON and imports the Markdown back as the same blocks', async ({ skip }) => {
    // The routes are another change of the same issue: until they exist there is nothing to test.
    if (!exportRouteExists) skip();
    const { home } = await signedIn();
    const source = json(await cli(home, ['--json', 'pages', 'create', 'Source']));
    const parent = json(await cli(home, ['--json', 'pages', 'create', 'Imports']));
    for (const args of [['--type', 'heading', '--level', '2', 'Plan'], ['Some text'], ['--type', 'task', 'Todo']]) {
      expect((await cli(home, ['blocks', 'add', source.page_id, ...args])).code).toBe(0);
    }
    const file = join(home, 'page.md');
    const exported = await cli(home, ['export', source.page_id, '--format', 'markdown', '-o', file]);
    expect(exported.code, exported.stderr).toBe(0);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toContain('# Source');
    expect(markdown).toContain('## Plan');
    expect(markdown).toContain('- [ ] Todo');
    const stdout = await cli(home, ['export', source.page_id]);
    expect(stdout.stdout).toBe(markdown);
    const asJson = json(await cli(home, ['export', source.page_id, '--format', 'json']));
    expect(asJson.page.page_id).toBe(source.page_id);
    expect(asJson.blocks).toHaveLength(3);

    const imported = json(await cli(home, ['--json', 'import', file, '--parent', parent.page_id, '--title', 'Copy']));
    expect(imported).toMatchObject({ title: 'Copy', parent_page_id: parent.page_id });
    const shape = (blocks: Array<{ block_type: string; content: unknown }>) =>
      blocks.map((b) => [b.block_type, b.content]);
    const copy = json(await cli(home, ['--json', 'blocks', 'list', imported.page_id]));
    expect(shape(copy.blocks)).toEqual(shape(asJson.blocks));

    // Without --title the document's own `# Source` names the page, from stdin too.
    const piped = json(await cli(home, ['--json', 'import', '-'], { input: markdown }));
    expect(piped).toMatchObject({ title: 'Source', parent_page_id: null });
    expect(shape(json(await cli(home, ['--json', 'blocks', 'list', piped.page_id])).blocks)).toEqual(
      shape(asJson.blocks),
    );

    const missing = await cli(home, ['export', '0190f0b2-7a1c-7d3e-8f00-1234567890ab']);
    expect(missing.code).toBe(4);
  });

  it('reports a config file with a YAML error by path and line only (the excerpt holds secrets), exit 2', async () => {
    const home = newHome();
    mkdirSync(join(home, 'xdg', 'ocean'), { recursive: true, mode: 0o700 });
    writeFileSync(configFile(home), 'profiles:\n  default:\n    api_key: sk_live_SECRETKEY\n   access_token: x\n', {
      mode: 0o600,
    });
    const run = await ocean(home, ['pages', 'list']);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('sk_live');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `error: ${configFile(home)} is not valid YAML (line 4, column 1)`,
    ]);
    expect(run.stdout).toBe('');
    // A file of the wrong shape is a config error too.
    writeFileSync(configFile(home), '- a\n- b\n', { mode: 0o600 });
    const shape = await ocean(home, ['pages', 'list']);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toBe(`error: ${configFile(home)} is not a mapping\n`);
  });

  it('shows terminal escape sequences of server data as visible escapes; --json keeps them as JSON escapes', async () => {
    const { home } = await signedIn();
    const title = 'evil\u001b[31mRED\u001b]8;;http://evil\u0007link';
    const page = json(await cli(home, ['--json', 'pages', 'create', title]));
    expect(page.title).toBe(title);
    const child = json(await cli(home, ['--json', 'pages', 'create', 'child\u001b[2J', '--parent', page.page_id]));
    await cli(home, ['blocks', 'add', page.page_id, 'text\u001b[1A\u009b2K']);
    for (const args of [
      ['pages', 'list'],
      ['pages', 'tree'],
      ['pages', 'get', page.page_id],
      ['pages', 'create', `again ${title}`],
      ['blocks', 'list', page.page_id],
      ['search', 'evil'],
    ]) {
      const run = await cli(home, args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(run.stdout, args.join(' ')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
    const list = await cli(home, ['pages', 'list']);
    expect(list.stdout).toContain('evil\\x1b[31mRED\\x1b]8;;http://evil\\x07link');
    const tree = await cli(home, ['pages', 'tree']);
    expect(tree.stdout).toContain(`child\\x1b[2J  ${child.page_id}`);
    const raw = await cli(home, ['--json', 'pages', 'get', page.page_id]);
    expect(raw.stdout).toContain('\\u001b[31mRED');
    expect(JSON.parse(raw.stdout).title).toBe(title);
  });

  it('keeps a profile called constructor as data and refuses profile names like __proto__ (exit 2)', async () => {
    const email = (await signedIn()).email;
    const home = newHome();
    for (const [args, env] of [
      [['--profile', '__proto__'], {}],
      [['--profile', '-x'], {}],
      [[], { OCEAN_PROFILE: '__proto__' }],
    ] as const) {
      const login = await cli(home, [...args, 'auth', 'login', '-e', email, '--password-stdin'], {
        input: `${STRONG_PASSWORD}\n`,
        env,
      });
      expect(login.code, `${args.join(' ')} ${JSON.stringify(env)}: ${login.stderr}`).toBe(2);
      expect(login.stderr).toMatch(/^error: invalid profile name/);
      expect(existsSync(configFile(home))).toBe(false);
    }
    const login = await cli(home, ['--profile', 'constructor', 'auth', 'login', '-e', email, '--password-stdin'], {
      input: `${STRONG_PASSWORD}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
    const file = parse(readFileSync(configFile(home), 'utf8')) as { profiles: Record<string, Record<string, string>> };
    const saved = Object.entries(file.profiles);
    expect(saved.map(([name]) => name)).toEqual(['constructor']);
    expect(saved[0][1].refresh_token).toBeTruthy();
    expect((await cli(home, ['--profile', 'constructor', 'auth', 'whoami'])).code).toBe(0);
    // An Object member is not a profile: toString holds no credential.
    const other = await cli(home, ['--profile', 'toString', 'pages', 'list']);
    expect(other.code).toBe(3);
    expect(other.stderr).toMatch(/^error: not signed in/);

    // A current_profile of the file is checked the same way.
    writeFileSync(configFile(home), stringify({ ...file, current_profile: '__proto__' }), { mode: 0o600 });
    const current = await cli(home, ['pages', 'list']);
    expect(current.code).toBe(2);
    expect(current.stderr).toMatch(/^error: invalid profile name/);
  });

  it('refuses a base URL with a password, a query or a bad scheme (exit 2) without echoing the password', async () => {
    const { home } = await signedIn();
    const port = new URL(baseUrl).port;
    for (const url of [
      `http://user:s3cretpw@127.0.0.1:${port}`,
      'http://[bad',
      'ftp://127.0.0.1',
      `http://127.0.0.1:${port}/?token=s3cretpw`,
    ]) {
      for (const [args, env] of [
        [['--base-url', url], {}],
        [[], { OCEAN_BACKEND_URL: url }],
      ] as const) {
        const run = await ocean(home, [...args, 'pages', 'list'], { env });
        expect(run.code, `${url}: ${run.stderr}`).toBe(2);
        expect(run.stderr).not.toContain('s3cretpw');
        expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(/^error: (--base-url|OCEAN_BACKEND_URL) /);
      }
    }
  });

  it('refuses to import a file (or stdin) that is not valid UTF-8, exit 2', async () => {
    const { home } = await signedIn();
    const file = join(home, 'latin1.md');
    writeFileSync(file, Buffer.from('# Caf\xe9\n\nna\xefve\n', 'latin1'));
    const run = await cli(home, ['import', file]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toBe(`error: ${file} is not valid UTF-8\n`);
    const piped = await cli(home, ['import', '-'], { input: Buffer.from('# Caf\xe9\n', 'latin1') });
    expect(piped.code, piped.stderr).toBe(2);
    expect(piped.stderr).toBe('error: - is not valid UTF-8\n');
  });

  it('creates an admin directly in the database of DATA_DIR, refusing weak passwords; migrate finds nothing pending', async () => {
    const home = newHome();
    const dataDir = join(home, 'data');
    const env = { DATA_DIR: dataDir, JWT_SECRET: 'cli-admin-secret-that-is-long-enough-0123456789' };
    const weak = await ocean(
      home,
      ['admin', 'create-user', '--email', 'root@example.com', '--role', 'ADMIN', '--password-stdin'],
      {
        input: 'password\n',
        env,
      },
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/^error: weak password: password needs .*an uppercase letter/);
    // Refused before the database was opened.
    expect(existsSync(dataDir)).toBe(false);

    const args = [
      '--json',
      'admin',
      'create-user',
      '--email',
      'Root@Example.com',
      '--role',
      'ADMIN',
      '--password-stdin',
    ];
    const created = await ocean(home, args, { input: `${STRONG_PASSWORD}\n`, env });
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'root@example.com', role: 'ADMIN' });
    const again = await ocean(home, args, { input: `${STRONG_PASSWORD}\n`, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: an account for root@example.com exists already\n');

    const migrate = await ocean(home, ['migrate'], { env });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toBe('no pending migrations\n');
  }, 180_000);
});
