// 3. Map at scale: 1,000,000 seeded reports (bench/seed-map.mjs), 200,000 of
// them in jena. The cluster endpoint and the bbox list at city-wide (zoom 11),
// district (zoom 14) and street (zoom 17) viewports of 1280 × 800 px, under
// concurrent load. Request lists are fixed (seeded): a few pans of the city
// view (many citizens open the same embedded map), many district and street
// views spread over the dense parts of the town.
// Baseline: the same server's /health in the same run.
// Targets: p95 < 50 ms at every zoom level; ≥ 3,000 requests/s for the
// city-wide cluster view.
import { BASE_URL, build, cannon, fmt, fmtSpread, gaussian, log, measureCpu, prepare, rng, sampleRss, saveResult, spread, table, verdict, withAdmin, withStack } from './lib/harness.mjs';
import { MAP_TENANT, seedMap } from './seed-map.mjs';

const CONNECTIONS = Number(process.env.BENCH_MAP_CONNECTIONS ?? 32);
/** A second, light load per case (one run): latency without the queueing of 32 connections on 2 cores. */
const LIGHT_CONNECTIONS = 4;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const SCREEN = { width: 1280, height: 800 };
const JENA = { lat: 50.92878, lon: 11.5899 };
const DISTRICTS = [
  { lat: 50.9275, lon: 11.588 },
  { lat: 50.891, lon: 11.608 },
  { lat: 50.8995, lon: 11.5695 },
  { lat: 50.9445, lon: 11.584 },
  { lat: 50.931, lon: 11.6085 },
];

const mercY = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const latFromMercY = (y) => ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;

/** The bbox a 1280 × 800 px map shows at this centre and zoom. */
export function viewport(centre, zoom) {
  const degPerPx = 360 / (256 * 2 ** zoom);
  const halfW = (SCREEN.width / 2) * degPerPx;
  const radPerPx = (2 * Math.PI) / (256 * 2 ** zoom);
  const y = mercY(centre.lat);
  const r6 = (value) => value.toFixed(6);
  return [r6(centre.lon - halfW), r6(latFromMercY(y - (SCREEN.height / 2) * radPerPx)), r6(centre.lon + halfW), r6(latFromMercY(y + (SCREEN.height / 2) * radPerPx))].join(',');
}

export function mapRequests(seed = 7) {
  const random = rng(seed);
  const views = {
    city: Array.from({ length: 12 }, () => ({ zoom: 11, centre: { lat: JENA.lat + gaussian(random) * 0.01, lon: JENA.lon + gaussian(random) * 0.015 } })),
    district: Array.from({ length: 100 }, (_, i) => {
      const d = DISTRICTS[i % DISTRICTS.length];
      return { zoom: 14, centre: { lat: d.lat + gaussian(random) * 0.006, lon: d.lon + gaussian(random) * 0.009 } };
    }),
    street: Array.from({ length: 300 }, (_, i) => {
      const d = DISTRICTS[i % DISTRICTS.length];
      return { zoom: 17, centre: { lat: d.lat + gaussian(random) * 0.005, lon: d.lon + gaussian(random) * 0.008 } };
    }),
  };
  const base = `/api/v1/t/${MAP_TENANT}/reports`;
  const result = {};
  for (const [level, list] of Object.entries(views)) {
    result[level] = {
      clusters: list.map((v) => `${base}/clusters?bbox=${viewport(v.centre, v.zoom)}&zoom=${v.zoom}`),
      list: list.map((v) => `${base}?bbox=${viewport(v.centre, v.zoom)}&pageSize=20`),
    };
  }
  return result;
}

async function runs(paths, extra = {}) {
  const list = [];
  for (let run = 0; run < RUNS; run++) list.push(await cannon({ paths, connections: CONNECTIONS, duration: SECONDS, ...extra }));
  return list;
}

const summary = (list) => ({
  rps: spread(list.map((r) => r.rps)),
  p95: spread(list.map((r) => r.p95)),
  p99: spread(list.map((r) => r.p99)),
  non2xx: list.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
});

export async function main() {
  build();
  prepare();
  const seed = await seedMap();
  const requests = mapRequests();
  log(`\n== map: ${MAP_TENANT}, ${CONNECTIONS} connections, ${RUNS} runs × ${SECONDS} s per case ==`);
  const visible = await withAdmin(async (db) =>
    (await db.query(`SELECT count(*) FILTER (WHERE r.is_open OR coalesce(r.closed_at, r.updated_at) >= now() - interval '90 days')::int AS visible, count(*)::int AS total FROM reports r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.confirmed_at IS NOT NULL AND NOT r.hidden`, [MAP_TENANT])).rows[0],
  );
  log(`${MAP_TENANT}: ${visible.total} public reports, ${visible.visible} on the map (open, or closed within 90 days)`);

  return withStack({ worker: true }, async (stack) => {
    const rss = sampleRss(stack.procs);
    // Warm-up: every distinct request once, then a short burst.
    for (const level of Object.values(requests)) for (const paths of Object.values(level)) for (const path of paths) await fetch(`${BASE_URL}${path}`).then((r) => r.text());
    await cannon({ paths: ['/health'], connections: CONNECTIONS, duration: 2 });

    const health = await measureCpu([stack.api], () => runs(['/health']));
    const healthSummary = summary(health.value);
    const healthCpu = health.cpu.api / health.value.reduce((sum, r) => sum + r.requests, 0);
    const healthLight = await cannon({ paths: ['/health'], connections: LIGHT_CONNECTIONS, duration: SECONDS });
    const rows = [['/health (baseline)', fmtSpread(healthSummary.rps, 0), fmtSpread(healthSummary.p95), fmt(healthSummary.p99.median), fmt(healthLight.p95), '1.000', fmt(healthCpu, 2), '', healthSummary.non2xx]];
    const cases = {};
    for (const [level, kinds] of Object.entries(requests)) {
      for (const [kind, paths] of Object.entries(kinds)) {
        const caseRss = sampleRss([stack.api], 100);
        const measured = await measureCpu([stack.api], () => runs(paths));
        const apiRssMb = caseRss.stop().api.maxMb;
        const light = await cannon({ paths, connections: LIGHT_CONNECTIONS, duration: SECONDS });
        const s = { ...summary(measured.value), apiRssMb, light: { rps: light.rps, p95: light.p95, p99: light.p99 } };
        const cpuPerRequest = measured.cpu.api / measured.value.reduce((sum, r) => sum + r.requests, 0);
        cases[`${level}/${kind}`] = { ...s, cpuPerRequestMs: cpuPerRequest, ratio: s.rps.median / healthSummary.rps.median };
        rows.push([`${level} ${kind}`, fmtSpread(s.rps, 0), fmtSpread(s.p95), fmt(s.p99.median), fmt(s.light.p95), fmt(s.rps.median / healthSummary.rps.median, 3), fmt(cpuPerRequest, 2), fmt(apiRssMb, 0), s.non2xx]);
      }
    }
    const memory = rss.stop();
    table(['case', `req/s median (min–max) @${CONNECTIONS}`, 'p95 ms median (min–max)', 'p99 ms', `p95 ms @${LIGHT_CONNECTIONS}`, 'ratio to /health', 'API CPU ms/req', 'API RSS max MB', 'non-2xx'], rows);
    log(`RSS max: api ${fmt(memory.api.maxMb, 0)} MB, worker ${fmt(memory.worker.maxMb, 0)} MB`);
    const results = { tenant: MAP_TENANT, seed, visible, connections: CONNECTIONS, health: { ...healthSummary, cpuPerRequestMs: healthCpu, light: { rps: healthLight.rps, p95: healthLight.p95 } }, cases, rss: memory };
    const checks = Object.entries(cases).map(([name, c]) => verdict(`${name} p95 < 50 ms`, c.p95.median < 50 && c.non2xx === 0, `median ${fmt(c.p95.median)} ms, worst run ${fmt(c.p95.max)} ms${c.non2xx ? `, ${c.non2xx} failed` : ''}`));
    checks.push(verdict('city clusters ≥ 3,000 req/s', cases['city/clusters'].rps.median >= 3000, `${fmt(cases['city/clusters'].rps.median, 0)} req/s (/health: ${fmt(healthSummary.rps.median, 0)} req/s)`));
    checks.push(verdict('RSS < 300 MB', memory.api.maxMb < 300 && memory.worker.maxMb < 300, `api ${fmt(memory.api.maxMb, 0)} MB, worker ${fmt(memory.worker.maxMb, 0)} MB`));
    results.met = checks.every(Boolean);
    saveResult('map', results);
    return results;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
