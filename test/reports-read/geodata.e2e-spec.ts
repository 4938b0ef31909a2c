import { DemoSeedService } from '@app/tenants';
import { TestStack, json, startTestStack } from '../support/test-api';
import { ReadFixtures, SeededReport } from './read-fixtures';

/**
 * Public reports for geoportals: the GeoJSON export (RFC 7946) and the OGC
 * API – Features service (Part 1: core, GeoJSON), through HTTP.
 */
describe('geodata: GeoJSON and OGC API – Features', () => {
  let stack: TestStack;
  let fx: ReadFixtures;
  let ilmenau: string;
  const bodies: string[] = [];
  const reports: Record<string, SeededReport & { lat: number; lon: number }> = {};
  const CONTACT_EMAIL = 'geo-leak-check-2b7@example.org';
  const OGC = 'ilmenau/ogc';

  async function get(path: string): Promise<Response> {
    const response = await fetch(path.startsWith('http') ? path : `${stack.baseUrl}/api/v1/t/${path}`);
    bodies.push(await response.clone().text());
    return response;
  }
  const body = async (path: string) => {
    const response = await get(path);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return json(response);
  };

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.api.get(DemoSeedService).seedIfEmpty();
    fx = await ReadFixtures.connect(stack.db.adminUrl);
    ilmenau = await fx.tenantId('ilmenau');
    const jena = await fx.tenantId('jena');
    await fx.category(ilmenau, 'rd-road', 'Straßenschaden', 'Road damage');
    await fx.category(ilmenau, 'rd-green', 'Grünanlagen', 'Green spaces');
    await fx.category(jena, 'rd-road', 'Straßenschaden', 'Road damage');
    const seed = async (name: string, options: Parameters<ReadFixtures['report']>[1], tenant = ilmenau) => {
      reports[name] = { ...(await fx.report(tenant, options)), lat: options.lat, lon: options.lon };
    };
    await seed('r1', { category: 'rd-road', lat: 50.6832, lon: 10.9186, createdDaysAgo: 40 });
    await seed('r2', { category: 'rd-road', lat: 50.6851, lon: 10.9213, createdDaysAgo: 20 });
    await seed('r3', { category: 'rd-green', lat: 50.6703, lon: 10.9402, createdDaysAgo: 10 });
    await seed('r4', { category: 'rd-green', lat: 50.7003, lon: 10.9358, createdDaysAgo: 5 });
    await seed('r5', { category: 'rd-road', lat: 50.6477, lon: 11.0048, createdDaysAgo: 2, status: 'fixed', closedDaysAgo: 1 });
    await seed('oldClosed', { category: 'rd-road', lat: 50.6757, lon: 10.8633, createdDaysAgo: 300, status: 'fixed', closedDaysAgo: 250 });
    await seed('hidden', { category: 'rd-road', lat: 50.684, lon: 10.919, hidden: true });
    await seed('unconfirmed', { category: 'rd-road', lat: 50.684, lon: 10.918, confirmed: false });
    await seed('jena', { category: 'rd-road', lat: 50.9271, lon: 11.5892 }, jena);
    await fx.contact(ilmenau, reports.r1.id, CONTACT_EMAIL, 'Max Mustermann', '+49 3677 555 0111');
  });

  afterAll(async () => {
    await fx?.close();
    await stack?.close();
  });

  const visible = ['r1', 'r2', 'r3', 'r4', 'r5'];
  const ids = (names: string[]) => names.map((name) => reports[name].id).sort();

  function expectValidFeature(feature: any): void {
    expect(feature.type).toBe('Feature');
    expect(typeof feature.id).toBe('string');
    expect(feature.geometry.type).toBe('Point');
    expect(feature.geometry.coordinates).toHaveLength(2);
    const seeded = Object.values(reports).find((report) => report.id === feature.id)!;
    // RFC 7946 §3.1.1: [longitude, latitude].
    expect(feature.geometry.coordinates).toEqual([seeded.lon, seeded.lat]);
    expect(feature.crs).toBeUndefined();
    expect(Object.keys(feature.properties).sort()).toEqual(
      ['address', 'categoryCode', 'categoryNameDe', 'categoryNameEn', 'createdAt', 'description', 'number', 'status', 'statusGroup', 'thumbnailUrl', 'updatedAt'].sort(),
    );
  }

  describe('reports.geojson', () => {
    it('is an RFC 7946 FeatureCollection of the public reports, served as application/geo+json', async () => {
      const response = await get('ilmenau/reports.geojson');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const collection = await json(response);
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.crs).toBeUndefined();
      expect(collection.numberMatched).toBe(5);
      expect(collection.features.map((feature: any) => feature.id).sort()).toEqual(ids(visible));
      collection.features.forEach(expectValidFeature);
      const r5 = collection.features.find((feature: any) => feature.id === reports.r5.id);
      expect(r5.properties).toMatchObject({ number: reports.r5.number, categoryCode: 'rd-road', categoryNameDe: 'Straßenschaden', status: 'fixed', statusGroup: 'closed' });
    });

    it('takes the map filters and pages with limit and offset', async () => {
      const green = await body('ilmenau/reports.geojson?category=rd-green');
      expect(green.features.map((feature: any) => feature.id).sort()).toEqual(ids(['r3', 'r4']));
      const boxed = await body('ilmenau/reports.geojson?bbox=10.91,50.68,10.93,50.69&status=open');
      expect(boxed.features.map((feature: any) => feature.id).sort()).toEqual(ids(['r1', 'r2']));
      const first = await body('ilmenau/reports.geojson?limit=3');
      expect(first).toMatchObject({ numberMatched: 5, numberReturned: 3 });
      const next = first.links.find((link: any) => link.rel === 'next');
      expect(next.href).toContain('offset=3');
      const second = await body(next.href);
      expect(second).toMatchObject({ numberMatched: 5, numberReturned: 2 });
      expect(second.links.find((link: any) => link.rel === 'next')).toBeUndefined();
      expect([...first.features, ...second.features].map((feature: any) => feature.id).sort()).toEqual(ids(visible));
    });
  });

  describe('OGC API – Features', () => {
    it('has a landing page with the required links, and declares core and GeoJSON conformance', async () => {
      const landing = await body(OGC);
      const rels = landing.links.map((link: any) => link.rel);
      expect(rels).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
      for (const link of landing.links) expect(link.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      const conformance = await body(landing.links.find((link: any) => link.rel === 'conformance').href);
      expect(conformance.conformsTo).toEqual(
        expect.arrayContaining(['http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson']),
      );
      expect(await body(`${OGC}?f=json`)).toEqual(landing);
    });

    it('describes one collection of reports with its extent and links', async () => {
      const collections = await body(`${OGC}/collections`);
      expect(collections.collections.map((collection: any) => collection.id)).toEqual(['reports']);
      const collection = await body(`${OGC}/collections/reports`);
      expect(collection).toMatchObject({ id: 'reports', itemType: 'feature', crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'] });
      const [west, south, east, north] = collection.extent.spatial.bbox[0];
      expect(west).toBeLessThan(10.92);
      expect(east).toBeGreaterThan(10.92);
      expect(south).toBeLessThan(50.68);
      expect(north).toBeGreaterThan(50.68);
      expect(collection.extent.temporal.interval[0][1]).toBeNull();
      const items = collection.links.find((link: any) => link.rel === 'items');
      expect(items).toMatchObject({ type: 'application/geo+json' });
      expect(items.href).toMatch(/\/api\/v1\/t\/ilmenau\/ogc\/collections\/reports\/items$/);
    });

    it('pages items with next, prev and self links and stable numberMatched', async () => {
      const seen: string[] = [];
      let page = await body(`${OGC}/collections/reports/items?limit=2`);
      expect(page.links.find((link: any) => link.rel === 'prev')).toBeUndefined();
      const pages = [page];
      for (;;) {
        expect(page.type).toBe('FeatureCollection');
        expect(page.numberMatched).toBe(5);
        expect(page.numberReturned).toBe(page.features.length);
        expect(page.links.find((link: any) => link.rel === 'self')).toBeDefined();
        page.features.forEach(expectValidFeature);
        seen.push(...page.features.map((feature: any) => feature.id));
        const next = page.links.find((link: any) => link.rel === 'next');
        if (!next) break;
        expect(next.type).toBe('application/geo+json');
        page = await body(next.href);
        pages.push(page);
      }
      expect(pages.map((each) => each.numberReturned)).toEqual([2, 2, 1]);
      expect(seen.sort()).toEqual(ids(visible));
      const prev = pages[1].links.find((link: any) => link.rel === 'prev');
      expect(new URL(prev.href).searchParams.get('offset')).toBe('0');
      expect(new URL(prev.href).searchParams.get('limit')).toBe('2');
      expect((await body(prev.href)).features).toEqual(pages[0].features);
      const all = await body(`${OGC}/collections/reports/items`);
      expect(all.numberReturned).toBe(5);
    });

    it('filters items by bbox and by datetime instants and intervals', async () => {
      const boxed = await body(`${OGC}/collections/reports/items?bbox=10.91,50.68,10.93,50.69`);
      expect(boxed.features.map((feature: any) => feature.id).sort()).toEqual(ids(['r1', 'r2']));
      const withHeights = await body(`${OGC}/collections/reports/items?bbox=10.91,50.68,0,10.93,50.69,100`);
      expect(withHeights.numberMatched).toBe(2);
      const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const recent = await body(`${OGC}/collections/reports/items?datetime=${daysAgo(15)}/..`);
      expect(recent.features.map((feature: any) => feature.id).sort()).toEqual(ids(['r3', 'r4', 'r5']));
      const older = await body(`${OGC}/collections/reports/items?datetime=../${daysAgo(15)}`);
      expect(older.features.map((feature: any) => feature.id).sort()).toEqual(ids(['r1', 'r2']));
      const between = await body(`${OGC}/collections/reports/items?datetime=${daysAgo(25)}/${daysAgo(7)}`);
      expect(between.features.map((feature: any) => feature.id).sort()).toEqual(ids(['r2', 'r3']));
      const instant = await body(`${OGC}/collections/reports/items?datetime=${encodeURIComponent('2001-01-01T00:00:00+01:00')}`);
      expect(instant.numberMatched).toBe(0);
    });

    it('returns one feature by id or number, and 404 for hidden, unconfirmed, expired or foreign ones', async () => {
      const response = await get(`${OGC}/collections/reports/items/${reports.r1.id}`);
      expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const feature = await json(response);
      expectValidFeature(feature);
      expect(feature.links.map((link: any) => link.rel).sort()).toEqual(['collection', 'self']);
      expect((await body(`${OGC}/collections/reports/items/${reports.r1.number}`)).id).toBe(reports.r1.id);
      for (const name of ['hidden', 'unconfirmed', 'oldClosed', 'jena']) {
        const response = await get(`${OGC}/collections/reports/items/${reports[name].id}`);
        expect({ name, status: response.status }).toEqual({ name, status: 404 });
      }
      expect((await get(`${OGC}/collections/other`)).status).toBe(404);
    });
  });

  it('keeps hidden, unconfirmed and other tenants’ reports out of GeoJSON and OGC items', async () => {
    for (const path of ['ilmenau/reports.geojson?limit=5000', `${OGC}/collections/reports/items?limit=1000`]) {
      const found = (await body(path)).features.map((feature: any) => feature.id);
      for (const name of ['hidden', 'unconfirmed', 'jena', 'oldClosed']) expect(found).not.toContain(reports[name].id);
    }
  });

  it.each([
    ['ilmenau/reports.geojson?limit=5001', ['limit']],
    ['ilmenau/reports.geojson?bbox=10,50,9,51&offset=-1', ['bbox', 'offset']],
    [`${OGC}/collections/reports/items?limit=1001`, ['limit']],
    [`${OGC}/collections/reports/items?limit=0`, ['limit']],
    [`${OGC}/collections/reports/items?datetime=yesterday`, ['datetime']],
    [`${OGC}/collections/reports/items?datetime=2024-06-01T00:00:00Z/2024-05-01T00:00:00Z`, ['datetime']],
    [`${OGC}/collections/reports/items?bbox=1,2,3,4,5`, ['bbox']],
    [`${OGC}/collections/reports/items?f=xml`, ['f']],
    [`${OGC}/collections/reports/items?colour=red&bbox=1,2,3`, ['bbox', 'colour']],
    [`${OGC}?service=WFS`, ['service']],
    [`${OGC}/collections/reports/items/not-a-feature`, ['featureId']],
    [`${OGC}/conformance?f=html`, ['f']],
  ])('%s → 400 naming %j', async (path, fields) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const error = await json(response);
    expect([...new Set(error.errors.map((entry: any) => entry.field))].sort()).toEqual(fields);
  });

  it('documents the geodata routes in OpenAPI', async () => {
    const document = await json(await fetch(`${stack.baseUrl}/api/openapi.json`));
    for (const path of ['reports.geojson', 'ogc', 'ogc/conformance', 'ogc/collections', 'ogc/collections/reports', 'ogc/collections/reports/items', 'ogc/collections/reports/items/{featureId}', 'reports/clusters', 'reports/duplicates', 'reports/{id}']) {
      expect(document.paths[`/api/v1/t/{tenantSlug}/${path}`]?.get).toBeDefined();
    }
    const items = document.paths['/api/v1/t/{tenantSlug}/ogc/collections/reports/items'].get;
    expect(items.parameters.map((parameter: any) => parameter.name).sort()).toEqual(['bbox', 'datetime', 'f', 'limit', 'offset', 'tenantSlug']);
  });

  it('never puts contact data in any response', () => {
    expect(bodies.length).toBeGreaterThan(30);
    for (const text of bodies) {
      expect(text).not.toContain(CONTACT_EMAIL);
      expect(text).not.toContain('Max Mustermann');
    }
  });
});
