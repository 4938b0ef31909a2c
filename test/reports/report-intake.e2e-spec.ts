import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import sharp from 'sharp';
import { DemoSeedContributor, DemoSeedService } from '@app/tenants';
import { ReportDemoSeed } from '@app/reports';
import { TestSmtpServer, waitFor } from '@app/testing';
import { TestStack, json, startTestStack } from '../support/test-api';

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1200, channels: 3, background: { r: 90, g: 90, b: 90 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '10/1 55/1 0/1' } })
    .toBuffer();
}

describe('Mängelmelder intake, routing, photos and mails (HTTP, worker, SMTP)', () => {
  let stack: TestStack;
  let smtp: TestSmtpServer;
  let admin: Client;
  let mediaDir: string;
  let ilmenau: { lat: number; lon: number };
  let jena: { lat: number; lon: number };

  const post = (slug: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/api/v1/t/${slug}/reports`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const postForm = (slug: string, form: FormData, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/api/v1/t/${slug}/reports`, { method: 'POST', body: form, headers });
  const count = async (sql: string, params: unknown[] = []) => (await admin.query(sql, params)).rows[0].n as number;
  const stored = async () => ({
    reports: await count('SELECT count(*)::int AS n FROM reports'),
    outbox: await count('SELECT count(*)::int AS n FROM outbox'),
    photos: await count('SELECT count(*)::int AS n FROM report_photos'),
    files: (await filesUnder(mediaDir)).length,
  });
  const report = (id: string) => admin.query('SELECT * FROM reports WHERE id = $1', [id]).then((result) => result.rows[0]);

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    mediaDir = await mkdtemp(join(tmpdir(), 'mitreden-media-'));
    stack = await startTestStack({ worker: true, env: { SMTP_URL: smtp.url, MEDIA_DIR: mediaDir, PUBLIC_BASE_URL: 'http://mitreden.test' } });
    await stack.api.get(DemoSeedService).seedIfEmpty([stack.api.get(ReportDemoSeed) as DemoSeedContributor]);
    admin = new Client({ connectionString: stack.db.adminUrl });
    await admin.connect();
    ilmenau = (await json(await fetch(`${stack.baseUrl}/api/v1/t/ilmenau`))).map.centre;
    jena = (await json(await fetch(`${stack.baseUrl}/api/v1/t/jena`))).map.centre;
  });

  afterAll(async () => {
    await admin?.end();
    await stack?.close();
    await smtp?.stop();
  });

  it('lists categories with their Open311 extra questions', async () => {
    const categories = await json(await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/categories`, { headers: { 'accept-language': 'en' } }));
    const pothole = categories.find((category: { code: string }) => category.code === 'schlagloch');
    expect(pothole.name).toEqual({ de: 'Schlagloch / Straßenschaden', en: 'Pothole / road damage' });
    expect(pothole.attributes[0]).toMatchObject({ code: 'size', datatype: 'singlevaluelist', required: true });
    expect(categories).toHaveLength(9);
  });

  it('accepts a report, routes it to the department by category and area, and mails the reporter and the department', async () => {
    const response = await post('ilmenau', {
      category: 'schlagloch', lat: ilmenau.lat, lon: ilmenau.lon, description: 'Tiefes Schlagloch vor der Schule\r\nGefahr für Radfahrer',
      attributes: { size: 'large' }, contactEmail: 'Anna.Beispiel@example.org', contactName: 'Anna Beispiel', locale: 'de',
    });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body).toMatchObject({ status: 'received', confirmationRequired: false, forwardedTo: null, tenant: { slug: 'ilmenau' } });
    expect(body.trackingUrl).toBe(`http://mitreden.test/ilmenau/meldungen/${body.id}`);
    expect(JSON.stringify(body)).not.toMatch(/anna/i);

    const routed = await waitFor(async () => {
      const row = await report(body.id);
      return row.routed_at ? row : null;
    }, { what: 'routing' });
    expect(routed.status).toBe('in_review');
    const department = (await admin.query('SELECT name FROM departments WHERE id = $1', [routed.department_id])).rows[0].name;
    expect(department).toBe('Tiefbauamt');
    expect(routed.routing_reason).toContain('Schlagloch');
    expect(routed.description).toBe('Tiefes Schlagloch vor der Schule\nGefahr für Radfahrer');
    expect(routed.due_at).not.toBeNull();

    const receipt = await waitFor(async () => smtp.to('anna.beispiel@example.org').find((mail) => mail.subject?.includes('eingegangen')), { what: 'receipt mail' });
    expect(receipt!.text).toContain(body.trackingUrl);
    const notice = await waitFor(async () => smtp.to('tiefbauamt@ilmenau.example').find((mail) => mail.subject?.includes(body.number)), { what: 'department mail' });
    expect(notice!.text).toContain('Tiefes Schlagloch');
    expect(notice!.text).not.toMatch(/anna/i);
  });

  it('processes photos: EXIF and GPS stripped, resized, thumbnail, original deleted', async () => {
    const form = new FormData();
    form.set('category', 'graffiti');
    form.set('lat', String(ilmenau.lat));
    form.set('lon', String(ilmenau.lon));
    form.set('description', 'Schmiererei am Rathaus');
    form.append('photos', new Blob([new Uint8Array(await jpegWithGps())], { type: 'image/jpeg' }), '../../etc/passwd.jpg');
    const response = await postForm('ilmenau', form);
    expect(response.status).toBe(201);
    const { id } = await json(response);
    const photo = await waitFor(async () => (await admin.query(`SELECT * FROM report_photos WHERE report_id = $1 AND state = 'ready'`, [id])).rows[0], { what: 'photo processing' });
    const files = await filesUnder(mediaDir);
    expect(files.some((file) => file.includes('/uploads/'))).toBe(false);
    expect(files.some((file) => file.includes('passwd'))).toBe(false);
    const large = await sharp(join(mediaDir, photo.large_key)).metadata();
    expect(large).toMatchObject({ format: 'webp', width: 1600, height: 800 });
    expect(large.exif).toBeUndefined();
    const served = await fetch(`${stack.baseUrl}/media/ilmenau/${photo.thumb_key.split('/')[1]}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const thumb = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([thumb.width, thumb.height, thumb.exif]).toEqual([320, 320, undefined]);
    // Another tenant's URL for the same file is not served.
    expect((await fetch(`${stack.baseUrl}/media/jena/${photo.thumb_key.split('/')[1]}`)).status).toBe(404);
  });

  it('holds a report until its e-mail confirmation, then routes it', async () => {
    const response = await post('jena', { category: 'strassenbeleuchtung', lat: jena.lat, lon: jena.lon, description: 'Laterne aus', attributes: { fault: 'off' }, contactEmail: 'ben@example.org', locale: 'en' });
    const body = await json(response);
    expect(body.confirmationRequired).toBe(true);
    const mail = await waitFor(async () => smtp.to('ben@example.org').find((candidate) => candidate.subject?.includes('confirm')), { what: 'confirmation mail' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await report(body.id)).routed_at).toBeNull();
    const link = mail!.text!.match(/http:\/\/mitreden\.test(\/api\/\S+)/)![1];
    const wrong = await fetch(`${stack.baseUrl}${link.replace(/token=.*/, 'token=forged')}`, { redirect: 'manual' });
    expect(wrong.status).toBe(404);
    const confirmed = await fetch(`${stack.baseUrl}${link}`, { redirect: 'manual' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`/jena/meldungen/${body.id}?bestaetigt=1`);
    await waitFor(async () => (await report(body.id)).routed_at, { what: 'routing after confirmation' });
    await waitFor(async () => smtp.to('ben@example.org').find((candidate) => candidate.subject?.includes('received')), { what: 'receipt in English' });
    // The same link again changes nothing and sends nothing new.
    expect((await fetch(`${stack.baseUrl}${link}`, { redirect: 'manual' })).headers.get('location')).toContain('bestaetigt=0');
  });

  it('forwards a report whose point lies in a neighbouring municipality, with an audited trail', async () => {
    const response = await post('gera', { category: 'graffiti', lat: jena.lat, lon: jena.lon, description: 'Graffiti am Bahnhof', contactEmail: 'carla@example.org' });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.forwardedTo).toEqual({ slug: 'jena', name: 'Jena' });
    expect(body.trackingUrl).toContain('/jena/meldungen/');
    const row = await report(body.id);
    const tenants = (await admin.query(`SELECT id, slug FROM tenants`)).rows;
    const slugOf = (id: string) => tenants.find((tenant) => tenant.id === id)?.slug;
    expect([slugOf(row.tenant_id), slugOf(row.forwarded_from_tenant_id)]).toEqual(['jena', 'gera']);
    const history = (await admin.query('SELECT note FROM report_history WHERE report_id = $1', [body.id])).rows;
    expect(history[0].note).toContain('weitergeleitet an Jena');
    const audit = (await admin.query(`SELECT * FROM system_audit WHERE action = 'report.forward' AND detail->>'reportId' = $1`, [body.id])).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].tenant_ids.map(slugOf).sort()).toEqual(['gera', 'jena']);
  });

  describe('refused input stores nothing', () => {
    const valid = () => ({ category: 'schlagloch', lat: ilmenau.lat, lon: ilmenau.lon, description: 'Loch', attributes: { size: 'small' } });

    it.each([
      ['a missing description', { description: undefined }, 'description', 'required'],
      ['an oversized description', { description: 'x'.repeat(4001) }, 'description', 'too_long'],
      ['an unknown category', { category: 'ufo' }, 'category', 'unknown_category'],
      ['a missing required answer', { attributes: {} }, 'attributes.size', 'required'],
      ['a value outside the list', { attributes: { size: 'gigantic' } }, 'attributes.size', 'not_allowed'],
      ['a latitude out of range', { lat: 123 }, 'lat', 'too_big'],
      ['a latitude without longitude', { lon: undefined }, 'lon', 'incomplete_point'],
      ['a point outside every municipality', { lat: 48.137, lon: 11.575 }, 'lat', 'outside_every_tenant'],
      ['a malformed e-mail', { contactEmail: 'not-an-address' }, 'contactEmail', 'invalid_email'],
      ['attributes that are not JSON', { attributes: '{oops' }, 'attributes', 'invalid_json'],
    ])('%s', async (_, change, field, code) => {
      const before = await stored();
      const response = await post('ilmenau', { ...valid(), ...change }, { 'accept-language': 'de' });
      expect(response.status).toBe(400);
      const body = await json(response);
      expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      expect(body.errors.every((error: { message: string }) => error.message.length > 3)).toBe(true);
      expect(await stored()).toEqual(before);
    });

    it('answers in English when asked', async () => {
      const body = await json(await post('ilmenau', { ...valid(), lat: 48.137, lon: 11.575 }, { 'accept-language': 'en-GB,en;q=0.9' }));
      expect(body.errors[0].message).toContain('outside every municipality');
    });

    it('refuses a HEIC photo and a fake JPEG by their bytes, keeping no file', async () => {
      const before = await stored();
      const form = new FormData();
      for (const [key, value] of Object.entries(valid())) form.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
      form.append('photos', new Blob([new Uint8Array(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(32)]))]), 'IMG_0001.HEIC');
      form.append('photos', new Blob([new TextEncoder().encode('<script>alert(1)</script>')], { type: 'image/jpeg' }), 'x.jpg');
      const response = await postForm('ilmenau', form);
      expect(response.status).toBe(400);
      const body = await json(response);
      expect(body.errors.map((error: { field: string; code: string }) => `${error.field}:${error.code}`)).toEqual(['photos[0]:heic_not_supported', 'photos[1]:unsupported_type']);
      expect(await stored()).toEqual(before);
    });

    it('refuses more than five photos and a malformed multipart body', async () => {
      const before = await stored();
      const form = new FormData();
      for (const [key, value] of Object.entries(valid())) form.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
      for (let i = 0; i < 6; i++) form.append('photos', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])]), `p${i}.jpg`);
      const tooMany = await postForm('ilmenau', form);
      expect(tooMany.status).toBe(400);
      expect((await json(tooMany)).errors[0]).toMatchObject({ field: 'photos', code: 'too_many_photos' });
      const broken = await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/reports`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
        body: '--XYZ\r\nContent-Disposition: form-data; name="description"\r\n\r\nabc\r\n--XYZ\r\nContent-Disposition: form-da',
      });
      expect(broken.status).toBe(400);
      expect(await stored()).toEqual(before);
    });

    it('requires an e-mail address where the municipality forbids anonymous reports', async () => {
      const gera = (await json(await fetch(`${stack.baseUrl}/api/v1/t/gera`))).map.centre;
      const response = await post('gera', { category: 'graffiti', lat: gera.lat, lon: gera.lon, description: 'x' });
      expect(response.status).toBe(400);
      expect((await json(response)).errors[0]).toMatchObject({ field: 'contactEmail', code: 'contact_required' });
    });
  });

  it('limits reports per e-mail address per day with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await post('ilmenau', { category: 'graffiti', lat: ilmenau.lat, lon: ilmenau.lon, description: `Graffiti ${i}`, contactEmail: 'busy@example.org' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('lets citizens follow a report by e-mail with double opt-in', async () => {
    const created = await json(await post('ilmenau', { category: 'spielplatz', lat: ilmenau.lat, lon: ilmenau.lon, description: 'Schaukel kaputt' }));
    const follow = await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/reports/${created.id}/followers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'dora@example.org', locale: 'de' }) });
    expect(follow.status).toBe(202);
    const mail = await waitFor(async () => smtp.to('dora@example.org')[0], { what: 'follow confirmation' });
    const link = mail.text!.match(/http:\/\/mitreden\.test(\/api\/\S+)/)![1];
    expect((await fetch(`${stack.baseUrl}${link}`, { redirect: 'manual' })).status).toBe(303);
    expect(await count(`SELECT count(*)::int AS n FROM report_followers WHERE email = 'dora@example.org' AND confirmed_at IS NOT NULL`)).toBe(1);
    // Following through another municipality's URL finds nothing.
    const cross = await fetch(`${stack.baseUrl}/api/v1/t/jena/reports/${created.id}/followers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'eve@example.org' }) });
    expect(cross.status).toBe(404);
  });

  it('never writes contact data to the logs', async () => {
    const text = stack.logLines.join('\n');
    expect(text).not.toMatch(/anna|example\.org|Beispiel/i);
  });
});
