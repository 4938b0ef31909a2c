// 2. Routing: outbox → relay → BullMQ → ReportRoute (PostGIS area lookup,
// rules) → report updated. N confirmed, unrouted reports and their outbox rows
// are committed at once (as intake would have written them); the clock runs
// from that commit until the last report has routed_at.
// Baseline: N no-op BullMQ jobs through the same Redis (addBulk, then a
// Worker with the same concurrency), from the first add to the last completion.
// Targets: ≥ 1,000 reports/s and ≥ 0.3× the no-op rate.
import { createRequire } from 'node:module';
import { benchEnv, build, fmt, fmtSpread, log, measureCpu, prepare, sampleRss, saveResult, sleep, spread, table, verdict, withAdmin, withStack } from './lib/harness.mjs';

const require = createRequire(import.meta.url);
const { Queue, Worker } = require('bullmq');
const { Redis } = require('ioredis');

const N = Number(process.env.BENCH_ROUTING_N ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 20);
const TENANT = 'ilmenau';
const MARK = 'Bench routing';

const noopCpuMsPerJob = [];

/** N no-op jobs: addBulk in chunks of 1,000, one Worker, same options as the relay uses. */
async function noopRun(runIndex) {
  const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const prefix = `${benchEnv.QUEUE_PREFIX}-noop`;
  const name = `noop-${process.pid}-${runIndex}`;
  const queue = new Queue(name, { connection, prefix });
  let done = 0;
  let resolveDone;
  const finished = new Promise((resolve) => (resolveDone = resolve));
  const worker = new Worker(name, async () => undefined, { connection: new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY });
  worker.on('completed', () => {
    if (++done === N) resolveDone();
  });
  await worker.waitUntilReady();
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  for (let offset = 0; offset < N; offset += 1000) {
    const chunk = [];
    for (let i = offset; i < Math.min(N, offset + 1000); i++) {
      chunk.push({ name: 'Noop', data: { tenantId: '00000000-0000-0000-0000-000000000000', reportId: '00000000-0000-0000-0000-000000000000' }, opts: { jobId: `noop-${i}`, attempts: 8, removeOnComplete: { age: 3600, count: 100000 } } });
    }
    await queue.addBulk(chunk);
  }
  await finished;
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  noopCpuMsPerJob.push((cpu.user + cpu.system) / 1000 / N);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  return N / seconds;
}

async function seedBatch(db, count) {
  await db.query('BEGIN');
  const { rows } = await db.query(
    `WITH t AS (SELECT id FROM tenants WHERE slug = $1),
          cats AS (SELECT c.id, row_number() OVER (ORDER BY c.code) - 1 AS i, count(*) OVER () AS n FROM categories c, t WHERE c.tenant_id = t.id AND c.active),
          ins AS (
            INSERT INTO reports (tenant_id, category_id, location, description, confirmed_at, source)
            SELECT t.id, cats.id,
                   ST_SetSRID(ST_MakePoint(10.9187 + (((g * 7919) % 1000) - 500) / 25000.0, 50.6839 + (((g * 104729) % 1000) - 500) / 40000.0), 4326),
                   $2 || ' ' || g, now(), 'web'
              FROM generate_series(1, $3::int) g, t, cats
             WHERE cats.i = g % cats.n
            RETURNING tenant_id, id)
     INSERT INTO outbox (tenant_id, job_name, payload)
     SELECT tenant_id, 'ReportRoute', jsonb_build_object('tenantId', tenant_id, 'reportId', id) FROM ins
     RETURNING 1`,
    [TENANT, MARK, count],
  );
  await db.query('COMMIT');
  return rows.length;
}

async function waitRouted(db, count, timeoutMs) {
  for (;;) {
    const { rows } = await db.query(`SELECT count(routed_at)::int AS routed FROM reports WHERE description LIKE '${MARK}%'`);
    if (rows[0].routed >= count) return true;
    if (timeoutMs <= 0) return false;
    await sleep(100);
    timeoutMs -= 100;
  }
}

export async function main() {
  build();
  prepare();
  log(`\n== routing: ${N} reports per run, ${RUNS} runs, worker concurrency ${CONCURRENCY} ==`);
  const clean = (db) => db.query(`DELETE FROM reports WHERE description LIKE '${MARK}%'`).then(() => db.query(`DELETE FROM outbox WHERE sent_at IS NOT NULL`));
  await withAdmin(clean);

  const baseline = [];
  for (let run = 0; run < RUNS; run++) baseline.push(await noopRun(run));
  const base = spread(baseline);
  log(`baseline no-op BullMQ jobs: ${fmtSpread(base, 0)} jobs/s, ${fmtSpread(spread(noopCpuMsPerJob), 3)} ms CPU per job (producer and worker in one process)`);

  return withStack({ api: false }, async (stack) => {
    const rss = sampleRss(stack.procs);
    const rates = [];
    const cpuPerReport = [];
    const pgCpu = [];
    await withAdmin(async (db) => {
      // Warm-up (also proves the worker is up): a small batch routed end to end.
      await seedBatch(db, 200);
      if (!(await waitRouted(db, 200, 90_000))) throw new Error('worker did not route the warm-up batch within 90 s; see bench/.logs/worker.log');
      await clean(db);
      for (let run = 0; run < RUNS; run++) {
        await db.query('VACUUM ANALYZE reports');
        const measured = await measureCpu(stack.procs, async () => {
          const started = Date.now();
          const seeded = await seedBatch(db, N);
          const ok = await waitRouted(db, seeded, 120_000);
          if (!ok) throw new Error(`run ${run}: not all ${seeded} reports routed within 120 s`);
          return seeded / ((Date.now() - started) / 1000);
        });
        rates.push(measured.value);
        cpuPerReport.push(measured.cpu.worker / N);
        pgCpu.push(measured.cpu.postgres / N);
        log(`run ${run + 1}: ${fmt(measured.value, 0)} reports/s; worker CPU ${fmt(measured.cpu.worker / N, 2)} ms/report, PostgreSQL backends ${fmt(measured.cpu.postgres / N, 2)} ms/report`);
        await clean(db);
      }
    });
    const memory = rss.stop();
    const rate = spread(rates);
    const ratio = rate.median / base.median;
    table(['', 'median (min–max)'], [
      ['routing reports/s', fmtSpread(rate, 0)],
      ['no-op jobs/s', fmtSpread(base, 0)],
      ['ratio', fmt(ratio, 3)],
      ['worker CPU ms/report', fmtSpread(spread(cpuPerReport), 2)],
      ['no-op CPU ms/job', fmtSpread(spread(noopCpuMsPerJob), 3)],
      ['worker RSS max MB', fmt(memory.worker.maxMb, 0)],
    ]);
    const results = { n: N, concurrency: CONCURRENCY, baselineJobsPerS: base, routingPerS: rate, ratio, cpuPerReportMs: spread(cpuPerReport), pgCpuPerReportMs: spread(pgCpu), noopCpuMsPerJob: spread(noopCpuMsPerJob), rss: memory };
    results.met = [
      verdict('routing ≥ 1,000 reports/s', rate.median >= 1000, `${fmt(rate.median, 0)}/s`),
      verdict('routing ≥ 0.3× no-op BullMQ', ratio >= 0.3, `${fmt(ratio, 3)}×`),
      verdict('worker RSS < 300 MB', memory.worker.maxMb < 300, `${fmt(memory.worker.maxMb, 0)} MB`),
    ].every(Boolean);
    saveResult('routing', results);
    return results;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
