import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TransactionHost } from '@nestjs-cls/transactional';
import { UnrecoverableError } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { TestDatabase, ThrowawayRedis, cloneTestDatabase, insertTenants, testConfig, waitFor } from '@app/testing';
import { CoreModule } from '../core.module';
import { APP_DATA_SOURCE } from '../database/tokens';
import { TenantScope } from '../tenancy/tenant-scope';
import { DeadLetterRepository } from './dead-letter.repository';
import { JobHandler, JobContext } from './job-handler.decorator';
import { defineJob, jobRegistry, tenantPayload } from './job-definition';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox.writer';
import { WorkerHost } from './worker-host';
import { WorkerModule } from './worker.module';

const ProbeRecord = defineJob({
  name: 'ProbeRecord',
  queue: 'probe',
  attempts: 1,
  backoff: { type: 'fixed', delay: 10 },
  payload: tenantPayload.extend({ label: z.string() }).strict(),
});
const ProbeFail = defineJob({
  name: 'ProbeFail',
  queue: 'probe',
  attempts: 3,
  backoff: { type: 'exponential', delay: 50 },
  payload: tenantPayload.extend({ label: z.string() }).strict(),
});

@Injectable()
class ProbeHandlers {
  readonly failAttempts: Array<{ attempt: number; at: number }> = [];

  constructor(@Inject(APP_DATA_SOURCE) private readonly db: DataSource) {}

  @JobHandler(ProbeRecord)
  async record(payload: { tenantId: string; label: string }, context: JobContext): Promise<void> {
    await this.db.query('INSERT INTO probe_runs (label, job_id) VALUES ($1, $2)', [payload.label, context.jobId]);
  }

  @JobHandler(ProbeFail)
  async fail(payload: { label: string }, context: JobContext): Promise<void> {
    this.failAttempts.push({ attempt: context.attempt, at: Date.now() });
    if (payload.label === 'hopeless') throw new UnrecoverableError('this input can never succeed');
    throw new Error('downstream unavailable');
  }
}

@Module({ providers: [ProbeHandlers] })
class ProbeModule {}

describe('transactional outbox and job registry', () => {
  let db: TestDatabase;
  let redis: ThrowawayRedis;
  let admin: Client;
  let tenantId: string;
  let close: () => Promise<void>;
  let scope: TenantScope;
  let writer: OutboxWriter;
  let relay: OutboxRelay;
  let handlers: ProbeHandlers;
  let deadLetters: DeadLetterRepository;

  const runs = async (label: string) =>
    (await admin.query('SELECT count(*)::int AS n FROM probe_runs WHERE label = $1', [label])).rows[0].n as number;

  beforeAll(async () => {
    db = await cloneTestDatabase();
    redis = await ThrowawayRedis.start();
    admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
    await admin.query('CREATE TABLE probe_runs (label text, job_id text, at timestamptz DEFAULT now())');
    await admin.query('GRANT SELECT, INSERT ON probe_runs TO mitreden_app');
    [{ id: tenantId }] = await insertTenants(db.adminUrl, ['probe-town']);
    const config = testConfig(db, { REDIS_URL: redis.url, OUTBOX_POLL_MS: '20' });
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(config), WorkerModule, ProbeModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    app.enableShutdownHooks();
    scope = app.get(TenantScope);
    writer = app.get(OutboxWriter);
    relay = app.get(OutboxRelay);
    handlers = app.get(ProbeHandlers);
    deadLetters = app.get(DeadLetterRepository);
    app.get(WorkerHost).start();
    relay.start();
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await admin?.end();
    await redis?.stop();
    await db?.drop();
    jobRegistry.remove('ProbeRecord');
    jobRegistry.remove('ProbeFail');
  });

  it('runs a job once for a committed row', async () => {
    await scope.withTenant(tenantId, () => writer.enqueue(ProbeRecord, { tenantId, label: 'committed' }));
    await waitFor(() => runs('committed'), { what: 'job run' });
    await relay.drain();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runs('committed')).toBe(1);
  });

  it('runs no job when the business transaction rolls back', async () => {
    await expect(
      scope.withTenant(tenantId, async () => {
        await writer.enqueue(ProbeRecord, { tenantId, label: 'rolled-back' });
        throw new Error('business rule violated');
      }),
    ).rejects.toThrow('business rule violated');
    await scope.withTenant(tenantId, () => writer.enqueue(ProbeRecord, { tenantId, label: 'after-rollback' }));
    await waitFor(() => runs('after-rollback'), { what: 'later job' });
    expect(await runs('rolled-back')).toBe(0);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'label' = 'rolled-back'`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses payloads with fields beyond ids, and enqueueing outside a transaction', async () => {
    await expect(
      scope.withTenant(tenantId, () => writer.enqueue(ProbeRecord, { tenantId, label: 'x', email: 'a@b.de' } as never)),
    ).rejects.toThrow(/email/);
    await expect(writer.enqueue(ProbeRecord, { tenantId, label: 'no-tx' })).rejects.toThrow(/outside a transaction/);
  });

  it('keeps committed jobs while Redis is down and runs them once it is back', async () => {
    await redis.stop();
    for (let i = 0; i < 5; i++) {
      await scope.withTenant(tenantId, () => writer.enqueue(ProbeRecord, { tenantId, label: 'during-outage' }));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const pending = await admin.query(`SELECT count(*)::int AS n, max(publish_attempts) AS attempts FROM outbox WHERE sent_at IS NULL`);
    expect(pending.rows[0].n).toBe(5);
    expect(await runs('during-outage')).toBe(0);
    await redis.start();
    await waitFor(async () => (await runs('during-outage')) === 5, { timeoutMs: 20000, what: 'jobs after Redis returned' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runs('during-outage')).toBe(5);
  });

  it('retries a failing handler with back-off, then dead-letters it; re-drive enqueues it again', async () => {
    await scope.withTenant(tenantId, () => writer.enqueue(ProbeFail, { tenantId, label: 'flaky' }));
    const letters = await waitFor(
      async () => {
        const found = (await deadLetters.list()).filter((letter) => (letter.payload as any).label === 'flaky');
        return found.length > 0 ? found : null;
      },
      { timeoutMs: 15000, what: 'dead letter' },
    ) as NonNullable<Awaited<ReturnType<DeadLetterRepository['list']>>>;
    expect(letters[0]).toMatchObject({ jobName: 'ProbeFail', attempts: 3, tenantId });
    expect(letters[0].error).toContain('downstream unavailable');
    const attempts = handlers.failAttempts.filter((_, index) => index < 3);
    expect(attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
    // Exponential: the second wait is at least the first delay doubled.
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(90);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(45);

    const before = handlers.failAttempts.length;
    expect(await deadLetters.redrive([letters[0].id])).toBe(1);
    await waitFor(async () => handlers.failAttempts.length >= before + 3, { timeoutMs: 10000, what: 're-driven job' });
    // The re-driven job failed its three attempts again and is back in the dead-letter list.
    await waitFor(async () => (await deadLetters.list()).some((letter) => (letter.payload as any).label === 'flaky'), { what: 'second dead letter' });
  });

  it('dead-letters an UnrecoverableError at once, without retries', async () => {
    const before = handlers.failAttempts.length;
    await scope.withTenant(tenantId, () => writer.enqueue(ProbeFail, { tenantId, label: 'hopeless' }));
    await waitFor(async () => (await deadLetters.list()).some((letter) => (letter.payload as any).label === 'hopeless'), { what: 'dead letter' });
    expect(handlers.failAttempts.length - before).toBe(1);
  });

  it('loses no job when a recreated database counts outbox ids from 1 again against the same Redis', async () => {
    await scope.withTenant(tenantId, () => writer.enqueue(ProbeRecord, { tenantId, label: 'first-life' }));
    await waitFor(() => runs('first-life'), { what: 'first job' });
    const [{ id }] = (await admin.query(`SELECT id::text AS id FROM outbox WHERE payload->>'label' = 'first-life'`)).rows;
    // A restore or a recreated database: the identity starts over, Redis still remembers the completed job.
    await admin.query(`DELETE FROM outbox`);
    await admin.query(`ALTER TABLE outbox ALTER COLUMN id RESTART WITH ${Number(id)}`);
    await scope.withTenant(tenantId, () => writer.enqueue(ProbeRecord, { tenantId, label: 'second-life' }));
    const [{ id: reused }] = (await admin.query(`SELECT id::text AS id FROM outbox WHERE payload->>'label' = 'second-life'`)).rows;
    expect(reused).toBe(id);
    await waitFor(() => runs('second-life'), { what: 'job with a reused outbox id' });
  });

  it('refuses to start a worker when a registered job has no handler', async () => {
    const orphan = defineJob({ name: 'OrphanJob', queue: 'probe', attempts: 1, backoff: { type: 'fixed', delay: 1 }, payload: tenantPayload });
    try {
      const config = testConfig(db, { REDIS_URL: redis.url });
      const moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(config), WorkerModule, ProbeModule] }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      await app.init();
      try {
        expect(() => app.get(WorkerHost).discover()).toThrow(/job OrphanJob has no handler/);
      } finally {
        await app.close();
      }
    } finally {
      jobRegistry.remove(orphan.name);
    }
  });
});
