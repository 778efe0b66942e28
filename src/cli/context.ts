import { InvalidArgumentError, type Command } from 'commander';
import { createOceanClient, OceanApiError, type OceanClient, type OceanTokens } from '../client';
import {
  ConfigError,
  configPath,
  readConfig,
  redactUrls,
  resolveProfile,
  updateProfile,
  type Resolved,
} from './config';
import { safeText } from './format';

/** The exit codes scripts can rely on (documented in `ocean --help`). */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, AUTH: 3, NOT_FOUND: 4 } as const;

/** A failure the CLI has already put into words: one line on stderr, then this exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT.USAGE);

export interface GlobalOptions {
  profile?: string;
  json?: boolean;
  baseUrl?: string;
}

/** What a command writes to: stdout for results only, stderr for everything a person reads. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

export const processIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

export interface CallInit {
  query?: Query;
  /** A JSON body. */
  body?: unknown;
  /** A non-JSON body sent as it is (Markdown import), with its content type. */
  raw?: { body: string; contentType: string };
  /** The answer is text (Markdown export), not JSON. */
  text?: boolean;
}

/** Percent-encodes every interpolated path segment: an id typed by a user never changes the route. */
export function path(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
}

/** How long one request may take before the CLI gives up (OCEAN_TIMEOUT_MS overrides). */
const DEFAULT_TIMEOUT_MS = 30_000;
/** A spinner shows only for what takes longer than this: a quick answer should not flicker. */
const SPINNER_DELAY_MS = 300;

/** Everything a command needs: the resolved profile, the client, output and the spinner. */
export class CliContext {
  readonly configFile: string;
  private resolvedProfile?: Resolved;
  private oceanClient?: OceanClient;
  private warned = false;

  constructor(
    readonly options: GlobalOptions,
    readonly io: Io = processIo(),
  ) {
    this.configFile = configPath(io.env);
  }

  get json(): boolean {
    return this.options.json === true;
  }

  /** A line for a person, on stderr. */
  note(message: string): void {
    this.io.stderr.write(`${safeText(redactUrls(message), true)}\n`);
  }

  private warnOnce = (message: string): void => {
    if (this.warned) return;
    this.warned = true;
    this.note(message);
  };

  get resolved(): Resolved {
    this.resolvedProfile ??= resolveProfile(
      readConfig(this.configFile, this.warnOnce),
      { profile: this.options.profile, baseUrl: this.options.baseUrl },
      this.io.env,
    );
    return this.resolvedProfile;
  }

  /** Changes the active profile's stored fields (login, logout, rotated tokens). */
  saveProfile(change: Parameters<typeof updateProfile>[2]): void {
    updateProfile(this.configFile, this.resolved.profileName, change, this.warnOnce);
    this.resolvedProfile = undefined;
  }

  /** The client of the active profile; `anonymous` for register and login, which need no credential. */
  client(anonymous = false): OceanClient {
    if (anonymous) return this.makeClient(undefined);
    if (!this.oceanClient) {
      const { credential, profileName } = this.resolved;
      if (credential.kind === 'none') {
        const flag = profileName === 'default' ? '' : ` --profile ${profileName}`;
        throw new CliError(`not signed in: run \`ocean${flag} auth login -e EMAIL\` or set OCEAN_API_KEY`, EXIT.AUTH);
      }
      this.oceanClient = this.makeClient(credential);
    }
    return this.oceanClient;
  }

  private makeClient(credential: Resolved['credential'] | undefined): OceanClient {
    const timeout = Number(this.io.env.OCEAN_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
    const tokens: OceanTokens | undefined =
      credential?.kind === 'tokens'
        ? { accessToken: credential.accessToken, refreshToken: credential.refreshToken ?? '' }
        : undefined;
    return createOceanClient({
      baseUrl: this.resolved.baseUrl,
      apiKey: credential?.kind === 'api_key' ? credential.apiKey : undefined,
      tokens,
      // The old refresh token is spent the moment the server rotates it: the new pair must be
      // kept or the next command would find the session revoked.
      onTokens: (pair) => {
        if (credential?.kind === 'tokens' && credential.source === 'profile') {
          this.saveProfile((p) => ({ ...p, access_token: pair.accessToken, refresh_token: pair.refreshToken }));
        } else {
          this.note("note: the access token was refreshed; the environment's refresh token is now spent");
        }
      },
      // A request's time limit; an event stream has none (it is meant to stay open).
      fetch: (request) =>
        request.headers.get('accept') === 'text/event-stream'
          ? globalThis.fetch(request)
          : globalThis.fetch(request, { signal: AbortSignal.timeout(timeout) }),
    });
  }

  /**
   * One request through the typed client's recovering fetch (auth, one refresh on an expired
   * token, 503/429 retries, OceanApiError on failure). Paths are given as strings because a
   * few routes (export/import) are newer than the generated types; answers are typed by the caller.
   */
  async call<T>(method: Method, route: string, init: CallInit = {}, anonymous = false): Promise<T> {
    const api = this.client(anonymous).api as unknown as Record<
      Method,
      (route: string, init: Record<string, unknown>) => Promise<{ data?: unknown }>
    >;
    const query = init.query
      ? Object.fromEntries(
          Object.entries(init.query)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, String(v)]),
        )
      : undefined;
    const { data } = await api[method](route, {
      params: { query },
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...(init.raw
        ? { body: init.raw.body, bodySerializer: (b: string) => b, headers: { 'content-type': init.raw.contentType } }
        : {}),
      ...(init.text ? { parseAs: 'text' } : {}),
    });
    return data as T;
  }

  /** Runs `work` with a spinner on stderr if it outlasts SPINNER_DELAY_MS; never under --json or without a TTY. */
  async spin<T>(text: string, work: () => Promise<T>): Promise<T> {
    // A terminal without a size (a pty some tools open) would make ora redraw without end.
    const { isTTY, columns } = this.io.stderr as { isTTY?: boolean; columns?: number };
    if (this.json || !isTTY || !columns) return work();
    let spinner: { stop(): unknown } | undefined;
    let stopped = false;
    const timer = setTimeout(() => {
      void import('ora').then(({ default: ora }) => {
        if (!stopped) spinner = ora({ text, stream: this.io.stderr }).start();
      });
    }, SPINNER_DELAY_MS);
    try {
      return await work();
    } finally {
      stopped = true;
      clearTimeout(timer);
      spinner?.stop();
    }
  }

  /** A request under the spinner. */
  request<T>(text: string, method: Method, route: string, init?: CallInit, anonymous = false): Promise<T> {
    return this.spin(text, () => this.call<T>(method, route, init, anonymous));
  }

  /**
   * Prints the raw API JSON under --json, else what `human` renders, its control characters
   * escaped (format.ts escapes the cells; this catches the server strings of one-line answers).
   */
  print(data: unknown, human: () => string): void {
    const text = this.json ? JSON.stringify(data ?? null, null, 2) : safeText(human(), true);
    if (text !== '') this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

const NETWORK_CODES = new Map<string, string>(
  Object.entries({
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host lookup failed',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
    UND_ERR_SOCKET: 'connection closed',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  }),
);

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

/** The exit code of an API error: 3 for credentials and rights, 4 for not found, 1 otherwise. */
export function exitCodeOfStatus(status: number): number {
  if (status === 401 || status === 403 || status === 423) return EXIT.AUTH;
  if (status === 404) return EXIT.NOT_FOUND;
  return EXIT.FAILURE;
}

/**
 * Any failure as one line for stderr and an exit code; never a stack trace, never a secret: the
 * userinfo of any URL in it is masked and control characters (a server's detail, a library's
 * message) are escaped.
 */
export function describeFailure(err: unknown, baseUrl: string | undefined): { line: string; exitCode: number } {
  const { line, exitCode } = failureOf(err, baseUrl);
  return { line: safeText(oneLine(redactUrls(line))), exitCode };
}

function failureOf(err: unknown, baseUrl: string | undefined): { line: string; exitCode: number } {
  if (err instanceof CliError) return { line: `error: ${err.message}`, exitCode: err.exitCode };
  // A config file or setting the CLI cannot run with; its messages never quote the file.
  if (err instanceof ConfigError) return { line: `error: ${err.message}`, exitCode: EXIT.USAGE };
  if (err instanceof OceanApiError) {
    // The detail already names the fields of a validation error.
    return { line: `error: ${oneLine(err.detail)} (${err.errorCode})`, exitCode: exitCodeOfStatus(err.status) };
  }
  const where = baseUrl ?? 'the server';
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return { line: `error: no answer from ${where} in time (timeout)`, exitCode: EXIT.FAILURE };
  }
  const cause =
    err instanceof Error ? (err.cause as { code?: string; cause?: { code?: string } } | undefined) : undefined;
  const code = cause?.code ?? cause?.cause?.code ?? (err as { code?: string } | undefined)?.code;
  const network = typeof code === 'string' ? NETWORK_CODES.get(code) : undefined;
  if (network) return { line: `error: cannot reach ${where}: ${network} (${code})`, exitCode: EXIT.FAILURE };
  if (err instanceof TypeError && err.message === 'fetch failed') {
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    return { line: `error: cannot reach ${where}${why}${code ? ` (${code})` : ''}`, exitCode: EXIT.FAILURE };
  }
  if (err instanceof Error && err.name === 'ExitPromptError')
    return { line: 'error: cancelled', exitCode: EXIT.FAILURE };
  return { line: `error: ${err instanceof Error ? err.message : String(err)}`, exitCode: EXIT.FAILURE };
}

/**
 * Wraps a command's action: builds the context from the global options and hands it the
 * command's own arguments and options (commander passes `...args, options, command`).
 */
export function action<A extends unknown[]>(
  run: (ctx: CliContext, ...args: A) => Promise<void>,
): (...args: unknown[]) => Promise<void> {
  return (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const ctx = new CliContext(command.optsWithGlobals<GlobalOptions>(), currentIo);
    return run(ctx, ...(args.slice(0, -1) as A));
  };
}

/** The streams the running program uses (main sets them; specs may swap them). */
let currentIo: Io = processIo();
export function setIo(io: Io): void {
  currentIo = io;
}

/** Reads all of a stream as bytes (`import -`). */
export async function readAllBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Reads all of stdin as text (`--password-stdin`). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return (await readAllBytes(stream)).toString('utf8');
}

/** Parses an integer option; commander reports a refusal with the usage (exit 2). */
export function intOption(min = 0): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    }
    return n;
  };
}

/** Parses a JSON object option (metadata, content, properties). */
export function jsonObject(name: string, value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw usageError(`${name} must be JSON, e.g. '{"key": "value"}'`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw usageError(`${name} must be a JSON object`);
  return parsed as Record<string, unknown>;
}
