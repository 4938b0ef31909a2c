import { randomUUID } from 'node:crypto';
import { waitFor } from '@app/testing';
import { json } from '../support/test-api';
import { StaffClient, StaffStack, fileReport, startStaffStack } from './support/staff-stack';

describe('staff inbox, detail, replies with templates, notes, re-routing, reassignment, bulk, audit', () => {
  let staff: StaffStack;
  let triage: StaffClient;
  let ordnungsamt: StaffClient;
  let reader: StaffClient;
  let graffiti: { id: string; number: string };
  let sign: { id: string; number: string };
  let playground: { id: string; number: string };
  let departments: Record<string, string>;
  let categories: Record<string, string>;

  const audit = async (reportId: string) => (await staff.admin.query(`SELECT * FROM staff_audit_log WHERE target_id = $1 ORDER BY id`, [reportId])).rows;
  const row = async (id: string) => (await staff.admin.query(`SELECT * FROM reports WHERE id = $1`, [id])).rows[0];

  beforeAll(async () => {
    staff = await startStaffStack();
    const ilmenau = await staff.tenantId('ilmenau');
    departments = Object.fromEntries((await staff.admin.query(`SELECT name, id FROM departments WHERE tenant_id = $1`, [ilmenau])).rows.map((r) => [r.name, r.id]));
    categories = Object.fromEntries((await staff.admin.query(`SELECT code, id FROM categories WHERE tenant_id = $1`, [ilmenau])).rows.map((r) => [r.code, r.id]));
    await staff.createUser('ilmenau', 'triage@ilmenau.example', 'triage');
    await staff.createUser('ilmenau', 'ordnung@ilmenau.example', 'department', ['Ordnungsamt']);
    await staff.createUser('ilmenau', 'reader@ilmenau.example', 'read_only');
    triage = new StaffClient(staff.baseUrl, 'ilmenau');
    ordnungsamt = new StaffClient(staff.baseUrl, 'ilmenau');
    reader = new StaffClient(staff.baseUrl, 'ilmenau');
    await triage.signIn('triage@ilmenau.example');
    await ordnungsamt.signIn('ordnung@ilmenau.example');
    await reader.signIn('reader@ilmenau.example');
    graffiti = await fileReport(staff, 'ilmenau', { category: 'graffiti', description: 'Graffiti am Bahnhof', email: 'erika@example.org' });
    sign = await fileReport(staff, 'ilmenau', { category: 'verkehrszeichen', description: 'Schild verdreht' });
    playground = await fileReport(staff, 'ilmenau', { category: 'spielplatz', description: 'Schaukel kaputt', email: 'paul@example.org' });
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('lists the inbox with filters, sorting and paging', async () => {
    const all = await json(await triage.get('reports?sort=created&pageSize=2'));
    expect(all.total).toBe(3);
    expect(all.items.map((item: { id: string }) => item.id)).toEqual([graffiti.id, sign.id]);
    expect(all.items[0]).toMatchObject({ status: 'in_review', category: { code: 'graffiti' }, department: { name: 'Ordnungsamt' }, overdue: false });
    const second = await json(await triage.get('reports?sort=created&pageSize=2&page=2'));
    expect(second.items.map((item: { id: string }) => item.id)).toEqual([playground.id]);
    const byDepartment = await json(await triage.get(`reports?departmentId=${departments['Tiefbauamt']}`));
    expect(byDepartment.items.map((item: { id: string }) => item.id)).toEqual([sign.id]);
    const byCategory = await json(await triage.get(`reports?categoryId=${categories['spielplatz']}`));
    expect(byCategory.total).toBe(1);
    expect((await json(await triage.get('reports?status=fixed,rejected'))).total).toBe(0);
    expect((await json(await triage.get('reports?overdue=true'))).total).toBe(0);
    expect((await json(await triage.get('reports?minAgeDays=1'))).total).toBe(0);
    const bad = await triage.get('reports?status=lost&pageSize=1000');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors.map((error: { field: string }) => error.field).sort()).toEqual(['pageSize', 'status[0]']);
  });

  it('gives the same selection as map data', async () => {
    const map = await json(await triage.get('reports/map?status=in_review'));
    expect(map.items).toHaveLength(3);
    expect(map.items[0]).toEqual({ id: expect.any(String), lat: expect.any(Number), lon: expect.any(Number), status: 'in_review', overdue: false });
  });

  it('shows department staff only their departments’ reports; others are 404', async () => {
    const inbox = await json(await ordnungsamt.get('reports'));
    expect(inbox.items.map((item: { id: string }) => item.id)).toEqual([graffiti.id]);
    expect((await ordnungsamt.get(`reports/${sign.id}`)).status).toBe(404);
    expect((await ordnungsamt.post(`reports/${sign.id}/notes`, { note: 'x' })).status).toBe(404);
  });

  it('shows staff the contact data, routing reason and full history; read-only staff no contact data', async () => {
    const detail = await json(await triage.get(`reports/${graffiti.id}`));
    expect(detail.contact).toMatchObject({ email: 'erika@example.org', name: 'Erika Muster' });
    expect(detail.routing.reason).toContain('Graffiti');
    expect(detail.history[0]).toMatchObject({ status: 'received' });
    const readOnly = await json(await reader.get(`reports/${graffiti.id}`));
    expect(readOnly.contact).toBeUndefined();
    expect(JSON.stringify(readOnly)).not.toContain('erika@example.org');
  });

  it('replies with a template that sets the status, mails reporter and followers, in one transaction with the history', async () => {
    const ilmenau = await staff.tenantId('ilmenau');
    const [template] = (await staff.admin.query(
      `INSERT INTO reply_templates (tenant_id, name, body, status) VALUES ($1, 'In Arbeit', 'Wir kümmern uns darum.', 'in_progress') RETURNING id`, [ilmenau])).rows;
    const response = await ordnungsamt.post(`reports/${graffiti.id}/responses`, { templateId: template.id });
    expect(response.status).toBe(201);
    const { historyId, status } = await json(response);
    expect(status).toBe('in_progress');
    const history = (await staff.admin.query(`SELECT * FROM report_history WHERE id = $1`, [historyId])).rows[0];
    expect(history).toMatchObject({ status: 'in_progress', note: 'Wir kümmern uns darum.', internal: false, actor: 'staff:ordnung@ilmenau.example' });
    const outbox = (await staff.admin.query(`SELECT payload FROM outbox WHERE job_name = 'ReportNotify' AND payload->>'historyId' = $1`, [historyId])).rows;
    expect(outbox).toEqual([{ payload: { tenantId: ilmenau, reportId: graffiti.id, kind: 'status', historyId } }]);
    const mail = await waitFor(async () => staff.smtp.to('erika@example.org').find((m) => m.text?.includes('Wir kümmern uns darum.')), { what: 'status mail' });
    expect(mail).toBeDefined();
    expect((await row(graffiti.id)).first_response_at).not.toBeNull();
    const entries = await audit(graffiti.id);
    expect(entries.at(-1)).toMatchObject({ action: 'report.respond', actor: 'staff:ordnung@ilmenau.example', before: { status: 'in_review' }, after: { status: 'in_progress', template: 'In Arbeit' } });
  });

  it('refuses transitions the status model forbids and closing without a reason', async () => {
    const noReason = await triage.post(`reports/${playground.id}/responses`, { status: 'closed_not_fixed' });
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).errors[0]).toMatchObject({ field: 'note', code: 'reason_required' });
    expect((await triage.post(`reports/${playground.id}/responses`, { status: 'fixed', note: 'Repariert.' })).status).toBe(201);
    const refused = await triage.post(`reports/${playground.id}/responses`, { status: 'rejected', note: 'nein' });
    expect(refused.status).toBe(400);
    expect((await json(refused)).errors[0]).toMatchObject({ field: 'status', code: 'transition_not_allowed' });
    expect((await row(playground.id)).closed_at).not.toBeNull();
  });

  it('keeps internal notes out of the public report and the mails', async () => {
    const mailsBefore = staff.smtp.mails.length;
    const response = await triage.post(`reports/${graffiti.id}/notes`, { note: 'Eigentümer ist die Bahn – intern klären' });
    expect(response.status).toBe(201);
    const publicView = await (await fetch(`${staff.baseUrl}/api/v1/t/ilmenau/reports/${graffiti.id}`)).text();
    expect(publicView).not.toContain('intern klären');
    const detail = await json(await triage.get(`reports/${graffiti.id}`));
    expect(detail.history.find((entry: { internal: boolean }) => entry.internal)).toMatchObject({ note: 'Eigentümer ist die Bahn – intern klären' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(staff.smtp.mails.slice(mailsBefore).some((mail) => mail.text?.includes('intern klären'))).toBe(false);
    expect((await audit(graffiti.id)).at(-1)).toMatchObject({ action: 'report.note' });
  });

  it('re-routes automatically when the category changes, with a public note and a mail to the new department', async () => {
    const response = await triage.post(`reports/${graffiti.id}/reroute`, { categoryId: categories['verkehrszeichen'] });
    expect(response.status).toBe(200);
    expect((await json(response)).departmentId).toBe(departments['Tiefbauamt']);
    const report = await row(graffiti.id);
    expect(report).toMatchObject({ category_id: categories['verkehrszeichen'], department_id: departments['Tiefbauamt'] });
    const publicView = await json(await fetch(`${staff.baseUrl}/api/v1/t/ilmenau/reports/${graffiti.id}`));
    expect(JSON.stringify(publicView)).toContain('Kategorie geändert');
    expect(JSON.stringify(publicView)).toContain('Zuständig: Tiefbauamt');
    await waitFor(async () => staff.smtp.to('tiefbauamt@ilmenau.example').find((mail) => mail.subject?.includes(graffiti.number)), { what: 'department mail' });
    expect((await audit(graffiti.id)).at(-1)).toMatchObject({
      action: 'report.reroute',
      before: { categoryId: categories['graffiti'], departmentId: departments['Ordnungsamt'] },
      after: { categoryId: categories['verkehrszeichen'], departmentId: departments['Tiefbauamt'] },
    });
    // The Ordnungsamt no longer sees it.
    expect((await ordnungsamt.get(`reports/${graffiti.id}`)).status).toBe(404);
  });

  it('reassigns to another department by hand', async () => {
    expect((await triage.post(`reports/${sign.id}/assign`, { departmentId: departments['Bauhof'], note: 'Bauhof hat das Material' })).status).toBe(204);
    expect((await row(sign.id)).department_id).toBe(departments['Bauhof']);
    expect((await audit(sign.id)).at(-1)).toMatchObject({ action: 'report.assign', before: { departmentId: departments['Tiefbauamt'] }, after: { departmentId: departments['Bauhof'] } });
    const unknown = await triage.post(`reports/${sign.id}/assign`, { departmentId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).errors[0].field).toBe('departmentId');
    expect((await ordnungsamt.post(`reports/${sign.id}/assign`, { departmentId: departments['Ordnungsamt'] })).status).toBe(403);
  });

  it('sets the priority, audited', async () => {
    expect((await ordnungsamt.patch(`reports/${sign.id}/priority`, { priority: 1 })).status).toBe(404);
    expect((await triage.patch(`reports/${sign.id}/priority`, { priority: 1 })).status).toBe(204);
    expect((await json(await triage.get('reports?priority=1'))).items.map((item: { id: string }) => item.id)).toEqual([sign.id]);
    expect((await audit(sign.id)).at(-1)).toMatchObject({ action: 'report.priority', before: { priority: 2 }, after: { priority: 1 } });
  });

  it('applies bulk status changes and assignments with per-report results', async () => {
    const foreign = (await fileReport(staff, 'jena', { category: 'graffiti', description: 'Jena-Graffiti' })).id;
    const response = await triage.post('reports/bulk', { ids: [playground.id, sign.id, foreign], action: 'status', status: 'closed_not_fixed', note: 'Keine Maßnahme nötig.' });
    expect(response.status).toBe(200);
    const { results } = await json(response);
    expect(results.map((result: { ok: boolean }) => result.ok)).toEqual([false, true, false]);
    expect(results[0].error.errors[0].code).toBe('transition_not_allowed'); // fixed → closed_not_fixed is not a transition
    expect((await row(sign.id)).status).toBe('closed_not_fixed');
    expect(results[2].error.statusCode).toBe(404);
    expect((await row(foreign)).status).toBe('in_review');
    const assigned = await json(await triage.post('reports/bulk', { ids: [graffiti.id, sign.id], action: 'assign', departmentId: departments['Ordnungsamt'] }));
    expect(assigned.results.every((result: { ok: boolean }) => result.ok)).toBe(true);
    expect((await json(await ordnungsamt.get('reports'))).total).toBe(2);
    const bulkAudit = (await staff.admin.query(`SELECT detail FROM staff_audit_log WHERE action = 'report.bulk' ORDER BY id`)).rows;
    expect(bulkAudit).toHaveLength(2);
  });

  it('keeps tenants apart: another tenant’s session is 401 here, another tenant’s ids are 404', async () => {
    await staff.createUser('jena', 'triage@jena.example', 'triage');
    const jena = new StaffClient(staff.baseUrl, 'jena');
    await jena.signIn('triage@jena.example');
    expect((await jena.request('GET', 'reports', undefined, { slug: 'ilmenau' })).status).toBe(401);
    expect((await jena.request('POST', `reports/${graffiti.id}/notes`, { note: 'x' }, { slug: 'ilmenau' })).status).toBe(401);
    expect((await jena.get(`reports/${graffiti.id}`)).status).toBe(404);
    expect((await jena.post(`reports/${graffiti.id}/responses`, { note: 'fremd' })).status).toBe(404);
    expect((await jena.post(`reports/${graffiti.id}/reroute`, { categoryId: categories['graffiti'] })).status).toBe(404);
    expect((await json(await jena.get('reports'))).items.map((item: { id: string }) => item.id)).not.toContain(graffiti.id);
  });
});
