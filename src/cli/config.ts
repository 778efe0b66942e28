import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';

/** One deployment and the credential the CLI holds for it. Keys are snake_case like the wire. */
export interface Profile {
  base_url?: string;
  email?: string;
  access_token?: string;
  refresh_token?: string;
  api_key?: string;
}

export interface ConfigFile {
  /** The profile used when neither --profile nor OCEAN_PROFILE names one. */
  current_profile?: string;
  /** Made with Object.create(null) by readConfig: a name like `constructor` is data, never an inherited member. */
  profiles: Record<string, Profile>;
}

/** What a profile may be called: no `__proto__`, no option-like `-x`, nothing a terminal would act on. */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const DEFAULT_PROFILE = 'default';
export const DEFAULT_BASE_URL = 'http://127.0.0.1:8000';

type Env = Record<string, string | undefined>;

/** `$XDG_CONFIG_HOME/ocean/config.yaml`, `~/.config/ocean/config.yaml` without it. */
export function configPath(env: Env = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const base = xdg && xdg.startsWith('/') ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'ocean', 'config.yaml');
}

/** A configuration the CLI cannot run with (a bad profile name, a bad base URL): exit 2. */
export class ConfigError extends Error {}
/** A config file that cannot be read or is not a config: exit 2 too. */
export class ConfigFileError extends ConfigError {}

const noProfiles = (): Record<string, Profile> => Object.create(null) as Record<string, Profile>;

/** Refuses a profile name outside PROFILE_NAME; `from` says where it came from. */
export function checkProfileName(name: string, from: string): string {
  if (!PROFILE_NAME.test(name)) {
    // The name is shown only when it is harmless to print.
    const shown = /^[\x20-\x7e]{1,64}$/.test(name) ? ` "${name}"` : '';
    throw new ConfigError(
      `invalid profile name${shown} (${from}): use letters, digits, '_', '.' and '-', starting with a letter or digit, at most 64`,
    );
  }
  return name;
}

/** Where a YAML error is, without its message: the yaml library quotes the offending lines, secrets included. */
function yamlProblem(err: unknown): string {
  const pos = (err as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
  if (pos && Number.isInteger(pos.line) && Number.isInteger(pos.col)) return ` (line ${pos.line}, column ${pos.col})`;
  if (err instanceof ReferenceError && /alias count/i.test(err.message)) return ' (too many aliases)';
  if (err instanceof ReferenceError && /alias/i.test(err.message)) return ' (an alias without its anchor)';
  return '';
}
/**
 * Reads the config; a missing file is an empty config. `warn` hears about a file others can read
 * (it holds refresh tokens and keys), the way ssh complains about a private key's mode.
 */
export function readConfig(path: string, warn: (message: string) => void = () => undefined): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: noProfiles() };
    throw new ConfigFileError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`);
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) {
    warn(
      `warning: ${path} is readable by others (mode ${mode.toString(8).padStart(4, '0')}); it holds credentials: chmod 600 ${path}`,
    );
  }
  let parsed: unknown;
  try {
    // logLevel 'error': a warning (an unknown tag, say) would be printed with an excerpt of the file.
    parsed = parse(text, { logLevel: 'error' });
  } catch (err) {
    throw new ConfigFileError(`${path} is not valid YAML${yamlProblem(err)}`);
  }
  if (parsed === null || parsed === undefined) return { profiles: noProfiles() };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigFileError(`${path} is not a mapping`);
  const file = parsed as Partial<ConfigFile>;
  if (file.profiles !== undefined && file.profiles !== null) {
    if (typeof file.profiles !== 'object' || Array.isArray(file.profiles)) {
      throw new ConfigFileError(`${path}: profiles is not a mapping`);
    }
  }
  // Every name is kept (a hand-written one too, so that a rewrite does not drop it), as an own
  // property of an object without a prototype: `__proto__` is not lost, `constructor` not inherited.
  const profiles = noProfiles();
  for (const [name, value] of Object.entries(file.profiles ?? {})) {
    if (value && typeof value === 'object' && !Array.isArray(value)) profiles[name] = sanitize(value);
  }
  return {
    ...(typeof file.current_profile === 'string' ? { current_profile: file.current_profile } : {}),
    profiles,
  };
}

/** Keeps only string fields we know: a hand-edited file must not smuggle other shapes through. */
function sanitize(profile: Profile): Profile {
  const out: Profile = {};
  for (const key of ['base_url', 'email', 'access_token', 'refresh_token', 'api_key'] as const) {
    const value = Object.hasOwn(profile, key) ? profile[key] : undefined;
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

/**
 * Writes the config atomically: a 0600 temp file in the same 0700 directory, fsynced, then
 * renamed over the old one. A crash or a concurrent reader sees the old file or the new one,
 * never half of one, and the secrets are never readable by others, not even for a moment.
 */
export function writeConfig(path: string, config: ConfigFile): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory's mode alone (and the umask may loosen a new one).
  chmodSync(dir, 0o700);
  const temp = join(dir, `.config.yaml.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    // A plain copy for the writer, each name an own property (`__proto__` included).
    const profiles: Record<string, Profile> = {};
    for (const [name, profile] of Object.entries(config.profiles)) {
      Object.defineProperty(profiles, name, { value: profile, enumerable: true, writable: true, configurable: true });
    }
    writeSync(fd, stringify({ ...config, profiles }));
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** The first set of the variables: OCEAN_* wins over its AINATIVE_* alias. */
function fromEnv(env: Env, name: string): string | undefined {
  const value = env[envName(env, name)];
  return value === undefined || value === '' ? undefined : value;
}

/** Which of OCEAN_<name> and AINATIVE_<name> fromEnv takes. */
function envName(env: Env, name: string): string {
  for (const key of [`OCEAN_${name}`, `AINATIVE_${name}`]) {
    const value = env[key];
    if (value !== undefined && value !== '') return key;
  }
  return `OCEAN_${name}`;
}

/** The first value given, with where it came from. */
function firstOf(...candidates: Array<[string | undefined, string]>): [string, string] {
  for (const [value, from] of candidates) if (value !== undefined) return [value, from];
  throw new Error('firstOf: no candidate');
}

export type Credential =
  | { kind: 'api_key'; apiKey: string; source: 'env' | 'profile' }
  | { kind: 'tokens'; accessToken: string; refreshToken?: string; source: 'env' | 'profile' }
  | { kind: 'none' };

/**
 * A base URL as given, checked: it must parse, be http or https, and hold no user name, password,
 * query or fragment (a credential belongs in the profile, not in a URL printed in errors).
 * The message names where the URL came from and never echoes it: it may hold a password.
 */
export function checkBaseUrl(raw: string, from: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${from} is not a URL: give one like https://ocean.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${from} must be an http or https URL, e.g. https://ocean.example.com`);
  }
  if (url.username !== '' || url.password !== '' || /^[^/]*\/\/[^/?#]*@/.test(raw)) {
    throw new ConfigError(`${from} must not hold a user name or password (${url.protocol}//${url.host})`);
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(raw)) {
    throw new ConfigError(`${from} must not hold a query or fragment (${url.protocol}//${url.host}${url.pathname})`);
  }
  return raw;
}

/** A URL with its user name and password (if any) replaced: for any URL about to be printed. */
export function redactUrls(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1***@');
}

export interface Resolved {
  profileName: string;
  profile: Profile;
  baseUrl: string;
  credential: Credential;
}

/**
 * What a command runs with. Precedence, strongest first: the --base-url flag, the environment
 * (OCEAN_* or the AINATIVE_* aliases the AINative tools set), the profile, the default. A
 * credential from the environment replaces the profile's whole credential (never a token from
 * one and a refresh token from the other); an API key beats tokens at the same level.
 */
export function resolveProfile(
  config: ConfigFile,
  options: { profile?: string; baseUrl?: string },
  env: Env = process.env,
): Resolved {
  const [profileName, nameFrom] = firstOf(
    [options.profile, '--profile'],
    [fromEnv(env, 'PROFILE'), envName(env, 'PROFILE')],
    [config.current_profile, 'current_profile of the config file'],
    [DEFAULT_PROFILE, 'the default'],
  );
  checkProfileName(profileName, nameFrom);
  const profile = Object.hasOwn(config.profiles, profileName) ? config.profiles[profileName] : {};
  const [rawUrl, urlFrom] = firstOf(
    [options.baseUrl, '--base-url'],
    [fromEnv(env, 'BACKEND_URL'), envName(env, 'BACKEND_URL')],
    [profile.base_url, `base_url of profile ${profileName}`],
    [DEFAULT_BASE_URL, 'the default base URL'],
  );
  const baseUrl = checkBaseUrl(rawUrl.replace(/\/+$/, ''), urlFrom);
  const envKey = fromEnv(env, 'API_KEY');
  const envAccess = fromEnv(env, 'ACCESS_TOKEN');
  let credential: Credential = { kind: 'none' };
  if (envKey) credential = { kind: 'api_key', apiKey: envKey, source: 'env' };
  else if (envAccess) {
    credential = { kind: 'tokens', accessToken: envAccess, refreshToken: fromEnv(env, 'REFRESH_TOKEN'), source: 'env' };
  } else if (profile.api_key) credential = { kind: 'api_key', apiKey: profile.api_key, source: 'profile' };
  else if (profile.access_token) {
    credential = {
      kind: 'tokens',
      accessToken: profile.access_token,
      refreshToken: profile.refresh_token,
      source: 'profile',
    };
  }
  return { profileName, profile, baseUrl, credential };
}

/** Reads, changes one profile, writes: the file is re-read so a concurrent change to another profile survives. */
export function updateProfile(
  path: string,
  name: string,
  change: (profile: Profile) => Profile,
  warn?: (message: string) => void,
): Profile {
  checkProfileName(name, 'the profile to change');
  const config = readConfig(path, warn);
  const next = sanitize(change({ ...(Object.hasOwn(config.profiles, name) ? config.profiles[name] : {}) }));
  config.profiles[name] = next;
  writeConfig(path, config);
  return next;
}
