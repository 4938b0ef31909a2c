import { readFile } from 'node:fs/promises';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import sharp from 'sharp';
import { WorkerHost } from '@app/core';
import { waitFor } from '@app/testing';
import { ReportRetentionService, RetentionClock } from '../../libs/reports/src/privacy';
import { WorkerAppModule } from '../../apps/worker/src/worker.module';
import { AttackWorld, filesUnder, photoWithGps, startAttackWorld } from './support/attack-world';
import { centreOf, clientIp, submitReport, uniqueEmail } from './support/hardening-stack';

const DAY = 24 * 3600 * 1000;

/**
 * DSGVO: retention per tenant with a fake clock (contact data removed N days
 * after closing, unconfirmed reports deleted after expiry), the reporter's
 * self-service link in the receipt mail (see, export, erase), photos without
 * metadata, and logs without personal data.
 */
describe('privacy: retention, self-service, photos, logs', () => {
  let world: AttackWorld;
  let admin: Client;
  const fakeNow = { value: new Date() };
  let retentionWorker: Awaited<ReturnType<typeof startRetentionWorker>>;

  async function startRetentionWorker() {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerAppModule.forRoot(world.stack.config)] })
      .overrideProvider(RetentionClock)
      .useValue({ now: () => fakeNow.value })
      .compile();
    await moduleRef.init();
    const host = moduleRef.get(WorkerHost);
    host.discover();
    return { host, retention: moduleRef.get(ReportRetentionService), close: () => moduleRef.close() };
  }

  beforeAll(async () => {
    world = await startAttackWorld();
    admin = world.admin;
    retentionWorker = await startRetentionWorker();
  }, 120000);

  afterAll(async () => {
    await retentionWorker?.close();
    await world?.close();
  });

  const contactOf = async (id: string) => (await admin.query(`SELECT email, name, phone, anonymized_at FROM report_contacts WHERE report_id = $1`, [id])).rows[0];
  const exists = async (id: string) => (await admin.query(`SELECT 1 FROM reports WHERE id = $1`, [id])).rowCount === 1;
  const close = (id: string) => admin.query(`UPDATE reports SET status = 'fixed', closed_at = now() WHERE id = $1`, [id]);
  const at = (ms: number) => (fakeNow.value = new Date(Date.now() + ms));

  describe('retention (worker sweep, fake clock)', () => {
    it('removes contact data the configured days after closing, per tenant, and leaves open reports alone', async () => {
      // Gera keeps contact data 10 days, Ilmenau 90 (demo default).
      await admin.query(`UPDATE tenants SET retention = jsonb_set(retention, '{contactRetentionDaysAfterClose}', '10') WHERE slug = 'gera'`);
      const make = async (slug: string, label: string) => {
        const result = await submitReport(world.stack.baseUrl, slug, { description: label, contactEmail: uniqueEmail(label), contactName: 'Rita Retention', contactPhone: '+49 361 555' });
        expect(result.status).toBe(201);
        return result.body.id as string;
      };
      const ilmenauClosed = await make('ilmenau', 'ilmenau-closed');
      const ilmenauOpen = await make('ilmenau', 'ilmenau-open');
      const geraClosed = await make('gera', 'gera-closed');
      await close(ilmenauClosed);
      await close(geraClosed);

      at(11 * DAY);
      await retentionWorker.host.runSweeps();
      expect(await contactOf(geraClosed)).toMatchObject({ email: null, name: null, phone: null, anonymized_at: expect.any(Date) });
      expect((await contactOf(ilmenauClosed)).email).toContain('ilmenau-closed');

      at(91 * DAY);
      await retentionWorker.host.runSweeps();
      expect(await contactOf(ilmenauClosed)).toMatchObject({ email: null, name: null, phone: null });
      expect((await contactOf(ilmenauOpen)).email).toContain('ilmenau-open');
      // The reports themselves stay (public record), without the connection hash.
      expect(await exists(ilmenauClosed)).toBe(true);
      expect((await admin.query(`SELECT ip_hash FROM reports WHERE id = $1`, [ilmenauClosed])).rows[0].ip_hash).toBeNull();
      // Idempotent: a second run (another worker, the next interval) finds nothing left to do.
      expect(await retentionWorker.retention.apply()).toEqual({ anonymised: 0, deletedUnconfirmed: 0 });
    });

    it('deletes reports whose e-mail confirmation never came after the expiry, with their photos', async () => {
      // Jena confirms reports by e-mail (double opt-in), expiry 48 h.
      const centre = await centreOf(world.stack.baseUrl, 'jena');
      const form = new FormData();
      form.set('category', 'graffiti');
      form.set('lat', String(centre.lat));
      form.set('lon', String(centre.lon));
      form.set('description', 'nie bestätigt');
      form.set('contactEmail', uniqueEmail('unconfirmed'));
      form.append('photos', new Blob([new Uint8Array(await photoWithGps())], { type: 'image/jpeg' }), 'a.jpg');
      const response = await fetch(`${world.stack.baseUrl}/api/v1/t/jena/reports`, { method: 'POST', body: form, headers: { 'x-forwarded-for': clientIp() } });
      expect(response.status).toBe(201);
      const pending = ((await response.json()) as { id: string; confirmationRequired: boolean });
      expect(pending.confirmationRequired).toBe(true);
      // Processed or still waiting for the confirmation: either way its files must go with it.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const photo = (await admin.query(`SELECT large_key, thumb_key, upload_key FROM report_photos WHERE report_id = $1`, [pending.id])).rows[0];
      const keys = [photo.upload_key, photo.large_key, photo.thumb_key].filter(Boolean) as string[];
      expect(keys.length).toBeGreaterThan(0);
      const filesBefore = await filesUnder(world.mediaDir);
      for (const key of keys) expect(filesBefore.some((file) => file.endsWith(key))).toBe(true);

      at(47 * 3600 * 1000);
      await retentionWorker.host.runSweeps();
      expect(await exists(pending.id)).toBe(true);
      at(49 * 3600 * 1000);
      await retentionWorker.host.runSweeps();
      expect(await exists(pending.id)).toBe(false);
      const filesAfter = await filesUnder(world.mediaDir);
      for (const key of keys) expect(filesAfter.some((file) => file.endsWith(key))).toBe(false);
      // The victim report of the fixture (confirmed, open) is untouched.
      expect(await exists(world.victim.reportId)).toBe(true);
    });
  });

  describe('self-service link in the receipt mail', () => {
    let reportId: string;
    let link: string;
    const email = uniqueEmail('selbst');

    beforeAll(async () => {
      const result = await submitReport(world.stack.baseUrl, 'ilmenau', { description: 'Selbstauskunft', contactEmail: email, contactName: 'Sabine Selbst', contactPhone: '0361 123456' });
      expect(result.status).toBe(201);
      reportId = result.body.id;
      const receipt = await waitFor(async () => world.smtp.to(email).find((mail) => mail.subject?.includes('eingegangen')), { timeoutMs: 20000, what: 'receipt mail' });
      const match = receipt!.text!.match(/https?:\/\/\S+\/contact\?token=\S+/);
      expect(match).not.toBeNull();
      link = match![0].replace('http://mitreden.test', world.stack.baseUrl);
    });

    it('shows and exports the stored contact data', async () => {
      const shown = await fetch(link);
      expect(shown.status).toBe(200);
      expect(shown.headers.get('cache-control')).toBe('no-store');
      expect(await shown.json()).toMatchObject({ report: { id: reportId, description: 'Selbstauskunft' }, contact: { email, name: 'Sabine Selbst', phone: '0361 123456', anonymizedAt: null } });
      const exported = await fetch(link.replace('/contact?', '/contact/export?'));
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-disposition')).toContain('attachment');
      expect(((await exported.json()) as { contact: { email: string } }).contact.email).toBe(email);
    });

    it('refuses a wrong token, another report’s token and the link under another municipality', async () => {
      const token = new URL(link).searchParams.get('token')!;
      expect((await fetch(link.replace(token, `${token.slice(0, -2)}xx`))).status).toBe(404);
      expect((await fetch(link.replace(reportId, world.victim.reportId))).status).toBe(404);
      expect((await fetch(link.replace('/t/ilmenau/', '/t/gera/'))).status).toBe(404);
      expect((await fetch(link.replace('/t/ilmenau/', '/t/gera/'), { method: 'DELETE' })).status).toBe(404);
      expect((await contactOf(reportId)).email).toBe(email);
    });

    it('erases the contact data; the report stays, anonymous', async () => {
      const erased = await fetch(link, { method: 'DELETE' });
      expect(erased.status).toBe(204);
      expect(await contactOf(reportId)).toMatchObject({ email: null, name: null, phone: null, anonymized_at: expect.any(Date) });
      expect(await exists(reportId)).toBe(true);
      const shown = (await (await fetch(link)).json()) as { contact: { email: string | null; anonymizedAt: string | null } };
      expect(shown.contact).toMatchObject({ email: null, anonymizedAt: expect.any(String) });
      // Erasing twice is harmless.
      expect((await fetch(link.replace('/contact?', '/contact/erase?'), { method: 'POST' })).status).toBe(204);
    });
  });

  it('stores every photo without EXIF or GPS', async () => {
    await waitFor(async () => (await admin.query(`SELECT count(*)::int AS n FROM report_photos WHERE state = 'pending'`)).rows[0].n === 0, { timeoutMs: 30000, what: 'photos processed' });
    const files = await filesUnder(world.mediaDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const metadata = await sharp(file).metadata();
      expect({ file, exif: metadata.exif, xmp: metadata.xmp, iptc: metadata.iptc }).toEqual({ file, exif: undefined, xmp: undefined, iptc: undefined });
      const bytes = await readFile(file);
      expect({ file, gps: bytes.includes('GPS'), exifHeader: bytes.includes('Exif\0\0'), camera: bytes.includes('PhoneCam'), artist: bytes.includes('Mustermann') }).toEqual({ file, gps: false, exifHeader: false, camera: false, artist: false });
    }
  });

  it('never writes e-mail addresses, names or phone numbers to the logs', async () => {
    const log = world.stack.logLines.join('\n');
    expect(log.length).toBeGreaterThan(1000);
    const personal = [...world.victim.privateMarkers, 'Sabine Selbst', '0361 123456', 'Rita Retention', '+49 361 555', 'Erika Mustermann'];
    for (const value of personal) expect({ value, found: log.toLowerCase().includes(value.toLowerCase()) }).toEqual({ value, found: false });
    expect(log).not.toMatch(/[A-Za-z0-9._%+-]+@example\.org/);
  });
});
