import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { Metrics } from './observability/metrics';
import { LinkTokens } from './security/link-tokens';
import { AttemptLimiter } from './security/attempt-limiter';
import { RequestLanguage } from './http/request-language-context';
import { QueueModule } from './queue/queue.module';
import { TenancyModule } from './tenancy/tenancy.module';

/** Config, database with tenancy, queue producers and metrics: what every app needs. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, TenancyModule, QueueModule],
      providers: [Metrics, LinkTokens, RequestLanguage, { provide: AttemptLimiter, useValue: new AttemptLimiter() }],
      exports: [ConfigModule, DatabaseModule, TenancyModule, QueueModule, Metrics, LinkTokens, RequestLanguage, AttemptLimiter],
    };
  }
}
