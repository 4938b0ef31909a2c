#!/usr/bin/env node
// Budget check on the built client: the JS a visitor downloads before the map page is
// usable (entry chunk, the map page chunk and everything they import statically) must
// stay within 250 kB gzip. Run after `npm run build:web`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const BUDGET_KB = Number(process.env.MAP_PAGE_JS_BUDGET_KB ?? 250);
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`chunk ${key} missing from the manifest`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
}

function measure(name, keys) {
  const files = closure(keys);
  let total = 0;
  for (const file of files) total += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const kb = total / 1024;
  console.log(`${name}: ${files.length} JS files, ${kb.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)`);
  return kb;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const mapPage = measure('map page initial JS', [entry, 'src/report-map/report-map-page.tsx']);
measure('report form initial JS (informational)', [entry, 'src/report-form/report-form-page.tsx', 'src/report-form/place-map.tsx']);
if (mapPage > BUDGET_KB) {
  console.error(`The map page's initial JS exceeds its budget of ${BUDGET_KB} kB gzip.`);
  process.exit(1);
}
