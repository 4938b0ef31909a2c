// Shared harness of the system benchmarks: build, bench database, API and
// worker as child processes, RSS sampling, autocannon and pgbench wrappers,
// result tables. Plain ESM so it runs with what is installed (no ts-node).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startSmtpSink } from './smtp-sink.mjs';

const require = createRequire(import.meta.url);
export const pg = require('pg');
export const autocannon = require('autocannon');

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
/** Compiled server for the benches: separate from dist/ so a bench never races a colleague's build. */
export const DIST = join(ROOT, 'bench/.dist');
const LOG_DIR = join(ROOT, 'bench/.logs');
const RESULT_DIR = join(ROOT, 'bench/.results');
export const PGBENCH = process.env.PGBENCH ?? '/usr/lib/postgresql/15/bin/pgbench';

const DB_NAME = process.env.BENCH_DB ?? 'mitreden_bench';
const PG_HOST = process.env.BENCH_PG_HOST ?? '127.0.0.1';
export const PORT = Number(process.env.BENCH_PORT ?? 3917);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/** Environment of API, worker and CLI: a dedicated database, queue prefix and port. */
export const benchEnv = {
  ...process.env,
  NODE_ENV: 'production',
  APP_SECRET: 'bench-secret-not-for-production-0001',
  DATABASE_ADMIN_URL: `postgres://postgres@${PG_HOST}:5432/${DB_NAME}`,
  DATABASE_URL: `postgres://mitreden_app@${PG_HOST}:5432/${DB_NAME}`,
  DATABASE_SYSTEM_URL: `postgres://mitreden_system@${PG_HOST}:5432/${DB_NAME}`,
  QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'mitreden-bench',
  PORT: String(PORT),
  PUBLIC_BASE_URL: BASE_URL,
  LOG_LEVEL: 'warn',
  MIGRATE_ON_START: 'false',
  MEDIA_DIR: join(ROOT, 'bench/.media'),
  SMTP_URL: `smtp://127.0.0.1:${PORT + 1000}`, // bench/lib/smtp-sink.mjs, started with the stack
};

export const adminUrl = benchEnv.DATABASE_ADMIN_URL;

export function log(message) {
  process.stdout.write(`${message}\n`);
}

/**
 * Compiles the server once per `npm run bench` (bench/run.mjs sets BENCH_BUILT).
 * The source is the committed HEAD (git archive), not the working tree: other
 * engineers edit the same checkout, and a half-written file must not break a
 * bench run; results then belong to a commit. BENCH_SOURCE=worktree builds
 * the working tree instead (to measure a change before committing it).
 */
export function build() {
  if (process.env.BENCH_BUILT === '1') return;
  const started = Date.now();
  const paths = ['apps/api/src', 'apps/worker/src', 'libs'];
  let cwd = ROOT;
  if (process.env.BENCH_SOURCE !== 'worktree') {
    cwd = join(ROOT, 'bench/.src');
    rmSync(cwd, { recursive: true, force: true });
    mkdirSync(cwd, { recursive: true });
    const archive = spawnSync('sh', ['-c', `git archive HEAD .swcrc ${paths.join(' ')} | tar -x -C bench/.src`], { cwd: ROOT, encoding: 'utf8' });
    if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
  }
  rmSync(DIST, { recursive: true, force: true });
  const result = spawnSync('npx', ['swc', ...paths, '-d', DIST, '--ignore', '**/*.spec.ts', '--ignore', '**/*.int-spec.ts', '-q'], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
  process.env.BENCH_BUILT = '1';
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  process.env.BENCH_COMMIT = process.env.BENCH_SOURCE === 'worktree' ? `${commit}+worktree` : commit;
  log(`built server (${process.env.BENCH_COMMIT}) into bench/.dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Creates (if needed), migrates and seeds the bench database with the app's own CLI. */
export function prepare() {
  if (process.env.BENCH_PREPARED === '1') return useQueuePrefixOfDatabase();
  const result = spawnSync('node', [join(DIST, 'apps/worker/src/cli.js'), 'prepare'], { cwd: ROOT, env: { ...benchEnv, MIGRATE_ON_START: 'true' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`prepare failed: ${result.stderr || result.stdout}`);
  process.env.BENCH_PREPARED = '1';
  useQueuePrefixOfDatabase();
}

/**
 * The queue prefix names the database incarnation (its oid). Job ids are
 * `ob-<outbox id>`, and a recreated database starts its outbox ids at 1
 * again: with the old prefix BullMQ would drop every new job whose id it
 * still remembers as completed, and those reports would never be routed.
 */
function useQueuePrefixOfDatabase() {
  if (process.env.BENCH_QUEUE_PREFIX) return;
  const oid = spawnSync('psql', ['-X', '-At', adminUrl, '-c', 'SELECT oid FROM pg_database WHERE datname = current_database()'], { encoding: 'utf8' }).stdout.trim();
  if (!/^\d+$/.test(oid)) throw new Error(`cannot read the bench database's oid: ${oid}`);
  benchEnv.QUEUE_PREFIX = `mitreden-bench-${oid}`;
}

/** Drops the bench database (only ever mitreden_bench or BENCH_DB) and prepares it again. */
export async function resetDatabase() {
  const client = new pg.Client({ connectionString: adminUrl.replace(/\/[^/]+$/, '/postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  delete process.env.BENCH_PREPARED;
  prepare();
}

export async function withAdmin(fn) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the built API or worker; output goes to bench/.logs/<name>.log. */
export function startProcess(kind, extraEnv = {}, nodeArgs = []) {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${kind}.log`);
  const out = openSync(logFile, 'a');
  const entry = join(DIST, `apps/${kind}/src/main.js`);
  const child = spawn('node', [...nodeArgs, entry], { cwd: ROOT, env: { ...benchEnv, ...extraEnv }, stdio: ['ignore', out, out] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    kind,
    child,
    pid: child.pid,
    logFile,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = sleep(8000).then(() => 'timeout');
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export async function waitReady(url = `${BASE_URL}/ready`, timeoutMs = 30_000, proc) {
  const started = Date.now();
  for (;;) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${proc.kind} exited (${proc.child.exitCode}); see ${proc.logFile}`);
    try {
      const response = await fetch(url);
      if (response.ok) return Date.now() - started;
    } catch {
      // not up yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms: ${url}`);
    await sleep(50);
  }
}

/** API and worker, ready; stop() ends both. */
export async function startStack({ api: withApi = true, worker = true, apiEnv = {}, workerEnv = {}, apiNodeArgs = [], workerNodeArgs = [] } = {}) {
  const procs = [];
  const smtp = await startSmtpSink(PORT + 1000);
  const mail = { SMTP_URL: smtp.url };
  try {
    if (withApi) {
      procs.push(startProcess('api', { ...mail, ...apiEnv }, apiNodeArgs));
      await waitReady(`${BASE_URL}/ready`, 30_000, procs[0]);
    }
    if (worker) procs.push(startProcess('worker', { ...mail, ...workerEnv }, workerNodeArgs));
  } catch (error) {
    await Promise.all(procs.map((proc) => proc.stop()));
    await smtp.close();
    throw error;
  }
  return {
    api: procs.find((proc) => proc.kind === 'api'),
    worker: procs.find((proc) => proc.kind === 'worker'),
    procs,
    smtp,
    async stop() {
      await Promise.all(procs.map((proc) => proc.stop()));
      await smtp.close();
    },
  };
}

export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 (1-based), i.e. 11 and 12 after the command.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** PIDs of the PostgreSQL backends connected to the bench database. */
function benchBackends() {
  const result = spawnSync('psql', ['-X', '-At', adminUrl, '-c', `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean);
}

/**
 * Measures CPU ms used by each process, and by the PostgreSQL backends of the
 * bench database (the pools of API and worker persist, so their backends are
 * the same before and after), while fn runs.
 */
export async function measureCpu(procs, fn) {
  const before = Object.fromEntries(procs.map((proc) => [proc.kind, cpuMs(proc.pid)]));
  const backends = new Map(benchBackends().map((pid) => [pid, cpuMs(pid) ?? 0]));
  const started = Date.now();
  const value = await fn();
  const cpu = Object.fromEntries(procs.map((proc) => [proc.kind, cpuMs(proc.pid) - before[proc.kind]]));
  cpu.postgres = 0;
  for (const pid of new Set([...backends.keys(), ...benchBackends()])) {
    const now = cpuMs(pid);
    if (now !== null) cpu.postgres += now - (backends.get(pid) ?? 0);
  }
  return { value, cpu, wallMs: Date.now() - started };
}

/** Samples RSS of named processes every intervalMs; stop() returns max and last per name. */
export function sampleRss(procs, intervalMs = 200) {
  const samples = Object.fromEntries(procs.map((proc) => [proc.kind, []]));
  const timer = setInterval(() => {
    for (const proc of procs) {
      const mb = rssMb(proc.pid);
      if (mb !== null) samples[proc.kind].push(mb);
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Object.fromEntries(Object.entries(samples).map(([kind, list]) => [kind, { maxMb: Math.max(0, ...list), samples: list.length }]));
    },
  };
}

/**
 * One autocannon run. `paths` (optional) rotates request paths; `headers`
 * (optional function) builds per-request headers; `body` (optional function)
 * builds per-request bodies.
 */
export function cannon({ url = BASE_URL, method = 'GET', paths, body, headers, connections = 16, duration = 10, overallRate, pipelining = 1, title }) {
  const baseHeaders = body ? { 'content-type': 'application/json' } : {};
  let counter = 0;
  const request = {
    method,
    setupRequest(req) {
      const n = counter++;
      const next = { ...req, headers: { ...baseHeaders, ...(headers ? headers(n) : {}) } };
      if (paths) next.path = paths[n % paths.length];
      if (body) next.body = JSON.stringify(body(n));
      return next;
    },
  };
  const latencies = [];
  const statuses = new Map();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration, pipelining, overallRate, requests: [request], title, timeout: 20 },
      (error, result) => (error ? reject(error) : resolve(summarise(result, latencies, statuses))),
    );
    // Exact percentiles from every response (autocannon's summary has no p95).
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false, outputStream: { write() {}, isTTY: false } });
  });
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(result, latencies, statuses) {
  const sorted = Float64Array.from(latencies).sort();
  const ok = result['2xx'];
  return {
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    statuses: Object.fromEntries(statuses),
    errors: result.errors + result.timeouts,
    rps: ok / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    seconds: result.duration,
  };
}

/** min / median / max of a list of numbers. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1], all: values };
}

export const fmt = (value, digits = 1) => (value === undefined || value === null || Number.isNaN(value) ? '–' : Number(value).toFixed(digits));
export const fmtSpread = (s, digits = 1) => `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;

/** Runs pgbench with a custom script; returns transactions per second (excluding connection time). */
export function pgbench({ script, clients, seconds = 10, threads = 2, protocol = 'simple' }) {
  mkdirSync(LOG_DIR, { recursive: true });
  const file = join(LOG_DIR, 'pgbench.sql');
  writeFileSync(file, script);
  const result = spawnSync(PGBENCH, ['-n', '-h', PG_HOST, '-U', 'postgres', '-c', String(clients), '-j', String(threads), '-T', String(seconds), '-M', protocol, '-r', '-f', file, DB_NAME], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pgbench failed: ${result.stderr}`);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(result.stdout);
  const latency = /latency average = ([\d.]+) ms/.exec(result.stdout);
  return { tps: Number(tps?.[1]), latencyMs: Number(latency?.[1]), output: result.stdout };
}

/** A fixed-width table. */
export function table(headers, rows) {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
  log(line(headers));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) log(line(row));
}

export function machine() {
  return { cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString().slice(0, 10), commit: process.env.BENCH_COMMIT };
}

/** Keeps the last result of each bench in bench/.results/<name>.json for the docs. */
export function saveResult(name, result) {
  mkdirSync(RESULT_DIR, { recursive: true });
  writeFileSync(join(RESULT_DIR, `${name}.json`), JSON.stringify({ ...machine(), loadavg: readFileSync('/proc/loadavg', 'utf8').trim(), ...result }, null, 2));
}

/** The verdict line every bench ends with. */
export function verdict(label, met, detail) {
  log(`${met ? 'MET    ' : 'MISSED '} ${label}${detail ? `: ${detail}` : ''}`);
  return met;
}

/** Deterministic PRNG (mulberry32) so every run seeds and requests the same data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from a uniform PRNG (Box–Muller). */
export function gaussian(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function exists(path) {
  return existsSync(join(ROOT, path));
}

/** Runs fn(stack) with API (and worker), stopping them whatever happens, also on Ctrl-C. */
export async function withStack(options, fn) {
  const stack = await startStack(options);
  const onSignal = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  try {
    return await fn(stack);
  } finally {
    process.removeListener('SIGINT', onSignal);
    await stack.stop();
  }
}
