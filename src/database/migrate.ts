import { ConfigError, loadConfig } from '../config/config';
import { migrateExclusively, openDatabase } from './data-source';

/** `npm run migration:run`: applies pending migrations to the configured database and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config, { runMigrations: false });
  try {
    const pending = await db.dataSource.showMigrations();
    if (db.kind === 'postgres') await migrateExclusively(db.dataSource);
    else await db.dataSource.runMigrations({ transaction: 'each' });
    console.log(pending ? 'migrations applied' : 'no pending migrations');
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `migration failed: ${(err as Error).message}`);
  process.exit(1);
});
