import { DemoSeedService } from '@app/tenants';
import { cloneTestDatabase, waitFor } from '@app/testing';
import { ReportMapCache } from '../../libs/reports/src/public-read';
import { TestStack, startTestStack } from '../support/test-api';
import { ReadFixtures } from './read-fixtures';

/**
 * Scale check, run on request with `npm run test:scale`: 200,000 reports in one tenant,
 * latencies of the public read endpoints with and without the map cache, and
 * cached cluster throughput. Prints figures; asserts only generous bounds.
 */
// autocannon ships no types; only what this file uses.
type Autocannon = (options: { url: string; connections: number; duration: number }) => Promise<{
  requests: { average: number };
  latency: { p50: number; p97_5: number; p99: number };
  errors: number;
  non2xx: number;
}>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require('autocannon');



describe('public read API at 200,000 reports (opt-in)', () => {
  let stack: TestStack;
  let fx: ReadFixtures;
  const REPORTS = Number(process.env.MITREDEN_SCALE_REPORTS ?? 200_000);
  const CITY = '10.85,50.60,11.00,50.72';
  const SCREEN = '10.905,50.676,10.935,50.690';

  beforeAll(async () => {
    // MITREDEN_SCALE_KEEP=1 (with KEEP_TEST_DATABASES=1) keeps the seeded database for EXPLAIN ANALYZE.
    const keep = process.env.MITREDEN_SCALE_KEEP === '1';
    const db = keep ? await cloneTestDatabase() : undefined;
    if (db) process.stdout.write(`keeping database ${db.name}\n`);
    stack = await startTestStack({ env: { LOG_LEVEL: 'silent' }, db });
    await stack.api.get(DemoSeedService).seedIfEmpty();
    fx = await ReadFixtures.connect(stack.db.adminUrl);
    const tenant = await fx.tenantId('ilmenau');
    for (const code of ['road', 'light', 'waste', 'green', 'sign']) await fx.category(tenant, code, code, code);
    const started = Date.now();
    await fx.db.query(
      `INSERT INTO reports (tenant_id, category_id, status, location, description, confirmed_at, hidden, created_at, updated_at, closed_at)
       SELECT $1, (SELECT id FROM categories WHERE tenant_id = $1 ORDER BY code OFFSET (g % 5) LIMIT 1),
              s.status, ST_SetSRID(ST_MakePoint(10.85 + random() * 0.15, 50.60 + random() * 0.12), 4326),
              'Meldung ' || g || ' ' || (ARRAY['Schlagloch', 'Laterne defekt', 'Müll abgeladen', 'Ast abgebrochen', 'Schild verdreht'])[1 + g % 5],
              s.created, random() < 0.01, s.created, s.created + interval '3 days', CASE WHEN s.status IN ('fixed', 'rejected') THEN s.created + interval '3 days' END
         FROM generate_series(1, $2) g
         CROSS JOIN LATERAL (SELECT CASE WHEN random() < 0.3 THEN 'received' WHEN random() < 0.9 THEN 'fixed' ELSE 'rejected' END AS status,
                                    now() - random() * interval '5 years' - interval '3 days' * (g % 2) AS created) s`,
      [tenant, REPORTS],
    );
    // Autovacuum would do this in production; index-only scans need the visibility map.
    await fx.db.query('VACUUM ANALYZE reports');
    process.stdout.write(`seeded ${REPORTS} reports in ${Date.now() - started} ms\n`);
  }, 600_000);

  afterAll(async () => {
    await fx?.close();
    await stack?.close();
  });

  async function timings(path: string, runs: number, before?: () => void): Promise<{ p50: number; p95: number; max: number }> {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      before?.();
      const started = performance.now();
      const response = await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/${path}`);
      await response.text();
      expect(response.status).toBe(200);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] * 10) / 10;
    return { p50: at(0.5), p95: at(0.95), max: at(1) };
  }

  it('measures latencies', async () => {
    const cache = stack.api.get(ReportMapCache);
    const rows: Array<[string, unknown]> = [];
    for (const zoom of [10, 12, 13, 14, 15, 16]) {
      rows.push([`clusters city z${zoom} uncached`, await timings(`reports/clusters?bbox=${CITY}&zoom=${zoom}`, 15, () => cache.clear())]);
    }
    for (const zoom of [15, 17, 18]) rows.push([`clusters screen z${zoom} uncached`, await timings(`reports/clusters?bbox=${SCREEN}&zoom=${zoom}`, 15, () => cache.clear())]);
    if (process.env.MITREDEN_SCALE_ONLY_SEED === '1') return;
    rows.push(['clusters city z13 open uncached', await timings(`reports/clusters?bbox=${CITY}&zoom=13&status=open`, 15, () => cache.clear())]);
    rows.push(['clusters city z13 cached', await timings(`reports/clusters?bbox=${CITY}&zoom=13`, 200)]);
    rows.push(['list page 1', await timings('reports?pageSize=20', 20)]);
    rows.push(['list page 1 open', await timings('reports?pageSize=20&status=open', 20)]);
    rows.push(['list page 1 bbox', await timings(`reports?pageSize=20&bbox=${SCREEN}`, 20)]);
    rows.push(['list page 500', await timings('reports?pageSize=20&page=500', 10)]);
    rows.push(['duplicates', await timings('reports/duplicates?lat=50.68&lon=10.92&category=road&description=Schlagloch%20vor%20dem%20Haus', 20)]);
    rows.push(['reports.geojson limit 1000', await timings('reports.geojson?limit=1000', 10)]);
    rows.push(['ogc items limit 100', await timings('ogc/collections/reports/items?limit=100', 20)]);
    rows.push(['ogc items bbox+datetime', await timings(`ogc/collections/reports/items?bbox=${SCREEN}&datetime=2026-01-01T00:00:00Z/..`, 20)]);
    for (const [name, figures] of rows) process.stdout.write(`${name.padEnd(36)} ${JSON.stringify(figures)}\n`);
  }, 600_000);

  // PostgreSQL flushes a backend's index statistics when it goes idle, up to about 10 s later.
  it('reads the map through the covering partial indexes as the app role (row-level security on)', async () => {
    const scans = async () =>
      (await fx.db.query(`SELECT indexrelname AS name, idx_scan::int AS n FROM pg_stat_user_indexes WHERE indexrelname IN ('reports_map_open_idx', 'reports_map_closed_idx')`)).rows.reduce(
        (all: Record<string, number>, row: { name: string; n: number }) => ({ ...all, [row.name]: row.n }),
        {},
      );
    const before = await scans();
    stack.api.get(ReportMapCache).clear();
    const response = await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/reports/clusters?bbox=${SCREEN}&zoom=16`);
    expect(response.status).toBe(200);
    await waitFor(async () => {
      const after = await scans();
      return after.reports_map_open_idx > before.reports_map_open_idx && after.reports_map_closed_idx > before.reports_map_closed_idx;
    }, { what: 'index scans on reports_map_open_idx and reports_map_closed_idx', timeoutMs: 20_000, intervalMs: 500 });
    process.stdout.write(`index scans before ${JSON.stringify(before)}, after ${JSON.stringify(await scans())}\n`);
  });

  it('serves cached city-wide clusters at a high rate (beside a same-run baseline)', async () => {
    const load = async (name: string, path: string) => {
      const result = await autocannon({ url: `${stack.baseUrl}${path}`, connections: 50, duration: 8 });
      process.stdout.write(
        `autocannon ${name.padEnd(28)} ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}\n`,
      );
      return result;
    };
    await load('baseline /health', '/health');
    const clusters = await load('cached clusters city z13', `/api/v1/t/ilmenau/reports/clusters?bbox=${CITY}&zoom=13`);
    expect(clusters.non2xx).toBe(0);
    await load('cached clusters screen z16', `/api/v1/t/ilmenau/reports/clusters?bbox=${SCREEN}&zoom=16`);
  }, 60_000);
});
