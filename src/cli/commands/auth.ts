import { Command, Option } from 'commander';
import { OceanApiError } from '../../client';
import type { components } from '../../client/openapi';
import { action, CliError, EXIT, intOption, path, type CliContext } from '../context';
import { details, table, timeLeft } from '../format';
import { readPassword } from '../password';

type S = components['schemas'];

/** The `exp` of a JWT, read without verifying it: only to tell the user how long they have. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

async function login(ctx: CliContext, opts: { email: string; passwordStdin?: boolean }): Promise<void> {
  const password = await readPassword(ctx, { fromStdin: opts.passwordStdin, message: `Password for ${opts.email}:` });
  const pair = await ctx.request<S['TokenPairResponseDto']>(
    'Signing in',
    'POST',
    '/v1/auth/login',
    { body: { email: opts.email, password } },
    true,
  );
  const baseUrl = ctx.resolved.baseUrl;
  // A fresh sign-in replaces whatever credential the profile held, an API key included.
  ctx.saveProfile((p) => ({
    ...p,
    base_url: baseUrl,
    email: pair.user.email,
    access_token: pair.access_token,
    refresh_token: pair.refresh_token,
    api_key: undefined,
  }));
  ctx.print(
    { user: pair.user, expires_in: pair.expires_in, token_type: pair.token_type, profile: ctx.resolved.profileName },
    () => `signed in as ${pair.user.email} (${pair.user.role}) on ${baseUrl} [profile ${ctx.resolved.profileName}]`,
  );
}

async function logout(ctx: CliContext, opts: { global?: boolean }): Promise<void> {
  const { credential } = ctx.resolved;
  if (credential.kind === 'tokens') {
    try {
      await ctx.request<void>('Signing out', 'POST', '/v1/auth/logout', {
        query: { scope: opts.global ? 'global' : 'local' },
      });
    } catch (err) {
      // An already revoked or expired session is as signed out as it gets; anything else
      // (server down) leaves the pair in place so that the user can try again.
      if (!(err instanceof OceanApiError && err.status === 401)) throw err;
    }
  } else if (opts.global) {
    throw new CliError(
      '--global needs a signed-in session (an API key is revoked with `ocean auth api-key revoke`)',
      EXIT.USAGE,
    );
  }
  if (credential.kind !== 'none' && credential.source === 'env') {
    ctx.note('note: the credential comes from the environment; unset OCEAN_ACCESS_TOKEN / OCEAN_API_KEY too');
  }
  ctx.saveProfile((p) => ({ ...p, access_token: undefined, refresh_token: undefined, api_key: undefined }));
  ctx.print({ signed_out: true, scope: opts.global ? 'global' : 'local' }, () =>
    opts.global ? 'signed out of every session' : 'signed out',
  );
}

async function refresh(ctx: CliContext): Promise<void> {
  const { credential } = ctx.resolved;
  if (credential.kind !== 'tokens' || !credential.refreshToken) {
    throw new CliError('no refresh token in this profile: run `ocean auth login -e EMAIL`', EXIT.AUTH);
  }
  const pair = await ctx.request<S['TokenPairResponseDto']>(
    'Refreshing',
    'POST',
    '/v1/auth/refresh',
    { body: { refresh_token: credential.refreshToken } },
    true,
  );
  if (credential.source === 'profile') {
    ctx.saveProfile((p) => ({ ...p, access_token: pair.access_token, refresh_token: pair.refresh_token }));
  } else {
    ctx.note('note: the pair came from the environment; the new one is not saved');
  }
  ctx.print(
    { expires_in: pair.expires_in, user: pair.user },
    () => `refreshed: expires in ${timeLeft(pair.expires_in)}`,
  );
}

async function whoami(ctx: CliContext): Promise<void> {
  const me = await ctx.request<S['MeResponseDto']>('Asking', 'GET', '/v1/auth/me');
  const { credential, profileName, baseUrl } = ctx.resolved;
  const exp = credential.kind === 'tokens' ? tokenExpiry(credential.accessToken) : undefined;
  // The client may have refreshed on the way: the pair in use now is the one that counts.
  const current = ctx.client().tokens();
  const nowExp = current ? tokenExpiry(current.accessToken) : exp;
  const expiresIn = nowExp === undefined ? null : nowExp - Math.floor(Date.now() / 1000);
  ctx.print({ ...me, profile: profileName, base_url: baseUrl, expires_in: expiresIn }, () =>
    details([
      ['email', me.email],
      ['organization', me.organization_id],
      ['role', me.role],
      ['credential', credential.kind === 'api_key' ? `api key (${me.scopes.join(', ')})` : 'session'],
      ['expires in', expiresIn === null ? 'never (api key)' : timeLeft(expiresIn)],
      ['profile', `${profileName} (${baseUrl})`],
    ]),
  );
}

async function register(
  ctx: CliContext,
  opts: { email: string; passwordStdin?: boolean; organization?: string; fullName?: string },
): Promise<void> {
  const password = await readPassword(ctx, {
    fromStdin: opts.passwordStdin,
    message: 'Choose a password:',
    confirm: true,
  });
  const user = await ctx.request<S['UserResponseDto']>(
    'Registering',
    'POST',
    '/v1/auth/register',
    {
      body: {
        email: opts.email,
        password,
        ...(opts.organization ? { organization_name: opts.organization } : {}),
        ...(opts.fullName ? { full_name: opts.fullName } : {}),
      },
    },
    true,
  );
  ctx.print(
    user,
    () => `registered ${user.email} (organization ${user.organization_id}); now: ocean auth login -e ${user.email}`,
  );
}

function apiKeyCommand(): Command {
  const keys = new Command('api-key').alias('api-keys').description('API keys for scripts and CI (sk_…)');
  keys
    .command('create')
    .description('create a key; its secret is shown this once')
    .requiredOption('-n, --name <name>', 'what the key is for')
    .addOption(new Option('-s, --scopes <scopes>', 'read, write or read,write').default('read,write'))
    .option('--expires-in-days <days>', 'days until it expires (default: never)', intOption(1))
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean auth api-key create --name ci --scopes read\n  $ ocean auth api-key create -n importer --expires-in-days 30 --json',
    )
    .action(
      action(async (ctx, opts: { name: string; scopes: string; expiresInDays?: number }) => {
        const scopes = opts.scopes
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const key = await ctx.request<S['CreatedApiKeyResponseDto']>('Creating the key', 'POST', '/v1/auth/api-keys', {
          body: { name: opts.name, scopes, ...(opts.expiresInDays ? { expires_in_days: opts.expiresInDays } : {}) },
        });
        ctx.print(key, () =>
          [
            `created ${key.name} (${key.api_key_id}), scopes ${key.scopes.join(',')}`,
            '',
            `  ${key.key}`,
            '',
            'This is the only time the key is shown: store it now (e.g. OCEAN_API_KEY).',
          ].join('\n'),
        );
      }),
    );
  keys
    .command('list')
    .alias('ls')
    .description('list your keys (prefixes only)')
    .addHelpText('after', '\nExamples:\n  $ ocean auth api-key list\n  $ ocean auth api-key list --json')
    .action(
      action(async (ctx) => {
        const list = await ctx.request<S['ApiKeyListResponseDto']>('Listing keys', 'GET', '/v1/auth/api-keys');
        ctx.print(list, () =>
          table(
            ['id', 'name', 'prefix', 'scopes', 'expires', 'last used', 'revoked'],
            list.api_keys.map((k) => [
              k.api_key_id,
              k.name,
              k.prefix,
              k.scopes.join(','),
              k.expires_at,
              k.last_used_at,
              k.revoked_at,
            ]),
          ),
        );
      }),
    );
  keys
    .command('revoke <id>')
    .alias('rm')
    .description('revoke a key (every instance refuses it within a second)')
    .addHelpText('after', '\nExamples:\n  $ ocean auth api-key revoke 0190f0b2-7a1c-7d3e-8f00-1234567890ab')
    .action(
      action(async (ctx, id: string) => {
        const answer = await ctx.request<unknown>('Revoking', 'DELETE', path`/v1/auth/api-keys/${id}`);
        ctx.print(answer ?? { revoked: id }, () => `revoked ${id}`);
      }),
    );
  return keys;
}

export function authCommand(): Command {
  const auth = new Command('auth').description('sign in and out, accounts and API keys');
  auth
    .command('login')
    .description('sign in and keep the session in the profile')
    .requiredOption('-e, --email <email>', 'the account')
    .option('--password-stdin', 'read the password from stdin (scripts); otherwise it is prompted without echo')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean auth login -e ada@example.com\n  $ printf %s "$PASSWORD" | ocean auth login -e ada@example.com --password-stdin\n  $ ocean --profile staging --base-url https://staging.example.com auth login -e ada@example.com',
    )
    .action(action((ctx, opts: { email: string; passwordStdin?: boolean }) => login(ctx, opts)));
  auth
    .command('logout')
    .description('revoke this session (or every session with --global) and forget it')
    .option('--global', 'sign out of every session of the user, on every device')
    .addHelpText('after', '\nExamples:\n  $ ocean auth logout\n  $ ocean auth logout --global')
    .action(action((ctx, opts: { global?: boolean }) => logout(ctx, opts)));
  auth
    .command('refresh')
    .description('trade the refresh token for a new pair now (commands also do it by themselves)')
    .addHelpText('after', '\nExamples:\n  $ ocean auth refresh')
    .action(action((ctx) => refresh(ctx)));
  auth
    .command('whoami')
    .description('the signed-in user: email, organization, role, time to expiry')
    .addHelpText('after', '\nExamples:\n  $ ocean auth whoami\n  $ ocean auth whoami --json | jq -r .organization_id')
    .action(action((ctx) => whoami(ctx)));
  auth
    .command('register')
    .description('create an account (and its organization)')
    .requiredOption('-e, --email <email>', 'the new account')
    .option('--organization <name>', 'name of the organization (default: the email)')
    .option('--full-name <name>', 'your name')
    .option('--password-stdin', 'read the password from stdin (scripts); otherwise it is prompted twice without echo')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ocean auth register -e ada@example.com --organization "Analytical Engines"\n  $ printf %s "$PASSWORD" | ocean auth register -e ada@example.com --password-stdin',
    )
    .action(
      action((ctx, opts: { email: string; passwordStdin?: boolean; organization?: string; fullName?: string }) =>
        register(ctx, opts),
      ),
    );
  auth.addCommand(apiKeyCommand());
  auth.addHelpText(
    'after',
    '\nExamples:\n  $ ocean auth login -e ada@example.com\n  $ ocean auth whoami\n  $ ocean auth api-key create --name ci',
  );
  return auth;
}
