// Summarises a .cpuprofile (node --cpu-prof): self time per function and per package/file.
// Usage: node bench/lib/cpuprofile-top.mjs <file.cpuprofile> [rows] [skip-first-ms]
// skip-first-ms leaves out start-up (samples in the first N ms of the profile).
import { readFileSync } from 'node:fs';

const [file, rowsArg, skipArg] = process.argv.slice(2);
const skipMicros = Number(skipArg ?? 0) * 1000;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const rows = Number(rowsArg ?? 25);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
let elapsed = 0;
for (let i = 0; i < profile.samples.length; i++) {
  elapsed += deltas[i] ?? 0;
  if (elapsed < skipMicros) continue;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const perFunction = new Map();
const perModule = new Map();
for (const [id, micros] of self) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm:').replace(/.*\/work\/main\//, '');
  const key = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
  perFunction.set(key, (perFunction.get(key) ?? 0) + micros);
  const module = where.startsWith('nm:') ? where.split('/').slice(0, where.startsWith('nm:@') ? 2 : 1).join('/') : where || callFrame.functionName;
  perModule.set(module, (perModule.get(module) ?? 0) + micros);
}
const print = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`);
};
print('self time by function', perFunction);
print('self time by module', perModule);
