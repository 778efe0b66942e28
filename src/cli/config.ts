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
  profiles: Record<string, Profile>;
}

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

export class ConfigFileError extends Error {}

/**
 * Reads the config; a missing file is an empty config. `warn` hears about a file others can read
 * (it holds refresh tokens and keys), the way ssh complains about a private key's mode.
 */
export function readConfig(path: string, warn: (message: string) => void = () => undefined): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new ConfigFileError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) {
    warn(
      `warning: ${path} is readable by others (mode ${mode.toString(8).padStart(4, '0')}); it holds credentials: chmod 600 ${path}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (err) {
    throw new ConfigFileError(`${path} is not valid YAML: ${(err as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return { profiles: {} };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigFileError(`${path} is not a mapping`);
  const file = parsed as Partial<ConfigFile>;
  const profiles: Record<string, Profile> = {};
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
    if (typeof profile[key] === 'string' && profile[key] !== '') out[key] = profile[key];
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
    writeSync(fd, stringify(config));
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
  for (const key of [`OCEAN_${name}`, `AINATIVE_${name}`]) {
    const value = env[key];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

export type Credential =
  | { kind: 'api_key'; apiKey: string; source: 'env' | 'profile' }
  | { kind: 'tokens'; accessToken: string; refreshToken?: string; source: 'env' | 'profile' }
  | { kind: 'none' };

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
  const profileName = options.profile ?? fromEnv(env, 'PROFILE') ?? config.current_profile ?? DEFAULT_PROFILE;
  const profile = config.profiles[profileName] ?? {};
  const baseUrl = (options.baseUrl ?? fromEnv(env, 'BACKEND_URL') ?? profile.base_url ?? DEFAULT_BASE_URL).replace(
    /\/+$/,
    '',
  );
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
  const config = readConfig(path, warn);
  const next = sanitize(change({ ...(config.profiles[name] ?? {}) }));
  config.profiles[name] = next;
  writeConfig(path, config);
  return next;
}
