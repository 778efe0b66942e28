import { Command, Option } from 'commander';
import { action, usageError, type CliContext } from '../context';
import { readPassword } from '../password';

/** The server-side half, loaded only here: the API commands never pay for Nest and PGlite. */
const serverTasks = () => import('../server-tasks.js');

async function createUser(
  ctx: CliContext,
  opts: { email: string; role: 'ADMIN' | 'USER'; passwordStdin?: boolean; organization?: string; fullName?: string },
): Promise<void> {
  const { passwordProblems } = await import('../../identity/passwords.js');
  const { normalizeEmail } = await import('../../identity/normalize.js');
  const email = normalizeEmail(opts.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw usageError(`not an email address: ${opts.email}`);
  const password = await readPassword(ctx, {
    fromStdin: opts.passwordStdin,
    message: `Password for ${email}:`,
    confirm: true,
  });
  // The rules of registration (src/identity/passwords.ts), checked before the database is opened.
  const problems = passwordProblems(password, 'password', email);
  if (problems.length) throw usageError(`weak password: ${problems.map((p) => p.message).join('; ')}`);
  const tasks = await serverTasks();
  const config = tasks.serverConfig(ctx.io.env);
  const user = await ctx.spin('Creating the user', () =>
    tasks.createUser(config, {
      email,
      password,
      role: opts.role,
      organization: opts.organization,
      fullName: opts.fullName,
    }),
  );
  ctx.print(user, () => `created ${user.role} ${user.email} (${user.id}), organization ${user.organization_id}`);
}

async function migrate(ctx: CliContext): Promise<void> {
  const tasks = await serverTasks();
  const config = tasks.serverConfig(ctx.io.env);
  const applied = await ctx.spin('Migrating', () => tasks.migrate(config));
  ctx.print({ applied }, () => (applied ? 'migrations applied' : 'no pending migrations'));
}

export function adminCommand(): Command {
  const admin = new Command('admin').description(
    "operator tasks on the server's own database (DATABASE_URL or DATA_DIR)",
  );
  admin
    .command('create-user')
    .description('create an account directly in the database (the first admin, for instance)')
    .requiredOption('-e, --email <email>', 'the new account')
    .addOption(new Option('--role <role>', 'its role').choices(['ADMIN', 'USER']).default('USER'))
    .option('--organization <name>', 'name of its organization (default: the email)')
    .option('--full-name <name>', 'the person’s name')
    .option('--password-stdin', 'read the password from stdin; otherwise it is prompted without echo')
    .addHelpText(
      'after',
      [
        '',
        'Runs where the server runs, with its environment: it opens the database itself',
        '(stop a PGlite-backed server first: its DATA_DIR takes one process at a time).',
        '',
        'Examples:',
        '  $ DATABASE_URL=postgres://ocean@db/ocean ocean admin create-user --email root@example.com --role ADMIN',
        '  $ printf %s "$PASSWORD" | DATA_DIR=./data ocean admin create-user -e root@example.com --role ADMIN --password-stdin',
      ].join('\n'),
    )
    .action(
      action(
        (
          ctx,
          opts: {
            email: string;
            role: 'ADMIN' | 'USER';
            passwordStdin?: boolean;
            organization?: string;
            fullName?: string;
          },
        ) => createUser(ctx, opts),
      ),
    );
  admin.addHelpText('after', '\nExamples:\n  $ ocean admin create-user --email root@example.com --role ADMIN');
  return admin;
}

export function migrateCommand(): Command {
  return new Command('migrate')
    .description("apply pending migrations to the server's database (like npm run migration:run)")
    .addHelpText(
      'after',
      '\nExamples:\n  $ DATABASE_URL=postgres://ocean@db/ocean ocean migrate\n  $ DATA_DIR=./data ocean migrate',
    )
    .action(action((ctx) => migrate(ctx)));
}
