#!/usr/bin/env node
// `npm run bench`: every benchmark in order, or the named ones:
//   node bench/run.mjs [intake] [routing] [map] [open311] [startup] [budget-voting] [budget] [seed]
// System benches build the server into bench/.dist once, use the database
// mitreden_bench (created and seeded by the app's CLI; 1M map reports by
// bench/seed-map.mjs, skipped when present), port BENCH_PORT (3917) and queue
// prefix mitreden-bench. Results: printed, and bench/.results/<name>.json.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build, log, machine, prepare } from './lib/harness.mjs';

const system = {
  seed: async () => (await import('./seed-map.mjs')).seedMap(),
  intake: async () => (await import('./intake.bench.mjs')).main(),
  routing: async () => (await import('./routing.bench.mjs')).main(),
  map: async () => (await import('./map.bench.mjs')).main(),
  open311: async () => (await import('./open311.bench.mjs')).main(),
  startup: async () => (await import('./startup.bench.mjs')).main(),
  // Bürgerhaushalt ballots (another owner's bench on this harness).
  'budget-voting': async () => (await import('./budget-voting.mjs')).main(),
};

// The participatory-budget benches (bench/budget, another owner) compile TypeScript themselves.
function budget() {
  const runner = 'bench/budget/run.js';
  if (!existsSync(new URL(`../${runner}`, import.meta.url))) return { met: true, skipped: true };
  let ok = true;
  for (const file of ['bench/budget/greedy.bench.ts', 'bench/budget/mes.bench.ts']) {
    if (!existsSync(new URL(`../${file}`, import.meta.url))) continue;
    log(`\n== budget: ${file} ==`);
    ok = spawnSync('node', [runner, file], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname }).status === 0 && ok;
  }
  return { met: ok };
}

const order = ['intake', 'routing', 'map', 'open311', 'startup', 'budget-voting', 'budget'];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => name !== 'budget' && !(name in system));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; choose from ${[...order, 'seed'].join(', ')}`);
  process.exit(2);
}
const names = asked.length > 0 ? asked : order;
const m = machine();
log(`mitreden benchmarks, ${m.date}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}`);
if (names.some((name) => name !== 'budget')) {
  build();
  prepare();
}
const outcome = {};
for (const name of names) {
  try {
    outcome[name] = name === 'budget' ? budget().met : (await system[name]())?.met ?? true;
  } catch (error) {
    console.error(`${name} failed: ${error.stack ?? error}`);
    outcome[name] = false;
  }
}
log(`\n== summary ==`);
for (const [name, met] of Object.entries(outcome)) log(`${met ? 'all targets met  ' : 'target(s) missed '} ${name}`);
// A missed target is a finding, not a crash: exit 0 unless a bench could not run.
process.exit(0);
