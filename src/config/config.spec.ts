import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const STRONG_SECRET = 'k3J9v2QxT8mZp4LwR7nY1cF6hB0sD5gA'; // 32 bytes, not a placeholder

/** A minimal valid environment; tests override one variable at a time. */
const base = (env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: 'test',
  JWT_SECRET: STRONG_SECRET,
  DATA_DIR: 'memory://',
  ...env,
});

function configError(env: NodeJS.ProcessEnv): ConfigError {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  const message = (caught as ConfigError).message;
  expect(message).not.toContain('\n');
  expect(message.length).toBeLessThan(400);
  return caught as ConfigError;
}

describe('loadConfig', () => {
  const tempDirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ocean-config-'));
    tempDirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('applies the documented defaults', () => {
    const config = loadConfig(base());
    expect(config).toMatchObject({
      env: 'test',
      port: 8000,
      corsOrigins: [],
      bodyLimitBytes: 1024 * 1024,
      auth: {
        mode: 'local',
        jwtSecret: STRONG_SECRET,
        previousSecrets: [],
        orgFallback: 'personal',
        accessTokenMinutes: 30,
        refreshTokenDays: 7,
      },
    });
    expect(config.warnings).toEqual([]);
  });

  it('parses lists and numbers', () => {
    const config = loadConfig(
      base({
        CORS_ORIGINS: 'https://a.example.com, https://b.example.com,',
        PORT: '9000',
        JWT_PREVIOUS_SECRETS: 'a,b',
      }),
    );
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(config.port).toBe(9000);
    expect(config.auth.previousSecrets).toEqual(['a', 'b']);
  });

  describe('refuses with one line naming the variable', () => {
    it.each(['ldap', 'LOCAL', ''])('AUTH_MODE=%j', (mode) => {
      expect(configError(base({ AUTH_MODE: mode })).message).toContain('AUTH_MODE');
    });

    it.each(['70000', '-1', 'abc', '80.5'])('PORT=%s', (port) => {
      expect(configError(base({ PORT: port })).message).toContain('PORT');
    });

    it.each(['not a url', 'mysql://user@host/db', 'http://host/db', 'postgres//missing-colon'])(
      'DATABASE_URL=%s',
      (url) => {
        expect(configError(base({ DATABASE_URL: url })).message).toContain('DATABASE_URL');
      },
    );

    it('NODE_ENV outside development|production|test', () => {
      expect(configError(base({ NODE_ENV: 'staging' })).message).toContain('NODE_ENV');
    });

    it('ORG_FALLBACK outside personal|reject', () => {
      expect(configError(base({ ORG_FALLBACK: 'shared' })).message).toContain('ORG_FALLBACK');
    });

    it('never repeats a secret in the message', () => {
      const secret = 'short-but-secret';
      const err = configError(base({ NODE_ENV: 'production', JWT_SECRET: secret }));
      expect(err.message).not.toContain(secret);
    });
  });

  describe('JWT_SECRET in production', () => {
    it('refuses a secret shorter than 32 bytes', () => {
      expect(configError(base({ NODE_ENV: 'production', JWT_SECRET: 'x7Qp2Lm9Rt' })).message).toContain('JWT_SECRET');
      const almost = STRONG_SECRET.slice(0, 31);
      expect(configError(base({ NODE_ENV: 'production', JWT_SECRET: almost })).message).toContain('JWT_SECRET');
    });

    it.each([
      'changeme-changeme-changeme-changeme-0000',
      'change_me_please_this_is_long_enough_1234',
      'your-secret-key-here-that-is-long-enough-000',
      'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'this-is-an-example-secret-long-enough-1234',
    ])('refuses the placeholder %s', (secret) => {
      expect(configError(base({ NODE_ENV: 'production', JWT_SECRET: secret })).message).toContain('JWT_SECRET');
    });

    it('refuses a missing secret', () => {
      expect(configError(base({ NODE_ENV: 'production', JWT_SECRET: undefined })).message).toContain('JWT_SECRET');
      expect(configError(base({ NODE_ENV: 'production', JWT_SECRET: '' })).message).toContain('JWT_SECRET');
    });

    it('refuses a short previous secret', () => {
      const err = configError(base({ NODE_ENV: 'production', JWT_PREVIOUS_SECRETS: 'old-and-short' }));
      expect(err.message).toContain('JWT_PREVIOUS_SECRETS');
    });

    it('accepts a strong secret', () => {
      const config = loadConfig(
        base({
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://u:p@db:5432/ocean',
          METRICS_PORT: '9464',
          WEBHOOK_SECRET_KEY: 'k'.repeat(40),
        }),
      );
      expect(config.auth.jwtSecret).toBe(STRONG_SECRET);
      expect(config.warnings).toEqual([]);
    });

    it('warns that /metrics is public in production without METRICS_TOKEN or METRICS_PORT', () => {
      const prod = {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@db:5432/ocean',
        WEBHOOK_SECRET_KEY: 'k'.repeat(40),
      };
      const config = loadConfig(base(prod));
      expect(config.warnings).toEqual([expect.stringContaining('/metrics is public')]);
      const guarded = loadConfig(base({ ...prod, METRICS_TOKEN: 'm'.repeat(24) }));
      expect(guarded.warnings).toEqual([]);
    });

    it('keeps webhooks off in production without WEBHOOK_SECRET_KEY, and refuses a weak one', () => {
      const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/ocean', METRICS_PORT: '9464' };
      const without = loadConfig(base(prod));
      expect(without.webhooks.secretKey).toBeUndefined();
      expect(without.warnings).toEqual([expect.stringContaining('WEBHOOK_SECRET_KEY is not set')]);
      expect(() => loadConfig(base({ ...prod, WEBHOOK_SECRET_KEY: 'short' }))).toThrow(/WEBHOOK_SECRET_KEY must be/);
      expect(() => loadConfig(base({ ...prod, WEBHOOK_SECRET_KEY: 'changeme'.repeat(5) }))).toThrow(ConfigError);
      expect(loadConfig(base({ ...prod, WEBHOOK_SECRET_KEY: 'k'.repeat(40) })).webhooks).toMatchObject({
        secretKey: 'k'.repeat(40),
        allowPrivate: false,
        allowHttp: false,
      });
    });
  });

  it('outside production, a weak secret is used but warned about', () => {
    const config = loadConfig(base({ NODE_ENV: 'development', JWT_SECRET: 'changeme' }));
    expect(config.auth.jwtSecret).toBe('changeme');
    expect(config.warnings).toHaveLength(1);
    expect(config.warnings[0]).toContain('JWT_SECRET');
  });

  describe('development without JWT_SECRET', () => {
    it('generates a secret, keeps it in DATA_DIR (mode 0600) and reuses it on the next load', () => {
      const dir = join(tempDir(), 'nested', 'data');
      const env = base({ NODE_ENV: 'development', JWT_SECRET: undefined, DATA_DIR: dir });
      const first = loadConfig(env);
      expect(Buffer.byteLength(first.auth.jwtSecret)).toBeGreaterThanOrEqual(32);
      expect(first.warnings.join(' ')).toContain('JWT_SECRET');

      const file = join(dir, 'jwt-secret');
      expect(readFileSync(file, 'utf8').trim()).toBe(first.auth.jwtSecret);
      expect(statSync(file).mode & 0o777).toBe(0o600);

      const second = loadConfig(env);
      expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
      expect(second.warnings.join(' ')).toContain('JWT_SECRET');
    });

    it('two data directories get two different secrets', () => {
      const a = loadConfig(base({ NODE_ENV: 'development', JWT_SECRET: undefined, DATA_DIR: tempDir() }));
      const b = loadConfig(base({ NODE_ENV: 'development', JWT_SECRET: undefined, DATA_DIR: tempDir() }));
      expect(a.auth.jwtSecret).not.toBe(b.auth.jwtSecret);
    });

    it('an in-memory data dir gets a random secret and writes nothing', () => {
      const a = loadConfig(base({ NODE_ENV: 'development', JWT_SECRET: undefined, DATA_DIR: 'memory://' }));
      const b = loadConfig(base({ NODE_ENV: 'development', JWT_SECRET: undefined, DATA_DIR: 'memory://' }));
      expect(Buffer.byteLength(a.auth.jwtSecret)).toBeGreaterThanOrEqual(32);
      expect(a.auth.jwtSecret).not.toBe(b.auth.jwtSecret);
    });
  });
  describe('ops routes', () => {
    it('defaults: metrics public on the main port, docs on', () => {
      const config = loadConfig(base());
      expect(config.metrics).toEqual({ token: undefined, port: undefined });
      expect(config.docsEnabled).toBe(true);
    });

    it('reads METRICS_TOKEN, METRICS_PORT and DOCS_ENABLED', () => {
      const config = loadConfig(
        base({ METRICS_TOKEN: 'a-metrics-token-0123', METRICS_PORT: '9464', DOCS_ENABLED: 'false' }),
      );
      expect(config.metrics).toEqual({ token: 'a-metrics-token-0123', port: 9464 });
      expect(config.docsEnabled).toBe(false);
    });

    it('refuses a METRICS_TOKEN shorter than 16 characters without repeating it', () => {
      const message = configError(base({ METRICS_TOKEN: 'short-tok' })).message;
      expect(message).toContain('METRICS_TOKEN');
      expect(message).not.toContain('short-tok');
    });

    it('refuses a placeholder METRICS_TOKEN in production', () => {
      const env = base({ NODE_ENV: 'production', METRICS_TOKEN: 'change-me-metrics-token' });
      expect(configError(env).message).toContain('METRICS_TOKEN');
    });

    it.each(['0', '65536', '80.5', 'abc'])('refuses METRICS_PORT=%s', (port) => {
      expect(configError(base({ METRICS_PORT: port })).message).toContain('METRICS_PORT');
    });

    it('refuses METRICS_PORT equal to PORT', () => {
      expect(configError(base({ PORT: '8100', METRICS_PORT: '8100' })).message).toContain('METRICS_PORT');
    });

    it('refuses DOCS_ENABLED outside the boolean words', () => {
      expect(configError(base({ DOCS_ENABLED: 'off' })).message).toContain('DOCS_ENABLED');
    });
  });
});
