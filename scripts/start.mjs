#!/usr/bin/env node
// `npm start`: builds, prepares the database (creates, migrates, seeds demo
// tenants), then runs API and worker until Ctrl-C. Plain JavaScript so it
// runs before anything is compiled.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env };
const port = env.PORT ?? '3000';
const baseUrl = env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env, encoding: 'utf8' });
  return result;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function step(message) {
  process.stdout.write(`\x1b[1m› ${message}\x1b[0m\n`);
}

step('building API and worker');
if (run('npm', ['run', '-s', 'build:server']).status !== 0) process.exit(1);

step('checking services and preparing the database');
let prepare = run('node', ['dist/apps/worker/src/cli.js', 'prepare'], { capture: true });
if (prepare.status !== 0 && /PostGIS is not installed/.test(prepare.stderr)) {
  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version');
  if (isRoot && isDebian) {
    step('installing PostGIS (apt-get install postgresql-15-postgis-3)');
    run('apt-get', ['update', '-qq']);
    if (run('apt-get', ['install', '-y', '-qq', 'postgresql-15-postgis-3']).status === 0) {
      prepare = run('node', ['dist/apps/worker/src/cli.js', 'prepare'], { capture: true });
    }
  }
}
if (prepare.status !== 0) {
  process.stderr.write(prepare.stderr || prepare.stdout);
  process.exit(1);
}
process.stdout.write(prepare.stdout);

const webDir = join(root, 'apps/web');
const webIndex = join(webDir, 'dist/index.html');
if (existsSync(join(webDir, 'vite.config.ts'))) {
  if (!existsSync(webIndex) || statSync(webIndex).mtimeMs < newestMtime(join(webDir, 'src'))) {
    step('building the web client');
    if (run('npm', ['run', '-s', 'build:web']).status !== 0) process.exit(1);
  }
}

step('starting API and worker');
const children = [
  spawn('node', ['dist/apps/api/src/main.js'], { cwd: root, env: { ...env, MIGRATE_ON_START: 'false' }, stdio: 'inherit' }),
  spawn('node', ['dist/apps/worker/src/main.js'], { cwd: root, env: { ...env, MIGRATE_ON_START: 'false' }, stdio: 'inherit' }),
];
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve))))).then(() => process.exit(code));
}
for (const child of children) {
  child.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`a process exited (${code}); stopping\n`);
      stop(code ?? 1);
    }
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const started = Date.now();
let announced = false;
const poll = setInterval(async () => {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/ready`);
    if (response.ok && !announced) {
      announced = true;
      clearInterval(poll);
      const tenants = await (await fetch(`http://127.0.0.1:${port}/api/v1/tenants`)).json();
      process.stdout.write(`\n\x1b[1mmitreden is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: open ${baseUrl}/\x1b[0m\n`);
      process.stdout.write(`  municipalities: ${tenants.map((tenant) => `${baseUrl}/${tenant.slug}`).join('  ')}\n`);
      process.stdout.write(`  staff back office: ${baseUrl}/${tenants[0]?.slug ?? 'ilmenau'}/verwaltung (demo accounts and passwords: docs/roles.md)\n`);
      process.stdout.write(`  API docs: ${baseUrl}/api/docs   Ctrl-C stops everything\n\n`);
    }
  } catch {
    // not up yet
  }
}, 250);
