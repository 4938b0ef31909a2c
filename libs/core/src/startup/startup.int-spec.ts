import { Client } from 'pg';
import { freePort, serverUrl } from '@app/testing';
import { dropDatabase, provisionDatabase } from '../database/provision';
import { runMigrations } from '../database/migrate';
import { checkPostgres, checkRedis } from './service-check';

describe('start-up checks and migrations', () => {
  it('names a missing PostgreSQL and how to start it', async () => {
    const port = await freePort();
    const problems = await checkPostgres(`postgres://postgres@127.0.0.1:${port}/mitreden`);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain(`PostgreSQL is not reachable at 127.0.0.1:${port}`);
    expect(problems[0].message).toContain('pg_ctlcluster --skip-systemctl-redirect 15 main start');
  });

  it('names a missing Redis and how to start it', async () => {
    const port = await freePort();
    const problems = await checkRedis(`redis://127.0.0.1:${port}`);
    expect(problems[0].message).toContain(`Redis is not reachable at 127.0.0.1:${port}`);
    expect(problems[0].message).toContain('redis-server --daemonize yes');
  });

  it('finds the real services and PostGIS', async () => {
    await expect(checkPostgres(serverUrl('postgres'))).resolves.toEqual([]);
    await expect(checkRedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379')).resolves.toEqual([]);
  });

  it('migrates once when two processes start at the same moment', async () => {
    const url = serverUrl(`${process.env.MITREDEN_TEST_TEMPLATE}_race`);
    await provisionDatabase({ adminUrl: url });
    try {
      const [first, second] = await Promise.all([runMigrations(url), runMigrations(url)]);
      expect([...first, ...second].length).toBeGreaterThan(0);
      // Whoever got the lock first applied everything; the other found nothing to do.
      expect(first.length === 0 || second.length === 0).toBe(true);
      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
      await client.end();
      expect(rows.every((row) => row.n === 1)).toBe(true);
      await expect(runMigrations(url)).resolves.toEqual([]);
    } finally {
      await dropDatabase(url);
    }
  });
});
