import { Client } from 'pg';
import { DemoSeedContributor, DemoSeedService } from '@app/tenants';
import { ReportDemoSeed } from '@app/reports';
import { TestSmtpServer, waitFor } from '@app/testing';
import { TestStack, json, startTestStack } from '../support/test-api';
import { FORMATS, Format, Open311Response, Open311TestClient, asXmlLeaves, errorsOf, expectOpen311Error } from './open311-test-client';

/**
 * The GeoReport v2 conformance checklist (docs: shared/domain/defect-reporting.md (b)),
 * generated from one table of cases and run for two jurisdictions in both formats
 * against the real API, worker, PostgreSQL, Redis and SMTP test server.
 * ilmenau answers POSTs realtime (service_request_id); jena confirms by e-mail and
 * answers with tokens (batch).
 */
interface Jurisdiction {
  slug: string;
  type: 'realtime' | 'batch';
  centre: { lat: number; lon: number };
  key: string;
  /** service_request_ids created in beforeAll. */
  ids: { pothole: string; closed: string; dumping: string; hidden: string; old: string; unconfirmed: string };
}

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const R5_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const ENDPOINTS = ['discovery', 'services', 'services/schlagloch', 'requests', 'servicerequestupdates'];

describe('Open311 GeoReport v2 conformance (two jurisdictions × XML/JSON)', () => {
  let stack: TestStack;
  let smtp: TestSmtpServer;
  let admin: Client;
  let client: Open311TestClient;
  const jurisdictions: Record<string, Jurisdiction> = {};

  /** POST requests, returning the service_request_id (resolving the token for batch jurisdictions). */
  async function create(j: Jurisdiction, fields: Record<string, string>, extra: Array<[string, string]> = []): Promise<string> {
    const response = await client.post('requests', 'xml', [['jurisdiction_id', j.slug], ['api_key', j.key], ...Object.entries(fields), ...extra]);
    if (response.status !== 200) throw new Error(`POST failed ${response.status}: ${response.text}`);
    const [item] = response.body;
    if (item.service_request_id) return item.service_request_id;
    const resolved = await client.get(`tokens/${item.token}`, 'xml', { jurisdiction_id: j.slug });
    return resolved.body[0].service_request_id;
  }

  const tenantId = async (slug: string) => (await admin.query('SELECT id FROM tenants WHERE slug = $1', [slug])).rows[0].id as string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    stack = await startTestStack({ worker: true, env: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'http://mitreden.test' } });
    await stack.api.get(DemoSeedService).seedIfEmpty([stack.api.get(ReportDemoSeed) as DemoSeedContributor]);
    admin = new Client({ connectionString: stack.db.adminUrl });
    await admin.connect();
    client = new Open311TestClient(stack);
    // S3: the lists differ per jurisdiction.
    await admin.query(`UPDATE categories SET active = false WHERE code = 'spielplatz' AND tenant_id = $1`, [await tenantId('jena')]);
    for (const [slug, type] of [['ilmenau', 'realtime'], ['jena', 'batch']] as const) {
      const centre = (await json(await fetch(`${stack.baseUrl}/api/v1/t/${slug}`))).map.centre;
      const { key } = await client.createKey(slug, 'Conformance suite');
      const j: Jurisdiction = { slug, type, centre, key, ids: {} as Jurisdiction['ids'] };
      const at = { lat: String(centre.lat), long: String(centre.lon) };
      j.ids.pothole = await create(j, { service_code: 'schlagloch', ...at, 'attribute[size]': 'large', description: 'Tiefes Schlagloch vor der Bäckerei – Straße gesperrt? Grüße', address_string: 'Lindenstraße 5' });
      j.ids.closed = await create(j, { service_code: 'papierkorb-voll', ...at, description: 'Papierkorb quillt über' });
      j.ids.dumping = await create(j, { service_code: 'illegale-muellablagerung', ...at, description: 'Sperrmüll am Waldrand' }, [['attribute[waste_types][]', 'bulky'], ['attribute[waste_types][]', 'tyres']]);
      j.ids.hidden = await create(j, { service_code: 'graffiti', ...at, description: 'Versteckte Meldung' });
      j.ids.old = await create(j, { service_code: 'verkehrszeichen', ...at, description: 'Alte Meldung' });
      await admin.query(`UPDATE reports SET status = 'fixed', closed_at = now(), updated_at = now() WHERE number = $1`, [j.ids.closed]);
      await admin.query(`UPDATE reports SET hidden = true WHERE number = $1`, [j.ids.hidden]);
      await admin.query(`UPDATE reports SET created_at = now() - interval '100 days' WHERE number = $1`, [j.ids.old]);
      jurisdictions[slug] = j;
    }
    // R6: a jena report with an e-mail address waits for its confirmation link.
    const jena = jurisdictions.jena;
    jena.ids.unconfirmed = await create(jena, { service_code: 'graffiti', lat: String(jena.centre.lat), long: String(jena.centre.lon), description: 'Noch nicht bestätigt', email: 'wartet@example.org' });
    jurisdictions.ilmenau.ids.unconfirmed = jena.ids.unconfirmed;
    await waitFor(async () => (await admin.query(`SELECT count(*)::int AS n FROM reports WHERE number = $1 AND routed_at IS NOT NULL`, [jurisdictions.ilmenau.ids.pothole])).rows[0].n === 1, { what: 'routing', timeoutMs: 20000 });
  });

  afterAll(async () => {
    await admin?.end();
    await stack?.close();
    await smtp?.stop();
  });

  const ids = (response: Open311Response): string[] => response.body.map((item: { service_request_id: unknown }) => String(item.service_request_id));

  type Case = [id: string, title: string, run: (j: Jurisdiction, format: Format) => Promise<void>];
  const cases: Case[] = [
    ['G1', 'content type and XML declaration on every endpoint', async (j, format) => {
      for (const endpoint of ENDPOINTS) {
        const response = await client.get(endpoint, format, { jurisdiction_id: j.slug });
        expect({ endpoint, status: response.status }).toEqual({ endpoint, status: 200 });
        expect(response.contentType).toBe(format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');
        if (format === 'xml') expect(response.text.split('\n')[0]).toBe('<?xml version="1.0" encoding="utf-8"?>');
        expect(response.text).not.toMatch(/xmlns/);
      }
    }],
    ['G1', 'an unknown format suffix is a 400 with an error body', async (j) => {
      for (const suffix of ['html', 'rss', 'XML', 'csv']) {
        const response = await client.getUrl(`${client.base}/services.${suffix}?jurisdiction_id=${j.slug}`);
        expectOpen311Error(response, 400, /format/);
      }
      expectOpen311Error(await client.getUrl(`${client.base}/services?jurisdiction_id=${j.slug}`), 404);
    }],
    ['G2', 'umlauts and ß round-trip in service_name and description', async (j, format) => {
      const services = await client.get('services', format, { jurisdiction_id: j.slug });
      expect(services.body.map((service: { service_name: string }) => service.service_name)).toContain('Schlagloch / Straßenschaden');
      const [request] = (await client.get(`requests/${j.ids.pothole}`, format, { jurisdiction_id: j.slug })).body;
      expect(request.description).toBe('Tiefes Schlagloch vor der Bäckerei – Straße gesperrt? Grüße');
    }],
    ['G3', 'datetimes carry Z or an offset; date input without a time zone is a 400', async (j, format) => {
      const [request] = (await client.get(`requests/${j.ids.pothole}`, format, { jurisdiction_id: j.slug })).body;
      expect(request.requested_datetime).toMatch(W3C);
      expect(request.updated_datetime).toMatch(W3C);
      for (const bad of ['2026-11-01', '2026-11-01T10:00:00', 'yesterday', '2026-02-31T00:00:00Z']) {
        expectOpen311Error(await client.get('requests', format, { jurisdiction_id: j.slug, start_date: bad }), 400, /start_date/);
      }
      expect((await client.get('requests', format, { jurisdiction_id: j.slug, start_date: new Date(Date.now() - 86400000).toISOString() })).status).toBe(200);
    }],
    ['G4', 'empty optional parameters behave like absent ones', async (j, format) => {
      const plain = ids(await client.get('requests', format, { jurisdiction_id: j.slug }));
      const empty = ids(await client.get('requests', format, { jurisdiction_id: j.slug, status: '', service_code: '', start_date: '', end_date: '', service_request_id: '', page: '', bbox: '' }));
      expect(empty).toEqual(plain);
    }],
    ['G5', 'jurisdiction_id missing → 400, unknown → 404, on every endpoint', async (j, format) => {
      for (const endpoint of [...ENDPOINTS, `requests/${j.ids.pothole}`, 'tokens/abcdefghijklmnopqrstuvwx']) {
        expectOpen311Error(await client.get(endpoint, format), 400, /jurisdiction_id/);
        expectOpen311Error(await client.get(endpoint, format, { jurisdiction_id: 'atlantis' }), 404, /jurisdiction/);
      }
      expectOpen311Error(await client.post('requests', format, { api_key: j.key, service_code: 'schlagloch' }), 400, /jurisdiction_id/);
      expectOpen311Error(await client.post('requests', format, { jurisdiction_id: 'atlantis', api_key: j.key }), 404, /jurisdiction/);
    }],
    ['G6', 'errors: several at once, each with code and description', async (j, format) => {
      const response = await client.post('requests', format, { jurisdiction_id: j.slug, api_key: j.key, service_code: 'schlagloch', lat: String(j.centre.lat), long: String(j.centre.lon), email: 'not-an-address', phone: 'call me' });
      expectOpen311Error(response, 400);
      const descriptions = errorsOf(response).map((error) => error.description).join(' | ');
      expect(descriptions).toMatch(/email/);
      expect(descriptions).toMatch(/phone/);
      expect(errorsOf(response).length).toBeGreaterThanOrEqual(2);
    }],
    ['G7', 'JSON mirrors XML: lists are arrays, definition and discovery objects, ids and codes strings', async (j, format) => {
      if (format === 'xml') return; // compared from the JSON side
      for (const endpoint of ENDPOINTS.concat(`requests/${j.ids.pothole}`)) {
        const [asJson, asXml] = await Promise.all([client.get(endpoint, 'json', { jurisdiction_id: j.slug }), client.get(endpoint, 'xml', { jurisdiction_id: j.slug })]);
        expect(asXmlLeaves(asJson.body)).toEqual(asXml.body);
      }
      const services = await client.get('services', 'json', { jurisdiction_id: j.slug });
      expect(Array.isArray(services.body)).toBe(true);
      for (const service of services.body) expect(typeof service.service_code).toBe('string');
      const requests = await client.get('requests', 'json', { jurisdiction_id: j.slug });
      for (const request of requests.body) expect(typeof request.service_request_id).toBe('string');
      expect(Array.isArray((await client.get('services/schlagloch', 'json', { jurisdiction_id: j.slug })).body)).toBe(false);
      expect(Array.isArray((await client.get('discovery', 'json', { jurisdiction_id: j.slug })).body)).toBe(false);
    }],
    ['G8', 'optional empty fields: empty element in XML, null in JSON; none omitted', async (j, format) => {
      const [request] = (await client.get(`requests/${j.ids.closed}`, format, { jurisdiction_id: j.slug })).body;
      for (const field of R5_FIELDS) expect(Object.keys(request)).toContain(field);
      for (const field of ['service_notice', 'expected_datetime', 'address_id', 'zipcode', 'media_url']) expect(request[field]).toBe(format === 'xml' ? '' : null);
      if (format === 'xml') expect((await client.get(`requests/${j.ids.closed}`, 'xml', { jurisdiction_id: j.slug })).text).toContain('<zipcode/>');
    }],
    ['D1', 'discovery: fields, specification, absolute url from the request host', async (j, format) => {
      const { body } = await client.get('discovery', format, { jurisdiction_id: j.slug });
      expect(Object.keys(body)).toEqual(expect.arrayContaining(['changeset', 'contact', 'key_service', 'endpoints']));
      expect(body.changeset).toMatch(W3C);
      expect(body.endpoints).toHaveLength(1);
      const [endpoint] = body.endpoints;
      expect(endpoint).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${stack.baseUrl}/open311/v2`, type: 'production' });
      expect(endpoint.formats).toEqual(['text/xml', 'application/json']);
      expect(endpoint.changeset).toMatch(W3C);
      // A validator follows url: it must lead to this server.
      expect((await client.getUrl(`${endpoint.url}/services.xml?jurisdiction_id=${j.slug}`)).status).toBe(200);
    }],
    ['S1', 'services: every field; type realtime or batch, never blackbox', async (j, format) => {
      const { body } = await client.get('services', format, { jurisdiction_id: j.slug });
      expect(body.length).toBeGreaterThan(5);
      for (const service of body) {
        expect(Object.keys(service).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
        expect(service.type).toBe(j.type);
        expect(service.keywords).toMatch(/^[^,]+(,[^,]+)*$/);
      }
    }],
    ['S2', 'metadata is true exactly when the category has attributes', async (j, format) => {
      const { body } = await client.get('services', format, { jurisdiction_id: j.slug });
      for (const service of body) {
        const definition = await client.get(`services/${service.service_code}`, format, { jurisdiction_id: j.slug });
        expect({ code: service.service_code, metadata: String(service.metadata) }).toEqual({ code: service.service_code, metadata: String(definition.body.attributes.length > 0) });
      }
    }],
    ['S3', 'service lists differ per jurisdiction', async (j, format) => {
      const codes = (await client.get('services', format, { jurisdiction_id: j.slug })).body.map((service: { service_code: string }) => service.service_code);
      expect(codes.includes('spielplatz')).toBe(j.slug !== 'jena');
      if (j.slug === 'jena') expectOpen311Error(await client.get('services/spielplatz', format, { jurisdiction_id: 'jena' }), 404);
    }],
    ['SD1', 'service definition: attributes with every field, unique positive order, values for lists', async (j, format) => {
      const { body } = await client.get('services/strassenbeleuchtung', format, { jurisdiction_id: j.slug });
      expect(body.service_code).toBe('strassenbeleuchtung');
      const orders = new Set<string>();
      for (const attribute of body.attributes) {
        expect(Object.keys(attribute).sort()).toEqual(['code', 'datatype', 'datatype_description', 'description', 'order', 'required', 'values', 'variable']);
        expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(attribute.datatype);
        expect(Number(attribute.order)).toBeGreaterThan(0);
        orders.add(String(attribute.order));
        if (attribute.datatype.endsWith('list')) for (const value of attribute.values) expect(Object.keys(value).sort()).toEqual(['key', 'name']);
      }
      expect(orders.size).toBe(body.attributes.length);
      expect(body.attributes[0]).toMatchObject({ code: 'fault', datatype: 'singlevaluelist', description: 'Was ist los?' });
      expect(body.attributes[0].values).toContainEqual({ key: 'off', name: 'brennt nicht' });
      expect(String(body.attributes[0].required)).toBe('true');
    }],
    ['SD2', 'unknown service code → 404', async (j, format) => {
      expectOpen311Error(await client.get('services/gibt-es-nicht', format, { jurisdiction_id: j.slug }), 404, /service_code/);
    }],
    ['P1', 'api_key missing, wrong or revoked → 403', async (j, format) => {
      const fields = { jurisdiction_id: j.slug, service_code: 'schlagloch', lat: String(j.centre.lat), long: String(j.centre.lon), 'attribute[size]': 'small', description: 'x' };
      expectOpen311Error(await client.post('requests', format, fields), 403, /api_key/);
      expectOpen311Error(await client.post('requests', format, { ...fields, api_key: 'o311_wrong' }), 403, /api_key/);
      const revoked = await client.createKey(j.slug, 'Revoked client');
      expect(await client.revokeKey(j.slug, revoked.id)).toContain('revoked');
      expectOpen311Error(await client.post('requests', format, { ...fields, api_key: revoked.key }), 403, /api_key/);
    }],
    ['P2', 'service_code missing → 400, unknown → 404', async (j, format) => {
      const fields = { jurisdiction_id: j.slug, api_key: j.key, lat: String(j.centre.lat), long: String(j.centre.lon), description: 'x' };
      expectOpen311Error(await client.post('requests', format, fields), 400, /service_code/);
      expectOpen311Error(await client.post('requests', format, { ...fields, service_code: 'gibt-es-nicht' }), 404, /service_code/);
    }],
    ['P3', 'location: none, half, out of range, address only (no geocoding), outside every tenant → 400', async (j, format) => {
      const base = { jurisdiction_id: j.slug, api_key: j.key, service_code: 'papierkorb-voll', description: 'x' };
      const lat = String(j.centre.lat);
      const long = String(j.centre.lon);
      expectOpen311Error(await client.post('requests', format, base), 400, /lat/);
      expectOpen311Error(await client.post('requests', format, { ...base, lat }), 400, /long/);
      expectOpen311Error(await client.post('requests', format, { ...base, long }), 400, /lat/);
      expectOpen311Error(await client.post('requests', format, { ...base, lat: '91', long }), 400, /lat/);
      expectOpen311Error(await client.post('requests', format, { ...base, lat, long: '-181' }), 400, /long/);
      expectOpen311Error(await client.post('requests', format, { ...base, address_string: 'Marktplatz 1' }), 400, /geocoding/);
      expectOpen311Error(await client.post('requests', format, { ...base, address_id: 'A-123' }), 400, /geocoding/);
      expectOpen311Error(await client.post('requests', format, { ...base, lat: '48.137', long: '11.575' }), 400, /lat: .*(außerhalb|outside)/);
    }],
    ['P4', 'attributes: required, allowed values, numbers; list answers with []', async (j, format) => {
      const base = { jurisdiction_id: j.slug, api_key: j.key, lat: String(j.centre.lat), long: String(j.centre.lon), description: 'x' };
      expectOpen311Error(await client.post('requests', format, { ...base, service_code: 'schlagloch' }), 400, /attribute\[size\]/);
      expectOpen311Error(await client.post('requests', format, { ...base, service_code: 'schlagloch', 'attribute[size]': 'huge' }), 400, /attribute\[size\]/);
      expectOpen311Error(await client.post('requests', format, [...Object.entries(base), ['service_code', 'illegale-muellablagerung'], ['attribute[waste_types][]', 'bulky'], ['attribute[volume_m3]', 'viel']]), 400, /attribute\[volume_m3\]/);
      const id = await create(j, { service_code: 'illegale-muellablagerung', lat: base.lat, long: base.long, description: 'Reifen', 'attribute[volume_m3]': '2.5' }, [['attribute[waste_types][]', 'tyres'], ['attribute[waste_types][]', 'rubble']]);
      const { rows } = await admin.query('SELECT attributes FROM reports WHERE number = $1', [id]);
      expect(rows[0].attributes).toEqual({ waste_types: ['tyres', 'rubble'], volume_m3: '2.5' });
    }],
    ['P5', 'optional contact and client fields are stored', async (j, format) => {
      const response = await client.post('requests', format, [['jurisdiction_id', j.slug], ['api_key', j.key], ['service_code', 'papierkorb-voll'], ['lat', String(j.centre.lat)], ['long', String(j.centre.lon)],
        ['description', `Zeile 1\r\nZeile 2 ${format}`], ['email', `p5-${j.slug}-${format}@example.org`], ['first_name', 'Petra'], ['last_name', 'Fünf'], ['phone', '+49 3677 123'], ['device_id', 'dev-p5'], ['account_id', 'acc-p5'], ['media_url', 'https://fms.example/photo/1.jpeg']]);
      expect(response.status).toBe(200);
      const { rows } = await admin.query(
        `SELECT r.description, r.source, c.email, c.name, c.phone, s.device_id, s.account_id, s.media_urls, s.client_name FROM report_contacts c JOIN reports r ON r.id = c.report_id JOIN open311_submissions s ON s.report_id = r.id WHERE c.email = $1`,
        [`p5-${j.slug}-${format}@example.org`],
      );
      expect(rows[0]).toEqual({ description: `Zeile 1\nZeile 2 ${format}`, source: 'open311', email: `p5-${j.slug}-${format}@example.org`, name: 'Petra Fünf', phone: '+49 3677 123', device_id: 'dev-p5', account_id: 'acc-p5', media_urls: ['https://fms.example/photo/1.jpeg'], client_name: 'Conformance suite' });
    }],
    ['P6', 'reply: service_request_id (realtime) xor token (batch)', async (j, format) => {
      const response = await client.post('requests', format, { jurisdiction_id: j.slug, api_key: j.key, service_code: 'papierkorb-voll', lat: String(j.centre.lat), long: String(j.centre.lon), description: 'P6' });
      expect(response.status).toBe(200);
      if (format === 'xml') expect(response.root).toBe('service_requests');
      expect(response.body).toHaveLength(1);
      const [item] = response.body;
      if (j.type === 'realtime') {
        expect(item.service_request_id).toMatch(/^\d+$/);
        expect(item.token).toBeUndefined();
      } else {
        expect(item.token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
        expect(item.service_request_id).toBeUndefined();
      }
    }],
    ['T1', 'tokens resolve at once to service_request_id + token; unknown → 404', async (j, format) => {
      expectOpen311Error(await client.get('tokens/unknowntoken1234567890', format, { jurisdiction_id: j.slug }), 404, /token/);
      if (j.type !== 'batch') return;
      const started = Date.now();
      const response = await client.post('requests', format, { jurisdiction_id: j.slug, api_key: j.key, service_code: 'papierkorb-voll', lat: String(j.centre.lat), long: String(j.centre.lon), description: 'T1' });
      const [{ token }] = response.body;
      const resolved = await client.get(`tokens/${token}`, format, { jurisdiction_id: j.slug });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(resolved.body).toEqual([{ service_request_id: expect.stringMatching(/^\d+$/), token }]);
      expectOpen311Error(await client.get(`tokens/${token}`, format, { jurisdiction_id: 'ilmenau' }), 404);
    }],
    ['R1', 'no filters: the last 90 days only', async (j, format) => {
      const listed = ids(await client.get('requests', format, { jurisdiction_id: j.slug }));
      expect(listed).toEqual(expect.arrayContaining([j.ids.pothole, j.ids.closed, j.ids.dumping]));
      expect(listed).not.toContain(j.ids.old);
      const old = ids(await client.get('requests', format, { jurisdiction_id: j.slug, start_date: new Date(Date.now() - 101 * 86400000).toISOString(), end_date: new Date(Date.now() - 99 * 86400000).toISOString() }));
      expect(old).toEqual([j.ids.old]);
    }],
    ['R2', 'a service_request_id list overrides every other filter', async (j, format) => {
      const listed = ids(await client.get('requests', format, { jurisdiction_id: j.slug, service_request_id: `${j.ids.pothole},${j.ids.old}, ${j.ids.closed}`, status: 'closed', service_code: 'graffiti', start_date: '2020-01-01T00:00:00Z', end_date: '2020-01-02T00:00:00Z' }));
      expect(listed.sort()).toEqual([j.ids.pothole, j.ids.old, j.ids.closed].sort());
    }],
    ['R3', 'service_code and status take comma lists; a bad status is a 400', async (j, format) => {
      const closed = ids(await client.get('requests', format, { jurisdiction_id: j.slug, status: 'closed' }));
      expect(closed).toContain(j.ids.closed);
      expect(closed).not.toContain(j.ids.pothole);
      const open = ids(await client.get('requests', format, { jurisdiction_id: j.slug, status: 'open' }));
      expect(open).toContain(j.ids.pothole);
      expect(open).not.toContain(j.ids.closed);
      expect(ids(await client.get('requests', format, { jurisdiction_id: j.slug, status: 'open,closed' })).sort()).toEqual(ids(await client.get('requests', format, { jurisdiction_id: j.slug })).sort());
      const codes = ids(await client.get('requests', format, { jurisdiction_id: j.slug, service_code: 'schlagloch,illegale-muellablagerung' }));
      expect(codes).toEqual(expect.arrayContaining([j.ids.pothole, j.ids.dumping]));
      expect(codes).not.toContain(j.ids.closed);
      expectOpen311Error(await client.get('requests', format, { jurisdiction_id: j.slug, status: 'open,pending' }), 400, /status/);
    }],
    ['R4', 'start_date/end_date filter requested_datetime; more than 90 days apart is a 400', async (j, format) => {
      const now = Date.now();
      expectOpen311Error(await client.get('requests', format, { jurisdiction_id: j.slug, start_date: new Date(now - 91 * 86400000).toISOString(), end_date: new Date(now).toISOString() }), 400, /90 days/);
      expectOpen311Error(await client.get('requests', format, { jurisdiction_id: j.slug, start_date: new Date(now).toISOString(), end_date: new Date(now - 86400000).toISOString() }), 400, /end_date/);
      const future = ids(await client.get('requests', format, { jurisdiction_id: j.slug, start_date: new Date(now + 86400000).toISOString() }));
      expect(future).toEqual([]);
      const recent = ids(await client.get('requests', format, { jurisdiction_id: j.slug, start_date: new Date(now - 86400000).toISOString().replace('Z', '+00:00'), end_date: new Date(now + 60000).toISOString() }));
      expect(recent).toContain(j.ids.pothole);
    }],
    ['R5', 'every item has every field; agency_responsible is the department', async (j, format) => {
      const { body } = await client.get('requests', format, { jurisdiction_id: j.slug });
      for (const item of body) expect(Object.keys(item)).toEqual(R5_FIELDS);
      const pothole = body.find((item: { service_request_id: string }) => item.service_request_id === j.ids.pothole);
      expect(pothole).toMatchObject({ status: 'open', service_code: 'schlagloch', service_name: 'Schlagloch / Straßenschaden', address: 'Lindenstraße 5' });
      if (j.slug === 'ilmenau') expect(pothole.agency_responsible).toBe('Tiefbauamt');
      expect(Number(pothole.lat)).toBeCloseTo(j.centre.lat, 5);
      expect(Number(pothole.long)).toBeCloseTo(j.centre.lon, 5);
      if (format === 'json') expect(typeof pothole.lat).toBe('number');
      const closed = body.find((item: { service_request_id: string }) => item.service_request_id === j.ids.closed);
      expect(closed.status).toBe('closed');
    }],
    ['R6', 'unconfirmed and hidden reports never appear', async (j, format) => {
      const all = ids(await client.get('requests', format, { jurisdiction_id: j.slug }));
      expect(all).not.toContain(j.ids.hidden);
      expect(all).not.toContain(j.ids.unconfirmed);
      for (const id of [j.ids.hidden, j.ids.unconfirmed]) expectOpen311Error(await client.get(`requests/${id}`, format, { jurisdiction_id: j.slug }), 404);
      expect(ids(await client.get('requests', format, { jurisdiction_id: j.slug, service_request_id: `${j.ids.hidden},${j.ids.unconfirmed}` }))).toEqual([]);
    }],
    ['R7', 'requests/{id}: the same shape inside a list; unknown → 404', async (j, format) => {
      const one = await client.get(`requests/${j.ids.pothole}`, format, { jurisdiction_id: j.slug });
      if (format === 'xml') expect(one.root).toBe('service_requests');
      const fromList = (await client.get('requests', format, { jurisdiction_id: j.slug })).body.find((item: { service_request_id: string }) => item.service_request_id === j.ids.pothole);
      expect(one.body).toEqual([fromList]);
      for (const unknown of ['999999999', 'abc', '1.5']) expectOpen311Error(await client.get(`requests/${unknown}`, format, { jurisdiction_id: j.slug }), 404);
    }],
    ['E1', 'page and page_size', async (j, format) => {
      const all = ids(await client.get('requests', format, { jurisdiction_id: j.slug }));
      const first = ids(await client.get('requests', format, { jurisdiction_id: j.slug, page_size: '2' }));
      const second = ids(await client.get('requests', format, { jurisdiction_id: j.slug, page_size: '2', page: '2' }));
      expect([...first, ...second]).toEqual(all.slice(0, 4));
      expectOpen311Error(await client.get('requests', format, { jurisdiction_id: j.slug, page_size: '1001' }), 400, /page_size/);
      expectOpen311Error(await client.get('requests', format, { jurisdiction_id: j.slug, page: '0' }), 400, /page/);
    }],
    ['E2', 'updated_after / updated_before', async (j, format) => {
      const marker = new Date(Date.now() - 1000);
      await admin.query(`UPDATE reports SET updated_at = now() WHERE number = $1`, [j.ids.old]);
      const changed = ids(await client.get('requests', format, { jurisdiction_id: j.slug, updated_after: marker.toISOString() }));
      expect(changed).toContain(j.ids.old);
      expect(ids(await client.get('requests', format, { jurisdiction_id: j.slug, updated_before: '2000-01-01T00:00:00Z' }))).toEqual([]);
    }],
    ['E3', 'extensions=true: detailed status, notes history, media URLs', async (j, format) => {
      const plain = (await client.get(`requests/${j.ids.closed}`, format, { jurisdiction_id: j.slug })).body[0];
      expect(plain.extended_attributes).toBeUndefined();
      const [item] = (await client.get(`requests/${j.ids.closed}`, format, { jurisdiction_id: j.slug, extensions: 'true' })).body;
      expect(item.extended_attributes).toMatchObject({ detailed_status: 'fixed', detailed_status_name: 'erledigt', detailed_status_name_en: 'fixed', fms_status: 'FIXED' });
      expect(Array.isArray(item.extended_attributes.media_urls)).toBe(true);
      expect(item.notes.length).toBeGreaterThanOrEqual(1);
      expect(item.notes[0]).toMatchObject({ type: 'opened', status: 'received', summary: 'eingegangen' });
      expect(item.notes[0].datetime).toMatch(W3C);
    }],
    ['E5', 'bbox filter; a bad bbox is a 400', async (j, format) => {
      const { lat, lon } = j.centre;
      const inside = ids(await client.get('requests', format, { jurisdiction_id: j.slug, bbox: `${lon - 0.01},${lat - 0.01},${lon + 0.01},${lat + 0.01}` }));
      expect(inside).toContain(j.ids.pothole);
      expect(ids(await client.get('requests', format, { jurisdiction_id: j.slug, bbox: '0,0,1,1' }))).toEqual([]);
      expectOpen311Error(await client.get('requests', format, { jurisdiction_id: j.slug, bbox: '1,2,3' }), 400, /bbox/);
    }],
  ];

  describe.each(['ilmenau', 'jena'])('jurisdiction %s', (slug) => {
    describe.each(FORMATS)('.%s', (format) => {
      it.each(cases)('%s %s', async (_id, _title, run) => {
        await run(jurisdictions[slug], format);
      });
    });
  });
});
