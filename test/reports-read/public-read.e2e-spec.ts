import { request } from 'node:http';
import { ReportChangeListeners } from '@app/reports';
import { DemoSeedService, TenantResolver } from '@app/tenants';
import { ReportMapCache } from '../../libs/reports/src/public-read';
import { TestStack, json, startTestStack } from '../support/test-api';
import { ReadFixtures, SeededReport } from './read-fixtures';

/**
 * The public read API of the defect reporter through HTTP on the real
 * PostgreSQL: clusters, list, duplicates, report page, and what must never
 * be public (hidden, unconfirmed, other tenants, contact data, internal notes).
 */
describe('public read API of the defect reporter', () => {
  let stack: TestStack;
  let fx: ReadFixtures;
  let ilmenau: string;
  let jena: string;
  const bodies: string[] = [];
  const reports: Record<string, SeededReport> = {};

  const CONTACT_EMAIL = 'leak-check-9f3@example.org';
  const CONTACT_PHONE = '+49 3677 555 0199';
  const FOLLOWER_EMAIL = 'follower-leak-7c1@example.org';
  const INTERNAL_NOTE = 'INTERNAL-NOTE-do-not-publish';
  const IP_HASH = 'IPHASH-leak-check-51a';

  // Ilmenau centre and a second spot 1.5 km east.
  const P1 = { lat: 50.6832, lon: 10.9186 };
  const P2 = { lat: 50.6832, lon: 10.94 };
  const VIEW = '10.90,50.675,10.96,50.69';
  // About one screen at street zoom (17): single reports.
  const STREET_VIEW = '10.915,50.682,10.942,50.685';

  async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${stack.baseUrl}/api/v1/t/${path}`, { headers });
    bodies.push(await response.clone().text());
    return response;
  }
  const body = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    return json(response);
  };

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.api.get(DemoSeedService).seedIfEmpty();
    fx = await ReadFixtures.connect(stack.db.adminUrl);
    ilmenau = await fx.tenantId('ilmenau');
    jena = await fx.tenantId('jena');
    await fx.category(ilmenau, 'rd-road', 'Straßenschaden', 'Road damage');
    await fx.category(ilmenau, 'rd-light', 'Straßenbeleuchtung', 'Street lighting');
    await fx.category(jena, 'rd-road', 'Straßenschaden', 'Road damage');
    const department = await fx.department(ilmenau, 'Tiefbauamt');

    // Spot 1: four open road reports, one forwarded (closed recently), one closed long ago, one hidden, one unconfirmed.
    reports.a1 = await fx.report(ilmenau, { category: 'rd-road', ...P1, description: 'Tiefes Schlagloch vor der Bäckerei in der Lindenstraße', createdDaysAgo: 1, ipHash: IP_HASH, departmentId: department, address: 'Lindenstraße 3' });
    reports.a2 = await fx.report(ilmenau, { category: 'rd-road', lat: P1.lat + 0.0001, lon: P1.lon, description: 'Gullydeckel klappert bei jedem Auto', createdDaysAgo: 2 });
    reports.a3 = await fx.report(ilmenau, { category: 'rd-road', lat: P1.lat, lon: P1.lon + 0.0002, description: 'Bordstein abgebrochen', createdDaysAgo: 3 });
    reports.a4 = await fx.report(ilmenau, { category: 'rd-road', lat: P1.lat - 0.0001, lon: P1.lon - 0.0001, description: 'Markierung am Zebrastreifen verblasst', createdDaysAgo: 4 });
    reports.a5 = await fx.report(ilmenau, { category: 'rd-light', lat: P1.lat + 0.0002, lon: P1.lon, status: 'forwarded', createdDaysAgo: 10, closedDaysAgo: 5, forwardedToTenantId: jena });
    reports.a6 = await fx.report(ilmenau, { category: 'rd-road', lat: P1.lat, lon: P1.lon - 0.0002, status: 'duplicate', createdDaysAgo: 300, closedDaysAgo: 200, duplicateOf: undefined });
    reports.hidden = await fx.report(ilmenau, { category: 'rd-road', lat: P1.lat + 0.00005, lon: P1.lon, hidden: true, description: 'Schlagloch vor der Bäckerei (versteckt)' });
    reports.unconfirmed = await fx.report(ilmenau, { category: 'rd-road', lat: P1.lat - 0.00005, lon: P1.lon, confirmed: false, description: 'Schlagloch vor der Bäckerei (unbestätigt)' });
    // Spot 2: three open lighting reports and an old open road report.
    reports.b1 = await fx.report(ilmenau, { category: 'rd-light', ...P2, createdDaysAgo: 5 });
    reports.b2 = await fx.report(ilmenau, { category: 'rd-light', lat: P2.lat + 0.0001, lon: P2.lon, createdDaysAgo: 6 });
    reports.b3 = await fx.report(ilmenau, { category: 'rd-light', lat: P2.lat, lon: P2.lon + 0.0001, createdDaysAgo: 7 });
    reports.b4 = await fx.report(ilmenau, { category: 'rd-road', lat: P2.lat - 0.0001, lon: P2.lon, createdDaysAgo: 400 });
    // Another tenant's report.
    reports.jena = await fx.report(jena, { category: 'rd-road', lat: 50.9271, lon: 11.5892, description: 'Schlagloch in Jena' });

    await fx.db.query(`UPDATE reports SET duplicate_of = $1 WHERE id = $2`, [reports.a1.id, reports.a6.id]);
    await fx.history(ilmenau, reports.a1.id, [
      { status: 'received', note: null, hoursAgo: 24 },
      { status: 'in_review', note: INTERNAL_NOTE, internal: true, hoursAgo: 20 },
      { status: 'in_progress', note: 'Der Bauhof ist informiert.', hoursAgo: 10 },
    ]);
    await fx.photo(ilmenau, reports.a1.id, { position: 1, state: 'ready', key: 'a1-second' });
    await fx.photo(ilmenau, reports.a1.id, { position: 0, state: 'ready', key: 'a1-first' });
    await fx.photo(ilmenau, reports.a1.id, { position: 2, state: 'ready', hidden: true, key: 'a1-hidden' });
    await fx.photo(ilmenau, reports.a1.id, { position: 3, state: 'pending', key: 'a1-pending' });
    await fx.contact(ilmenau, reports.a1.id, CONTACT_EMAIL, 'Erika Mustermann', CONTACT_PHONE);
    await fx.follower(ilmenau, reports.a1.id, FOLLOWER_EMAIL, 'confirmed');
    await fx.follower(ilmenau, reports.a1.id, 'pending@example.org', 'pending');
    await fx.follower(ilmenau, reports.a1.id, 'gone@example.org', 'unsubscribed');
  });

  afterAll(async () => {
    await fx?.close();
    await stack?.close();
  });

  const visible = ['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3', 'b4'];
  const ids = (names: string[]) => names.map((name) => reports[name].id).sort();

  describe('clusters', () => {
    it('puts every visible report in exactly one cluster at every zoom, and splits clusters as the zoom grows', async () => {
      let previous = 0;
      for (let zoom = 5; zoom <= 18; zoom++) {
        const answer = await body(`ilmenau/reports/clusters?bbox=${VIEW}&zoom=${zoom}`);
        expect(answer.zoom).toBe(zoom);
        const total = answer.clusters.reduce((sum: number, cluster: any) => sum + cluster.count, 0);
        expect({ zoom, total }).toEqual({ zoom, total: 9 });
        for (const cluster of answer.clusters) {
          expect(cluster.open + cluster.closed).toBe(cluster.count);
          expect(cluster.reportId === null).toBe(cluster.count > 1);
          const [minLon, minLat, maxLon, maxLat] = cluster.bbox;
          expect(cluster.lon).toBeGreaterThanOrEqual(minLon);
          expect(cluster.lon).toBeLessThanOrEqual(maxLon);
          expect(cluster.lat).toBeGreaterThanOrEqual(minLat);
          expect(cluster.lat).toBeLessThanOrEqual(maxLat);
        }
        expect(answer.clusters.length).toBeGreaterThanOrEqual(previous);
        previous = answer.clusters.length;
      }
    });

    it('shows one cluster for the town when zoomed out, the two spots at town zoom, single reports at street zoom', async () => {
      const far = await body(`ilmenau/reports/clusters?bbox=${VIEW}&zoom=5`);
      expect(far.clusters).toHaveLength(1);
      expect(far.clusters[0]).toMatchObject({ count: 9, open: 8, closed: 1, reportId: null });

      const town = await body(`ilmenau/reports/clusters?bbox=${VIEW}&zoom=13`);
      const counts = town.clusters.map((cluster: any) => cluster.count).sort();
      expect(counts).toEqual([4, 5]);
      const spot1 = town.clusters.find((cluster: any) => cluster.count === 5);
      expect(spot1).toMatchObject({ open: 4, closed: 1 });
      expect(spot1.lat).toBeCloseTo(P1.lat, 3);
      expect(spot1.lon).toBeCloseTo(P1.lon, 3);

      const street = await body(`ilmenau/reports/clusters?bbox=${STREET_VIEW}&zoom=17`);
      expect(street.clusters).toHaveLength(9);
      expect(street.clusters.map((cluster: any) => cluster.reportId).sort()).toEqual(ids(visible));
      const single = street.clusters.find((cluster: any) => cluster.reportId === reports.a1.id);
      expect(single).toMatchObject({ count: 1, open: 1, closed: 0, lat: P1.lat, lon: P1.lon, bbox: [P1.lon, P1.lat, P1.lon, P1.lat] });
    });

    it('filters by status, category and age, and keeps closed reports only within closedVisibleDays', async () => {
      const total = async (query: string) =>
        (await body(`ilmenau/reports/clusters?bbox=${VIEW}&zoom=5&${query}`)).clusters.reduce((sum: number, cluster: any) => sum + cluster.count, 0);
      expect(await total('status=open')).toBe(8);
      expect(await total('status=closed')).toBe(1);
      expect(await total('status=all')).toBe(9);
      expect(await total('category=rd-light')).toBe(4);
      expect(await total('category=rd-light,rd-road')).toBe(9);
      expect(await total('category=unknown-code')).toBe(0);
      expect(await total('maxAgeDays=30')).toBe(8);
      // b1 was made 5 days before seeding, so it is just older than 5 days now.
      expect(await total('maxAgeDays=5&status=open')).toBe(4);
      expect(await total('maxAgeDays=6&status=open&category=rd-road')).toBe(4);
    });

    it('sends JSON that browsers and proxies may cache briefly, with an ETag', async () => {
      const response = await get(`ilmenau/reports/clusters?bbox=${VIEW}&zoom=13`);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('public, max-age=5');
      const etag = response.headers.get('etag');
      expect(etag).toBeTruthy();
      // fetch() adds "Cache-Control: no-cache" to conditional requests, so ask as a plain HTTP client would.
      const status = await new Promise<number | undefined>((resolve, reject) =>
        request(`${stack.baseUrl}/api/v1/t/ilmenau/reports/clusters?bbox=${VIEW}&zoom=13`, { headers: { 'If-None-Match': etag! } }, (reply) => {
          reply.resume();
          resolve(reply.statusCode);
        })
          .on('error', reject)
          .end(),
      );
      expect(status).toBe(304);
      const bad = await get('ilmenau/reports/clusters?zoom=13');
      expect(bad.status).toBe(400);
      expect(bad.headers.get('cache-control')).not.toBe('public, max-age=5');
    });

    it('answers only for the requested box', async () => {
      const east = await body(`ilmenau/reports/clusters?bbox=10.935,50.68,10.945,50.69&zoom=17`);
      expect(east.clusters.map((cluster: any) => cluster.reportId).sort()).toEqual(ids(['b1', 'b2', 'b3', 'b4']));
      const elsewhere = await body(`ilmenau/reports/clusters?bbox=11.5,50.9,11.6,51&zoom=12`);
      expect(elsewhere.clusters).toEqual([]);
    });
  });

  describe('list', () => {
    it('pages through the visible reports newest first with a stable total', async () => {
      const seen: string[] = [];
      const dates: string[] = [];
      for (const page of [1, 2, 3]) {
        const answer = await body(`ilmenau/reports?page=${page}&pageSize=4`);
        expect(answer).toMatchObject({ page, pageSize: 4, total: 9 });
        expect(answer.items).toHaveLength(page < 3 ? 4 : 1);
        for (const item of answer.items) {
          seen.push(item.id);
          dates.push(item.createdAt);
        }
      }
      expect(seen.sort()).toEqual(ids(visible));
      expect([...dates].sort().reverse()).toEqual(dates);
      expect((await body('ilmenau/reports?page=4&pageSize=4')).items).toEqual([]);
    });

    it('returns summaries with category names, status group and the first ready, visible thumbnail', async () => {
      const answer = await body('ilmenau/reports?pageSize=100');
      const a1 = answer.items.find((item: any) => item.id === reports.a1.id);
      expect(a1).toEqual({
        id: reports.a1.id,
        number: reports.a1.number,
        category: { code: 'rd-road', name: { de: 'Straßenschaden', en: 'Road damage' } },
        status: 'received',
        statusGroup: 'open',
        description: 'Tiefes Schlagloch vor der Bäckerei in der Lindenstraße',
        address: 'Lindenstraße 3',
        lat: P1.lat,
        lon: P1.lon,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        thumbnailUrl: '/media/ilmenau/a1-first-thumb.webp',
      });
      const a5 = answer.items.find((item: any) => item.id === reports.a5.id);
      expect(a5).toMatchObject({ status: 'forwarded', statusGroup: 'closed', thumbnailUrl: null, address: null });
    });

    it('applies bbox, status and category filters', async () => {
      const east = await body('ilmenau/reports?bbox=10.935,50.68,10.945,50.69');
      expect(east.items.map((item: any) => item.id).sort()).toEqual(ids(['b1', 'b2', 'b3', 'b4']));
      const lightOpen = await body('ilmenau/reports?status=open&category=rd-light');
      expect(lightOpen.items.map((item: any) => item.id).sort()).toEqual(ids(['b1', 'b2', 'b3']));
      expect((await body('ilmenau/reports?status=closed')).items.map((item: any) => item.id)).toEqual([reports.a5.id]);
    });

    it('shows long-closed reports once the tenant widens closedVisibleDays', async () => {
      await fx.setSettings(ilmenau, { closedVisibleDays: 365 });
      stack.api.get(TenantResolver).forget();
      try {
        expect((await body('ilmenau/reports?status=closed')).items.map((item: any) => item.id).sort()).toEqual(ids(['a5', 'a6']));
      } finally {
        await fx.setSettings(ilmenau, { closedVisibleDays: 90 });
        stack.api.get(TenantResolver).forget();
      }
      expect((await body('ilmenau/reports?status=closed')).total).toBe(1);
    });
  });

  describe('duplicates', () => {
    it('ranks nearby open reports by distance, category, text and age, at most five', async () => {
      const q = new URLSearchParams({ lat: String(P1.lat + 0.00002), lon: String(P1.lon), category: 'rd-road', description: 'Schlagloch vor der Bäckerei' });
      const candidates = await body(`ilmenau/reports/duplicates?${q}`);
      expect(candidates.length).toBeGreaterThan(0);
      expect(candidates.length).toBeLessThanOrEqual(5);
      expect(candidates[0].id).toBe(reports.a1.id);
      expect(candidates.map((candidate: any) => candidate.id).sort()).toEqual(ids(['a1', 'a2', 'a3', 'a4']));
      for (const candidate of candidates) {
        expect(candidate.statusGroup).toBe('open');
        expect(candidate.distanceM).toBeLessThanOrEqual(250);
        expect(candidate.score).toBeGreaterThan(0);
        expect(candidate.score).toBeLessThanOrEqual(1);
      }
      const scores = candidates.map((candidate: any) => candidate.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('prefers the same category at equal distance, and finds nothing far away', async () => {
      const q = new URLSearchParams({ lat: String(P2.lat), lon: String(P2.lon), category: 'rd-light' });
      const candidates = await body(`ilmenau/reports/duplicates?${q}`);
      expect(candidates.map((candidate: any) => candidate.id).slice(0, 3).sort()).toEqual(ids(['b1', 'b2', 'b3']));
      expect(candidates[3].id).toBe(reports.b4.id);
      expect(await body('ilmenau/reports/duplicates?lat=50.70&lon=10.90')).toEqual([]);
    });
  });

  describe('report page', () => {
    it('shows the report with public history, visible photos, followers, department and forwarding', async () => {
      const detail = await body(`ilmenau/reports/${reports.a1.id}`);
      expect(detail).toEqual({
        id: reports.a1.id,
        number: reports.a1.number,
        category: { code: 'rd-road', name: { de: 'Straßenschaden', en: 'Road damage' } },
        status: 'received',
        statusGroup: 'open',
        description: 'Tiefes Schlagloch vor der Bäckerei in der Lindenstraße',
        address: 'Lindenstraße 3',
        lat: P1.lat,
        lon: P1.lon,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        department: 'Tiefbauamt',
        photos: [
          { thumbnailUrl: '/media/ilmenau/a1-first-thumb.webp', largeUrl: '/media/ilmenau/a1-first-large.webp' },
          { thumbnailUrl: '/media/ilmenau/a1-second-thumb.webp', largeUrl: '/media/ilmenau/a1-second-large.webp' },
        ],
        history: [
          { at: expect.any(String), status: 'received', note: null },
          { at: expect.any(String), status: 'in_progress', note: 'Der Bauhof ist informiert.' },
        ],
        followers: 1,
        forwardedTo: null,
        forwardedFrom: null,
        duplicateOf: null,
      });
      expect(await body(`ilmenau/reports/${reports.a1.number}`)).toEqual(detail);
    });

    it('names the neighbour a report was forwarded to, and the original of a duplicate, even when closed long ago', async () => {
      expect(await body(`ilmenau/reports/${reports.a5.id}`)).toMatchObject({ status: 'forwarded', statusGroup: 'closed', forwardedTo: { slug: 'jena', name: 'Jena' } });
      expect(await body(`ilmenau/reports/${reports.a6.id}`)).toMatchObject({ status: 'duplicate', duplicateOf: reports.a1.id });
    });

    it('answers 404 for hidden, unconfirmed, unknown and other tenants’ reports', async () => {
      for (const path of [
        `ilmenau/reports/${reports.hidden.id}`,
        `ilmenau/reports/${reports.unconfirmed.id}`,
        `ilmenau/reports/${reports.unconfirmed.number}`,
        `ilmenau/reports/00000000-0000-4000-8000-000000000000`,
        `ilmenau/reports/99999999`,
        `ilmenau/reports/${reports.jena.id}`,
        `ilmenau/reports/${reports.jena.number}`,
        `jena/reports/${reports.a1.id}`,
      ]) {
        const response = await get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
      expect((await body(`jena/reports/${reports.jena.id}`)).id).toBe(reports.jena.id);
    });

    it('keeps hidden and unconfirmed reports out of every list, and other tenants out of this one', async () => {
      const listed = (await body('ilmenau/reports?pageSize=100')).items.map((item: any) => item.id);
      const street = (await body(`ilmenau/reports/clusters?bbox=${STREET_VIEW}&zoom=17`)).clusters.map((cluster: any) => cluster.reportId);
      expect(street).toHaveLength(9);
      const near = (await body(`ilmenau/reports/duplicates?lat=${P1.lat}&lon=${P1.lon}&description=Schlagloch%20B%C3%A4ckerei`)).map((item: any) => item.id);
      for (const found of [listed, street, near]) {
        expect(found).not.toContain(reports.hidden.id);
        expect(found).not.toContain(reports.unconfirmed.id);
        expect(found).not.toContain(reports.jena.id);
      }
      expect((await body('jena/reports')).items.map((item: any) => item.id)).toEqual([reports.jena.id]);
    });
  });

  describe('input validation', () => {
    it.each([
      ['ilmenau/reports/clusters?zoom=12', ['bbox']],
      ['ilmenau/reports/clusters?bbox=10.9,50.6,11&zoom=12', ['bbox']],
      ['ilmenau/reports/clusters?bbox=11,50.6,10.9,50.7&zoom=12', ['bbox']],
      ['ilmenau/reports/clusters?bbox=10.9,50.6,11,95&zoom=12', ['bbox']],
      ['ilmenau/reports/clusters?bbox=10.9,50.6,11,50.7&zoom=23', ['zoom']],
      ['ilmenau/reports/clusters?bbox=10.9,50.6,11,50.7&zoom=twelve&status=fixed', ['status', 'zoom']],
      ['ilmenau/reports/clusters?bbox=10.9,50.6,11,50.7&bbox=1,2,3,4&zoom=12', ['bbox']],
      ['ilmenau/reports?pageSize=101&page=0', ['page', 'pageSize']],
      ['ilmenau/reports?maxAgeDays=-1&category=Stra%C3%9Fe', ['category', 'maxAgeDays']],
      ['ilmenau/reports/duplicates?lat=91&lon=10', ['lat']],
      ['ilmenau/reports/duplicates?lon=181', ['lat', 'lon']],
      ['ilmenau/reports/not-an-id', ['id']],
    ])('%s → 400 naming %j', async (path, fields) => {
      const response = await get(path, { 'Accept-Language': 'en' });
      expect(response.status).toBe(400);
      const error = await json(response);
      expect(error.statusCode).toBe(400);
      expect([...new Set(error.errors.map((entry: any) => entry.field))].sort()).toEqual(fields);
      for (const entry of error.errors) expect(entry.message).toEqual(expect.any(String));
    });

    it('answers field messages in German by default', async () => {
      const error = await json(await get('ilmenau/reports/clusters?bbox=11,50.6,10.9,50.7&zoom=12'));
      expect(error.errors[0]).toEqual({ field: 'bbox', code: 'bbox_empty', message: 'Minimum muss kleiner als Maximum sein' });
    });
  });

  describe('map cache', () => {
    const GERA = { lat: 50.8803, lon: 12.0819 };
    const geraView = `bbox=12.07,50.87,12.09,50.89&zoom=12`;
    const count = async () => (await body(`gera/reports/clusters?${geraView}`)).clusters.reduce((sum: number, cluster: any) => sum + cluster.count, 0);

    it('answers from the cache until the write side reports a change for the tenant', async () => {
      const gera = await fx.tenantId('gera');
      await fx.category(gera, 'rd-road', 'Straßenschaden', 'Road damage');
      await fx.report(gera, { category: 'rd-road', ...GERA });
      stack.api.get(ReportMapCache).invalidate(gera);
      expect(await count()).toBe(1);

      // A write the cache has not heard of: the cached answer stays (until the TTL of a few seconds).
      await fx.report(gera, { category: 'rd-road', lat: GERA.lat + 0.001, lon: GERA.lon });
      expect(await count()).toBe(1);
      // Other tenants' changes do not touch it.
      stack.api.get(ReportChangeListeners).changed(ilmenau);
      expect(await count()).toBe(1);

      // The write side's change notification (intake, confirmation, routing, photos) invalidates it.
      stack.api.get(ReportChangeListeners).changed(gera);
      expect(await count()).toBe(2);
    });

    it('keys the cache by filters and snapped box, so a small pan is a hit and a filter change is not', async () => {
      const cache = stack.api.get(ReportMapCache);
      await body(`gera/reports/clusters?${geraView}&status=open`);
      const before = cache.stats;
      await body(`gera/reports/clusters?bbox=12.0701,50.8701,12.0901,50.8901&zoom=12&status=open`);
      expect(cache.stats.hits).toBe(before.hits + 1);
      await body(`gera/reports/clusters?${geraView}&status=closed`);
      expect(cache.stats.misses).toBe(before.misses + 1);
    });
  });

  // Last: relies on the responses collected by every test above.
  it('never puts contact data, follower addresses, internal notes or IP hashes in any response', () => {
    expect(bodies.length).toBeGreaterThan(50);
    for (const text of bodies) {
      for (const secret of [CONTACT_EMAIL, CONTACT_PHONE, 'Erika Mustermann', FOLLOWER_EMAIL, 'pending@example.org', INTERNAL_NOTE, IP_HASH, 'amt@example.org']) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
