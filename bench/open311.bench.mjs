// 4. Open311 GeoReport v2 GET requests with 1,000 items (the default page: the
// last 90 days of jena, which holds far more than 1,000 reports after the
// map seed), as XML and as JSON, with a few concurrent clients (an FMS
// instance polling, plus apps). Baseline: the same server's /health.
// Target: p95 < 100 ms.
import { BASE_URL, build, cannon, fmt, fmtSpread, log, prepare, saveResult, spread, table, verdict, withStack } from './lib/harness.mjs';
import { MAP_TENANT, seedMap } from './seed-map.mjs';

const CONNECTIONS = Number(process.env.BENCH_OPEN311_CONNECTIONS ?? 4);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

export async function main() {
  build();
  prepare();
  await seedMap();
  log(`\n== open311: ${MAP_TENANT}, 1,000 items per answer, ${CONNECTIONS} connections, ${RUNS} runs × ${SECONDS} s ==`);
  return withStack({ worker: false }, async () => {
    const paths = { json: `/open311/v2/requests.json?jurisdiction_id=${MAP_TENANT}`, xml: `/open311/v2/requests.xml?jurisdiction_id=${MAP_TENANT}` };
    const json = await (await fetch(`${BASE_URL}${paths.json}`)).json();
    if (!Array.isArray(json) || json.length !== 1000) throw new Error(`expected 1,000 items, got ${Array.isArray(json) ? json.length : JSON.stringify(json).slice(0, 200)}`);
    const xml = await (await fetch(`${BASE_URL}${paths.xml}`)).text();
    const xmlItems = xml.split('<request>').length - 1;
    if (xmlItems !== 1000) throw new Error(`expected 1,000 XML items, got ${xmlItems}`);
    log(`answer sizes: JSON ${fmt(JSON.stringify(json).length / 1024, 0)} KiB, XML ${fmt(xml.length / 1024, 0)} KiB`);
    await cannon({ paths: [paths.json, paths.xml], connections: CONNECTIONS, duration: 2 }); // warm-up

    const results = { connections: CONNECTIONS, cases: {} };
    const rows = [];
    for (const [name, path] of [['/health (baseline)', '/health'], ['requests.json', paths.json], ['requests.xml', paths.xml]]) {
      const list = [];
      for (let run = 0; run < RUNS; run++) list.push(await cannon({ paths: [path], connections: CONNECTIONS, duration: SECONDS }));
      const c = { rps: spread(list.map((r) => r.rps)), p95: spread(list.map((r) => r.p95)), p99: spread(list.map((r) => r.p99)), failed: list.reduce((s, r) => s + r.non2xx + r.errors, 0) };
      results.cases[name] = c;
      rows.push([name, fmtSpread(c.rps, 0), fmtSpread(c.p95), fmt(c.p99.median), c.failed]);
    }
    table(['case', 'req/s median (min–max)', 'p95 ms median (min–max)', 'p99 ms', 'failed'], rows);
    results.met = ['requests.json', 'requests.xml']
      .map((name) => verdict(`Open311 ${name} (1,000 items) p95 < 100 ms`, results.cases[name].p95.median < 100 && results.cases[name].failed === 0, `median ${fmt(results.cases[name].p95.median)} ms, worst run ${fmt(results.cases[name].p95.max)} ms`))
      .every(Boolean);
    saveResult('open311', results);
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
