import { Client } from 'pg';
import sharp from 'sharp';
import { DemoSeedContributor, DemoSeedService } from '@app/tenants';
import { ReportDemoSeed } from '@app/reports';
import { TestSmtpServer, waitFor } from '@app/testing';
import { TestStack, json, startTestStack } from '../support/test-api';
import { Open311TestClient, expectOpen311Error } from './open311-test-client';

/**
 * FixMyStreet as a client (shared/domain/defect-reporting.md (b) Q1–Q4 and (g)),
 * isolation between jurisdictions, contact data never in GET output, the
 * servicerequestupdates round trip, and "nothing a client sends gives a 5xx".
 */
describe('Open311 with FixMyStreet quirks, across tenants, and the update exchange', () => {
  let stack: TestStack;
  let smtp: TestSmtpServer;
  let admin: Client;
  let client: Open311TestClient;
  let ilmenau: { lat: number; lon: number };
  let gera: { lat: number; lon: number };
  let keyA: string;
  let keyA2: string;
  let keyB: string;
  const contact = { email: 'fms.buerger@example.org', first_name: 'Fridolin', last_name: 'Meldemann', phone: '+49 3677 987654', device_id: 'device-XYZ-1', account_id: 'account-4711' };

  /** An FMS-style POST: everything in the form, jurisdiction_id and api_key included. */
  const fmsPost = (fields: Array<[string, string]>, key = keyA, slug = 'ilmenau') => client.post('requests', 'xml', [['jurisdiction_id', slug], ['api_key', key], ...fields]);
  const at = (point: { lat: number; lon: number }): Array<[string, string]> => [['lat', String(point.lat)], ['long', String(point.lon)]];
  const report = async (number: string) => (await admin.query('SELECT * FROM reports WHERE number = $1', [number])).rows[0];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    stack = await startTestStack({ worker: true, env: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'http://mitreden.test' } });
    await stack.api.get(DemoSeedService).seedIfEmpty([stack.api.get(ReportDemoSeed) as DemoSeedContributor]);
    admin = new Client({ connectionString: stack.db.adminUrl });
    await admin.connect();
    client = new Open311TestClient(stack);
    ilmenau = (await json(await fetch(`${stack.baseUrl}/api/v1/t/ilmenau`))).map.centre;
    gera = (await json(await fetch(`${stack.baseUrl}/api/v1/t/gera`))).map.centre;
    keyA = (await client.createKey('ilmenau', 'FixMyStreet Ilmenau')).key;
    keyA2 = (await client.createKey('ilmenau', 'Another app')).key;
    keyB = (await client.createKey('gera', 'FixMyStreet Gera')).key;
  });

  afterAll(async () => {
    await admin?.end();
    await stack?.close();
    await smtp?.stop();
  });

  describe('FixMyStreet quirks', () => {
    it('Q1/Q2: XML only, jurisdiction_id everywhere, fixmystreet_id, deviceid, #NOTPINPOINTED#, URL appended with CRLF, repeated media_url, contact fields', async () => {
      const description = 'Laterne flackert seit Tagen\r\n\r\nhttps://fms.example/report/4711';
      const response = await fmsPost([
        ['service_code', 'strassenbeleuchtung'], ...at(ilmenau), ['address_string', 'Am Markt'], ['address_id', '#NOTPINPOINTED#'],
        ['attribute[fault]', 'flicker'], ['attribute[fixmystreet_id]', '4711'], ['attribute[pole_number]', ''], ['attribute[unknown_thing]', 'x'],
        ['description', description], ['deviceid', contact.device_id], ['account_id', contact.account_id],
        ['email', contact.email], ['first_name', contact.first_name], ['last_name', contact.last_name], ['phone', contact.phone],
        ['media_url', 'https://fms.example/photo/4711.0.full.jpeg'], ['media_url', 'https://fms.example/photo/4711.1.full.jpeg'],
      ]);
      expect(response.status).toBe(200);
      expect(response.contentType).toBe('text/xml; charset=utf-8');
      const [{ service_request_id: id }] = response.body;
      const row = await report(id);
      expect(row).toMatchObject({ source: 'open311', address: 'Am Markt', description: 'Laterne flackert seit Tagen\n\nhttps://fms.example/report/4711', attributes: { fault: 'flicker' } });
      const { rows } = await admin.query('SELECT device_id, account_id, media_urls, client_name FROM open311_submissions WHERE report_id = $1', [row.id]);
      expect(rows[0]).toEqual({ device_id: contact.device_id, account_id: contact.account_id, media_urls: ['https://fms.example/photo/4711.0.full.jpeg', 'https://fms.example/photo/4711.1.full.jpeg'], client_name: 'FixMyStreet Ilmenau' });
      const stored = (await admin.query('SELECT email, name, phone FROM report_contacts WHERE report_id = $1', [row.id])).rows[0];
      expect(stored).toEqual({ email: contact.email, name: 'Fridolin Meldemann', phone: contact.phone });
    });

    it('(g): attribute[x] repeated without [] is a multi-value answer; an empty single-value attribute counts as absent', async () => {
      const response = await fmsPost([['service_code', 'illegale-muellablagerung'], ...at(ilmenau), ['description', 'Müll'], ['attribute[waste_types]', 'bulky'], ['attribute[waste_types]', 'electrical'], ['attribute[volume_m3]', '']]);
      expect(response.status).toBe(200);
      expect((await report(response.body[0].service_request_id)).attributes).toEqual({ waste_types: ['bulky', 'electrical'] });
    });

    it('(g): a urlencoded body without charset is read as UTF-8', async () => {
      const body = `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=graffiti&lat=${ilmenau.lat}&long=${ilmenau.lon}&description=${encodeURIComponent('Schmiererei an der Brücke – ß')}`;
      const response = await fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      const parsed = await client.read(response, 'xml');
      expect(parsed.status).toBe(200);
      expect((await report(parsed.body[0].service_request_id)).description).toBe('Schmiererei an der Brücke – ß');
    });

    it('E4: multipart with photo1 and media parts, jurisdiction_id and api_key inside the multipart body', async () => {
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 10, b: 10 } } }).jpeg().toBuffer();
      const form = new FormData();
      for (const [key, value] of [['jurisdiction_id', 'ilmenau'], ['api_key', keyA], ['service_code', 'spielplatz'], ['lat', String(ilmenau.lat)], ['long', String(ilmenau.lon)], ['description', 'Schaukel kaputt'], ['attribute[fixmystreet_id]', '99']]) form.append(key, value);
      form.append('photo1', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo1.jpeg');
      form.append('media', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'media.jpeg');
      const response = await client.postMultipart('requests', 'xml', form);
      expect(response.status).toBe(200);
      const row = await report(response.body[0].service_request_id);
      expect((await admin.query('SELECT count(*)::int AS n FROM report_photos WHERE report_id = $1', [row.id])).rows[0].n).toBe(2);
      const withoutKey = new FormData();
      withoutKey.append('jurisdiction_id', 'ilmenau');
      withoutKey.append('service_code', 'spielplatz');
      expectOpen311Error(await client.postMultipart('requests', 'xml', withoutKey), 403, /api_key/);
    });

    it('base URL variants: trailing slash, double slash and a missing slash reach the same routes', async () => {
      const reference = await client.getUrl(`${stack.baseUrl}/open311/v2/services.xml?jurisdiction_id=ilmenau`, 'xml');
      for (const path of ['/open311/v2//services.xml', '/open311//v2/services.xml', '/open311/v2services.xml']) {
        const variant = await client.getUrl(`${stack.baseUrl}${path}?jurisdiction_id=ilmenau`, 'xml');
        expect({ path, status: variant.status, text: variant.text }).toEqual({ path, status: 200, text: reference.text });
      }
      const posted = await fetch(`${stack.baseUrl}/open311/v2//requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=graffiti&lat=${ilmenau.lat}&long=${ilmenau.lon}&description=slash` });
      expect(posted.status).toBe(200);
    });

    it('(g): a very long service_request_id list in the query string (about 50 KiB) is answered', async () => {
      const response = await fmsPost([['service_code', 'graffiti'], ...at(ilmenau), ['description', 'in der langen Liste']]);
      const id = response.body[0].service_request_id;
      const list = [...Array.from({ length: 7000 }, (_, index) => String(900000 + index)), id].join(',');
      expect(list.length).toBeGreaterThan(45_000);
      const result = await client.get('requests', 'xml', { jurisdiction_id: 'ilmenau', service_request_id: list });
      expect(result.status).toBe(200);
      expect(result.body.map((item: { service_request_id: string }) => item.service_request_id)).toEqual([id]);
    });

    it('Q1: GET never asks for an api_key; services are never blackbox', async () => {
      for (const path of ['services', 'requests', 'servicerequestupdates', 'discovery']) expect((await client.get(path, 'xml', { jurisdiction_id: 'ilmenau' })).status).toBe(200);
      const services = await client.get('services', 'xml', { jurisdiction_id: 'ilmenau' });
      expect(services.text).not.toContain('blackbox');
    });

    it('Q3: every refusal is an <errors><error> document, and nothing a client sends gives a 5xx', async () => {
      const huge = 'x'.repeat(200_000);
      const attempts: Array<Promise<Response>> = [
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=graffiti&lat=${ilmenau.lat}&long=${ilmenau.lon}&description=${huge}` }),
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=schlagloch&lat=${ilmenau.lat}&long=${ilmenau.lon}&attribute[size]=${'y'.repeat(50_000)}` }),
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=${'z'.repeat(5000)}` }),
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=graffiti&lat=abc&long=[]` }),
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=graffiti&lat=1e400&long=NaN` }),
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&jurisdiction_id=gera&api_key=${keyA}` }),
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=graffiti&lat=${ilmenau.lat}&long=${ilmenau.lon}&description=ok&media_url=javascript:alert(1)` }),
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=graffiti&lat=${ilmenau.lat}&long=${ilmenau.lon}&description=ok&email=${'a'.repeat(300)}@x.de&device_id=${'d'.repeat(500)}` }),
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jurisdiction_id": ["ilmenau"], "api_key": {"x": 1}}' }),
        fetch(`${client.base}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_code=graffiti&lat=${ilmenau.lat}&long=${ilmenau.lon}&attribute[__proto__]=x&attribute[constructor][]=y&description=proto` }),
        fetch(`${client.base}/requests.xml?jurisdiction_id=ilmenau&start_date=${'9'.repeat(3000)}`),
        fetch(`${client.base}/requests.xml?jurisdiction_id=ilmenau&page=99999999999999&page_size=-1`),
        fetch(`${client.base}/requests/${'9'.repeat(40)}.xml?jurisdiction_id=ilmenau`),
        fetch(`${client.base}/tokens/${'<>'.repeat(30)}.xml?jurisdiction_id=ilmenau`),
        fetch(`${client.base}/services/${encodeURIComponent('ä<&>')}.xml?jurisdiction_id=ilmenau`),
        fetch(`${client.base}/requests.xml?jurisdiction_id=${encodeURIComponent('<script>')}`),
        fetch(`${client.base}/servicerequestupdates.xml?jurisdiction_id=ilmenau&start_date=2026-01-01T00:00:00Z&end_date=2020-01-01T00:00:00Z`),
        fetch(`${client.base}/servicerequestupdates.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=ilmenau&api_key=${keyA}&service_request_id=abc&status=WHATEVER` }),
      ];
      for (const response of await Promise.all(attempts)) {
        const parsed = await client.read(response, 'raw');
        expect({ url: response.url.slice(0, 120), status: parsed.status < 500 }).toEqual({ url: response.url.slice(0, 120), status: true });
        if (parsed.status >= 400 && parsed.status !== 413) expect(parsed.root ?? 'json').toBe(parsed.contentType?.startsWith('application/json') ? 'json' : 'errors');
        if (parsed.status === 200) expect(parsed.body[0].service_request_id).toMatch(/^\d+$/);
      }
    });
  });

  describe('across jurisdictions', () => {
    it('a key of ilmenau is refused on gera (403), and the other way round', async () => {
      expectOpen311Error(await client.post('requests', 'xml', [['jurisdiction_id', 'gera'], ['api_key', keyA], ['service_code', 'graffiti'], ...at(gera), ['email', 'x@example.org'], ['description', 'x']]), 403, /api_key/);
      expectOpen311Error(await client.post('requests', 'json', [['jurisdiction_id', 'ilmenau'], ['api_key', keyB], ['service_code', 'graffiti'], ...at(ilmenau), ['description', 'x']]), 403, /api_key/);
      expectOpen311Error(await client.post('servicerequestupdates', 'xml', [['jurisdiction_id', 'gera'], ['api_key', keyA], ['service_request_id', '1'], ['status', 'OPEN'], ['description', 'x']]), 403, /api_key/);
    });

    it("an ilmenau id asked through gera is a 404, in lists, by id, and for updates", async () => {
      const id = (await fmsPost([['service_code', 'graffiti'], ...at(ilmenau), ['description', 'nur in Ilmenau']])).body[0].service_request_id;
      for (const format of ['xml', 'json'] as const) {
        expectOpen311Error(await client.get(`requests/${id}`, format, { jurisdiction_id: 'gera' }), 404);
        expect((await client.get('requests', format, { jurisdiction_id: 'gera', service_request_id: id })).body).toEqual([]);
      }
      expectOpen311Error(await client.post('servicerequestupdates', 'xml', [['jurisdiction_id', 'gera'], ['api_key', keyB], ['service_request_id', id], ['status', 'OPEN'], ['description', 'fremd']]), 404);
    });
  });

  describe('update exchange (servicerequestupdates)', () => {
    it('round trip: staff status change → GET updates; citizen update and reopen → POST; never in another jurisdiction', async () => {
      const started = new Date(Date.now() - 1000);
      const id = (await fmsPost([['service_code', 'schlagloch'], ...at(ilmenau), ['attribute[size]', 'medium'], ['description', 'Loch am Rathaus'], ['email', 'rundreise@example.org'], ['first_name', 'Rita'], ['last_name', 'Rundreise']])).body[0].service_request_id;
      const row = await waitFor(async () => { const current = await report(id); return current.routed_at ? current : null; }, { what: 'routing' });
      // A staff member fixes it (as the staff UI would: history row + status).
      await admin.query(`UPDATE reports SET status = 'fixed', closed_at = now(), updated_at = now() WHERE id = $1`, [row.id]);
      const staff = (await admin.query(`INSERT INTO report_history (tenant_id, report_id, status, note, actor) VALUES ($1, $2, 'fixed', 'Loch verfüllt & gewalzt', 'staff:test') RETURNING id`, [row.tenant_id, row.id])).rows[0].id;
      await admin.query(`INSERT INTO report_history (tenant_id, report_id, status, note, internal, actor) VALUES ($1, $2, 'fixed', 'intern: Kolonne 3', true, 'staff:test')`, [row.tenant_id, row.id]);

      const window = { jurisdiction_id: 'ilmenau', start_date: started.toISOString(), end_date: new Date(Date.now() + 60_000).toISOString() };
      const updates = await client.get('servicerequestupdates', 'xml', window);
      expect(updates.root).toBe('service_request_updates');
      const mine = updates.body.filter((update: { service_request_id: string }) => update.service_request_id === id);
      // Routing wrote the first public update (in review, department named).
      expect(mine[0]).toMatchObject({ service_request_id: id, status: 'INVESTIGATING', external_status_code: 'in_review', description: 'Zuständig: Tiefbauamt' });
      expect(mine.slice(1)).toEqual([{ update_id: staff, service_request_id: id, status: 'FIXED', updated_datetime: expect.stringMatching(/[+-]\d{2}:\d{2}$/), description: 'Loch verfüllt & gewalzt', media_url: '', external_status_code: 'fixed' }]);
      expect(updates.text).not.toContain('Kolonne');

      // The citizen says it is not fixed: FMS posts OPEN for a report we closed → reopened.
      const reopen = await client.post('servicerequestupdates', 'xml', [['jurisdiction_id', 'ilmenau'], ['api_key', keyA], ['service_request_id', id], ['status', 'OPEN'], ['description', 'Das Loch ist wieder da'], ['update_id_ext', 'fms-c-1'],
        ['email', 'rundreise@example.org'], ['first_name', 'Rita'], ['last_name', 'Rundreise'], ['updated_datetime', new Date().toISOString()]]);
      expect(reopen.status).toBe(200);
      expect(reopen.root).toBe('service_request_updates');
      const [{ update_id: updateId }] = reopen.body;
      expect(updateId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await report(id)).toMatchObject({ status: 'in_progress', closed_at: null });
      // A retried POST with the same client update id adds nothing.
      const again = await client.post('servicerequestupdates', 'xml', [['jurisdiction_id', 'ilmenau'], ['api_key', keyA], ['service_request_id', id], ['status', 'OPEN'], ['description', 'Das Loch ist wieder da'], ['update_id_ext', 'fms-c-1']]);
      expect(again.body).toEqual([{ update_id: updateId }]);
      // A plain note on an open report keeps the status; JSON works too.
      const note = await client.post('servicerequestupdates', 'json', [['jurisdiction_id', 'ilmenau'], ['api_key', keyA2], ['service_request_id', id], ['status', 'FIXED'], ['description', 'Danke!']]);
      expect(note.body).toEqual([{ update_id: expect.any(String) }]);
      expect((await report(id)).status).toBe('in_progress');
      const history = (await admin.query(`SELECT status, note, actor FROM report_history WHERE report_id = $1 AND NOT internal ORDER BY at`, [row.id])).rows;
      expect(history.slice(-3)).toEqual([
        { status: 'fixed', note: 'Loch verfüllt & gewalzt', actor: 'staff:test' },
        { status: 'in_progress', note: 'Das Loch ist wieder da', actor: 'open311:FixMyStreet Ilmenau' },
        { status: 'in_progress', note: 'Danke!', actor: 'open311:Another app' },
      ]);

      const after = await client.get('servicerequestupdates', 'json', window);
      const ours = after.body.filter((update: { service_request_id: string }) => update.service_request_id === id);
      expect(ours.map((update: { update_id: string; status: string }) => [update.update_id, update.status])).toEqual([[mine[0].update_id, 'INVESTIGATING'], [staff, 'FIXED'], [updateId, 'IN_PROGRESS'], [expect.any(String), 'IN_PROGRESS']]);
      const [reopened] = (await client.get(`requests/${id}`, 'xml', { jurisdiction_id: 'ilmenau' })).body;
      expect(reopened).toMatchObject({ status: 'open', status_notes: 'Danke!' });

      // Never in gera's exchange.
      const gera = await client.get('servicerequestupdates', 'xml', { ...window, jurisdiction_id: 'gera' });
      expect(gera.body.map((update: { service_request_id: string }) => update.service_request_id)).not.toContain(id);
      expect(gera.text).not.toContain('Loch');
    });

    it('refuses bad update input: missing id or status, unknown status, empty note, spans over 90 days, dates without zone', async () => {
      const base: Array<[string, string]> = [['jurisdiction_id', 'ilmenau'], ['api_key', keyA]];
      const id = (await fmsPost([['service_code', 'graffiti'], ...at(ilmenau), ['description', 'Update-Fehler']])).body[0].service_request_id;
      expectOpen311Error(await client.post('servicerequestupdates', 'xml', [...base, ['status', 'OPEN'], ['description', 'x']]), 400, /service_request_id/);
      expectOpen311Error(await client.post('servicerequestupdates', 'xml', [...base, ['service_request_id', id], ['description', 'x']]), 400, /status/);
      expectOpen311Error(await client.post('servicerequestupdates', 'xml', [...base, ['service_request_id', id], ['status', 'MAYBE'], ['description', 'x']]), 400, /status/);
      expectOpen311Error(await client.post('servicerequestupdates', 'xml', [...base, ['service_request_id', id], ['status', 'OPEN']]), 400, /description/);
      expectOpen311Error(await client.post('servicerequestupdates', 'xml', [...base, ['service_request_id', '99999999'], ['status', 'OPEN'], ['description', 'x']]), 404);
      expectOpen311Error(await client.post('servicerequestupdates', 'xml', [['jurisdiction_id', 'ilmenau'], ['service_request_id', id], ['status', 'OPEN'], ['description', 'x']]), 403);
      expectOpen311Error(await client.get('servicerequestupdates', 'xml', { jurisdiction_id: 'ilmenau', start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }), 400, /90 days/);
      expectOpen311Error(await client.get('servicerequestupdates', 'xml', { jurisdiction_id: 'ilmenau', start_date: '2026-01-01 00:00:00' }), 400, /start_date/);
    });
  });

  it('P7: contact data sent in POSTs never appears in any GET output', async () => {
    // Every GET this file made, plus a sweep over all endpoints with extensions, both formats.
    for (const slug of ['ilmenau', 'gera']) {
      for (const format of ['xml', 'json'] as const) {
        const all = await client.get('requests', format, { jurisdiction_id: slug, extensions: 'true' });
        for (const item of all.body) await client.get(`requests/${item.service_request_id}`, format, { jurisdiction_id: slug, extensions: 'true' });
        await client.get('servicerequestupdates', format, { jurisdiction_id: slug });
        await client.get('services', format, { jurisdiction_id: slug });
      }
    }
    expect(client.getBodies.length).toBeGreaterThan(20);
    const secrets = [...Object.values(contact), 'Fridolin', 'Meldemann', 'rundreise@example.org', 'Rita', 'Rundreise', '987654'];
    for (const body of client.getBodies) for (const secret of secrets) expect({ secret, found: body.includes(secret) }).toEqual({ secret, found: false });
  });
});
