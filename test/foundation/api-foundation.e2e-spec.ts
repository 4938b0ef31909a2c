import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import { BoundaryImportService, DemoSeedService } from '@app/tenants';
import { TestStack, json, startTestStack } from '../support/test-api';

describe('API foundation (HTTP, real PostgreSQL and Redis)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.api.get(DemoSeedService).seedIfEmpty();
  });

  afterAll(async () => {
    await stack?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.baseUrl}${path}`, { headers });

  it('answers liveness and readiness with every dependency checked', async () => {
    expect(await json(await get('/health'))).toEqual({ status: 'ok' });
    const ready = await get('/ready');
    const body = await json(ready);
    expect({ status: ready.status, ...body }).toMatchObject({ status: 200, ready: true });
    expect(body.checks.map((check: { name: string }) => check.name).sort()).toEqual(['migrations', 'postgis', 'postgresql', 'redis']);
  });

  it('exposes Prometheus metrics with HTTP latency, queue depths and outbox backlog', async () => {
    await get('/api/v1/tenants');
    const text = await (await get('/metrics')).text();
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.05",method="GET",route="/api/v1/tenants",status="200"}');
    expect(text).toMatch(/^outbox_backlog \d+/m);
    expect(text).toContain('# TYPE queue_depth gauge');
  });

  it('lists the demo municipalities with their centres', async () => {
    const tenants = await json(await get('/api/v1/tenants'));
    expect(tenants.map((tenant: { slug: string }) => tenant.slug).sort()).toEqual(['allianz-thueringer-becken', 'gera', 'ilmenau', 'jena']);
    const ilmenau = tenants.find((tenant: { slug: string }) => tenant.slug === 'ilmenau');
    expect(ilmenau.centre.lat).toBeCloseTo(50.68, 1);
    expect(ilmenau.centre.lon).toBeCloseTo(10.92, 1);
  });

  it("serves a tenant's boundary and areas as RFC 7946 GeoJSON", async () => {
    const config = await json(await get('/api/v1/t/allianz-thueringer-becken'));
    expect(config.kind).toBe('union');
    expect(config.map.tileUrl).toBeNull();
    expect(config.boundary.geometry.type).toBe('MultiPolygon');
    const municipalities = config.areas.features.filter((feature: any) => feature.properties.kind === 'municipality');
    expect(municipalities.map((feature: any) => feature.properties.name).sort()).toEqual(['Buttstädt', 'Kindelbrück', 'Rastenberg', 'Straußfurt', 'Sömmerda']);
    const [lon, lat] = config.boundary.geometry.coordinates[0][0][0];
    expect(lon).toBeGreaterThan(10);
    expect(lat).toBeGreaterThan(50);
    // RFC 7946: no crs member, positions are [lon, lat].
    expect(config.boundary.crs).toBeUndefined();
  });

  it('answers 404 for an unknown municipality and never falls back to another', async () => {
    const response = await get('/api/v1/t/atlantis');
    expect(response.status).toBe(404);
    expect((await json(response)).message).toContain('atlantis');
  });

  it('describes the API in OpenAPI, generated from the validating schemas, with docs served locally', async () => {
    const document = await json(await get('/api/openapi.json'));
    expect(document.openapi).toBe('3.0.3');
    expect(document.paths['/api/v1/t/{tenantSlug}'].get.parameters[0]).toMatchObject({ name: 'tenantSlug', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9-]{1,63}$' } });
    const docs = await get('/api/docs');
    expect(await docs.text()).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect((await get('/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('sets security headers and echoes a sane request id', async () => {
    const response = await get('/api/v1/tenants', { 'X-Request-Id': 'abc-123' });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const evil = await get('/api/v1/tenants', { 'X-Request-Id': `${'x'.repeat(80)};drop` });
    expect(evil.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses CORS for origins that are not configured', async () => {
    const response = await get('/api/v1/tenants', { Origin: 'https://evil.example' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('writes JSON log lines with request ids', async () => {
    await get('/api/v1/tenants', { 'X-Request-Id': 'log-check-1' });
    const line = stack.logLines.map((entry) => JSON.parse(entry)).find((entry) => entry.reqId === 'log-check-1');
    expect(line).toMatchObject({ method: 'GET', route: '/api/v1/tenants', status: 200 });
  });

  describe('boundary import', () => {
    const square = (west: number, south: number, size: number) => [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]];
    const admin = () => new Client({ connectionString: stack.db.adminUrl });

    async function areaCount(slug: string): Promise<number> {
      const client = admin();
      await client.connect();
      try {
        return (await client.query(`SELECT count(*)::int AS n FROM areas a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = $1`, [slug])).rows[0].n;
      } finally {
        await client.end();
      }
    }

    it('refuses a self-intersecting polygon with PostGIS’s reason, storing nothing', async () => {
      const before = await areaCount('jena');
      const bowTie = { type: 'Feature', properties: { name: 'Schleife', kind: 'district' }, geometry: { type: 'Polygon', coordinates: [[[11.55, 50.9], [11.6, 50.95], [11.6, 50.9], [11.55, 50.95], [11.55, 50.9]]] } };
      await expect(stack.api.get(BoundaryImportService).importGeoJson('jena', bowTie)).rejects.toThrow(/ring crosses itself/);
      // Overlapping parts of one MultiPolygon pass the structural checks; PostGIS names the problem.
      const overlapping = { type: 'Feature', properties: { name: 'Doppelt', kind: 'district' }, geometry: { type: 'MultiPolygon', coordinates: [square(11.55, 50.9, 0.02), square(11.56, 50.91, 0.02)] } };
      await expect(stack.api.get(BoundaryImportService).importGeoJson('jena', overlapping)).rejects.toThrow(/invalid geometry \(Self-intersection/);
      expect(await areaCount('jena')).toBe(before);
    });

    it('refuses a municipality that overlaps another tenant, storing nothing', async () => {
      const jena = await json(await get('/api/v1/t/jena'));
      const before = await areaCount('gera');
      const intruder = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Gera-Nord', kind: 'municipality' }, geometry: jena.boundary.geometry }] };
      await expect(stack.api.get(BoundaryImportService).importGeoJson('gera', intruder)).rejects.toThrow(/overlaps Jena \(jena\)/);
      expect(await areaCount('gera')).toBe(before);
    });

    it('refuses wrong geometry types and projected coordinates with field paths', async () => {
      const line = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Weg' }, geometry: { type: 'LineString', coordinates: [[11.5, 50.9], [11.6, 50.9]] } }] };
      await expect(stack.api.get(BoundaryImportService).importGeoJson('jena', line)).rejects.toThrow(/features\[0\]\.geometry.*LineString/);
      const utm = { type: 'Feature', properties: { name: 'Meter' }, geometry: { type: 'Polygon', coordinates: square(680000, 5640000, 1000) } };
      await expect(stack.api.get(BoundaryImportService).importGeoJson('jena', utm)).rejects.toThrow(/EPSG:25832/);
    });

    it('imports a valid district inside the boundary and attaches it to its town', async () => {
      const before = await areaCount('ilmenau');
      const ilmenau = await json(await get('/api/v1/t/ilmenau'));
      const { lat, lon } = ilmenau.map.centre;
      const district = { type: 'Feature', properties: { name: 'Testviertel', kind: 'district' }, geometry: { type: 'Polygon', coordinates: square(lon - 0.001, lat - 0.001, 0.002) } };
      await expect(stack.api.get(BoundaryImportService).importGeoJson('ilmenau', district)).resolves.toEqual({ municipalities: 0, districts: 1 });
      expect(await areaCount('ilmenau')).toBe(before + 1);
    });

    it('loads the shipped demo files, which are valid, contiguous and labelled synthetic', async () => {
      for (const slug of ['ilmenau', 'gera', 'jena', 'allianz-thueringer-becken']) {
        const file = JSON.parse(await readFile(`libs/tenants/data/${slug}.geojson`, 'utf8'));
        expect(file.note).toMatch(/[Ss]ynthetic/);
      }
      const client = admin();
      await client.connect();
      try {
        const { rows } = await client.query(`
          SELECT ST_Touches(a.geom, b.geom) OR ST_Intersects(a.geom, b.geom) AS touching
            FROM areas a, areas b WHERE a.name = 'Jena' AND b.name = 'Gera' AND a.kind = 'municipality' AND b.kind = 'municipality'`);
        expect(rows[0].touching).toBe(true);
      } finally {
        await client.end();
      }
    });
  });
});
