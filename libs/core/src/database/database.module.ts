import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { createAppDataSource } from './data-sources';
import { APP_DATA_SOURCE, SYSTEM_DATA_SOURCE } from './tokens';

@Global()
@Module({
  providers: [
    {
      provide: APP_DATA_SOURCE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        createAppDataSource({ url: config.env.DATABASE_URL, poolSize: config.env.DATABASE_POOL_SIZE, applicationName: 'mitreden-app' }).initialize(),
    },
    {
      // Small and lazily used: only asSystem() takes a connection from it.
      provide: SYSTEM_DATA_SOURCE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        createAppDataSource({ url: config.env.DATABASE_SYSTEM_URL, poolSize: 2, applicationName: 'mitreden-system' }).initialize(),
    },
  ],
  exports: [APP_DATA_SOURCE, SYSTEM_DATA_SOURCE],
})
class DataSourcesModule implements OnApplicationShutdown {
  constructor(
    @Inject(APP_DATA_SOURCE) private readonly app: DataSource,
    @Inject(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.app, this.system].filter((source) => source.isInitialized).map((source) => source.destroy()));
  }
}

/** Connection pools plus CLS-bound transactions (nestjs-cls transactional). */
@Global()
@Module({
  imports: [
    DataSourcesModule,
    ClsModule.forRoot({
      global: true,
      middleware: { mount: true, generateId: true },
      plugins: [
        new ClsPluginTransactional({
          imports: [DataSourcesModule],
          adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: APP_DATA_SOURCE }),
        }),
      ],
    }),
  ],
  exports: [DataSourcesModule],
})
export class DatabaseModule {}
