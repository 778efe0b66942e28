import { ConfigError, loadConfig } from '../config/config';
import { openDatabase } from './data-source';

/** `npm run migration:run`: applies pending migrations to the configured database and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config, { runMigrations: false });
  try {
    const applied = await db.dataSource.runMigrations({ transaction: 'each' });
    console.log(
      applied.length ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}` : 'no pending migrations',
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `migration failed: ${(err as Error).message}`);
  process.exit(1);
});
