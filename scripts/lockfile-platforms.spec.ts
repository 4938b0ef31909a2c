import { readFileSync } from 'node:fs';

/**
 * `npm ci` refuses a lock that lacks any optional dependency; the registry
 * here lacks some platform binaries, so scripts/lockfile-platforms.mjs must
 * have been run after the last `npm install`.
 */
describe('package-lock.json', () => {
  it('lists every optional dependency, so npm ci accepts it', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    const missing: string[] = [];
    for (const [location, entry] of Object.entries<any>(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`]) missing.push(`${name} (of ${location || 'root'})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
