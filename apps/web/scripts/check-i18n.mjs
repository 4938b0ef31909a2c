#!/usr/bin/env node
// Every string exists in de and en, and every key the code uses exists in the resources.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const src = new URL('../src/', import.meta.url).pathname;
const load = (lang) => JSON.parse(readFileSync(join(src, 'i18n', `${lang}.json`), 'utf8'));
const flatten = (obj, prefix = '') =>
  Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const de = new Set(flatten(load('de')));
const en = new Set(flatten(load('en')));
const problems = [];
for (const k of de) if (!en.has(k)) problems.push(`missing in en.json: ${k}`);
for (const k of en) if (!de.has(k)) problems.push(`missing in de.json: ${k}`);

// Static keys used as t('a.b') in the code; plural keys resolve to their _one/_other forms.
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|tsx)$/.test(name)) files.push(path);
  }
};
walk(src);
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
    const key = m[1];
    if (!de.has(key) && !de.has(`${key}_one`) && !de.has(`${key}_other`)) problems.push(`${file.slice(src.length)}: unknown key ${key}`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n: ${de.size} keys in de and en, all keys used in the code exist`);
