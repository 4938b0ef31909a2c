import { ParsedMail } from 'mailparser';
import { waitFor } from '@app/testing';
import { StaffClient, StaffStack, startStaffStack } from '../../staff/support/staff-stack';
import { json } from '../../support/test-api';

export { json };

export interface District {
  id: string;
  name: string;
  point: { lat: number; lon: number };
}

export interface BudgetStack {
  staff: StaffStack;
  admin: StaffClient;
  reviewer: StaffClient;
  reviewer2: StaffClient;
  districts: District[];
  api(path: string, init?: RequestInit & { slug?: string }): Promise<Response>;
  post(path: string, body: unknown, slug?: string): Promise<Response>;
  mailTo(address: string, subject?: RegExp): Promise<ParsedMail>;
  linkIn(mail: ParsedMail): string;
  close(): Promise<void>;
}

/** API + worker + SMTP on the demo tenants, with a tenant admin and two budget reviewers of Ilmenau signed in. */
export async function startBudgetStack(): Promise<BudgetStack> {
  const staff = await startStaffStack();
  const signedIn = async (email: string, role: 'tenant_admin' | 'budget_reviewer') => {
    await staff.createUser('ilmenau', email, role);
    const client = new StaffClient(staff.baseUrl, 'ilmenau');
    const response = await client.signIn(email);
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
    return client;
  };
  const admin = await signedIn('budget-admin@ilmenau.example', 'tenant_admin');
  const reviewer = await signedIn('reviewer@ilmenau.example', 'budget_reviewer');
  const reviewer2 = await signedIn('reviewer2@ilmenau.example', 'budget_reviewer');
  const tenantId = await staff.tenantId('ilmenau');
  const { rows } = await staff.admin.query(
    `SELECT id, name, ST_Y(ST_PointOnSurface(geom)) AS lat, ST_X(ST_PointOnSurface(geom)) AS lon FROM areas WHERE tenant_id = $1 AND kind = 'district' ORDER BY name`,
    [tenantId],
  );
  const districts = rows.map((row) => ({ id: row.id, name: row.name, point: { lat: row.lat, lon: row.lon } }));
  const api = (path: string, init: RequestInit & { slug?: string } = {}) => fetch(`${staff.baseUrl}/api/v1/t/${init.slug ?? 'ilmenau'}/${path.replace(/^\//, '')}`, { redirect: 'manual', ...init });
  return {
    staff,
    admin,
    reviewer,
    reviewer2,
    districts,
    api,
    post: (path, body, slug) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), slug }),
    mailTo: (address, subject) =>
      waitFor(async () => staff.smtp.to(address).find((mail) => !subject || subject.test(mail.subject ?? '')), { timeoutMs: 20000, what: `mail to ${address}` }) as Promise<ParsedMail>,
    linkIn: (mail) => {
      const match = /(http:\/\/mitreden\.test\/api\/v1\/\S+)/.exec(mail.text ?? '');
      if (!match) throw new Error(`no link in mail: ${mail.text}`);
      return match[1].replace('http://mitreden.test', staff.baseUrl);
    },
    close: () => staff.close(),
  };
}

/** A cycle in the proposal phase with a city-wide budget and one budget per given district. */
export async function cycleWithBudgets(stack: BudgetStack, year: number, options: { districts?: District[]; cycle?: Record<string, unknown>; budget?: Record<string, unknown> } = {}) {
  const cycle = await json(await stack.admin.post('budgets/cycles', { year, title: `Bürgerhaushalt ${year}`, ...options.cycle }));
  if (!cycle.id) throw new Error(`cycle refused: ${JSON.stringify(cycle)}`);
  const cityWide = await json(await stack.admin.post(`budgets/cycles/${cycle.id}/budgets`, { name: 'Gesamtstadt', amountCents: 10_000_000, ...options.budget }));
  const districtBudgets: Record<string, any> = {};
  for (const district of options.districts ?? []) {
    districtBudgets[district.id] = await json(await stack.admin.post(`budgets/cycles/${cycle.id}/budgets`, { name: district.name, areaId: district.id, amountCents: 2_000_000, ...options.budget }));
  }
  return { cycle, cityWide, districtBudgets };
}

export async function toPhase(stack: BudgetStack, cycleId: string, ...phases: string[]): Promise<void> {
  for (const phase of phases) {
    const response = await stack.admin.post(`budgets/cycles/${cycleId}/phase`, { phase });
    if (response.status !== 200) throw new Error(`phase ${phase} refused: ${response.status} ${await response.text()}`);
  }
}

export async function propose(stack: BudgetStack, cycleId: string, input: Record<string, unknown> = {}): Promise<any> {
  const response = await stack.post(`budget-cycles/${cycleId}/proposals`, {
    title: 'Neue Bank am Teich', description: 'Eine Sitzbank mit Blick auf den Teich', estimatedCostCents: 150_000, contactEmail: 'autorin@example.org', ...input,
  });
  const body = await json(response);
  if (response.status !== 201) throw new Error(`proposal refused: ${response.status} ${JSON.stringify(body)}`);
  return body;
}
