import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MetricsAuth } from './metrics-auth';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics.server';
import { MetricsService } from './metrics.service';

@Global()
@Module({})
export class MetricsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const separate = config.metrics.port !== undefined;
    return {
      module: MetricsModule,
      controllers: separate ? [] : [MetricsController],
      providers: [
        MetricsService,
        { provide: MetricsAuth, useFactory: (c: AppConfig) => new MetricsAuth(c.metrics.token), inject: [APP_CONFIG] },
        ...(separate ? [MetricsServer] : []),
      ],
      exports: [MetricsService],
    };
  }
}
