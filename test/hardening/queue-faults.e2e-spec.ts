import { Client } from 'pg';
import { TestDatabase, TestSmtpServer, cloneTestDatabase, waitFor } from '@app/testing';
import { TestStack, startTestStack } from '../support/test-api';
import { BuiltProcess, LONG, processEnv, seedDemo, submitReport, uniqueEmail } from './support/hardening-stack';
import { RedisProcess } from './support/redis-process';

/**
 * Faults around the queue, with the real built worker process (dist/): Redis
 * killed during a stream of reports, the worker killed with SIGKILL in the
 * middle of routing and mailing, the SMTP server down. The API runs
 * in-process (it writes reports and outbox rows; it never needs Redis to
 * accept a report).
 */
describe('queue faults: Redis killed, worker killed, SMTP down', () => {
  let db: TestDatabase;
  let redis: RedisProcess;
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let worker: BuiltProcess;
  let admin: Client;
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    db = await cloneTestDatabase();
    redis = await RedisProcess.start({ persistent: true });
    smtp = await TestSmtpServer.start();
    stack = await startTestStack({ db, env: { REDIS_URL: redis.url, SMTP_URL: smtp.url, LOG_LEVEL: 'silent' } });
    await seedDemo(stack);
    admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
    workerEnv = processEnv(db, {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: stack.config.env.QUEUE_PREFIX,
      SMTP_URL: smtp.url,
      SWEEP_STUCK_AFTER_MS: '3000',
      SWEEP_INTERVAL_MS: '1000',
      WORKER_CONCURRENCY: '8',
    });
    worker = await BuiltProcess.start('worker', workerEnv);
  }, 120000);

  afterAll(async () => {
    await worker?.stop();
    await admin?.end();
    await stack?.close();
    await smtp?.stop();
    await redis?.destroy();
    await db?.drop();
  });

  const routingCounts = async (ids: string[]) =>
    (await admin.query(`SELECT r.id, r.routed_at IS NOT NULL AS routed, (SELECT count(*)::int FROM report_history h WHERE h.report_id = r.id AND h.actor = 'routing') AS routings FROM reports r WHERE r.id = ANY($1::uuid[])`, [ids])).rows as Array<{ id: string; routed: boolean; routings: number }>;

  async function expectAllRoutedOnce(ids: string[], timeoutMs: number): Promise<void> {
    await waitFor(async () => (await routingCounts(ids)).filter((row) => row.routed).length === ids.length, { timeoutMs, intervalMs: 200, what: `${ids.length} reports routed` });
    const rows = await routingCounts(ids);
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((row) => row.routings !== 1)).toEqual([]);
  }

  const receipts = (email: string) => smtp.to(email).filter((mail) => mail.subject?.includes('eingegangen'));

  async function expectOneReceiptEach(emails: string[], timeoutMs: number, allowedDuplicates = new Set<string>()): Promise<void> {
    await waitFor(async () => emails.every((email) => receipts(email).length >= 1), { timeoutMs, intervalMs: 250, what: `${emails.length} receipts` });
    // Late duplicates would arrive now, if any.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const email of emails) {
      const mails = receipts(email);
      // One logical mail: one Message-ID. A second copy is only allowed for the documented crash window (see below).
      expect({ email, ids: new Set(mails.map((mail) => mail.messageId)).size }).toEqual({ email, ids: 1 });
      if (!allowedDuplicates.has(email)) expect({ email, copies: mails.length }).toEqual({ email, copies: 1 });
    }
  }

  it('accepts every report while Redis is down, and routes and mails each exactly once when it is back', async () => {
    const total = LONG ? 300 : 36;
    const ids: string[] = [];
    const emails: string[] = [];
    for (let i = 0; i < total; i++) {
      if (i === Math.floor(total / 3)) await redis.kill();
      if (i === Math.floor((2 * total) / 3)) {
        // Down long enough for the relay to fail and back off.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await redis.start();
      }
      const email = uniqueEmail(`redis${i}`);
      const result = await submitReport(stack.baseUrl, 'ilmenau', { description: `Redis-Ausfall ${i}`, contactEmail: email });
      expect({ i, status: result.status }).toEqual({ i, status: 201 });
      ids.push(result.body.id);
      emails.push(email);
    }
    await expectAllRoutedOnce(ids, 60000);
    await expectOneReceiptEach(emails, 60000);
    expect(worker.exited).toBe(false);
    expect((await admin.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n).toBe(0);
  }, 180000);

  it('finishes routing and mails after the worker is killed with SIGKILL mid-work, without a second copy of any mail', async () => {
    const total = LONG ? 200 : 40;
    const emails = Array.from({ length: total }, (_, i) => uniqueEmail(`kill${i}`));
    const mailsBefore = smtp.mails.length;
    const results = await Promise.all(emails.map((email, i) => submitReport(stack.baseUrl, 'ilmenau', { description: `Absturz ${i}`, contactEmail: email })));
    expect(results.map((result) => result.status)).toEqual(results.map(() => 201));
    const ids = results.map((result) => result.body.id as string);
    // Kill while the worker is busy: some mails out, most not.
    await waitFor(async () => smtp.mails.length - mailsBefore >= 6, { timeoutMs: 30000, intervalMs: 10, what: 'the worker to be busy' });
    await worker.kill();
    const progress = await routingCounts(ids);
    const sentAtKill = smtp.mails.length - mailsBefore;
    // Mails claimed but not marked sent when the process died. The SMTP server may or may not have
    // accepted them: that is the one documented window (docs/architecture.md), closed by Message-ID.
    const inFlight = (await admin.query(`SELECT idempotency_key FROM sent_notifications WHERE state = 'sending'`)).rows.map((row) => row.idempotency_key as string);
    // The 2-minute in-flight grace, compressed: those claims are aged as if the grace had passed.
    await admin.query(`UPDATE sent_notifications SET created_at = created_at - interval '121 seconds' WHERE state = 'sending'`);
    expect(progress.filter((row) => row.routed).length).toBeLessThan(total + 1);
    expect(sentAtKill).toBeLessThan(total * 2);

    worker = await BuiltProcess.start('worker', workerEnv);
    await expectAllRoutedOnce(ids, 90000);
    const byReport = new Map(ids.map((id, i) => [id, emails[i]]));
    const window = new Set(inFlight.filter((key) => key.startsWith('receipt:')).map((key) => byReport.get(key.split(':')[1])!).filter(Boolean));
    // BullMQ hands a job of a dead worker to another after its lock expires (30 s).
    await expectOneReceiptEach(emails, 90000, window);
    process.stdout.write(`worker kill: ${progress.filter((row) => row.routed).length}/${total} routed and ${sentAtKill} mails out at the kill, ${inFlight.length} in flight\n`);
  }, 240000);

  it('keeps mails while the SMTP server is down and sends each once when it returns', async () => {
    const port = smtp.port;
    await smtp.stop();
    const emails = Array.from({ length: LONG ? 50 : 6 }, (_, i) => uniqueEmail(`smtp${i}`));
    const results = await Promise.all(emails.map((email, i) => submitReport(stack.baseUrl, 'ilmenau', { description: `SMTP-Ausfall ${i}`, contactEmail: email })));
    expect(results.map((result) => result.status)).toEqual(results.map(() => 201));
    await expectAllRoutedOnce(results.map((result) => result.body.id), 30000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(emails.flatMap((email) => smtp.to(email))).toHaveLength(0);
    const keys = results.map((result) => `receipt:${result.body.id}`);
    expect((await admin.query(`SELECT count(*)::int AS n FROM sent_notifications WHERE idempotency_key = ANY($1) AND state = 'sent'`, [keys])).rows[0].n).toBe(0);
    await smtp.listen(port);
    // ReportNotify backs off exponentially from 5 s.
    await expectOneReceiptEach(emails, 60000);
    expect((await admin.query(`SELECT count(*)::int AS n FROM dead_letters`)).rows[0].n).toBe(0);
  }, 120000);
});
