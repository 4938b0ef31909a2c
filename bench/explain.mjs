// EXPLAIN (ANALYZE, BUFFERS) of the hot queries, on the bench database with
// the 1M-report seed, as the app role with the tenant set (row-level security
// applies as in production). The SQL is captured from the compiled
// repositories themselves (a fake scope records each statement), so the plans
// always belong to the code as it is.
// Usage: node bench/explain.mjs [name …]   (prints plans; docs/benchmarks.md quotes them)
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DIST, benchEnv, build, log, pg, prepare } from './lib/harness.mjs';
import { MAP_TENANT } from './seed-map.mjs';
import { viewport } from './map.bench.mjs';

const require = createRequire(import.meta.url);
const lib = (path) => require(join(DIST, path));

/** Runs the repository method against a recorder and returns the SQL statements it issued. */
async function capture(Repository, call) {
  const statements = [];
  const manager = { query: async (sql, params) => (statements.push({ sql, params }), [{ n: 0, id: '00000000-0000-0000-0000-000000000000' }]) };
  const repository = new Repository({ manager, transaction: (fn) => fn() });
  await call(repository);
  return statements;
}

function bboxOf(centre, zoom) {
  return viewport(centre, zoom).split(',').map(Number);
}

export async function plans() {
  const { PublicReportsRepository } = lib('libs/reports/src/public-read/public-reports.repository.js');
  const { clusterGrid } = lib('libs/reports/src/public-read/cluster-grid.js');
  const { Open311RequestsRepository } = lib('libs/open311/src/requests/open311-requests.repository.js');
  const client = new pg.Client({ connectionString: benchEnv.DATABASE_URL });
  await client.connect();
  const tenant = (await client.query(`SELECT id FROM tenants WHERE slug = $1`, [MAP_TENANT])).rows[0];
  const ilmenau = (await client.query(`SELECT id FROM tenants WHERE slug = 'ilmenau'`)).rows[0];
  const window = { tenantId: tenant.id, closedVisibleDays: 90 };
  const centre = { lat: 50.92878, lon: 11.5899 };
  const cases = {};
  for (const [name, zoom] of [['clusters city (zoom 11)', 11], ['clusters district (zoom 14)', 14], ['clusters street (zoom 17)', 17]]) {
    const grid = clusterGrid(bboxOf(centre, zoom), zoom);
    const filter = { bbox: grid.bbox, status: 'all', categories: [] };
    cases[name] = { tenant: tenant.id, statements: await capture(PublicReportsRepository, (r) => (grid.cellSize === 0 ? r.singles(filter, window) : r.clusters(filter, window, grid.cellSize))) };
  }
  for (const [name, zoom] of [['list city (zoom 11)', 11], ['list street (zoom 17)', 17]]) {
    const filter = { bbox: bboxOf(centre, zoom), status: 'all', categories: [] };
    cases[name] = {
      tenant: tenant.id,
      statements: await capture(PublicReportsRepository, async (r) => {
        await r.count(filter, window);
        await r.list(filter, window, { limit: 20, offset: 0, order: 'newest' });
      }),
    };
  }
  const now = new Date();
  cases['open311 requests (1,000)'] = {
    tenant: tenant.id,
    statements: await capture(Open311RequestsRepository, (r) =>
      r.find(tenant.id, { serviceCodes: [], requestedFrom: new Date(now.getTime() - 90 * 86_400_000), requestedTo: now, limit: 1000, offset: 0, extensions: false }),
    ),
  };
  cases['intake rate limit (per IP)'] = {
    tenant: ilmenau.id,
    statements: [{ sql: `SELECT count(*)::int AS n FROM reports WHERE ip_hash = $1 AND created_at > now() - make_interval(secs => $2::double precision / 1000)`, params: ['0123456789abcdef0123456789abcdef', 3600_000] }],
  };
  cases['routing areas lookup'] = {
    tenant: ilmenau.id,
    statements: [{ sql: `SELECT id, name, kind FROM areas WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY ST_Area(geom)`, params: [10.9187, 50.6839] }],
  };

  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const output = {};
  for (const [name, { tenant: tenantId, statements }] of Object.entries(cases)) {
    if (wanted.length > 0 && !wanted.some((w) => name.includes(w))) continue;
    output[name] = [];
    for (const { sql, params } of statements) {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      // Twice: the first run warms the cache; the second is the one shown.
      await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      await client.query('COMMIT');
      output[name].push({ sql: sql.replace(/\s+/g, ' ').trim(), plan: rows.map((row) => row['QUERY PLAN']).join('\n') });
    }
  }
  await client.end();
  return output;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build();
  prepare();
  plans().then(
    (output) => {
      for (const [name, list] of Object.entries(output)) {
        for (const { sql, plan } of list) {
          log(`\n### ${name}\n\n${sql.slice(0, 400)}${sql.length > 400 ? ' …' : ''}\n\n${plan}`);
        }
      }
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
