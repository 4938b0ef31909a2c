// Bürgerhaushalt: casting ballots at a deadline rush. Sustained JSON POSTs of
// approval ballots, each with its own one-time voting code, through HTTP →
// validation → eligibility (keyed code hash) → one statement that inserts the
// participation (primary key = one ballot per voter and budget) and the ballot.
// Baseline: pgbench single-row INSERTs, same client count, same PostgreSQL.
// Target: ≥ 1,000 ballots/s with exactly one ballot per voter, also when
// every voter submits ten times at once.
import { createHmac } from 'node:crypto';
import { BASE_URL, benchEnv, pg, build, cannon, fmt, fmtSpread, log, measureCpu, pgbench, prepare, saveResult, spread, table, verdict, withAdmin, withStack } from './lib/harness.mjs';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 120_000);
const RUSH_VOTERS = 200;
const RUSH_REPEAT = 10;
const DB_VOTERS = Number(process.env.BENCH_DB_VOTERS ?? 150_000);
const TENANT = 'ilmenau';
const TITLE = 'Bench budget voting';

const codeOf = (n) => `BNCH-${String(n).padStart(12, '0').replace(/(.{4})(?=.)/g, '$1-')}`;
const codeHash = (code) => createHmac('sha256', benchEnv.APP_SECRET).update(`budget-code:${code.toUpperCase().replace(/[^A-Z0-9]/g, '')}`).digest('hex');

/** A cycle in the voting phase with one frozen approval budget of ten projects and VOTERS code voters, written as the owner. */
async function seed(db) {
  const { rows: [tenant] } = await db.query(`SELECT id FROM tenants WHERE slug = $1`, [TENANT]);
  await db.query(`DELETE FROM budget_cycles WHERE tenant_id = $1 AND title = $2`, [tenant.id, TITLE]);
  const { rows: [cycle] } = await db.query(
    `INSERT INTO budget_cycles (tenant_id, year, title, kind, phase, eligibility_email, eligibility_codes) VALUES ($1, 2199, $2, 'simulation', 'voting', false, true) RETURNING id`,
    [tenant.id, TITLE],
  );
  const { rows: [budget] } = await db.query(
    `INSERT INTO budgets (tenant_id, cycle_id, name, amount_cents, ballot_type, ballot_rules, rules_frozen_at) VALUES ($1, $2, 'Gesamtstadt', 100000000, 'approval', '{"maxProjects": 3}', now()) RETURNING id`,
    [tenant.id, cycle.id],
  );
  const { rows: projects } = await db.query(
    `INSERT INTO budget_proposals (tenant_id, cycle_id, budget_id, title, estimated_cost_cents, official_cost_cents, status)
     SELECT $1, $2, $3, 'Bench project ' || i, 1000000 * i, 1000000 * i, 'feasible' FROM generate_series(1, 10) AS i RETURNING id`,
    [tenant.id, cycle.id, budget.id],
  );
  for (let start = 0; start < VOTERS + RUSH_VOTERS + DB_VOTERS; start += 20_000) {
    const hashes = [];
    for (let n = start; n < Math.min(start + 20_000, VOTERS + RUSH_VOTERS + DB_VOTERS); n++) hashes.push(codeHash(codeOf(n)));
    await db.query(`INSERT INTO budget_voters (tenant_id, cycle_id, kind, code_hash, verified_at) SELECT $1, $2, 'code', h, now() FROM unnest($3::text[]) AS h`, [tenant.id, cycle.id, hashes]);
  }
  await db.query(`ANALYZE budget_voters`);
  return { tenantId: tenant.id, cycleId: cycle.id, budgetId: budget.id, projectIds: projects.map((row) => row.id) };
}

/**
 * The cast path's SQL alone, as the service runs it (transaction, tenant setting,
 * voter + cycle lookup, participation + ballot statement), from CLIENTS pooled
 * connections as the app role: the database's ceiling for casting, without HTTP and Nest.
 */
async function databasePath(tenantId, budgetId, cycleId, projectIds, firstCode, seconds) {
  const pool = new pg.Pool({ connectionString: benchEnv.DATABASE_URL, max: CLIENTS });
  let next = firstCode;
  let done = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (Date.now() < until) {
        const n = next++;
        await client.query('BEGIN');
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        const { rows } = await client.query(
          `SELECT v.id, v.kind, v.area_id, v.verified_at IS NOT NULL AS verified, c.phase FROM budget_voters v JOIN budget_cycles c ON c.tenant_id = v.tenant_id AND c.id = v.cycle_id WHERE v.cycle_id = $1 AND v.code_hash = $2`,
          [cycleId, codeHash(codeOf(n))],
        );
        await client.query(
          `WITH participation AS (INSERT INTO budget_participations (tenant_id, budget_id, voter_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1)
           INSERT INTO budget_ballots (tenant_id, budget_id, projects, points, channel, receipt_hash) SELECT $1, $2, $4::uuid[], NULL, 'online', $5 FROM participation RETURNING id`,
          [tenantId, budgetId, rows[0].id, [projectIds[n % 10], projectIds[(n + 5) % 10]], createHmac('sha256', 'r').update(String(n)).digest('hex')],
        );
        await client.query('COMMIT');
        done += 1;
      }
    } finally {
      client.release();
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  await pool.end();
  return { ballots: done, rate: done / ((Date.now() - started) / 1000), next };
}

export async function main() {
  build();
  prepare();
  const { tenantId, cycleId, budgetId, projectIds } = await withAdmin(async (db) => {
    await db.query(`CREATE TABLE IF NOT EXISTS bench_pgbench_inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id uuid, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`TRUNCATE bench_pgbench_inserts`);
    return seed(db);
  });

  log(`\n== budget voting: ${CLIENTS} clients, ${RUNS} runs × ${SECONDS} s, ${VOTERS} voting codes ==`);
  const baseline = [];
  for (let run = 0; run < RUNS; run++) {
    baseline.push(pgbench({ clients: CLIENTS, seconds: SECONDS, script: `INSERT INTO bench_pgbench_inserts (tenant_id, payload) VALUES ('00000000-0000-0000-0000-000000000001', '{p1,p2,p3}');\n` }).tps);
  }
  await withAdmin((db) => db.query(`TRUNCATE bench_pgbench_inserts`));
  const base = spread(baseline);
  log(`baseline pgbench single-row INSERT: ${fmtSpread(base, 0)} tps`);
  const dbRuns = [];
  let dbCode = VOTERS + RUSH_VOTERS;
  for (let run = 0; run < RUNS; run++) {
    const measured = await databasePath(tenantId, budgetId, cycleId, projectIds, dbCode, SECONDS);
    dbCode = measured.next;
    dbRuns.push(measured.rate);
  }
  const dbRate = spread(dbRuns);
  log(`database path alone (the service's SQL, ${CLIENTS} pooled connections): ${fmtSpread(dbRate, 0)} ballots/s`);

  return withStack({ worker: false }, async (stack) => {
    const url = `${BASE_URL}/api/v1/t/${TENANT}/budgets/${budgetId}/ballots`;
    let next = 0;
    const ballot = () => {
      const n = next++;
      if (n >= VOTERS) throw new Error('out of voting codes: raise BENCH_VOTERS');
      return { credential: { code: codeOf(n) }, projects: [projectIds[n % 10], projectIds[(n + 3) % 10], projectIds[(n + 7) % 10]] };
    };
    const warmup = await cannon({ url, method: 'POST', body: ballot, connections: CLIENTS, duration: 2 });
    const full = [];
    const cpu = { api: 0, postgres: 0, requests: 0 };
    for (let run = 0; run < RUNS; run++) {
      const measured = await measureCpu([stack.api], () => cannon({ url, method: 'POST', body: ballot, connections: CLIENTS, duration: SECONDS }));
      full.push(measured.value);
      cpu.api += measured.cpu.api;
      cpu.postgres += measured.cpu.postgres;
      cpu.requests += measured.value.requests;
    }
    const rate = spread(full.map((r) => r.rps));

    // The rush: RUSH_VOTERS voters each submit RUSH_REPEAT times at once; exactly one each may count.
    const rushStatuses = new Map();
    const submissions = Array.from({ length: RUSH_VOTERS * RUSH_REPEAT }, (_, n) => n);
    const send = async (n) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential: { code: codeOf(VOTERS + (n % RUSH_VOTERS)) }, projects: [projectIds[n % 10]] }) });
      await response.arrayBuffer();
      rushStatuses.set(response.status, (rushStatuses.get(response.status) ?? 0) + 1);
    };
    for (let start = 0; start < submissions.length; start += RUSH_VOTERS) await Promise.all(submissions.slice(start, start + RUSH_VOTERS).map(send));
    const rush = { requests: submissions.length, ok: rushStatuses.get(201) ?? 0, non2xx: submissions.length - (rushStatuses.get(201) ?? 0), conflicts: rushStatuses.get(409) ?? 0 };
    const accepted = [warmup, ...full].reduce((total, r) => total + r.ok, 0);
    const { rows: [stored] } = await withAdmin((db) =>
      db.query(`SELECT (SELECT count(*)::int FROM budget_ballots WHERE budget_id = $1) AS ballots, (SELECT count(*)::int FROM budget_participations WHERE budget_id = $1) AS participations`, [budgetId]),
    );
    const expected = accepted + RUSH_VOTERS + (dbCode - VOTERS - RUSH_VOTERS);
    table(
      ['load', 'ballots/s median (min–max)', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors'],
      [['max', fmtSpread(rate, 0), fmt(spread(full.map((r) => r.p50)).median), fmt(spread(full.map((r) => r.p95)).median), fmt(spread(full.map((r) => r.p99)).median), full.reduce((t, r) => t + r.non2xx, 0), full.reduce((t, r) => t + r.errors, 0)]],
    );
    const ratio = rate.median / base.median;
    log(`machine load average at the end: ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
    log(`casting ${fmt(rate.median, 0)} ballots/s vs pgbench single-row INSERT ${fmt(base.median, 0)} tps: ratio ${fmt(ratio, 3)}`);
    log(`database path ${fmt(dbRate.median, 0)} ballots/s vs pgbench ${fmt(base.median, 0)} tps: ratio ${fmt(dbRate.median / base.median, 3)}`);
    log(`CPU per ballot: api ${fmt(cpu.api / cpu.requests, 2)} ms, PostgreSQL ${fmt(cpu.postgres / cpu.requests, 2)} ms`);
    log(`rush: ${rush.requests} submissions by ${RUSH_VOTERS} voters → ${rush.ok} accepted, ${rush.non2xx} refused`);
    log(`stored ${stored.ballots} ballots and ${stored.participations} participations for ${accepted} accepted + ${RUSH_VOTERS} rush voters`);
    const results = { clients: CLIENTS, baselineTps: base, databasePathPerSecond: dbRate, ballotsPerSecond: rate, ratio, full, rush: { requests: rush.requests, ok: rush.ok, refused: rush.non2xx }, stored };
    results.met = [
      verdict('≥ 1,000 ballots/s', rate.median >= 1000, `${fmt(rate.median, 0)}/s`),
      verdict('exactly one ballot per voter (rush)', rush.ok === RUSH_VOTERS && rush.conflicts === RUSH_VOTERS * (RUSH_REPEAT - 1), `${rush.ok} of ${rush.requests}`),
      // autocannon does not count requests still in flight when a run ends; the server may have stored them.
      verdict('no refused ballot; ballots = participations ≥ accepted', full.every((r) => r.non2xx === 0 && r.errors === 0) && stored.ballots === stored.participations && stored.ballots >= expected, `${stored.ballots}/${stored.participations} for ${expected} accepted`),
    ].every(Boolean);
    saveResult('budget-voting', results);
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
