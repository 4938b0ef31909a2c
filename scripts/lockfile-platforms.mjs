#!/usr/bin/env node
// The package registry this project installs from does not carry every
// platform binary (e.g. @swc/core-darwin-arm64). `npm install` then leaves
// those optional packages out of package-lock.json, and `npm ci` refuses the
// lock as out of sync. This adds the missing optional platform packages to the
// lock with their os/cpu, so `npm ci` on any machine skips them instead of
// failing, exactly as a lock written against the full registry would.
// Run it after `npm install` changed the lock: node scripts/lockfile-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony', 'wasm32'];
const CPU = { x64: 'x64', ia32: 'ia32', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64', ppc64le: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', universal: null, wasm32: 'wasm32' };

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.map((part) => (part === 'armv7' ? 'arm' : part)).find((part) => part in CPU);
  if (!os && !cpu) return null;
  const result = {};
  if (os && os !== 'wasm32') result.os = [os];
  if (cpu && CPU[cpu]) result.cpu = [CPU[cpu]];
  if (name.includes('musl')) result.libc = ['musl'];
  else if (os === 'linux' && /gnu/.test(name)) result.libc = ['glibc'];
  return result;
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    const version = String(spec).replace(/^[\^~=]/, '');
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    packages[`node_modules/${name}`] = { version, dev: entry.dev || undefined, optional: true, ...platform };
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`lockfile-platforms: added ${added} optional platform packages\n`);
