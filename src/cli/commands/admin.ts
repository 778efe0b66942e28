import type { INestApplicationContext } from '@nestjs/common';
import { Command, Option } from 'commander';
import { action, CliError, EXIT, usageError, type CliContext } from '../context';
import { readPassword } from '../password';

/**
 * The server's own configuration (DATABASE_URL or DATA_DIR, and the rest of its environment),
 * loaded by the server's own code. Loaded lazily: the API commands never pay for Nest.
 */
async function serverConfig() {
  const { ConfigError, loadConfig } = await import('../../config/config.js');
  try {
    // The application context logs nothing the operator needs; errors come back as exceptions.
    return loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.USAGE);
    throw err;
  }
}

/** The application's providers without an HTTP server: the same services the routes use, on the same database. */
async function withApplication<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  await import('reflect-metadata');
  const config = await serverConfig();
  if (!config.identityEnabled)
    throw new CliError('the built-in identity is turned off (IDENTITY_ENABLED=false)', EXIT.USAGE);
  const [{ NestFactory }, { AppModule }] = await Promise.all([import('@nestjs/core'), import('../../app.module.js')]);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: false,
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function createUser(
  ctx: CliContext,
  opts: { email: string; role: 'ADMIN' | 'USER'; passwordStdin?: boolean; organization?: string; fullName?: string },
): Promise<void> {
  const [{ passwordProblems, hashPassword }, { normalizeEmail }] = await Promise.all([
    import('../../identity/passwords.js'),
    import('../../identity/normalize.js'),
  ]);
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
  const user = await ctx.spin('Creating the user', () =>
    withApplication(async (app) => {
      const [{ Db }, { IdentityService }, { UsersRepository }] = await Promise.all([
        import('../../database/db.js'),
        import('../../identity/identity.service.js'),
        import('../../identity/users.repository.js'),
      ]);
      const users = app.get(UsersRepository);
      if (await users.findByEmail(email)) throw new CliError(`an account for ${email} exists already`, EXIT.FAILURE);
      const passwordHash = await hashPassword(password);
      // The account, its organization and its membership, or none of them.
      return app.get(Db).unitOfWork(() =>
        app.get(IdentityService).createAccount({
          email,
          passwordHash,
          role: opts.role,
          organizationName: opts.organization ?? email,
          fullName: opts.fullName,
        }),
      );
    }),
  );
  ctx.print(
    { id: user.id, email: user.email, role: user.role, organization_id: user.organizationId },
    () => `created ${user.role} ${user.email} (${user.id}), organization ${user.organizationId}`,
  );
}

async function migrate(ctx: CliContext): Promise<void> {
  const config = await serverConfig();
  const { migrateExclusively, openDatabase } = await import('../../database/data-source.js');
  const applied = await ctx.spin('Migrating', async () => {
    const db = await openDatabase(config, { runMigrations: false });
    try {
      const pending = await db.dataSource.showMigrations();
      // As `npm run migration:run` (src/database/migrate.ts): PostgreSQL under the advisory lock.
      if (db.kind === 'postgres') await migrateExclusively(db.dataSource);
      else await db.dataSource.runMigrations({ transaction: 'each' });
      return pending;
    } finally {
      await db.close();
    }
  });
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
