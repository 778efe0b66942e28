import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig, type AppConfig } from '../config/config';
import { migrateExclusively, openDatabase } from '../database/data-source';
import { Db } from '../database/db';
import { IdentityService } from '../identity/identity.service';
import { hashPassword } from '../identity/passwords';
import { UsersRepository } from '../identity/users.repository';
import { CliError, EXIT } from './context';

/*
 * What `ocean admin` and `ocean migrate` run: the server's own code on the server's own database.
 * Kept out of the API commands' way: main loads this module only for those two commands.
 */

/** The server's configuration (DATABASE_URL or DATA_DIR, and the rest of its environment). */
export function serverConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    // The application context logs nothing the operator needs; failures come back as errors.
    return loadConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'silent' });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.USAGE);
    throw err;
  }
}

/** The application's providers without an HTTP server: the services the routes use, on the same database. */
async function withApplication<T>(config: AppConfig, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  if (!config.identityEnabled)
    throw new CliError('the built-in identity is turned off (IDENTITY_ENABLED=false)', EXIT.USAGE);
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

export interface CreatedUser {
  id: string;
  email: string;
  role: string;
  organization_id: string;
}

/** Creates an account as registration does (the password already checked against its rules). */
export function createUser(
  config: AppConfig,
  account: { email: string; password: string; role: 'ADMIN' | 'USER'; organization?: string; fullName?: string },
): Promise<CreatedUser> {
  return withApplication(config, async (app) => {
    if (await app.get(UsersRepository).findByEmail(account.email)) {
      throw new CliError(`an account for ${account.email} exists already`, EXIT.FAILURE);
    }
    const passwordHash = await hashPassword(account.password);
    // The account, its organization and its membership, or none of them.
    const user = await app.get(Db).unitOfWork(() =>
      app.get(IdentityService).createAccount({
        email: account.email,
        passwordHash,
        role: account.role,
        organizationName: account.organization ?? account.email,
        fullName: account.fullName,
      }),
    );
    return { id: user.id, email: user.email, role: user.role, organization_id: user.organizationId };
  });
}

/** As `npm run migration:run` (src/database/migrate.ts): whether anything was pending. */
export async function migrate(config: AppConfig): Promise<boolean> {
  const db = await openDatabase(config, { runMigrations: false });
  try {
    const pending = await db.dataSource.showMigrations();
    // Several instances may start at once on PostgreSQL: migrate under the advisory lock.
    if (db.kind === 'postgres') await migrateExclusively(db.dataSource);
    else await db.dataSource.runMigrations({ transaction: 'each' });
    return pending;
  } finally {
    await db.close();
  }
}
