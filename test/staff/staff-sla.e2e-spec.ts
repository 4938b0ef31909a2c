import { WorkerHost } from '@app/core';
import { Clock, ReportEscalationSweep } from '@app/staff';
import { waitFor } from '@app/testing';
import { json } from '../support/test-api';
import { StaffClient, StaffStack, fileReport, startStaffStack } from './support/staff-stack';

const DAY = 24 * 3600_000;

/** Service-level targets and escalation, with the API's and the worker's Clock moved by the test. */
describe('staff SLA: due dates, overdue list, escalation mails with a fake clock', () => {
  let staff: StaffStack;
  let triage: StaffClient;
  let now: Date;

  const setClock = (at: Date) => {
    now = at;
  };

  beforeAll(async () => {
    staff = await startStaffStack();
    now = new Date();
    jest.spyOn(staff.worker.get(Clock), 'now').mockImplementation(() => now);
    jest.spyOn(staff.stack.api.get(Clock), 'now').mockImplementation(() => now);
    await staff.createUser('ilmenau', 'leitstelle2@ilmenau.example', 'triage');
    triage = new StaffClient(staff.baseUrl, 'ilmenau');
    await triage.signIn('leitstelle2@ilmenau.example');
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await staff?.close();
  });

  it('lists reports past their due date as overdue and escalates each once to the department and the Leitstelle', async () => {
    // Spielplatz: 24 h target, Grünflächenamt; graffiti: 120 h target.
    const playground = await fileReport(staff, 'ilmenau', { category: 'spielplatz', description: 'Rutsche gebrochen' });
    const answered = await fileReport(staff, 'ilmenau', { category: 'spielplatz', description: 'Sandkasten verschmutzt' });
    const graffiti = await fileReport(staff, 'ilmenau', { category: 'graffiti', description: 'Tag an der Schule' });
    expect((await triage.post(`reports/${answered.id}/responses`, { status: 'in_progress', note: 'Wir schauen es uns an.' })).status).toBe(201);

    expect((await json(await triage.get('reports/overdue'))).total).toBe(0);
    expect(await staff.worker.get(ReportEscalationSweep).sweep()).toBe(0);

    setClock(new Date(Date.now() + 2 * DAY));
    const overdue = await json(await triage.get('reports/overdue'));
    expect(overdue.items.map((item: { id: string }) => item.id)).toEqual([playground.id]);
    expect(overdue.items[0].overdue).toBe(true);
    expect((await json(await triage.get(`reports/${playground.id}`))).overdue).toBe(true);
    expect((await json(await triage.get('reports?overdue=false'))).items.map((item: { id: string }) => item.id)).not.toContain(playground.id);

    // The periodic trigger is the worker's sweep; run it as the timer would.
    await staff.worker.get(WorkerHost).runSweeps();
    const departmentMail = await waitFor(async () => staff.smtp.to('gruenflaechenamt@ilmenau.example').find((mail) => mail.subject?.includes(`Überfällig: Meldung ${playground.number}`)), { what: 'escalation to the department' });
    expect(departmentMail!.text).toContain('Rutsche gebrochen');
    await waitFor(async () => staff.smtp.to('leitstelle2@ilmenau.example').find((mail) => mail.subject?.includes(playground.number)), { what: 'escalation to the Leitstelle' });
    expect((await staff.admin.query(`SELECT escalated_at FROM reports WHERE id = $1`, [playground.id])).rows[0].escalated_at).not.toBeNull();

    // Once per due date: a second run sends nothing new; the answered report never escalates.
    expect(await staff.worker.get(ReportEscalationSweep).sweep()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const escalations = (number: string) => staff.smtp.mails.filter((mail) => mail.subject?.startsWith(`Überfällig: Meldung ${number} (`));
    // The department and both triage accounts (the demo Leitstelle and this test's).
    expect(escalations(playground.number).flatMap((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to!]).flatMap((to) => to.value.map((v) => v.address))).sort())
      .toEqual(['gruenflaechenamt@ilmenau.example', 'leitstelle2@ilmenau.example', 'leitstelle@ilmenau.example']);
    expect(escalations(answered.number)).toHaveLength(0);

    // Graffiti (120 working hours) is still in time after 2 days; 10 days later it escalates too.
    expect(escalations(graffiti.number)).toHaveLength(0);
    setClock(new Date(Date.now() + 10 * DAY));
    expect(await staff.worker.get(ReportEscalationSweep).sweep()).toBe(1);
    await waitFor(async () => staff.smtp.to('ordnungsamt@ilmenau.example').find((mail) => mail.subject?.startsWith(`Überfällig: Meldung ${graffiti.number} (`)), { what: 'graffiti escalation' });
  });

  it('sets a new working-hours due date on re-routing, and a first response stops escalation', async () => {
    setClock(new Date('2026-11-27T09:00:00Z')); // a Friday
    const report = await fileReport(staff, 'ilmenau', { category: 'graffiti', description: 'Falsche Kategorie' });
    const categories = Object.fromEntries((await staff.admin.query(`SELECT code, id FROM categories WHERE tenant_id = $1`, [await staff.tenantId('ilmenau')])).rows.map((r) => [r.code, r.id]));
    expect((await triage.post(`reports/${report.id}/reroute`, { categoryId: categories['spielplatz'] })).status).toBe(200);
    // 24 working hours from Friday 09:00 UTC skip the weekend: Monday 09:00 UTC.
    expect((await staff.admin.query(`SELECT due_at FROM reports WHERE id = $1`, [report.id])).rows[0].due_at.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    setClock(new Date('2026-11-29T12:00:00Z')); // Sunday: not yet overdue
    expect((await json(await triage.get('reports/overdue'))).items.map((item: { id: string }) => item.id)).not.toContain(report.id);
    setClock(new Date('2026-11-30T10:00:00Z'));
    expect((await json(await triage.get('reports/overdue'))).items.map((item: { id: string }) => item.id)).toContain(report.id);
    expect((await triage.post(`reports/${report.id}/notes`, { note: 'intern' })).status).toBe(201);
    expect((await json(await triage.get('reports/overdue'))).items.map((item: { id: string }) => item.id)).toContain(report.id);
    expect((await triage.post(`reports/${report.id}/responses`, { note: 'Wir kümmern uns.' })).status).toBe(201);
    expect((await json(await triage.get('reports/overdue'))).items.map((item: { id: string }) => item.id)).not.toContain(report.id);
  });
});
