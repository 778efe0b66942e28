import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Secrets that look like examples from documentation; refused in production. */
const PLACEHOLDER_SECRETS = [/change[-_ ]?me/i, /^secret$/i, /your[-_ ]?secret/i, /placeholder/i, /^x+$/i, /example/i];

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional().default(fallback);

const urlWithProtocols = (protocols: string[]) =>
  z
    .string()
    .optional()
    .refine(
      (v) => {
        if (v === undefined || v === '') return true;
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    )
    .transform((v) => (v === '' ? undefined : v));

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional().default('development'),
  HOST: z.string().optional().default('127.0.0.1'),
  PORT: int(8000, 0, 65535),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: int(10, 1, 200),
  DATA_DIR: z.string().optional().default('./data'),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']),
  AUTH_MODE: z.enum(['local', 'remote']).optional().default('local'),
  JWT_SECRET: z.string().optional(),
  JWT_PREVIOUS_SECRETS: csv,
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  AINATIVE_API_URL: urlWithProtocols(['http:', 'https:']),
  ORG_FALLBACK: z.enum(['personal', 'reject']).optional().default('personal'),
  ACCESS_TOKEN_EXPIRE_MINUTES: int(30, 1, 24 * 60),
  REFRESH_TOKEN_EXPIRE_DAYS: int(7, 1, 365),
  TOKEN_CACHE_SIZE: int(10_000, 0, 1_000_000),
  REMOTE_AUTH_CACHE_SECONDS: int(30, 0, 3600),
  REMOTE_AUTH_TIMEOUT_MS: int(3000, 50, 60_000),
  OCEAN_ENABLED: bool(true),
  EVENTS_ENABLED: bool(true),
  CORS_ORIGINS: csv,
  RATE_LIMIT_PER_MINUTE: int(100, 1, 1_000_000),
  AUTH_FAILURE_LIMIT_PER_MINUTE: int(60, 1, 1_000_000),
  IDENTITY_ENABLED: bool(true),
  AUTH_RATE_LIMIT_PER_MINUTE: int(20, 1, 1_000_000),
  MAX_LOGIN_ATTEMPTS: int(5, 1, 1000),
  LOCKOUT_DURATION_MINUTES: int(30, 1, 7 * 24 * 60),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().optional().default('Ocean <no-reply@localhost>'),
  PUBLIC_URL: urlWithProtocols(['http:', 'https:']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
  TRUST_PROXY: z
    .string()
    .optional()
    .default('false')
    .refine((v) => /^(true|false|\d{1,2}|[0-9a-fA-F.:/, ]+)$/.test(v), {
      message: 'must be true, false, a number of proxy hops, or a comma list of proxy addresses/CIDRs',
    }),
  BODY_LIMIT_BYTES: int(1024 * 1024, 1024, 64 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 0, 600_000),
  SHUTDOWN_DRAIN_MS: int(0, 0, 600_000),
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 16, { message: 'must be at least 16 characters' }),
  METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(65535).optional()),
  DOCS_ENABLED: bool(true),
  SEARCH_LANGUAGE: z
    .string()
    .optional()
    .default('english')
    .refine((v) => /^[a-z]{2,20}$/.test(v), { message: 'must be a PostgreSQL text search language such as english' }),
  EMBEDDINGS_URL: urlWithProtocols(['http:', 'https:']),
  EMBEDDINGS_MODEL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  EMBEDDINGS_API_KEY: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  EMBEDDINGS_MODEL_PATH: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  EMBEDDINGS_BATCH_SIZE: int(32, 1, 2048),
  EMBEDDINGS_TIMEOUT_MS: int(10_000, 100, 600_000),
  JOB_POLL_MS: int(1000, 10, 60_000),
  JOB_RETRY_BASE_MS: int(5000, 1, 3_600_000),
  EVENT_RETENTION_DAYS: int(7, 1, 3650),
  EVENT_STREAMS_PER_ORG: int(100, 1, 100_000),
  EVENT_HEARTBEAT_MS: int(15_000, 100, 300_000),
  EVENT_POLL_MS: int(1000, 50, 60_000),
  WEBHOOK_ALLOW_PRIVATE: bool(false),
  WEBHOOK_SECRET_KEY: z.string().optional(),
  WEBHOOK_RETRY_BASE_MS: int(30_000, 1, 3_600_000),
  WEBHOOK_TIMEOUT_MS: int(10_000, 100, 60_000),
});

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: { url?: string; poolSize: number; dataDir: string };
  redisUrl?: string;
  auth: {
    mode: 'local' | 'remote';
    jwtSecret: string;
    previousSecrets: string[];
    issuer?: string;
    audience?: string;
    coreUrl?: string;
    orgFallback: 'personal' | 'reject';
    accessTokenMinutes: number;
    refreshTokenDays: number;
    tokenCacheSize: number;
    /** How long a positive answer of the core's /me is trusted (never past the token's exp). */
    remoteCacheSeconds: number;
    remoteTimeoutMs: number;
  };
  /** Serve the resource API (/api/v1/ocean); false runs this process as the core only. */
  oceanEnabled: boolean;
  corsOrigins: string[];
  /** Bad credentials one IP may present per minute before it gets 429 ahead of the guard. */
  authFailureLimitPerMinute: number;
  rateLimitPerMinute: number;
  identityEnabled: boolean;
  identity: {
    authRateLimitPerMinute: number;
    maxLoginAttempts: number;
    lockoutMinutes: number;
    adminEmail?: string;
    adminPassword?: string;
    smtpUrl?: string;
    mailFrom: string;
    /** Base of the links put in mails (verify, reset); the API itself when unset. */
    publicUrl: string;
  };
  logLevel: string;
  bodyLimitBytes: number;
  /** Whose X-Forwarded-For to believe for the client IP (rate limits per IP depend on it). */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  shutdownTimeoutMs: number;
  /** Before closing: keep serving, each answer closing its connection, and report not ready. */
  shutdownDrainMs: number;
  metrics: {
    /** Bearer token a scraper must send; /metrics is public when unset. */
    token?: string;
    /** A separate listener (on `host`) for /metrics; the main port then answers 404 for it. */
    port?: number;
  };
  /** Serve Swagger UI at /docs and the OpenAPI document at /docs-json. */
  docsEnabled: boolean;
  search: {
    /** PostgreSQL text search language (its `<language>_stem` dictionary), or simple. */
    language: string;
    embeddings: {
      /** Base URL of an OpenAI-compatible API (POST {url}/embeddings); unset: none. */
      url?: string;
      model?: string;
      apiKey?: string;
      /** A local ONNX sentence-embedding model directory (@huggingface/transformers). */
      modelPath?: string;
      batchSize: number;
      timeoutMs: number;
    };
  };
  jobs: {
    /** Pause between two looks at an idle job table. */
    pollMs: number;
    /** First retry delay of a failed job; doubled per attempt, with jitter, up to an hour. */
    retryBaseMs: number;
  };
  events: {
    /** The outbox, /events and webhooks; false: changes write no events (and those routes do not exist). */
    enabled: boolean;
    /** Events older than this are swept; resuming from before them answers 410 EVENTS_EXPIRED. */
    retentionDays: number;
    /** Open streams per organization on one instance; the next answers 429. */
    streamsPerOrg: number;
    /** A comment line on every open stream this often, so proxies keep it open. */
    heartbeatMs: number;
    /** How often an instance with open streams looks at the counters itself (a lost message's bound). */
    pollMs: number;
  };
  webhooks: {
    /** Targets on loopback, private, link-local, CGNAT and metadata addresses are allowed (tests, private deployments). */
    allowPrivate: boolean;
    /** http:// targets are allowed (NODE_ENV=development); otherwise https only. */
    allowHttp: boolean;
    /** The key the signing secrets are encrypted under; undefined: webhooks cannot be created. */
    secretKey?: string;
    /** First retry delay of a failed delivery; doubled per attempt, with jitter, up to an hour. */
    retryBaseMs: number;
    /** How long a receiver has to answer a delivery. */
    timeoutMs: number;
  };
  /** Set when a development secret had to be generated; logged as a warning at start. */
  warnings: string[];
}

export class ConfigError extends Error {}

const MIN_SECRET_BYTES = 32;

function resolveSecret(raw: string | undefined, env: AppConfig['env'], dataDir: string, warnings: string[]): string {
  if (raw !== undefined && raw !== '') {
    const weak = Buffer.byteLength(raw) < MIN_SECRET_BYTES || PLACEHOLDER_SECRETS.some((re) => re.test(raw));
    if (weak && env === 'production') {
      throw new ConfigError(
        `JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes of random data and not a placeholder when NODE_ENV=production`,
      );
    }
    if (weak)
      warnings.push(`JWT_SECRET is shorter than ${MIN_SECRET_BYTES} bytes or a placeholder; refused in production`);
    return raw;
  }
  if (env === 'production') {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production (at least 32 random bytes)');
  }
  if (dataDir.startsWith('memory://')) {
    warnings.push('JWT_SECRET is not set: using a random secret for this process only');
    return randomBytes(48).toString('base64url');
  }
  // A development convenience: the secret survives restarts so tokens keep working.
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    warnings.push(`JWT_SECRET is not set: using the development secret kept in ${file}`);
    return readFileSync(file, 'utf8').trim();
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  warnings.push(`JWT_SECRET is not set: generated a development secret and kept it in ${file}`);
  return secret;
}

/**
 * The webhook secrets' key: WEBHOOK_SECRET_KEY (at least 32 bytes); in production without it,
 * none (creating a webhook answers 503 WEBHOOKS_UNAVAILABLE, and says why); in development one
 * is generated and kept in DATA_DIR, as the JWT secret is.
 */
function resolveWebhookKey(
  raw: string | undefined,
  env: AppConfig['env'],
  dataDir: string,
  warnings: string[],
): string | undefined {
  if (raw !== undefined && raw !== '') {
    if (Buffer.byteLength(raw) < MIN_SECRET_BYTES || PLACEHOLDER_SECRETS.some((re) => re.test(raw))) {
      throw new ConfigError(
        `invalid configuration: WEBHOOK_SECRET_KEY must be at least ${MIN_SECRET_BYTES} random bytes`,
      );
    }
    return raw;
  }
  if (env === 'production') {
    warnings.push('WEBHOOK_SECRET_KEY is not set: webhooks cannot be created (set at least 32 random bytes)');
    return undefined;
  }
  if (dataDir.startsWith('memory://')) return randomBytes(48).toString('base64url');
  const file = join(dataDir, 'webhook-secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(48).toString('base64url');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  warnings.push(`WEBHOOK_SECRET_KEY is not set: generated a development key and kept it in ${file}`);
  return key;
}

function parseTrustProxy(value: string): AppConfig['trustProxy'] {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Validates the environment once; throws ConfigError with one readable line per problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const warnings: string[] = [];
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('invalid configuration: ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (e.AUTH_MODE === 'remote' && !e.AINATIVE_API_URL) {
    throw new ConfigError('invalid configuration: AUTH_MODE=remote needs AINATIVE_API_URL (the core auth service)');
  }
  if (!e.OCEAN_ENABLED && !e.IDENTITY_ENABLED) {
    throw new ConfigError('invalid configuration: OCEAN_ENABLED and IDENTITY_ENABLED are both false; nothing to serve');
  }
  // An Ocean that only asks a remote core never verifies or signs a JWT itself.
  const signsOrVerifies = e.AUTH_MODE === 'local' || e.IDENTITY_ENABLED;
  const jwtSecret =
    signsOrVerifies || e.JWT_SECRET
      ? resolveSecret(e.JWT_SECRET, e.NODE_ENV, e.DATA_DIR, warnings)
      : randomBytes(48).toString('base64url');
  for (const previous of e.JWT_PREVIOUS_SECRETS) {
    if (Buffer.byteLength(previous) < MIN_SECRET_BYTES && e.NODE_ENV === 'production') {
      throw new ConfigError(`JWT_PREVIOUS_SECRETS entries must be at least ${MIN_SECRET_BYTES} bytes in production`);
    }
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT === e.PORT) {
    throw new ConfigError('invalid configuration: METRICS_PORT must differ from PORT');
  }
  if (e.METRICS_TOKEN && e.NODE_ENV === 'production' && PLACEHOLDER_SECRETS.some((re) => re.test(e.METRICS_TOKEN!))) {
    throw new ConfigError('invalid configuration: METRICS_TOKEN is a placeholder; refused when NODE_ENV=production');
  }
  if (e.EMBEDDINGS_URL && !e.EMBEDDINGS_MODEL) {
    throw new ConfigError('invalid configuration: EMBEDDINGS_URL needs EMBEDDINGS_MODEL (the model name to request)');
  }
  if (e.EMBEDDINGS_URL && e.EMBEDDINGS_MODEL_PATH) {
    throw new ConfigError('invalid configuration: set EMBEDDINGS_URL or EMBEDDINGS_MODEL_PATH, not both');
  }
  if (e.NODE_ENV === 'production' && !e.METRICS_TOKEN && e.METRICS_PORT === undefined) {
    warnings.push('/metrics is public: set METRICS_TOKEN, or METRICS_PORT on a port only the scraper reaches');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, dataDir: e.DATA_DIR },
    redisUrl: e.REDIS_URL,
    auth: {
      mode: e.AUTH_MODE,
      jwtSecret,
      previousSecrets: e.JWT_PREVIOUS_SECRETS,
      issuer: e.JWT_ISSUER || undefined,
      audience: e.JWT_AUDIENCE || undefined,
      coreUrl: e.AINATIVE_API_URL,
      orgFallback: e.ORG_FALLBACK,
      accessTokenMinutes: e.ACCESS_TOKEN_EXPIRE_MINUTES,
      refreshTokenDays: e.REFRESH_TOKEN_EXPIRE_DAYS,
      tokenCacheSize: e.TOKEN_CACHE_SIZE,
      remoteCacheSeconds: e.REMOTE_AUTH_CACHE_SECONDS,
      remoteTimeoutMs: e.REMOTE_AUTH_TIMEOUT_MS,
    },
    oceanEnabled: e.OCEAN_ENABLED,
    corsOrigins: e.CORS_ORIGINS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    authFailureLimitPerMinute: e.AUTH_FAILURE_LIMIT_PER_MINUTE,
    identityEnabled: e.IDENTITY_ENABLED,
    identity: {
      authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
      maxLoginAttempts: e.MAX_LOGIN_ATTEMPTS,
      lockoutMinutes: e.LOCKOUT_DURATION_MINUTES,
      adminEmail: e.ADMIN_EMAIL,
      adminPassword: e.ADMIN_PASSWORD,
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    },
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    docsEnabled: e.DOCS_ENABLED,
    search: {
      language: e.SEARCH_LANGUAGE,
      embeddings: {
        url: e.EMBEDDINGS_URL?.replace(/\/+$/, ''),
        model: e.EMBEDDINGS_MODEL,
        apiKey: e.EMBEDDINGS_API_KEY,
        modelPath: e.EMBEDDINGS_MODEL_PATH,
        batchSize: e.EMBEDDINGS_BATCH_SIZE,
        timeoutMs: e.EMBEDDINGS_TIMEOUT_MS,
      },
    },
    jobs: { pollMs: e.JOB_POLL_MS, retryBaseMs: e.JOB_RETRY_BASE_MS },
    events: {
      enabled: e.EVENTS_ENABLED,
      retentionDays: e.EVENT_RETENTION_DAYS,
      streamsPerOrg: e.EVENT_STREAMS_PER_ORG,
      heartbeatMs: e.EVENT_HEARTBEAT_MS,
      pollMs: e.EVENT_POLL_MS,
    },
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      allowHttp: e.NODE_ENV === 'development',
      secretKey: resolveWebhookKey(e.WEBHOOK_SECRET_KEY, e.NODE_ENV, e.DATA_DIR, warnings),
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
    warnings,
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
