import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DynamicModule, Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuthModule } from './auth/auth.module';
import { HttpShutdown } from './common/http-shutdown';
import { APP_CONFIG, AppConfig } from './config/config';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { InfoController } from './info.controller';
import { loggerOptions } from './logging';
import { MetricsModule } from './metrics/metrics.module';
import { PagesModule } from './pages/pages.module';
import { BlocksModule } from './blocks/blocks.module';
import { PageTransferModule } from './page-transfer/page-transfer.module';
import { LinksModule } from './links/links.module';
import { SearchModule } from './search/search.module';
import { TagsModule } from './tags/tags.module';
import { EventsModule } from './events/events.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config, logDestination)),
        DatabaseModule,
        // Carries the current transaction to every repository call of a unit of work. Only the
        // plugin: ClsModule.forRoot would add a no-op global guard and interceptor to every route.
        ClsModule.registerPlugins([
          new ClsPluginTransactional({
            imports: [DatabaseModule],
            adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource }),
          }),
        ]),
        MetricsModule.forRoot(config),
        AuthModule.forRoot(config),
        HealthModule,
        ...(config.oceanEnabled
          ? [
              PagesModule,
              BlocksModule,
              PageTransferModule,
              LinksModule,
              TagsModule,
              SearchModule,
              ...(config.events.enabled ? [EventsModule, WebhooksModule] : []),
            ]
          : []),
        ...(config.identityEnabled ? [IdentityModule] : []),
      ],
      controllers: [InfoController],
      providers: [{ provide: APP_CONFIG, useValue: config }, HttpShutdown],
      exports: [APP_CONFIG, HttpShutdown],
    };
  }
}
