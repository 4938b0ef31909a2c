import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

function baseOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    entities: [],
    extra: {
      max: settings.poolSize ?? 10,
      application_name: settings.applicationName ?? 'mitreden',
      // Fail fast instead of hanging when PostgreSQL is gone.
      connectionTimeoutMillis: 5000,
      statement_timeout: 30000,
    },
  };
}

/** The app role's pool: every query is subject to row-level security. */
export function createAppDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(baseOptions(settings));
}

/** The owner's connection, used for migrations only. */
export function createMigrationDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({ ...baseOptions({ ...settings, poolSize: 2 }), migrations, migrationsTableName: 'migrations' });
}
