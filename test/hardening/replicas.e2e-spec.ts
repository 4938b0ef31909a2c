import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { APP_ROLE, AppConfig, OutboxRelay, PublishableJob, QueuePublisher, SYSTEM_ROLE, outboxJobId } from '@app/core';
import { ReportRoute } from '@app/reports';
import { TestDatabase, TestSmtpServer, serverUrl, testConfig, waitFor } from '@app/testing';
import { WorkerAppModule } from '../../apps/worker/src/worker.module';
import { BuiltProcess, LONG, processEnv, submitReport, uniqueEmail } from './support/hardening-stack';

const exec = promisify(execFile);

/**
 * Several machines: two API and two worker processes (built, dist/) start at
 * the same moment against one new PostgreSQL database and one Redis. The
 * migrations run once (advisory lock), every report is routed once and every
 * mail sent once, and every BullMQ job is started exactly once. Then four
 * outbox relays drain one backlog at the same time: each row is published by
 * exactly one of them.
 */
describe('two APIs and two workers on one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let apis: BuiltProcess[] = [];
  let workers: BuiltProcess[] = [];
  let admin: Client;
  const prefix = `hardening-replicas-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    // A database that does not exist yet: the processes provision and migrate it themselves.
    const name = `${process.env.MITREDEN_TEST_TEMPLATE}_replicas_${randomBytes(3).toString('hex')}`;
    db = { name, adminUrl: serverUrl(name), appUrl: serverUrl(name, APP_ROLE), systemUrl: serverUrl(name, SYSTEM_ROLE), drop: async () => undefined };
    smtp = await TestSmtpServer.start();
    const env = processEnv(db, { QUEUE_PREFIX: prefix, MIGRATE_ON_START: 'true', SMTP_URL: smtp.url, WORKER_CONCURRENCY: '5' });
    const starting = await Promise.allSettled([BuiltProcess.start('api', env), BuiltProcess.start('api', env), BuiltProcess.start('worker', env), BuiltProcess.start('worker', env)]);
    const started = starting.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
    apis = started.slice(0, 2).filter((child): child is BuiltProcess => Boolean(child));
    workers = started.slice(2).filter((child): child is BuiltProcess => Boolean(child));
    const failed = starting.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    await exec(process.execPath, ['dist/apps/worker/src/cli.js', 'prepare'], { env: { ...process.env, ...env, LOG_LEVEL: 'silent' } });
    admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
  }, 180000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((child) => child.stop()));
    await admin?.end();
    await smtp?.stop();
    const maintenance = new Client({ connectionString: serverUrl('postgres') });
    await maintenance.connect();
    await maintenance.query(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`).catch(() => undefined);
    await maintenance.end();
    // The shared Redis keeps no trace of this file's queues.
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 })) if ((keys as string[]).length) await redis.del(...(keys as string[]));
    redis.disconnect();
  });

  it('ran every migration exactly once', async () => {
    const rows = (await admin.query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`)).rows;
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((row) => row.n !== 1)).toEqual([]);
    for (const api of apis) expect((await fetch(`${api.baseUrl}/ready`)).status).toBe(200);
  });

  it('routes every report once, mails once and starts every job exactly once', async () => {
    const total = LONG ? 400 : 40;
    const emails = Array.from({ length: total }, (_, i) => uniqueEmail(`replica${i}`));
    const results = await Promise.all(emails.map((email, i) => submitReport(apis[i % 2].baseUrl, 'ilmenau', { description: `Zwei Maschinen ${i}`, contactEmail: email })));
    expect(results.map((result) => result.status)).toEqual(results.map(() => 201));
    const ids = results.map((result) => result.body.id as string);
    await waitFor(async () => (await admin.query(`SELECT count(*)::int AS n FROM reports WHERE id = ANY($1::uuid[]) AND routed_at IS NOT NULL`, [ids])).rows[0].n === total, { timeoutMs: 60000, intervalMs: 200, what: 'all routed' });
    const routings = (await admin.query(`SELECT report_id, count(*)::int AS n FROM report_history WHERE actor = 'routing' AND report_id = ANY($1::uuid[]) GROUP BY report_id`, [ids])).rows;
    expect(routings.filter((row) => row.n !== 1)).toEqual([]);
    expect(routings).toHaveLength(total);
    await waitFor(async () => emails.every((email) => smtp.to(email).length >= 1), { timeoutMs: 60000, intervalMs: 200, what: 'all receipts' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(emails.filter((email) => smtp.to(email).length !== 1)).toEqual([]);

    // BullMQ's own record: every job of these reports was started once (ats = attempts started) and completed.
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      await waitFor(async () => (await admin.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n === 0, { what: 'outbox drained' });
      const outboxIds = (await admin.query(`SELECT id::text AS id, (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us, job_name FROM outbox WHERE payload->>'reportId' = ANY($1)`, [ids])).rows as Array<{ id: string; created_us: string; job_name: string }>;
      const queueOf: Record<string, string> = { ReportRoute: 'report-routing', ReportNotify: 'report-mail', ReportPhotosProcess: 'report-photos' };
      const problems: string[] = [];
      await waitFor(async () => {
        problems.length = 0;
        for (const row of outboxIds) {
          const job = await redis.hgetall(`${prefix}:${queueOf[row.job_name]}:${outboxJobId(row.id, row.created_us)}`);
          if (!job.finishedOn || job.failedReason) problems.push(`ob-${row.id} ${row.job_name} not finished`);
          else if (job.ats !== '1') problems.push(`ob-${row.id} ${row.job_name} started ${job.ats} times`);
        }
        return problems.length === 0;
      }, { timeoutMs: 30000, intervalMs: 500, what: 'jobs finished' }).catch(() => undefined);
      expect(problems).toEqual([]);
      expect(outboxIds.length).toBeGreaterThanOrEqual(total * 2);
    } finally {
      redis.disconnect();
    }
    for (const child of [...apis, ...workers]) expect(child.exited).toBe(false);
  }, 180000);

  it('lets four relays drain one backlog with every row published exactly once', async () => {
    const rows = LONG ? 20000 : 2000;
    const relayPrefix = `${prefix}-relays`;
    // The two worker processes relay too: stop them so only our four relays compete for this backlog.
    await Promise.all(workers.map((child) => child.stop()));
    const tenantId = (await admin.query(`SELECT id FROM tenants WHERE slug = 'ilmenau'`)).rows[0].id;
    // Jobs for reports that do not exist: harmless if a worker ever ran them (nobody listens on this prefix).
    await admin.query(
      `INSERT INTO outbox (tenant_id, job_name, payload) SELECT $1::uuid, $2, jsonb_build_object('tenantId', $1::text, 'reportId', gen_random_uuid()::text) FROM generate_series(1, $3::int)`,
      [tenantId, ReportRoute.name, rows],
    );
    const before = (await admin.query(`SELECT min(id)::text AS first FROM outbox WHERE sent_at IS NULL`)).rows[0].first;
    const published: string[] = [];
    const contexts = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const config: AppConfig = testConfig(db, { QUEUE_PREFIX: relayPrefix, OUTBOX_BATCH_SIZE: '50', LOG_LEVEL: 'silent' });
        const context = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), { logger: false });
        const publisher = context.get(QueuePublisher);
        const original = publisher.publish.bind(publisher);
        publisher.publish = async (jobs: PublishableJob[]) => {
          published.push(...jobs.map((job) => job.jobId));
          return original(jobs);
        };
        return context;
      }),
    );
    try {
      await Promise.all(contexts.map((context) => context.get(OutboxRelay).drain()));
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
    // Job ids are ob-<outbox id>-<created µs>.
    const ours = published.filter((id) => Number(id.split('-')[1]) >= Number(before));
    expect(ours).toHaveLength(rows);
    expect(new Set(ours).size).toBe(rows);
    expect((await admin.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n).toBe(0);
  }, 180000);
});
