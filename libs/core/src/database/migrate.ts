import { Client } from 'pg';
import { createMigrationDataSource } from './data-sources';
import { migrations } from './migrations';

const MIGRATION_LOCK = 'mitreden:migrations';

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so an API
 * and a worker starting together never migrate at once: the second waits and
 * then finds nothing to do.
 */
export async function runMigrations(adminUrl: string): Promise<string[]> {
  const lock = new Client({ connectionString: adminUrl, application_name: 'mitreden-migrate-lock' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    const dataSource = createMigrationDataSource({ url: adminUrl, applicationName: 'mitreden-migrate' });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/** Names of migrations that this build knows but the database has not applied. */
export async function pendingMigrations(query: (sql: string) => Promise<Array<{ name: string }>>): Promise<string[]> {
  let applied: Set<string>;
  try {
    applied = new Set((await query('SELECT name FROM migrations')).map((row) => row.name));
  } catch {
    applied = new Set();
  }
  return migrations.map((migration) => migration.name).filter((name) => !applied.has(name));
}
