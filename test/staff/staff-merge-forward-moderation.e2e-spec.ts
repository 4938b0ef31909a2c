import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { waitFor } from '@app/testing';
import { json } from '../support/test-api';
import { StaffClient, StaffStack, fileReport, startStaffStack } from './support/staff-stack';

async function photoReport(staff: StaffStack, slug: string, description: string, email: string): Promise<{ id: string; number: string; photoId: string }> {
  const centre = (await json(await fetch(`${staff.baseUrl}/api/v1/t/${slug}`))).map.centre;
  // Noise: a different image per report (photos are stored content-addressed), and one that blurring visibly changes.
  const image = await sharp(randomBytes(320 * 240 * 3), { raw: { width: 320, height: 240, channels: 3 } }).jpeg().toBuffer();
  const form = new FormData();
  form.set('category', 'graffiti');
  form.set('lat', String(centre.lat));
  form.set('lon', String(centre.lon));
  form.set('description', description);
  form.set('contactEmail', email);
  form.append('photos', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await fetch(`${staff.baseUrl}/api/v1/t/${slug}/reports`, { method: 'POST', body: form });
  expect(response.status).toBe(201);
  const body = await json(response);
  const photo = await waitFor(async () => (await staff.admin.query(`SELECT id FROM report_photos WHERE report_id = $1 AND state = 'ready'`, [body.id])).rows[0], { what: 'photo processing' });
  await waitFor(async () => (await staff.admin.query(`SELECT routed_at FROM reports WHERE id = $1`, [body.id])).rows[0].routed_at, { what: 'routing' });
  return { ...body, photoId: photo.id };
}

describe('staff merge of duplicates, forwarding to another tenant, moderation', () => {
  let staff: StaffStack;
  let triage: StaffClient;
  let admin: StaffClient;

  const audit = async (targetId: string) => (await staff.admin.query(`SELECT * FROM staff_audit_log WHERE target_id = $1 ORDER BY id`, [targetId])).rows;
  const row = async (id: string) => (await staff.admin.query(`SELECT * FROM reports WHERE id = $1`, [id])).rows[0];

  beforeAll(async () => {
    staff = await startStaffStack();
    await staff.createUser('ilmenau', 'triage@ilmenau.example', 'triage');
    await staff.createUser('ilmenau', 'admin@x.ilmenau.example', 'tenant_admin');
    triage = new StaffClient(staff.baseUrl, 'ilmenau');
    admin = new StaffClient(staff.baseUrl, 'ilmenau');
    await triage.signIn('triage@ilmenau.example');
    await admin.signIn('admin@x.ilmenau.example');
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('merges a duplicate: followers, reporter, photos and history move to the original; both linked; reporter told', async () => {
    const original = await fileReport(staff, 'ilmenau', { category: 'graffiti', description: 'Graffiti an der Brücke', email: 'first@example.org' });
    const duplicate = await photoReport(staff, 'ilmenau', 'Schon wieder Graffiti an der Brücke', 'second@example.org');
    const ilmenau = await staff.tenantId('ilmenau');
    await staff.admin.query(`INSERT INTO report_followers (tenant_id, report_id, email, confirmed_at) VALUES ($1, $2, 'fan@example.org', now())`, [ilmenau, duplicate.id]);
    const duplicateHistory = (await staff.admin.query(`SELECT count(*)::int AS n FROM report_history WHERE report_id = $1`, [duplicate.id])).rows[0].n;

    const response = await triage.post(`reports/${duplicate.id}/merge`, { originalId: original.id });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ followers: 2, photos: 1, history: duplicateHistory });

    expect(await row(duplicate.id)).toMatchObject({ status: 'duplicate', duplicate_of: original.id });
    const followers = (await staff.admin.query(`SELECT email FROM report_followers WHERE report_id = $1 ORDER BY email`, [original.id])).rows.map((r) => r.email);
    expect(followers).toEqual(['fan@example.org', 'second@example.org']);
    expect((await staff.admin.query(`SELECT report_id FROM report_photos WHERE id = $1`, [duplicate.photoId])).rows[0].report_id).toBe(original.id);
    const originalDetail = await json(await triage.get(`reports/${original.id}`));
    expect(originalDetail.duplicates).toEqual([{ id: duplicate.id, number: duplicate.number }]);
    expect(originalDetail.photos).toHaveLength(1);
    expect(originalDetail.history.some((entry: { note: string | null }) => entry.note?.includes(`Meldung ${duplicate.number} wurde als Duplikat`))).toBe(true);
    const duplicateDetail = await json(await triage.get(`reports/${duplicate.id}`));
    expect(duplicateDetail.duplicateOf).toBe(original.id);
    expect(duplicateDetail.history).toHaveLength(1);
    expect(duplicateDetail.history[0]).toMatchObject({ status: 'duplicate' });
    await waitFor(async () => staff.smtp.to('second@example.org').find((mail) => mail.text?.includes(`Duplikat von Meldung ${original.number}`)), { what: 'duplicate mail' });
    expect((await audit(duplicate.id)).at(-1)).toMatchObject({ action: 'report.merge', before: { status: 'in_review' }, after: { status: 'duplicate', duplicateOf: original.id } });
    expect((await audit(original.id)).at(-1)).toMatchObject({ action: 'report.merge_into', detail: { duplicateId: duplicate.id } });

    const again = await triage.post(`reports/${duplicate.id}/merge`, { originalId: original.id });
    expect(again.status).toBe(400);
    const third = await fileReport(staff, 'ilmenau', { category: 'graffiti', description: 'Noch eins' });
    const intoDuplicate = await triage.post(`reports/${third.id}/merge`, { originalId: duplicate.id });
    expect((await json(intoDuplicate)).errors[0].code).toBe('original_is_duplicate');
    const self = await triage.post(`reports/${third.id}/merge`, { originalId: third.id });
    expect((await json(self)).errors[0].code).toBe('same_report');
  });

  it('forwards a report to a neighbour tenant through the audited system path, with a trail in both', async () => {
    const report = await photoReport(staff, 'ilmenau', 'Graffiti – eigentlich Gera', 'reporter@example.org');
    const response = await triage.post(`reports/${report.id}/forward`, { tenantSlug: 'gera', note: 'Gehört zu Gera.' });
    expect(response.status).toBe(200);
    const forwarded = await json(response);
    expect(forwarded).toMatchObject({ tenant: 'gera', reportId: expect.any(String) });
    const gera = await staff.tenantId('gera');
    const ilmenau = await staff.tenantId('ilmenau');
    expect(await row(report.id)).toMatchObject({ status: 'forwarded', forwarded_to_tenant_id: gera, forwarded_to_report_id: forwarded.reportId });
    const copy = await waitFor(async () => {
      const candidate = await row(forwarded.reportId);
      return candidate.routed_at ? candidate : null;
    }, { what: 'routing in gera' });
    expect(copy).toMatchObject({ tenant_id: gera, source: 'forwarded', forwarded_from_tenant_id: ilmenau, forwarded_from_report_id: report.id });
    expect(copy.department_id).not.toBeNull();
    expect((await staff.admin.query(`SELECT email FROM report_contacts WHERE report_id = $1`, [copy.id])).rows[0].email).toBe('reporter@example.org');
    const photo = (await staff.admin.query(`SELECT large_key FROM report_photos WHERE report_id = $1`, [copy.id])).rows[0];
    expect(photo.large_key.startsWith(`${gera}/`)).toBe(true);
    expect((await staff.admin.query(`SELECT action FROM staff_audit_log WHERE tenant_id = $1 AND target_id = $2`, [ilmenau, report.id])).rows.map((r) => r.action)).toContain('report.forward');
    expect((await staff.admin.query(`SELECT action FROM staff_audit_log WHERE tenant_id = $1 AND target_id = $2`, [gera, copy.id])).rows.map((r) => r.action)).toEqual(['report.forwarded_in']);
    const system = (await staff.admin.query(`SELECT actor, tenant_ids FROM system_audit WHERE action = 'report.forward' AND detail->>'reportId' = $1`, [report.id])).rows;
    expect(system).toEqual([{ actor: 'staff:triage@ilmenau.example', tenant_ids: [ilmenau, gera] }]);
    await waitFor(async () => staff.smtp.to('reporter@example.org').find((mail) => mail.text?.includes('Gera')), { what: 'forwarded mail' });
    // The copy belongs to gera: ilmenau's staff cannot reach it through ilmenau's URL.
    expect((await triage.get(`reports/${copy.id}`)).status).toBe(404);
    expect((await triage.post(`reports/${report.id}/forward`, { tenantSlug: 'gera' })).status).toBe(400);
    const other = await fileReport(staff, 'ilmenau', { category: 'graffiti', description: 'x' });
    const unknown = await triage.post(`reports/${other.id}/forward`, { tenantSlug: 'atlantis' });
    expect((await json(unknown)).errors[0]).toMatchObject({ field: 'tenantSlug', code: 'unknown_tenant' });
    expect((await triage.post(`reports/${other.id}/forward`, { tenantSlug: 'ilmenau' })).status).toBe(400);
  });

  it('edits and hides description text, keeping the original for admins only', async () => {
    const report = await fileReport(staff, 'ilmenau', { category: 'graffiti', description: 'Herr Max Mustermann aus Nr. 5 sprüht hier' });
    expect((await triage.patch(`reports/${report.id}/description`, { description: 'Hier wird gesprüht', reason: 'Name entfernt' })).status).toBe(204);
    const publicView = await (await fetch(`${staff.baseUrl}/api/v1/t/ilmenau/reports/${report.id}`)).text();
    expect(publicView).toContain('Hier wird gesprüht');
    expect(publicView).not.toContain('Mustermann');
    expect((await json(await admin.get(`reports/${report.id}`))).descriptionOriginal).toBe('Herr Max Mustermann aus Nr. 5 sprüht hier');
    expect((await json(await triage.get(`reports/${report.id}`))).descriptionOriginal).toBeUndefined();
    expect((await triage.patch(`reports/${report.id}/description`, { description: null })).status).toBe(204);
    expect((await row(report.id))).toMatchObject({ description: '', description_original: 'Herr Max Mustermann aus Nr. 5 sprüht hier' });
    expect((await audit(report.id)).map((entry) => entry.action)).toEqual(['report.description_edit', 'report.description_hide']);
  });

  it('hides a whole report from the public', async () => {
    const report = await fileReport(staff, 'ilmenau', { category: 'graffiti', description: 'Beleidigung' });
    expect((await triage.patch(`reports/${report.id}/visibility`, { hidden: true, reason: 'beleidigend' })).status).toBe(204);
    expect((await fetch(`${staff.baseUrl}/api/v1/t/ilmenau/reports/${report.id}`)).status).toBe(404);
    expect((await triage.get(`reports/${report.id}`)).status).toBe(200);
    expect((await audit(report.id)).at(-1)).toMatchObject({ action: 'report.hide', after: { hidden: true } });
  });

  it('hides a photo and blurs a region; the public sees only the blurred file, admins the original', async () => {
    const report = await photoReport(staff, 'ilmenau', 'Auto mit Kennzeichen', 'cars@example.org');
    const before = (await staff.admin.query(`SELECT large_key FROM report_photos WHERE id = $1`, [report.photoId])).rows[0].large_key.split('/')[1];
    expect((await fetch(`${staff.baseUrl}/media/ilmenau/${before}`)).status).toBe(200);
    const blurred = await triage.post(`reports/${report.id}/photos/${report.photoId}/blur`, { x: 0.25, y: 0.25, width: 0.5, height: 0.5 });
    expect(blurred.status).toBe(200);
    const { large } = await json(blurred);
    expect(large).not.toBe(before);
    expect((await fetch(`${staff.baseUrl}/media/ilmenau/${before}`)).status).toBe(404);
    const served = await fetch(`${staff.baseUrl}/media/ilmenau/${large}`);
    expect(served.status).toBe(200);
    const original = Buffer.from(await (await admin.get(`reports/${report.id}/photos/${report.photoId}/file?variant=original`)).arrayBuffer());
    const current = Buffer.from(await served.arrayBuffer());
    expect(original.equals(current)).toBe(false);
    const triageOriginal = Buffer.from(await (await triage.get(`reports/${report.id}/photos/${report.photoId}/file?variant=original`)).arrayBuffer());
    expect(triageOriginal.equals(current)).toBe(true);
    expect((await triage.post(`reports/${report.id}/photos/${report.photoId}/blur`, { x: 0.8, y: 0, width: 0.5, height: 0.1 })).status).toBe(400);

    expect((await triage.patch(`reports/${report.id}/photos/${report.photoId}/visibility`, { hidden: true })).status).toBe(204);
    expect((await fetch(`${staff.baseUrl}/media/ilmenau/${large}`)).status).toBe(404);
    expect((await triage.get(`reports/${report.id}/photos/${report.photoId}/file`)).status).toBe(200);
    expect((await audit(report.photoId)).map((entry) => entry.action)).toEqual(['photo.blur', 'photo.hide']);
  });
});
