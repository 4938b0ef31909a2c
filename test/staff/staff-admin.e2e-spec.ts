import { randomUUID } from 'node:crypto';
import { waitFor } from '@app/testing';
import { json } from '../support/test-api';
import { PASSWORD, StaffClient, StaffStack, fileReport, startStaffStack } from './support/staff-stack';

describe('staff administration: catalogue, areas, users, templates, retention, SSO, API keys, audit', () => {
  let staff: StaffStack;
  let admin: StaffClient;
  let adminId: string;

  const lastAudit = async (action: string) => (await staff.admin.query(`SELECT * FROM staff_audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1`, [action])).rows[0];

  beforeAll(async () => {
    staff = await startStaffStack();
    adminId = await staff.createUser('ilmenau', 'chef@ilmenau.example', 'tenant_admin');
    admin = new StaffClient(staff.baseUrl, 'ilmenau');
    await admin.signIn('chef@ilmenau.example');
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('manages categories with validated extra questions; routing follows new departments and rules', async () => {
    const invalid = await admin.post('admin/categories', {
      code: 'Bad Code', name: { de: 'X', en: '' },
      attributes: [
        { code: 'kind', datatype: 'singlevaluelist', required: true, order: 1, description: { de: 'Art', en: 'Kind' } },
        { code: 'kind', datatype: 'string', required: false, order: 1, description: { de: 'Art', en: 'Kind' }, values: [{ key: 'a', name: { de: 'a', en: 'a' } }] },
      ],
    });
    expect(invalid.status).toBe(400);
    const fields = (await json(invalid)).errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['attributes[0].values', 'attributes[1].code', 'attributes[1].order', 'attributes[1].values', 'code', 'name.en']));

    const department = await admin.post('admin/departments', { name: 'Stadtwerke', email: 'stadtwerke@ilmenau.example' });
    expect(department.status).toBe(201);
    const departmentId = (await json(department)).id;
    expect((await json(await admin.post('admin/departments', { name: 'Stadtwerke', email: 'x@ilmenau.example' }))).errors[0]).toMatchObject({ field: 'name', code: 'already_exists' });

    const category = await admin.post('admin/categories', {
      code: 'wasserrohr', name: { de: 'Wasserrohrbruch', en: 'Burst water pipe' }, firstResponseHours: 4,
      attributes: [{ code: 'water', datatype: 'singlevaluelist', required: false, order: 1, description: { de: 'Wie viel Wasser?', en: 'How much water?' }, values: [{ key: 'little', name: { de: 'wenig', en: 'little' } }, { key: 'lots', name: { de: 'viel', en: 'lots' } }] }],
    });
    expect(category.status).toBe(201);
    const categoryId = (await json(category)).id;
    expect((await json(await admin.post('admin/categories', { code: 'wasserrohr', name: { de: 'a', en: 'b' } }))).errors[0]).toMatchObject({ field: 'code', code: 'already_exists' });
    const rule = await admin.post('admin/responsibility-rules', { categoryId, departmentId });
    expect(rule.status).toBe(201);
    expect((await json(await admin.post('admin/responsibility-rules', { categoryId, departmentId }))).errors[0]).toMatchObject({ field: 'areaId', code: 'already_exists' });
    const areaId = (await json(await admin.get('admin/areas')))[0].id;
    expect((await json(await admin.post('admin/responsibility-rules', { categoryId, areaId, departmentId: randomUUID() }))).errors[0]).toMatchObject({ field: 'departmentId', code: 'unknown_reference' });
    expect((await json(await admin.post('admin/responsibility-rules', { categoryId, areaId: randomUUID(), departmentId }))).errors[0]).toMatchObject({ field: 'areaId', code: 'unknown_reference' });

    const publicCategories = await json(await fetch(`${staff.baseUrl}/api/v1/t/ilmenau/categories`));
    expect(publicCategories.find((c: { code: string }) => c.code === 'wasserrohr').attributes[0].values).toHaveLength(2);
    const report = await fileReport(staff, 'ilmenau', { category: 'wasserrohr', description: 'Wasser sprudelt aus der Straße' });
    expect((await staff.admin.query(`SELECT department_id FROM reports WHERE id = $1`, [report.id])).rows[0].department_id).toBe(departmentId);

    expect((await admin.patch(`admin/categories/${categoryId}`, { firstResponseHours: 8, active: false })).status).toBe(204);
    expect((await json(await admin.get('admin/categories'))).find((c: { id: string }) => c.id === categoryId)).toMatchObject({ firstResponseHours: 8, active: false, name: { de: 'Wasserrohrbruch' } });
    expect(await lastAudit('category.update')).toMatchObject({ target_id: categoryId, before: { firstResponseHours: 4, active: true }, after: { firstResponseHours: 8, active: false } });
    const rules = await json(await admin.get('admin/responsibility-rules'));
    const ruleId = rules.find((r: { categoryId: string }) => r.categoryId === categoryId).id;
    expect((await admin.request('DELETE', `admin/responsibility-rules/${ruleId}`)).status).toBe(204);
    expect((await admin.request('DELETE', `admin/responsibility-rules/${ruleId}`)).status).toBe(404);
    expect(await lastAudit('rule.delete')).toMatchObject({ target_id: ruleId });
  });

  it('uploads areas as GeoJSON with field-level errors, storing nothing from a bad file', async () => {
    const before = await json(await admin.get('admin/areas'));
    const bad = await admin.post('admin/areas/import', { geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Neu', kind: 'bezirk' }, geometry: { type: 'Point', coordinates: [1, 2] } }] } });
    expect(bad.status).toBe(400);
    const errors = (await json(bad)).errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error: { field: string }) => error.field.startsWith('geojson'))).toBe(true);
    const centre = (await json(await fetch(`${staff.baseUrl}/api/v1/t/ilmenau`))).map.centre;
    const d = 0.002;
    const square = [[[centre.lon - d, centre.lat - d], [centre.lon + d, centre.lat - d], [centre.lon + d, centre.lat + d], [centre.lon - d, centre.lat + d], [centre.lon - d, centre.lat - d]]];
    const good = await admin.post('admin/areas/import', { geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Testviertel', kind: 'district' }, geometry: { type: 'Polygon', coordinates: square } }] } });
    expect(good.status).toBe(200);
    expect(await json(good)).toEqual({ municipalities: 0, districts: 1 });
    const after = await json(await admin.get('admin/areas'));
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((area: { name: string }) => area.name === 'Testviertel')).toMatchObject({ kind: 'district', parentId: expect.any(String) });
    expect(await lastAudit('areas.import')).toMatchObject({ actor: 'staff:chef@ilmenau.example', detail: { districts: 1 } });
  });

  it('manages staff accounts: invitation mail, role changes end sessions, the last admin stays', async () => {
    const departments = await json(await admin.get('admin/departments'));
    const tiefbau = departments.find((d: { name: string }) => d.name === 'Tiefbauamt').id;
    const noDepartment = await admin.post('admin/users', { email: 'neu@ilmenau.example', role: 'department' });
    expect((await json(noDepartment)).errors[0]).toMatchObject({ field: 'departmentIds', code: 'department_required' });
    const created = await admin.post('admin/users', { email: 'Neu@Ilmenau.example', displayName: 'Neu', role: 'department', departmentIds: [tiefbau] });
    expect(created.status).toBe(201);
    const userId = (await json(created)).id;
    expect((await json(await admin.post('admin/users', { email: 'neu@ilmenau.example', role: 'read_only' }))).errors[0]).toMatchObject({ field: 'email', code: 'already_exists' });
    const mail = await waitFor(async () => staff.smtp.to('neu@ilmenau.example')[0], { what: 'invitation mail' });
    const token = decodeURIComponent(/token=(\S+)/.exec(mail.text!)![1]);
    expect((await fetch(`${staff.baseUrl}/api/v1/t/ilmenau/staff/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: PASSWORD }) })).status).toBe(204);
    const user = new StaffClient(staff.baseUrl, 'ilmenau');
    expect((await user.signIn('neu@ilmenau.example')).status).toBe(200);
    expect(user.user).toMatchObject({ role: 'department', departmentIds: [tiefbau] });

    expect((await admin.patch(`admin/users/${userId}`, { role: 'read_only' })).status).toBe(204);
    expect((await user.get('auth/session')).status).toBe(401);
    expect(await lastAudit('staff_user.update')).toMatchObject({ target_id: userId, before: { role: 'department' }, after: { role: 'read_only', departmentIds: [] } });
    const list = await json(await admin.get('admin/users'));
    expect(list.find((u: { id: string }) => u.id === userId)).toMatchObject({ email: 'neu@ilmenau.example', role: 'read_only', active: true });

    const self = await admin.patch(`admin/users/${adminId}`, { role: 'triage' });
    expect((await json(self)).errors[0]).toMatchObject({ code: 'self_lockout' });
    expect((await admin.patch(`admin/users/${userId}`, { active: false })).status).toBe(204);
    expect((await user.signIn('neu@ilmenau.example')).status).toBe(401);
  });

  it('manages reply templates, retention and SSO settings with field errors; the client secret never comes back', async () => {
    const template = await admin.post('admin/reply-templates', { name: 'Erledigt', body: 'Der Schaden ist behoben.', status: 'fixed' });
    expect(template.status).toBe(201);
    const templateId = (await json(template)).id;
    expect((await json(await admin.post('admin/reply-templates', { name: 'Erledigt', body: 'x' }))).errors[0]).toMatchObject({ field: 'name', code: 'already_exists' });
    expect((await json(await admin.post('admin/reply-templates', { name: 'Kaputt', body: 'x', status: 'done' }))).errors[0].field).toBe('status');
    expect((await admin.patch(`admin/reply-templates/${templateId}`, { body: 'Behoben. Danke!' })).status).toBe(204);
    expect((await json(await admin.get('admin/reply-templates')))[0]).toMatchObject({ name: 'Erledigt', body: 'Behoben. Danke!', status: 'fixed' });

    expect(await json(await admin.get('admin/retention'))).toEqual({ contactRetentionDaysAfterClose: 90, unconfirmedExpiryHours: 48 });
    const badRetention = await admin.request('PUT', 'admin/retention', { contactRetentionDaysAfterClose: 0, unconfirmedExpiryHours: 48 });
    expect((await json(badRetention)).errors[0].field).toBe('contactRetentionDaysAfterClose');
    expect((await admin.request('PUT', 'admin/retention', { contactRetentionDaysAfterClose: 30, unconfirmedExpiryHours: 24 })).status).toBe(204);
    expect(await json(await admin.get('admin/retention'))).toEqual({ contactRetentionDaysAfterClose: 30, unconfirmedExpiryHours: 24 });
    expect(await lastAudit('retention.update')).toMatchObject({ before: { contactRetentionDaysAfterClose: 90 }, after: { contactRetentionDaysAfterClose: 30 } });

    const sso = { enabled: true, issuer: 'https://login.ilmenau.example', clientId: 'mitreden', roleClaim: 'groups', roleMapping: { 'mitreden-admins': 'tenant_admin', leitstelle: 'triage' } };
    expect((await json(await admin.request('PUT', 'admin/sso', sso))).errors[0]).toMatchObject({ field: 'clientSecret' });
    expect((await json(await admin.request('PUT', 'admin/sso', { ...sso, roleMapping: { x: 'king' } }))).errors[0].field).toBe('roleMapping.x');
    const saved = await admin.request('PUT', 'admin/sso', { ...sso, clientSecret: 'top-secret-value' });
    expect(saved.status).toBe(200);
    expect((await json(saved)).redirectUri).toBe('http://mitreden.test/api/v1/t/ilmenau/staff/auth/oidc/callback');
    const read = await admin.get('admin/sso');
    const body = await read.text();
    expect(body).not.toContain('top-secret-value');
    expect(JSON.parse(body)).toMatchObject({ issuer: 'https://login.ilmenau.example', clientSecretSet: true });
    expect(JSON.stringify(await lastAudit('sso.update'))).not.toContain('top-secret-value');
    const stored = (await staff.admin.query(`SELECT client_secret_encrypted FROM tenant_sso_settings`)).rows[0].client_secret_encrypted;
    expect(stored).not.toContain('top-secret-value');
  });

  it('creates and revokes Open311 API keys; the key is shown once', async () => {
    const created = await admin.post('admin/api-keys', { name: 'FixMyStreet' });
    expect(created.status).toBe(201);
    const { id, key } = await json(created);
    expect(key).toMatch(/^o311_/);
    const list = await admin.get('admin/api-keys');
    const text = await list.text();
    expect(text).not.toContain(key);
    expect(JSON.parse(text)).toEqual([expect.objectContaining({ id, name: 'FixMyStreet', revokedAt: null })]);
    expect((await admin.request('DELETE', `admin/api-keys/${id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `admin/api-keys/${id}`)).status).toBe(404);
    expect((await lastAudit('api_key.revoke')).target_id).toBe(id);
  });

  it('lets admins browse and export the append-only audit log', async () => {
    const page = await json(await admin.get('audit?limit=3'));
    expect(page.items).toHaveLength(3);
    expect(page.nextBeforeId).toEqual(expect.any(String));
    const next = await json(await admin.get(`audit?limit=3&beforeId=${page.nextBeforeId}`));
    expect(Number(next.items[0].id)).toBeLessThan(Number(page.items[2].id) + 1);
    const filtered = await json(await admin.get('audit?action=category.create'));
    expect(filtered.items.every((entry: { action: string }) => entry.action === 'category.create')).toBe(true);
    const csv = await admin.get('audit/export.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('id,at,actor,actorUserId,action,targetType,targetId,before,after,detail');
    expect(lines.length).toBeGreaterThan(10);
    await expect(staff.admin.query(`UPDATE staff_audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(staff.admin.query(`DELETE FROM staff_audit_log`)).rejects.toThrow(/append-only/);
  });

  it('keeps administration per tenant: another tenant’s ids are 404 through its own URL', async () => {
    await staff.createUser('jena', 'chef@jena.example', 'tenant_admin');
    const jena = new StaffClient(staff.baseUrl, 'jena');
    await jena.signIn('chef@jena.example');
    const ilmenauCategory = (await json(await admin.get('admin/categories')))[0].id;
    expect((await jena.patch(`admin/categories/${ilmenauCategory}`, { active: false })).status).toBe(404);
    expect((await jena.patch(`admin/users/${adminId}`, { active: false })).status).toBe(404);
    expect((await jena.request('GET', 'admin/users', undefined, { slug: 'ilmenau' })).status).toBe(401);
    expect((await json(await jena.get('admin/users'))).map((u: { email: string }) => u.email)).not.toContain('chef@ilmenau.example');
  });
});
