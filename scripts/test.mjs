#!/usr/bin/env node
// `npm test`: type-check, build what the browser tests drive, then every jest
// project (unit, integration, e2e) against the real PostgreSQL and Redis.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env }).status === 0;

function step(message) {
  process.stdout.write(`\n› ${message}\n`);
}

step('type-check');
if (!run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])) process.exit(1);
if (existsSync(`${root}/apps/web/tsconfig.json`) && !run('npx', ['tsc', '--noEmit', '-p', 'apps/web/tsconfig.json'])) process.exit(1);
step('build API and worker (the process tests start the built entry points)');
if (!run('npm', ['run', '-s', 'build:server'])) process.exit(1);
if (existsSync(`${root}/apps/web/vite.config.ts`)) {
  step('build the web client for the browser tests');
  if (!run('npm', ['run', '-s', 'build:web'])) process.exit(1);
  step('web client: every string in de and en, map page within its JavaScript budget');
  if (!run('npm', ['run', '-s', 'check:web'])) process.exit(1);
}
step('jest: unit, integration and end-to-end tests');
const extra = process.argv.slice(2);
process.exit(run('npx', ['jest', '--ci', ...extra]) ? 0 : 1);
