import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TestDatabase, ThrowawayPostgres, waitFor } from '@app/testing';
import { BuiltProcess, LONG, processEnv, submitReport, uniqueEmail } from './support/hardening-stack';

const exec = promisify(execFile);

/**
 * PostgreSQL restarted (and crashed) under load, with the built API and
 * worker processes on a cluster of the test's own: meanwhile the API answers
 * 503 with a clear body and Retry-After (never another 5xx, never a hang),
 * recovers by itself, and leaves no partial rows: every stored report is
 * complete (history, outbox, contact) and every 201 was stored.
 */
describe('PostgreSQL restarted during load', () => {
  let postgres: ThrowawayPostgres;
  let db: TestDatabase;
  let api: BuiltProcess;
  let worker: BuiltProcess;
  const prefix = `hardening-pg-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    postgres = await ThrowawayPostgres.start();
    db = await postgres.createDatabase('mitreden', false);
    const env = processEnv(db, { QUEUE_PREFIX: prefix, MIGRATE_ON_START: 'true', SMTP_URL: 'smtp://127.0.0.1:9', DATABASE_POOL_SIZE: '5' });
    await exec(process.execPath, ['dist/apps/worker/src/cli.js', 'prepare'], { env: { ...process.env, ...env } });
    api = await BuiltProcess.start('api', env);
    worker = await BuiltProcess.start('worker', env);
  }, 180000);

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await postgres?.destroy();
  });

  async function load(untilStopped: () => boolean, results: Array<{ marker: string; status: number; body: any; ms: number }>): Promise<void> {
    while (!untilStopped()) {
      const marker = `PG-${randomBytes(5).toString('hex')}`;
      const started = Date.now();
      try {
        const result = await submitReport(api.baseUrl, 'ilmenau', { description: marker, contactEmail: uniqueEmail('pg') });
        results.push({ marker, status: result.status, body: result.body, ms: Date.now() - started });
      } catch (error) {
        results.push({ marker, status: 0, body: (error as Error).message, ms: Date.now() - started });
      }
    }
  }

  for (const mode of ['fast', 'immediate'] as const) {
    it(`answers 503 during a ${mode === 'fast' ? 'restart' : 'crash and recovery'}, recovers by itself, leaves no partial rows`, async () => {
      const results: Array<{ marker: string; status: number; body: any; ms: number }> = [];
      let stop = false;
      const clients = Array.from({ length: 4 }, () => load(() => stop, results));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await postgres.stopServer(mode);
      await new Promise((resolve) => setTimeout(resolve, LONG ? 10000 : 3000));
      await postgres.startServer();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      stop = true;
      await Promise.all(clients);

      const statuses = results.reduce<Record<number, number>>((acc, result) => ({ ...acc, [result.status]: (acc[result.status] ?? 0) + 1 }), {});
      process.stdout.write(`postgres ${mode}: ${results.length} submissions, statuses ${JSON.stringify(statuses)}\n`);
      const unexpected = results.filter((result) => result.status !== 201 && result.status !== 503);
      if (unexpected.length) process.stdout.write(`API log around the failures:\n${api.output.filter((line) => /error|unhandled/i.test(line)).slice(-10).join('\n')}\n`);
      expect(unexpected).toEqual([]);
      const unavailable = results.filter((result) => result.status === 503);
      expect(unavailable.length).toBeGreaterThan(0);
      for (const result of unavailable) expect(result.body).toMatchObject({ statusCode: 503, message: expect.stringContaining('nothing was stored') });
      // Nobody waits forever for a database that is gone.
      expect(Math.max(...results.map((result) => result.ms))).toBeLessThan(15000);

      // Recovers by itself: ready and accepting again.
      await waitFor(async () => (await fetch(`${api.baseUrl}/ready`)).status === 200, { timeoutMs: 20000, intervalMs: 250, what: 'API ready again' });
      const after = await submitReport(api.baseUrl, 'ilmenau', { description: 'nach dem Neustart', contactEmail: uniqueEmail('after') });
      expect(after.status).toBe(201);

      const admin = new Client({ connectionString: db.adminUrl });
      await admin.connect();
      try {
        const rows = (await admin.query(
          `SELECT r.description, r.id,
                  (SELECT count(*)::int FROM report_history h WHERE h.report_id = r.id) AS history,
                  (SELECT count(*)::int FROM report_contacts c WHERE c.report_id = r.id) AS contacts,
                  (SELECT count(*)::int FROM outbox o WHERE o.payload->>'reportId' = r.id::text) AS outbox
             FROM reports r WHERE r.description = ANY($1)`,
          [results.map((result) => result.marker)],
        )).rows as Array<{ description: string; id: string; history: number; contacts: number; outbox: number }>;
        const stored = new Map(rows.map((row) => [row.description, row]));
        for (const result of results.filter((candidate) => candidate.status === 201)) expect({ marker: result.marker, stored: stored.has(result.marker) }).toEqual({ marker: result.marker, stored: true });
        // All or nothing: a report never exists without its history, contact and jobs.
        expect(rows.filter((row) => row.history < 1 || row.contacts !== 1 || row.outbox < 2)).toEqual([]);
        // A 503 may hide a commit whose acknowledgement was lost with the connection; it is then complete (above), never partial.
        const lostAcks = unavailable.filter((result) => stored.has(result.marker)).length;
        expect(lostAcks).toBeLessThanOrEqual(4);
        // And the worker came back too: everything accepted gets routed.
        const ids = [...rows.map((row) => row.id), after.body.id];
        await waitFor(async () => (await admin.query(`SELECT count(*)::int AS n FROM reports WHERE id = ANY($1::uuid[]) AND routed_at IS NOT NULL`, [ids])).rows[0].n === ids.length, { timeoutMs: 60000, intervalMs: 250, what: 'routing after the restart' }).catch(async (error) => {
          const stuck = (await admin.query(`SELECT r.id, r.confirmed_at IS NOT NULL AS confirmed, o.id AS outbox_id, o.job_name, o.sent_at, o.publish_attempts, o.last_error FROM reports r LEFT JOIN outbox o ON o.payload->>'reportId' = r.id::text WHERE r.id = ANY($1::uuid[]) AND r.routed_at IS NULL`, [ids])).rows;
          const dead = (await admin.query(`SELECT job_name, left(error, 300) AS error FROM dead_letters LIMIT 5`)).rows;
          const sessions = (await admin.query(`SELECT usename, application_name, state, left(query, 120) AS query, now() - xact_start AS in_transaction FROM pg_stat_activity WHERE datname = 'mitreden' AND pid <> pg_backend_pid()`)).rows;
          process.stdout.write(`sessions: ${JSON.stringify(sessions)}\n`);
          throw new Error(`${(error as Error).message}\nunrouted: ${JSON.stringify(stuck.slice(0, 6))}\ndead letters: ${JSON.stringify(dead)}\nworker: ${worker.output.slice(-15).join('\n')}`);
        });
      } finally {
        await admin.end();
      }
      expect(api.exited).toBe(false);
      expect(worker.exited).toBe(false);
    }, 180000);
  }
});
