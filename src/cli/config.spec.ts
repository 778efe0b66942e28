import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import {
  ConfigError,
  ConfigFileError,
  configPath,
  readConfig,
  resolveProfile,
  updateProfile,
  writeConfig,
  type ConfigFile,
} from './config';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, renameSync: vi.fn(actual.renameSync) };
});

describe('the CLI config file', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocean-cli-'));
    file = join(dir, 'xdg', 'ocean', 'config.yaml');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lives in $XDG_CONFIG_HOME/ocean, else ~/.config/ocean; a relative XDG_CONFIG_HOME is ignored', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x/y', HOME: '/home/a' })).toBe('/x/y/ocean/config.yaml');
    expect(configPath({ HOME: '/home/a' })).toBe('/home/a/.config/ocean/config.yaml');
    expect(configPath({ XDG_CONFIG_HOME: 'rel', HOME: '/home/a' })).toBe('/home/a/.config/ocean/config.yaml');
  });

  it('is written 0600 in a 0700 directory, even over a looser file and directory', () => {
    mkdirSync(join(dir, 'xdg', 'ocean'), { recursive: true, mode: 0o755 });
    chmodSync(join(dir, 'xdg', 'ocean'), 0o755);
    writeFileSync(file, 'profiles: {}\n', { mode: 0o644 });
    const old = process.umask(0o000);
    try {
      writeConfig(file, { profiles: { default: { access_token: 'a', refresh_token: 'r' } } });
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'xdg', 'ocean')).mode & 0o777).toBe(0o700);
    expect(readConfig(file).profiles.default).toEqual({ access_token: 'a', refresh_token: 'r' });
  });

  it('is replaced atomically: a temp file renamed over it, the old one intact when the rename fails', () => {
    writeConfig(file, { profiles: { default: { email: 'old@example.com' } } });
    const rename = vi.mocked(fs.renameSync);
    rename.mockClear();
    rename.mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' });
    });
    expect(() => writeConfig(file, { profiles: { default: { email: 'new@example.com' } } })).toThrow('simulated');
    expect(readConfig(file).profiles.default.email).toBe('old@example.com');
    // No temp file is left behind either.
    expect(readdirSync(join(dir, 'xdg', 'ocean'))).toEqual(['config.yaml']);

    writeConfig(file, { profiles: { default: { email: 'new@example.com' } } });
    const [from, to] = rename.mock.calls.at(-1)!;
    expect(String(from)).toMatch(/\.tmp$/);
    expect(String(from)).not.toBe(file);
    expect(to).toBe(file);
    expect(readConfig(file).profiles.default.email).toBe('new@example.com');
  });

  it('warns when others can read it, and not when it is 0600', () => {
    writeConfig(file, { profiles: {} });
    const warnings: string[] = [];
    readConfig(file, (w) => warnings.push(w));
    expect(warnings).toEqual([]);
    chmodSync(file, 0o644);
    readConfig(file, (w) => warnings.push(w));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('readable by others (mode 0644)');
    expect(warnings[0]).toContain(`chmod 600 ${file}`);
  });

  it('reads a missing file as empty, refuses a file that is not YAML or not a mapping', () => {
    expect(readConfig(file)).toEqual({ profiles: {} });
    mkdirSync(join(dir, 'xdg', 'ocean'), { recursive: true });
    writeFileSync(file, 'profiles: [\n', { mode: 0o600 });
    expect(() => readConfig(file)).toThrow('not valid YAML');
    writeFileSync(file, '- a\n- b\n', { mode: 0o600 });
    expect(() => readConfig(file)).toThrow('not a mapping');
  });

  it('reports a YAML error by file, line and column only: never the excerpt, which holds secrets', () => {
    mkdirSync(join(dir, 'xdg', 'ocean'), { recursive: true });
    writeFileSync(file, 'profiles:\n  default:\n    api_key: sk_live_SECRETKEY\n   access_token: x\n', { mode: 0o600 });
    let error: unknown;
    try {
      readConfig(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigFileError);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toContain('line 4, column 1');
    expect(message).not.toContain('sk_live');
    expect(message).not.toContain('\n');
  });

  it('refuses an alias bomb and an unresolved alias in one line, and logs no YAML warning with an excerpt', () => {
    mkdirSync(join(dir, 'xdg', 'ocean'), { recursive: true });
    const level = (name: string, of: string): string => `${name}: &${name} [${Array(9).fill(of).join(', ')}]\n`;
    let bomb = level('a', 'sk_live_BOMB');
    for (const [name, of] of [
      ['b', '*a'],
      ['c', '*b'],
      ['d', '*c'],
      ['e', '*d'],
      ['f', '*e'],
    ])
      bomb += level(name, of);
    for (const text of [bomb, 'api_key: sk_live_ALIAS\nx: *sk_live_ALIAS\n']) {
      writeFileSync(file, text, { mode: 0o600 });
      expect(() => readConfig(file)).toThrow(ConfigFileError);
      try {
        readConfig(file);
      } catch (err) {
        expect((err as Error).message).not.toMatch(/sk_live|\n/);
      }
    }
    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      writeFileSync(file, 'profiles:\n  default:\n    api_key: !weird sk_live_TAGGED\n', { mode: 0o600 });
      readConfig(file);
      expect(warning).not.toHaveBeenCalled();
    } finally {
      warning.mockRestore();
    }
  });

  it('keeps profiles named like Object members as plain data: __proto__ is not lost, constructor not inherited', () => {
    mkdirSync(join(dir, 'xdg', 'ocean'), { recursive: true });
    writeFileSync(file, 'profiles:\n  __proto__: {email: proto@example.com}\n  default: {email: a@example.com}\n', {
      mode: 0o600,
    });
    const config = readConfig(file);
    expect(Object.getPrototypeOf(config.profiles)).toBeNull();
    expect(config.profiles.constructor).toBeUndefined();
    updateProfile(file, 'default', (p) => ({ ...p, access_token: 'new' }));
    updateProfile(file, 'constructor', (p) => ({ ...p, api_key: 'sk_c' }));
    const profiles = (parse(readFileSync(file, 'utf8')) as ConfigFile).profiles;
    expect(Object.entries(profiles)).toEqual([
      ['__proto__', { email: 'proto@example.com' }],
      ['default', { email: 'a@example.com', access_token: 'new' }],
      ['constructor', { api_key: 'sk_c' }],
    ]);
  });

  it('refuses a profile name outside [A-Za-z0-9][A-Za-z0-9_.-]{0,63} when changing one', () => {
    for (const name of ['__proto__', '', '-x', 'a b', 'x'.repeat(65)]) {
      expect(() => updateProfile(file, name, (p) => p), name).toThrow(ConfigError);
    }
  });

  it('updates one profile and keeps the others', () => {
    writeConfig(file, { profiles: { default: { email: 'a@example.com' }, staging: { base_url: 'https://s' } } });
    updateProfile(file, 'default', (p) => ({ ...p, access_token: 'new' }));
    expect(readConfig(file).profiles).toEqual({
      default: { email: 'a@example.com', access_token: 'new' },
      staging: { base_url: 'https://s' },
    });
    expect(readFileSync(file, 'utf8')).toContain('staging:');
  });
});

describe('resolving a profile', () => {
  const config: ConfigFile = {
    current_profile: 'prod',
    profiles: {
      default: { base_url: 'http://default.test', access_token: 'def-access', refresh_token: 'def-refresh' },
      prod: { base_url: 'https://prod.test/', access_token: 'prod-access', refresh_token: 'prod-refresh' },
      staging: { base_url: 'https://staging.test', api_key: 'sk_staging' },
    },
  };

  it('picks --profile, else OCEAN_PROFILE, else current_profile, else "default"', () => {
    expect(resolveProfile(config, { profile: 'staging' }, { OCEAN_PROFILE: 'default' }).profileName).toBe('staging');
    expect(resolveProfile(config, {}, { OCEAN_PROFILE: 'default' }).profileName).toBe('default');
    expect(resolveProfile(config, {}, {}).profileName).toBe('prod');
    expect(resolveProfile({ profiles: {} }, {}, {}).profileName).toBe('default');
  });

  it('takes the base URL from --base-url, then the environment, then the profile, then the default', () => {
    const env = { OCEAN_BACKEND_URL: 'http://env.test' };
    expect(resolveProfile(config, { baseUrl: 'http://flag.test' }, env).baseUrl).toBe('http://flag.test');
    expect(resolveProfile(config, {}, env).baseUrl).toBe('http://env.test');
    expect(resolveProfile(config, {}, {}).baseUrl).toBe('https://prod.test');
    expect(resolveProfile({ profiles: {} }, {}, {}).baseUrl).toBe('http://127.0.0.1:8000');
  });

  it('lets the environment replace the whole credential; OCEAN_* wins over the AINATIVE_* aliases', () => {
    expect(resolveProfile(config, {}, {}).credential).toEqual({
      kind: 'tokens',
      accessToken: 'prod-access',
      refreshToken: 'prod-refresh',
      source: 'profile',
    });
    // An access token from the environment never pairs with the profile's refresh token.
    expect(resolveProfile(config, {}, { OCEAN_ACCESS_TOKEN: 'env-access' }).credential).toEqual({
      kind: 'tokens',
      accessToken: 'env-access',
      refreshToken: undefined,
      source: 'env',
    });
    expect(
      resolveProfile(config, {}, { AINATIVE_ACCESS_TOKEN: 'ai-access', AINATIVE_REFRESH_TOKEN: 'ai-refresh' })
        .credential,
    ).toEqual({ kind: 'tokens', accessToken: 'ai-access', refreshToken: 'ai-refresh', source: 'env' });
    expect(
      resolveProfile(config, {}, { AINATIVE_ACCESS_TOKEN: 'ai-access', OCEAN_ACCESS_TOKEN: 'oc-access' }).credential,
    ).toMatchObject({ accessToken: 'oc-access' });
    expect(resolveProfile(config, {}, { AINATIVE_BACKEND_URL: 'http://ai.test' }).baseUrl).toBe('http://ai.test');
    expect(
      resolveProfile(config, {}, { AINATIVE_BACKEND_URL: 'http://ai.test', OCEAN_BACKEND_URL: 'http://oc.test' })
        .baseUrl,
    ).toBe('http://oc.test');
    // An API key beats tokens at the same level; an empty variable counts as unset.
    expect(resolveProfile(config, {}, { AINATIVE_API_KEY: 'sk_env', OCEAN_ACCESS_TOKEN: 'x' }).credential).toEqual({
      kind: 'api_key',
      apiKey: 'sk_env',
      source: 'env',
    });
    expect(resolveProfile(config, { profile: 'staging' }, { OCEAN_API_KEY: '' }).credential).toEqual({
      kind: 'api_key',
      apiKey: 'sk_staging',
      source: 'profile',
    });
    expect(resolveProfile({ profiles: {} }, {}, {}).credential).toEqual({ kind: 'none' });
  });

  it('does not resolve a profile named after an Object member to the inherited member', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const resolved = resolveProfile(
        { profiles: Object.create(null) as ConfigFile['profiles'] },
        { profile: name },
        {},
      );
      expect(resolved.profile, name).toEqual({});
      expect(resolveProfile({ profiles: {} }, { profile: name }, {}).profile, name).toEqual({});
    }
  });

  it('refuses a profile name outside [A-Za-z0-9][A-Za-z0-9_.-]{0,63} from --profile, OCEAN_PROFILE or current_profile', () => {
    for (const name of ['__proto__', '-x', '.hidden', 'a b', 'a/b', 'x'.repeat(65), 'evil\u001b[31m']) {
      expect(() => resolveProfile(config, { profile: name }, {}), name).toThrow(ConfigError);
      expect(() => resolveProfile(config, {}, { OCEAN_PROFILE: name }), name).toThrow(ConfigError);
      expect(() => resolveProfile({ ...config, current_profile: name }, {}, {}), name).toThrow(ConfigError);
    }
    expect(resolveProfile(config, { profile: 'Staging-2.eu_west' }, {}).profileName).toBe('Staging-2.eu_west');
    expect(resolveProfile(config, { profile: 'x'.repeat(64) }, {}).profileName).toBe('x'.repeat(64));
  });

  it('refuses a base URL that does not parse, is not http(s), or holds userinfo, a query or a fragment; never echoing a password', () => {
    for (const [url, why] of [
      ['http://ada:s3cretpw@host', /user name or password/],
      ['https://s3cretpw@host', /user name or password/],
      ['ftp://host', /http or https/],
      ['host:8000', /http or https|not a URL/],
      ['not a url', /not a URL/],
      ['http://a da:s3cretpw@ho st', /not a URL/],
      ['https://host/?token=x', /query or fragment/],
      ['https://host/#x', /query or fragment/],
    ] as const) {
      for (const resolve of [
        () => resolveProfile(config, { baseUrl: url }, {}),
        () => resolveProfile(config, {}, { OCEAN_BACKEND_URL: url }),
        () => resolveProfile({ profiles: { default: { base_url: url } } }, {}, {}),
      ]) {
        let error: unknown;
        try {
          resolve();
        } catch (err) {
          error = err;
        }
        expect(error, url).toBeInstanceOf(ConfigError);
        expect((error as Error).message, url).toMatch(why);
        expect((error as Error).message, url).not.toMatch(/s3cretpw|ada/);
      }
    }
    expect(resolveProfile(config, { baseUrl: 'https://host/prefix//' }, {}).baseUrl).toBe('https://host/prefix');
    expect(resolveProfile(config, { baseUrl: 'http://[::1]:8000' }, {}).baseUrl).toBe('http://[::1]:8000');
  });
});
