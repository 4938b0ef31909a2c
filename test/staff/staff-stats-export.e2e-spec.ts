import { json } from '../support/test-api';
import { StaffClient, StaffStack, startStaffStack } from './support/staff-stack';

/**
 * Statistics and streamed export on gera, with rows of known timings written
 * directly (as the owner) so medians and buckets can be checked exactly.
 */
describe('staff statistics and streamed export', () => {
  let staff: StaffStack;
  let triage: StaffClient;
  let reader: StaffClient;
  let department: StaffClient;
  let gera: string;
  let departments: Record<string, string>;

  beforeAll(async () => {
    staff = await startStaffStack();
    gera = await staff.tenantId('gera');
    departments = Object.fromEntries((await staff.admin.query(`SELECT name, id FROM departments WHERE tenant_id = $1`, [gera])).rows.map((r) => [r.name, r.id]));
    const insert = (category: string, department: string, createdAt: string, firstResponseHours: number | null, closeHours: number | null, status: string, email: string | null) =>
      staff.admin.query(
        `WITH r AS (
           INSERT INTO reports (tenant_id, category_id, status, location, description, department_id, confirmed_at, routed_at, created_at, first_response_at, closed_at, due_at)
           SELECT $1, c.id, $5, ST_SetSRID(ST_MakePoint(12.08, 50.88), 4326), 'Testmeldung; "zitiert", =SUMME(A1)', $3, $4::timestamptz, $4::timestamptz, $4::timestamptz,
                  $4::timestamptz + make_interval(hours => $6::int), $4::timestamptz + make_interval(hours => $7::int), $4::timestamptz + interval '2 days'
             FROM categories c WHERE c.tenant_id = $1 AND c.code = $2 RETURNING id)
         INSERT INTO report_contacts (tenant_id, report_id, email, name) SELECT $1, id, $8, 'Kontakt Person' FROM r WHERE $8::text IS NOT NULL`,
        [gera, category, departments[department], createdAt, status, firstResponseHours, closeHours, email],
      );
    // Ordnungsamt: first responses after 1, 2, 5 h (median 2); closed after 10 and 20 h (median 15).
    await insert('graffiti', 'Ordnungsamt', '2026-09-10T08:00:00Z', 1, 10, 'fixed', 'a@example.org');
    await insert('graffiti', 'Ordnungsamt', '2026-09-11T08:00:00Z', 2, 20, 'fixed', null);
    await insert('graffiti', 'Ordnungsamt', '2026-10-01T08:00:00Z', 5, null, 'in_progress', null);
    // Tiefbauamt: 1200 open reports in October without response, for batching and the backlog.
    await staff.admin.query(
      `INSERT INTO reports (tenant_id, category_id, status, location, description, department_id, confirmed_at, routed_at, created_at, due_at)
       SELECT $1, c.id, 'in_review', ST_SetSRID(ST_MakePoint(12.08 + g * 0.00001, 50.88), 4326), 'Massenmeldung ' || g, $2, now(), now(),
              now() - make_interval(days => 40 + (g % 5)), now() - interval '30 days'
         FROM categories c, generate_series(1, 1200) g WHERE c.tenant_id = $1 AND c.code = 'schlagloch'`,
      [gera, departments['Tiefbauamt']],
    );
    await staff.createUser('gera', 'triage@gera.example', 'triage');
    await staff.createUser('gera', 'reader@gera.example', 'read_only');
    await staff.createUser('gera', 'ordnung@gera.example', 'department', ['Ordnungsamt']);
    triage = new StaffClient(staff.baseUrl, 'gera');
    reader = new StaffClient(staff.baseUrl, 'gera');
    department = new StaffClient(staff.baseUrl, 'gera');
    await triage.signIn('triage@gera.example');
    await reader.signIn('reader@gera.example');
    await department.signIn('ordnung@gera.example');
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('counts reports per category, department and month', async () => {
    const byCategory = await json(await triage.get('stats/reports?by=category'));
    expect(byCategory.total).toBe(1203);
    expect(byCategory.items).toEqual([
      { key: 'schlagloch', label: 'Schlagloch / Straßenschaden', count: 1200, open: 1200 },
      { key: 'graffiti', label: 'Graffiti', count: 3, open: 1 },
    ]);
    const byMonth = await json(await triage.get('stats/reports?by=month&from=2026-09-01T00:00:00Z&to=2026-10-31T00:00:00Z'));
    expect(byMonth.items.filter((item: { key: string }) => item.key === '2026-09')).toEqual([{ key: '2026-09', label: '2026-09', count: 2, open: 0 }]);
    const byDepartment = await json(await department.get('stats/reports?by=department'));
    expect(byDepartment.items).toEqual([{ key: departments['Ordnungsamt'], label: 'Ordnungsamt', count: 3, open: 1 }]);
    expect((await triage.get('stats/reports?by=colour')).status).toBe(400);
  });

  it('gives median times to first response and to closing per department', async () => {
    const { departments: rows } = await json(await reader.get('stats/response-times'));
    expect(rows.find((row: { department: string }) => row.department === 'Ordnungsamt')).toEqual({
      departmentId: departments['Ordnungsamt'], department: 'Ordnungsamt', reports: 3, responded: 3, closed: 2, medianFirstResponseHours: 2, medianCloseHours: 15,
    });
    expect(rows.find((row: { department: string }) => row.department === 'Tiefbauamt')).toMatchObject({ reports: 1200, responded: 0, medianFirstResponseHours: null });
  });

  it('shows the open backlog by age with overdue counts', async () => {
    const backlog = await json(await triage.get('stats/backlog'));
    expect(backlog.buckets.map((bucket: { bucket: string }) => bucket.bucket)).toEqual(['0-2d', '3-7d', '8-30d', '31-90d', '>90d']);
    expect(backlog.buckets.find((bucket: { bucket: string }) => bucket.bucket === '31-90d')).toEqual({ bucket: '31-90d', count: 1201, overdue: 1200 });
    expect(backlog.byDepartment.find((row: { department: string; bucket: string }) => row.department === 'Tiefbauamt')).toMatchObject({ bucket: '31-90d', count: 1200, overdue: 1200 });
  });

  it('streams a CSV export in batches with contact data only for roles that may see it', async () => {
    const response = await triage.get('export/reports.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const text = await response.text();
    const lines = text.trim().split('\n');
    expect(lines[0].replace(/^\uFEFF/, '').split(',')).toEqual(expect.arrayContaining(['id', 'number', 'status', 'contact_email']));
    expect(lines).toHaveLength(1204);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(1203);
    expect(text).toContain('a@example.org');
    expect(text).toContain(`"Testmeldung; ""zitiert"", =SUMME(A1)"`);
    const readOnly = await (await reader.get('export/reports.csv?status=fixed')).text();
    expect(readOnly).not.toContain('contact_email');
    expect(readOnly).not.toContain('a@example.org');
    expect(readOnly.trim().split('\n')).toHaveLength(3);
    expect((await department.get('export/reports.csv')).status).toBe(403);
    const audit = (await staff.admin.query(`SELECT detail FROM staff_audit_log WHERE tenant_id = $1 AND action = 'reports.export' ORDER BY id`, [gera])).rows;
    expect(audit.map((row) => row.detail)).toEqual([{ format: 'csv', filter: {}, contact: true }, { format: 'csv', filter: { status: ['fixed'] }, contact: false }]);
  });

  it('streams a GeoJSON export that parses as a FeatureCollection', async () => {
    const response = await triage.get('export/reports.geojson?status=in_review');
    expect(response.headers.get('content-type')).toContain('application/geo+json');
    const collection = await json(response);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(1200);
    expect(collection.features[0]).toMatchObject({ type: 'Feature', geometry: { type: 'Point', coordinates: [expect.any(Number), 50.88] }, properties: { status: 'in_review', category: 'schlagloch' } });
    const empty = await json(await triage.get('export/reports.geojson?status=rejected'));
    expect(empty).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
