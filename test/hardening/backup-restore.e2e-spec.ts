import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { APP_ROLE, pendingMigrations } from '@app/core';
import { TestDatabase, ThrowawayPostgres } from '@app/testing';
import { TestStack, startTestStack } from '../support/test-api';
import { seedDemo, submitReport } from './support/hardening-stack';

/**
 * The backup procedure of docs/operations.md, run for real: pg_dump in the
 * custom format, pg_restore into an empty database on a cluster that has the
 * roles, and the restored copy serves the same data under the same
 * row-level security.
 */
describe('backup and restore (pg_dump / pg_restore round trip)', () => {
  let postgres: ThrowawayPostgres;
  let db: TestDatabase;
  let stack: TestStack;
  const folder = mkdtempSync(join(tmpdir(), 'mitreden-backup-'));

  beforeAll(async () => {
    postgres = await ThrowawayPostgres.start();
    db = await postgres.createDatabase('mitreden');
    stack = await startTestStack({ db, worker: true });
    await seedDemo(stack);
    for (let i = 0; i < 5; i++) await submitReport(stack.baseUrl, 'ilmenau', { description: `Backup-Probe ${i}`, contactEmail: `backup${i}@example.org` });
  }, 120000);

  afterAll(async () => {
    await stack?.close();
    await postgres?.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  const snapshot = async (url: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const tables = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((row) => row.tablename as string);
      const counts: Record<string, number> = {};
      for (const table of tables) counts[table] = (await client.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n;
      const rls = (await client.query(`SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname`)).rows;
      const reports = (await client.query(`SELECT id, number, description, ST_AsText(location) AS location FROM reports ORDER BY number`)).rows;
      return { counts, rls, reports };
    } finally {
      await client.end();
    }
  };

  it('restores every row, every policy and the migration state', async () => {
    // A quiet database for the comparison: the worker stops (pg_dump itself is consistent under load).
    await stack.worker!.relay.drain();
    const worker = stack.worker!;
    await worker.close();
    worker.close = async () => undefined;
    const before = await snapshot(db.adminUrl);
    expect(before.reports).toHaveLength(5);
    const file = join(folder, 'mitreden.dump');
    postgres.tool('pg_dump', ['-Fc', '-d', 'mitreden', '-f', file]);

    // The roles are cluster-wide and not in a database dump: they exist already here
    // (a new cluster gets them from `npm run cli -- prepare` or provisioning).
    const admin = new Client({ connectionString: postgres.url('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE restored`);
    await admin.end();
    postgres.tool('pg_restore', ['-d', 'restored', '--exit-on-error', file]);

    const after = await snapshot(postgres.url('restored'));
    expect(after).toEqual(before);
    const restored = new Client({ connectionString: postgres.url('restored') });
    await restored.connect();
    try {
      expect(await pendingMigrations(async (sql) => (await restored.query(sql)).rows)).toEqual([]);
    } finally {
      await restored.end();
    }
  });

  it('keeps row-level security in force for the app role in the restored copy', async () => {
    const admin = new Client({ connectionString: postgres.url('postgres') });
    await admin.connect();
    await admin.query(`GRANT CONNECT ON DATABASE restored TO ${APP_ROLE}`);
    await admin.end();
    const app = new Client({ connectionString: postgres.url('restored', APP_ROLE) });
    await app.connect();
    try {
      // Without a tenant in the transaction the policy function raises (fail closed).
      await expect(app.query('SELECT count(*) FROM reports')).rejects.toThrow();
      await app.query('BEGIN');
      const tenant = (await app.query(`SELECT id FROM tenants WHERE slug = 'gera'`)).rows[0].id;
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant]);
      expect((await app.query('SELECT count(*)::int AS n FROM reports')).rows[0].n).toBe(0);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });
});
