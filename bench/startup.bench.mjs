// 6. Start-up: `npm start` on an installed checkout (it builds the server,
// prepares the database, builds the web client only when stale, starts API
// and worker) until /ready answers 200. Also the API process alone (built,
// database prepared) as the floor. Baseline: `node -e 0` (process start).
// Target: npm start to a ready API in under 15 s.
import { spawn, spawnSync } from 'node:child_process';
import { BASE_URL, ROOT, benchEnv, build, fmt, fmtSpread, log, prepare, saveResult, sleep, spread, startProcess, table, verdict, waitReady } from './lib/harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function npmStart() {
  const started = Date.now();
  // Its own process group, so one signal ends npm, start.mjs, API and worker.
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...benchEnv, MIGRATE_ON_START: 'true' }, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // start.mjs announces each step with '› …': timestamp them for the breakdown.
  const steps = [];
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const step = /› (.+?)\x1b/.exec(line);
      if (step) steps.push({ step: step[1], atMs: Date.now() - started });
    }
  });
  try {
    await waitReady(`${BASE_URL}/ready`, 90_000, { kind: 'npm start', child, logFile: '(stdout parsed)' });
    const total = Date.now() - started;
    log(`  npm start ready in ${total} ms: ${steps.map((s) => `${s.step} @${s.atMs} ms`).join(', ')}`);
    return { total, steps };
  } finally {
    const signal = (name) => {
      try {
        process.kill(-child.pid, name);
      } catch {
        // the group has ended already
      }
    };
    signal('SIGINT');
    const timeout = sleep(10_000).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout') signal('SIGKILL');
    await sleep(500);
  }
}

async function apiAlone() {
  const started = Date.now();
  const api = startProcess('api');
  try {
    await waitReady(`${BASE_URL}/ready`, 60_000, api);
    return Date.now() - started;
  } finally {
    await api.stop();
  }
}

export async function main() {
  build();
  prepare();
  log(`\n== start-up: ${RUNS} runs ==`);
  const nodeStart = [];
  for (let run = 0; run < RUNS; run++) {
    const t = Date.now();
    spawnSync('node', ['-e', '0']);
    nodeStart.push(Date.now() - t);
  }
  const api = [];
  for (let run = 0; run < RUNS; run++) api.push(await apiAlone());
  const npmRuns = [];
  for (let run = 0; run < RUNS; run++) npmRuns.push(await npmStart());
  const npm = npmRuns.map((r) => r.total);
  const webBuilds = npmRuns.filter((r) => r.steps.some((s) => s.step.includes('web client'))).length;
  if (webBuilds > 0) log(`  ${webBuilds} of ${RUNS} runs rebuilt the web client (apps/web/dist older than apps/web/src)`);
  const s = { node: spread(nodeStart), api: spread(api), npm: spread(npm), npmRuns, webBuilds };
  table(['case', 'ms median (min–max)'], [
    ['node -e 0 (baseline)', fmtSpread(s.node, 0)],
    ['API process to /ready', fmtSpread(s.api, 0)],
    ['npm start to /ready', fmtSpread(s.npm, 0)],
  ]);
  // "An already-installed checkout": judged on the runs that did not have to rebuild a changed web client.
  const plain = npmRuns.filter((r) => !r.steps.some((step) => step.step.includes('web client'))).map((r) => r.total);
  const judged = plain.length > 0 ? spread(plain) : s.npm;
  const results = {
    ...s,
    plain: plain.length > 0 ? judged : null,
    met: verdict(
      'npm start to a ready API < 15 s',
      judged.max < 15_000,
      `${plain.length > 0 ? `without a web rebuild (${plain.length} runs)` : 'every run rebuilt the web client'}: median ${fmt(judged.median / 1000)} s, worst ${fmt(judged.max / 1000)} s`,
    ),
  };
  saveResult('startup', results);
  return results;
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
