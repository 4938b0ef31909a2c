// Seeds 1,000,000 public-map reports into the bench database (idempotent:
// skips when they are there). Generated in Node with a fixed seed, streamed
// with COPY into an unlogged staging table, then moved into reports in one
// INSERT … SELECT per tenant that keeps only points inside the tenant's
// municipality areas (ST_Covers on the GiST index).
//
// Spread: 55 % around district centres (Gaussian, ~500 m), 30 % along
// "streets" (random segments of 200–1,500 m from near a centre, ±8 m), 15 %
// anywhere in the municipality's box. Status mix by age (recent reports are
// mostly open, old ones mostly fixed), 0.5 % hidden, all confirmed (unconfirmed
// ones would expire during a bench).
//
// Usage: node bench/seed-map.mjs [--force]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DIST, adminUrl, build, resetDatabase, fmt, gaussian, log, prepare, rng, withAdmin } from './lib/harness.mjs';

const require = createRequire(import.meta.url);
export const SEED_MARK = 'bench-seed';
export const MAP_TENANT = 'jena';
/** jena is the measured tenant with 200,000; the rest spreads over the others. */
export const SEED_COUNTS = { jena: 200_000, gera: 280_000, ilmenau: 240_000, 'allianz-thueringer-becken': 280_000 };
const TOTAL = Object.values(SEED_COUNTS).reduce((a, b) => a + b, 0);
const OVERSHOOT = 1.35; // generated per kept point; the box part falls partly outside the areas

const DESCRIPTIONS = [
  'Schlagloch in der Fahrbahn', 'Straßenlaterne defekt', 'Papierkorb quillt über', 'Gehwegplatte lose', 'Graffiti an der Wand',
  'Ast hängt über den Radweg', 'Verkehrszeichen verdreht', 'Sperrmüll abgestellt', 'Spielgerät beschädigt', 'Gully verstopft',
  'Bank beschädigt', 'Ampel flackert', 'Radweg zugeparkt', 'Wilder Müll im Gebüsch', 'Hecke ragt in den Gehweg',
];
const CLOSED = [['fixed', 0.75], ['closed_not_fixed', 0.1], ['rejected', 0.07], ['duplicate', 0.05], ['forwarded', 0.03]];
const OPEN = [['received', 0.2], ['in_review', 0.35], ['in_progress', 0.45]];
const DAY = 86_400_000;

function pick(random, weighted) {
  let x = random();
  for (const [value, weight] of weighted) {
    if ((x -= weight) <= 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

/** One tenant's staging rows as COPY text lines. */
function* tenantRows(random, tenant, categoryIds, box, count, now) {
  const centres = tenant.towns.flatMap((town) => (town.districts.length > 0 ? town.districts : [town]).map((d) => d.centre));
  const streets = centres.flatMap((centre) =>
    Array.from({ length: 40 }, () => {
      const angle = random() * Math.PI;
      const length = 200 + random() * 1300;
      const start = { lat: centre.lat + gaussian(random) * 0.006, lon: centre.lon + gaussian(random) * 0.009 };
      return { start, dLat: (Math.sin(angle) * length) / 111_320, dLon: (Math.cos(angle) * length) / (111_320 * Math.cos((centre.lat * Math.PI) / 180)) };
    }),
  );
  for (let i = 0; i < count; i++) {
    const kind = random();
    let lat;
    let lon;
    if (kind < 0.55) {
      const centre = centres[Math.floor(random() * centres.length)];
      lat = centre.lat + gaussian(random) * 0.0045;
      lon = centre.lon + gaussian(random) * 0.007;
    } else if (kind < 0.85) {
      const street = streets[Math.floor(random() * streets.length)];
      const t = random();
      lat = street.start.lat + street.dLat * t + gaussian(random) * 0.00007;
      lon = street.start.lon + street.dLon * t + gaussian(random) * 0.0001;
    } else {
      lat = box.s + random() * (box.n - box.s);
      lon = box.w + random() * (box.e - box.w);
    }
    // Age: a third in the last year, the rest over four years before.
    const ageDays = random() < 0.33 ? random() * 365 : 365 + random() * 4 * 365;
    const created = now - ageDays * DAY;
    const openChance = ageDays < 30 ? 0.7 : ageDays < 180 ? 0.3 : 0.04;
    const open = random() < openChance;
    const status = open ? pick(random, OPEN) : pick(random, CLOSED);
    const closed = open ? null : Math.min(now - 60_000, created + (1 + random() * 60) * DAY);
    // No unconfirmed reports: they expire after unconfirmedExpiryHours (48) and the worker's sweep would
    // delete them during a bench (they are never on the map anyway).
    const confirmed = true;
    const hidden = random() < 0.005;
    const category = categoryIds[Math.floor(random() * categoryIds.length)];
    const description = `${DESCRIPTIONS[Math.floor(random() * DESCRIPTIONS.length)]} (${i % 997})`;
    yield `${i}\t${tenant.id}\t${category}\t${lon.toFixed(7)}\t${lat.toFixed(7)}\t${status}\t${new Date(created).toISOString()}\t${closed === null ? '\\N' : new Date(closed).toISOString()}\t${confirmed ? 't' : 'f'}\t${hidden ? 't' : 'f'}\t${description}\n`;
  }
}

function copyIn(sql, lines) {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', adminUrl, '-c', sql], { stdio: ['pipe', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY exited ${code}`))));
    let chunk = [];
    const flush = () => {
      const ok = child.stdin.write(chunk.join(''));
      chunk = [];
      return ok;
    };
    const pump = () => {
      for (;;) {
        const next = lines.next();
        if (next.done) {
          flush();
          child.stdin.end();
          return;
        }
        chunk.push(next.value);
        if (chunk.length >= 5000 && !flush()) {
          child.stdin.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

export async function seedMap({ force = false } = {}) {
  build();
  prepare();
  const { DEMO_TENANTS } = require(join(DIST, 'libs/tenants/src/demo/demo-tenants.js'));
  const have = await withAdmin(async (db) => (await db.query(`SELECT count(*)::int AS n FROM reports WHERE client_id = $1`, [SEED_MARK])).rows[0].n);
  if (have === TOTAL && !force) {
    log(`map seed: ${have} reports present, skipping`);
    return { skipped: true, seconds: 0 };
  }
  const started = Date.now();
  if (have > 0) {
    // Deleting 1M reports row by row is slow (the duplicate_of self-reference is checked per row): start afresh.
    log(`map seed: ${have} of ${TOTAL} present; recreating the bench database`);
    await resetDatabase();
  }
  log(`map seed: generating ${TOTAL} reports…`);
  await withAdmin(async (db) => {
    await db.query(`DROP TABLE IF EXISTS bench_seed_staging`);
    await db.query(`CREATE UNLOGGED TABLE bench_seed_staging (seq int, tenant_id uuid, category_id uuid, lon float8, lat float8, status text, created_at timestamptz, closed_at timestamptz, confirmed boolean, hidden boolean, description text)`);
  });
  const random = rng(20261123);
  const now = Date.parse('2026-11-23T12:00:00Z');
  for (const [slug, count] of Object.entries(SEED_COUNTS)) {
    const tenant = DEMO_TENANTS.find((t) => t.slug === slug);
    const { id, categoryIds, box } = await withAdmin(async (db) => {
      const t = (await db.query(`SELECT id FROM tenants WHERE slug = $1`, [slug])).rows[0];
      const cats = (await db.query(`SELECT id FROM categories WHERE tenant_id = $1 AND active ORDER BY code`, [t.id])).rows.map((row) => row.id);
      const b = (await db.query(`SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n FROM (SELECT ST_Extent(geom)::geometry AS e FROM areas WHERE tenant_id = $1 AND kind = 'municipality') x`, [t.id])).rows[0];
      return { id: t.id, categoryIds: cats, box: b };
    });
    const t0 = Date.now();
    await copyIn(`COPY bench_seed_staging FROM STDIN`, tenantRows(random, { ...tenant, id }, categoryIds, box, Math.ceil(count * OVERSHOOT), now));
    const t1 = Date.now();
    const inserted = await withAdmin(async (db) => {
      const { rowCount } = await db.query(
        `INSERT INTO reports (tenant_id, category_id, status, location, description, locale, source, client_id, routed_at, confirmed_at, hidden, created_at, updated_at, closed_at)
         SELECT s.tenant_id, s.category_id, s.status, s.location, s.description, 'de', 'web', $3, s.created_at + interval '1 minute',
                CASE WHEN s.confirmed THEN s.created_at + interval '1 minute' END, s.hidden, s.created_at, coalesce(s.closed_at, s.created_at + interval '1 minute'), s.closed_at
           FROM (SELECT st.*, ST_SetSRID(ST_MakePoint(st.lon, st.lat), 4326) AS location FROM bench_seed_staging st WHERE st.tenant_id = $1) s
          WHERE EXISTS (SELECT 1 FROM areas a WHERE a.tenant_id = s.tenant_id AND a.kind = 'municipality' AND ST_Covers(a.geom, s.location))
          ORDER BY s.seq -- generation order: random, so the kept rows keep the generated mix
          LIMIT $2`,
        [id, count, SEED_MARK],
      );
      await db.query(`TRUNCATE bench_seed_staging`);
      return rowCount;
    });
    log(`  ${slug}: ${inserted} reports (COPY ${fmt((t1 - t0) / 1000)} s, insert ${fmt((Date.now() - t1) / 1000)} s)`);
    if (inserted !== count) throw new Error(`${slug}: only ${inserted} of ${count} generated points lie inside the areas; raise OVERSHOOT`);
  }
  await withAdmin(async (db) => {
    await db.query(`DROP TABLE bench_seed_staging`);
    await db.query(`VACUUM ANALYZE reports`);
  });
  const seconds = (Date.now() - started) / 1000;
  log(`map seed: ${TOTAL} reports in ${fmt(seconds)} s`);
  return { skipped: false, seconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seedMap({ force: process.argv.includes('--force') }).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
