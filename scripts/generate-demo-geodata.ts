// Generates the synthetic demo boundaries in libs/tenants/data/<slug>.geojson
// from the town and district centres in libs/tenants/src/demo/demo-tenants.ts.
//
// Run from the repository root (needs a local PostgreSQL with PostGIS 3 and GEOS >= 3.9,
// user postgres with trust auth on 127.0.0.1:5432; no TypeScript runner needed):
//
//   npx swc scripts/generate-demo-geodata.ts libs/tenants/src/demo --ignore '**/*.spec.ts' -d dist/demo-geodata \
//     && node dist/demo-geodata/scripts/generate-demo-geodata.js
//
// The output goes to dist/ (not /tmp) so that `require('pg')` still finds node_modules.
//
// How: one Voronoi partition of all town centres of all tenants, clipped to the union
// of 20 km buffers, so neighbouring towns share borders; inside each town a Voronoi
// partition of its district centres clipped to the town. Then all boundaries are noded
// together on the 1e-6 degree grid (snap rounding) and polygonised, and every area is
// rebuilt as a union of those faces. That is what keeps shared borders identical after
// rounding to 6 decimals: rounding each polygon on its own can open slivers between
// neighbours or let a district poke out of its town.
//
// Output is deterministic for a given PostGIS/GEOS version; a different GEOS may move
// ring start points or the last digit. The script checks the written files by SQL
// (validity, nesting, no overlap, expected neighbours, size) and exits 1 if any check
// fails. The throwaway database is dropped in every case.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { DEMO_BOUNDARY_DIR, DEMO_TENANTS, demoBoundaryFile } from '../libs/tenants/src/demo';

const CONNECTION = { host: '127.0.0.1', port: 5432, user: 'postgres' };
/** ETRS89 / UTM 32N, the official metric CRS of Thuringia; Gera sits just east of 12° E, which is harmless. */
const METRIC_SRID = 25832;
/** Large enough that Jena and Gera (about 34 km apart) share a border. */
const TOWN_RADIUS_M = 20_000;
/** 6 decimals of a degree: about 11 cm north-south, 7 cm east-west here. */
const GRID = 1e-6;
const MAX_FILE_BYTES = 200 * 1024;
const NOTE = 'Synthetic boundaries for the demo (Voronoi partition), not official data';

/** Pairs of towns the demo relies on being neighbours (cross-tenant forwarding, map demo). */
const MUST_TOUCH: ReadonlyArray<readonly [string, string]> = [
  ['Jena', 'Gera'],
  ['Sömmerda', 'Straußfurt'],
];

interface AreaRow {
  tenant: string;
  name: string;
  kind: 'municipality' | 'district';
  parent: string | null;
  geojson: string;
}

async function main(): Promise<void> {
  if (!existsSync(DEMO_BOUNDARY_DIR)) {
    throw new Error(`Run from the repository root: ${DEMO_BOUNDARY_DIR} not found in ${process.cwd()}`);
  }
  // Unique per process, so two people (or CI jobs) running it at once do not collide.
  const database = `mitreden_demo_geodata_${process.pid}`;
  const admin = new Client({ ...CONNECTION, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  let failures: string[] = [];
  try {
    const db = new Client({ ...CONNECTION, database });
    await db.connect();
    try {
      await db.query('CREATE EXTENSION postgis');
      await loadCentres(db);
      await buildPartitions(db);
      const rows = await exportAreas(db);
      writeFiles(rows);
      failures = await checkFiles(db);
    } finally {
      await db.end();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  }
  if (failures.length > 0) {
    console.error(`FAILED checks:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('All checks passed.');
  }
}

async function loadCentres(db: Client): Promise<void> {
  await db.query(`
    CREATE TABLE town (
      id int PRIMARY KEY, tenant text NOT NULL, name text NOT NULL,
      pt geometry(Point, ${METRIC_SRID}) NOT NULL, cell geometry(MultiPolygon, ${METRIC_SRID}));
    CREATE TABLE district (
      id int PRIMARY KEY, town_id int NOT NULL REFERENCES town, name text NOT NULL,
      pt geometry(Point, ${METRIC_SRID}) NOT NULL, cell geometry(MultiPolygon, ${METRIC_SRID}));
  `);
  const point = `ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), ${METRIC_SRID})`;
  let townId = 0;
  let districtId = 0;
  // Ids follow the definition order, which is also the feature order in the files.
  for (const tenant of DEMO_TENANTS) {
    for (const town of tenant.towns) {
      townId += 1;
      await db.query(`INSERT INTO town (id, tenant, name, pt) VALUES ($3, $4, $5, ${point})`, [
        town.centre.lon, town.centre.lat, townId, tenant.slug, town.name,
      ]);
      for (const district of town.districts) {
        districtId += 1;
        await db.query(`INSERT INTO district (id, town_id, name, pt) VALUES ($3, $4, $5, ${point})`, [
          district.centre.lon, district.centre.lat, districtId, townId, district.name,
        ]);
      }
    }
  }
}

async function buildPartitions(db: Client): Promise<void> {
  // Towns: Voronoi cells of all centres of all tenants, clipped to the union of buffers.
  // The cell is matched to its town by containment because ST_VoronoiPolygons does
  // not promise to return cells in input order.
  await db.query(`
    WITH seeds AS (SELECT ST_Collect(pt ORDER BY id) AS g FROM town),
    clip AS (SELECT ST_Union(ST_Buffer(pt, ${TOWN_RADIUS_M}, 'quad_segs=16')) AS g FROM town),
    cells AS (
      SELECT (ST_Dump(ST_VoronoiPolygons(seeds.g, 0, ST_Buffer(seeds.g, ${3 * TOWN_RADIUS_M})))).geom AS g
      FROM seeds)
    UPDATE town t SET cell = ST_Multi(ST_CollectionExtract(ST_Intersection(cells.g, clip.g), 3))
    FROM cells, clip WHERE ST_Contains(cells.g, t.pt)
  `);
  // Districts: Voronoi cells of the town's district centres, clipped to the town.
  await db.query(`
    WITH cells AS (
      SELECT d.town_id,
             (ST_Dump(ST_VoronoiPolygons(ST_Collect(d.pt ORDER BY d.id), 0, ST_Buffer(t.cell, 1000)))).geom AS g
      FROM district d JOIN town t ON t.id = d.town_id
      GROUP BY d.town_id, t.cell HAVING count(*) >= 2)
    UPDATE district d SET cell = ST_Multi(ST_CollectionExtract(ST_Intersection(cells.g, t.cell), 3))
    FROM cells JOIN town t ON t.id = cells.town_id
    WHERE d.town_id = cells.town_id AND ST_Contains(cells.g, d.pt)
  `);
  // A town with a single district: that district is the whole town.
  await db.query(`
    UPDATE district d SET cell = t.cell FROM town t
    WHERE t.id = d.town_id AND (SELECT count(*) FROM district x WHERE x.town_id = t.id) = 1
  `);
  const missing = await db.query<{ name: string }>(
    `SELECT name FROM town WHERE cell IS NULL OR ST_IsEmpty(cell)
     UNION ALL SELECT name FROM district WHERE cell IS NULL OR ST_IsEmpty(cell)`,
  );
  if (missing.rowCount) {
    throw new Error(`No cell for: ${missing.rows.map((r) => r.name).join(', ')} (centre outside its town?)`);
  }

  // Leaves are the smallest areas: districts, and towns that have none.
  // Noding all leaf boundaries together on the grid, then polygonising, gives faces
  // that tile the whole demo area exactly; every output area is a union of faces.
  await db.query(`
    CREATE TABLE leaf AS
      SELECT town_id, id AS district_id, ST_Transform(cell, 4326) AS g FROM district
      UNION ALL
      SELECT id, NULL, ST_Transform(cell, 4326) FROM town t
      WHERE NOT EXISTS (SELECT 1 FROM district d WHERE d.town_id = t.id);
    CREATE TABLE face AS
      SELECT (ST_Dump(ST_Polygonize(lines))).geom AS g
      FROM (SELECT ST_UnaryUnion(ST_Collect(ST_Boundary(g)), ${GRID}) AS lines FROM leaf) noded;
    -- Each face goes to the leaf it lies in. A sliver born of rounding may lie in no
    -- leaf or on a border: the nearest leaf (lowest ids on a tie) takes it, so the
    -- faces still cover everything exactly once.
    ALTER TABLE face ADD COLUMN town_id int, ADD COLUMN district_id int;
    UPDATE face f SET (town_id, district_id) = (
      SELECT town_id, district_id FROM leaf
      ORDER BY ST_Distance(leaf.g, ST_PointOnSurface(f.g)), town_id, district_id NULLS FIRST
      LIMIT 1);
  `);
}

async function exportAreas(db: Client): Promise<AreaRow[]> {
  // ST_Normalize fixes ring start points and order (stable output); RFC 7946 wants
  // exterior rings counter-clockwise, which ST_ForcePolygonCCW applies afterwards.
  const shape = (agg: string): string =>
    `ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Normalize(ST_Multi(${agg}))), 6, 0)`;
  const result = await db.query<AreaRow>(`
    SELECT t.tenant, t.name, 'municipality' AS kind, NULL AS parent,
           ${shape(`ST_Union(f.g, ${GRID})`)} AS geojson, t.id AS town_order, 0 AS district_order
    FROM town t JOIN face f ON f.town_id = t.id
    GROUP BY t.id
    UNION ALL
    SELECT t.tenant, d.name, 'district', t.name,
           ${shape(`ST_Union(f.g, ${GRID})`)}, t.id, d.id
    FROM district d JOIN town t ON t.id = d.town_id JOIN face f ON f.district_id = d.id
    GROUP BY t.id, d.id
    ORDER BY town_order, district_order
  `);
  return result.rows;
}

function writeFiles(rows: readonly AreaRow[]): void {
  for (const tenant of DEMO_TENANTS) {
    const features = rows
      .filter((row) => row.tenant === tenant.slug)
      .map((row) =>
        JSON.stringify({
          type: 'Feature',
          properties: { name: row.name, kind: row.kind, parent: row.parent, synthetic: true },
          geometry: JSON.parse(row.geojson) as unknown,
        }),
      );
    // One feature per line: small files that still give readable diffs.
    const text =
      `{"type":"FeatureCollection",\n"note":${JSON.stringify(NOTE)},\n"features":[\n` +
      `${features.join(',\n')}\n]}\n`;
    writeFileSync(demoBoundaryFile(tenant.slug), text);
    console.log(`wrote ${demoBoundaryFile(tenant.slug)} (${features.length} features, ${Buffer.byteLength(text)} bytes)`);
  }
}

/** Checks the files as written (re-read, so the 6-decimal rounding is what gets tested). */
async function checkFiles(db: Client): Promise<string[]> {
  const failures: string[] = [];
  await db.query(`CREATE TABLE written (id serial PRIMARY KEY, tenant text, name text, kind text, parent text, g geometry(MultiPolygon, 4326))`);
  for (const tenant of DEMO_TENANTS) {
    const file = demoBoundaryFile(tenant.slug);
    const size = statSync(file).size;
    if (size >= MAX_FILE_BYTES) failures.push(`${file} is ${size} bytes`);
    const collection = JSON.parse(readFileSync(file, 'utf8')) as {
      features: Array<{ properties: { name: string; kind: string; parent: string | null }; geometry: unknown }>;
    };
    for (const feature of collection.features) {
      const { name, kind, parent } = feature.properties;
      await db.query(
        `INSERT INTO written (tenant, name, kind, parent, g) VALUES ($1, $2, $3, $4, ST_SetSRID(ST_GeomFromGeoJSON($5), 4326))`,
        [tenant.slug, name, kind, parent, JSON.stringify(feature.geometry)],
      );
    }
  }
  const report = async (label: string, sql: string): Promise<void> => {
    const { rows } = await db.query<{ problem: string }>(sql);
    for (const row of rows) failures.push(`${label}: ${row.problem}`);
    console.log(`check ${label}: ${rows.length === 0 ? 'ok' : `${rows.length} problem(s)`}`);
  };
  await report('valid', `SELECT name || ': ' || ST_IsValidReason(g) AS problem FROM written WHERE NOT ST_IsValid(g)`);
  await report('district within town', `
    SELECT d.name || ' in ' || t.name AS problem FROM written d
    JOIN written t ON t.tenant = d.tenant AND t.kind = 'municipality' AND t.name = d.parent
    WHERE d.kind = 'district' AND NOT ST_CoveredBy(d.g, t.g)`);
  await report('districts tile town', `
    SELECT t.name AS problem FROM written t
    JOIN written d ON d.tenant = t.tenant AND d.kind = 'district' AND d.parent = t.name
    WHERE t.kind = 'municipality' GROUP BY t.name, t.g
    HAVING NOT ST_Equals(ST_Union(d.g), t.g)`);
  await report('no overlap between areas of one level', `
    SELECT a.tenant || '/' || a.name || ' x ' || b.tenant || '/' || b.name AS problem
    FROM written a JOIN written b ON a.kind = b.kind AND a.id < b.id
      AND a.g && b.g
    WHERE ST_Overlaps(a.g, b.g) OR ST_Area(ST_Intersection(a.g, b.g)) > 0`);
  for (const [a, b] of MUST_TOUCH) {
    const { rows } = await db.query<{ touches: boolean; km: number }>(
      `SELECT ST_Touches(a.g, b.g) AS touches,
              round((ST_Length(ST_Intersection(a.g, b.g)::geography) / 1000)::numeric, 1)::float AS km
       FROM written a, written b
       WHERE a.kind = 'municipality' AND a.name = $1 AND b.kind = 'municipality' AND b.name = $2`,
      [a, b],
    );
    const row = rows[0];
    if (!row?.touches) failures.push(`${a} does not touch ${b}`);
    console.log(`check ${a} touches ${b}: ${row?.touches ? `ok, shared border ${row.km} km` : 'NO'}`);
  }
  // Informational: which towns share a border (forwarding between neighbours is demoed on these).
  const { rows: neighbours } = await db.query<{ pair: string }>(`
    SELECT a.name || ' - ' || b.name || ' (' ||
           round((ST_Length(ST_Intersection(a.g, b.g)::geography) / 1000)::numeric, 1) || ' km)' AS pair
    FROM written a JOIN written b ON a.kind = 'municipality' AND b.kind = 'municipality' AND a.id < b.id
    WHERE ST_Touches(a.g, b.g) AND ST_Dimension(ST_Intersection(a.g, b.g)) = 1
    ORDER BY a.id, b.id`);
  console.log(`neighbouring towns: ${neighbours.map((row) => row.pair).join(', ')}`);
  return failures;
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') {
    console.error(`No PostgreSQL on ${CONNECTION.host}:${CONNECTION.port}. Start one (user postgres, trust auth, PostGIS 3 installed) and run again.`);
  } else if (code === '0A000' || code === '58P01') {
    // feature_not_supported / undefined_file: the postgis extension files are missing.
    console.error('PostGIS is not installed in this PostgreSQL (CREATE EXTENSION postgis failed). Install postgresql-15-postgis-3.');
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
