import { Global, Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { openDatabase, type Database } from './data-source';
import { Broadcast } from './broadcast';
import { Db } from './db';
import { Locks } from './locks';
import { DATABASE } from './tokens';

export { DATABASE };

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<Database> => openDatabase(config),
    },
    { provide: DataSource, inject: [DATABASE], useFactory: (db: Database): DataSource => db.dataSource },
    Db,
    Locks,
    Broadcast,
  ],
  exports: [DATABASE, DataSource, Db, Locks, Broadcast],
})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  onModuleInit(): void {
    if (this.db.searchDocumentsRebuilt > 0) {
      new Logger('Search').log(
        `SEARCH_LANGUAGE changed: rebuilt the search documents of ${this.db.searchDocumentsRebuilt} blocks`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
