import { BudgetClock } from '@app/budgets';
import { WorkerHost } from '@app/core';
import { waitFor } from '@app/testing';
import { StaffClient } from '../staff/support/staff-stack';
import { BudgetStack, cycleWithBudgets, json, propose, startBudgetStack, toPhase } from './support/budget-stack';

describe('Bürgerhaushalt: cycles, phases, budgets by district, proposals, supports, review (HTTP, worker, SMTP)', () => {
  let stack: BudgetStack;

  beforeAll(async () => {
    stack = await startBudgetStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('opens phases one step at a time and lets each phase decide what citizens may do', async () => {
    const { cycle } = await cycleWithBudgets(stack, 2030);
    expect(cycle.phase).toBe('preparation');
    // Proposing before the proposal phase is refused.
    let response = await stack.post(`budget-cycles/${cycle.id}/proposals`, { title: 'Zu früh', description: 'Das kommt zu früh an', estimatedCostCents: 100, contactEmail: 'a@example.org' });
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({ code: 'phase_closed' });
    // Skipping a phase is refused.
    expect((await stack.admin.post(`budgets/cycles/${cycle.id}/phase`, { phase: 'voting' })).status).toBe(409);
    await toPhase(stack, cycle.id, 'proposals');
    const proposal = await propose(stack, cycle.id);
    expect(proposal.status).toBe('submitted');
    await toPhase(stack, cycle.id, 'review');
    response = await stack.post(`budget-cycles/${cycle.id}/proposals`, { title: 'Zu spät', description: 'Das kommt zu spät an', estimatedCostCents: 100, contactEmail: 'a@example.org' });
    expect(response.status).toBe(409);
    // Supports only in the proposal phase.
    expect((await stack.post(`budget-proposals/${proposal.id}/supports`, { email: 'fan@example.org' })).status).toBe(409);
    // A reviewer may not change phases (tenant admins only).
    expect((await stack.reviewer.post(`budgets/cycles/${cycle.id}/phase`, { phase: 'voting' })).status).toBe(403);
  });

  it('changes phase on schedule through the worker job, using the injected clock', async () => {
    const start = new Date('2031-03-01T00:00:00Z');
    const { cycle } = await cycleWithBudgets(stack, 2031, {
      cycle: { proposalsStart: start.toISOString(), reviewStart: '2031-04-01T00:00:00Z', votingStart: '2031-05-01T00:00:00Z' },
    });
    const worker = stack.staff.worker;
    const clock = worker.get(BudgetClock);
    const original = clock.now;
    try {
      clock.now = () => new Date('2031-02-28T00:00:00Z');
      await worker.get(WorkerHost).runSweeps();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await json(await stack.api(`budget-cycles/${cycle.id}`))).phase).toBe('preparation');
      // A worker that was down catches up: two phases are due at once.
      clock.now = () => new Date('2031-04-02T00:00:00Z');
      await worker.get(WorkerHost).runSweeps();
      await waitFor(async () => (await json(await stack.api(`budget-cycles/${cycle.id}`))).phase === 'review' || undefined, { what: 'scheduled phase change' });
      const { rows } = await stack.staff.admin.query(`SELECT rules_frozen_at FROM budgets WHERE cycle_id = $1`, [cycle.id]);
      expect(rows[0].rules_frozen_at).toBeNull();
      clock.now = () => new Date('2031-05-01T00:00:01Z');
      await worker.get(WorkerHost).runSweeps();
      await waitFor(async () => (await json(await stack.api(`budget-cycles/${cycle.id}`))).phase === 'voting' || undefined, { what: 'voting opens on schedule' });
      const frozen = await stack.staff.admin.query(`SELECT rules_frozen_at FROM budgets WHERE cycle_id = $1`, [cycle.id]);
      expect(frozen.rows[0].rules_frozen_at).not.toBeNull();
    } finally {
      clock.now = original;
    }
  });

  it('assigns a proposal to the budget of the district its location lies in, else to the city-wide budget', async () => {
    const [first, second] = stack.districts;
    const { cycle, cityWide, districtBudgets } = await cycleWithBudgets(stack, 2032, { districts: [first] });
    await toPhase(stack, cycle.id, 'proposals');
    const inFirst = await propose(stack, cycle.id, { lat: first.point.lat, lon: first.point.lon });
    expect(inFirst).toMatchObject({ budgetId: districtBudgets[first.id].id, areaId: first.id });
    // A district without its own budget falls back to the city-wide one (area still recorded).
    const inSecond = await propose(stack, cycle.id, { lat: second.point.lat, lon: second.point.lon });
    expect(inSecond).toMatchObject({ budgetId: cityWide.id, areaId: second.id });
    const nowhere = await propose(stack, cycle.id);
    expect(nowhere).toMatchObject({ budgetId: cityWide.id, areaId: null, location: null });
    // Outside the municipality: refused with a field error, nothing stored.
    const before = (await stack.staff.admin.query(`SELECT count(*)::int AS n FROM budget_proposals`)).rows[0].n;
    const response = await stack.post(`budget-cycles/${cycle.id}/proposals`, { title: 'In Jena', description: 'Dieser Ort liegt woanders', estimatedCostCents: 100, contactEmail: 'a@example.org', lat: 50.927, lon: 11.586 });
    expect(response.status).toBe(400);
    expect((await json(response)).errors[0]).toMatchObject({ field: 'lat', code: 'outside_tenant' });
    expect((await stack.staff.admin.query(`SELECT count(*)::int AS n FROM budget_proposals`)).rows[0].n).toBe(before);
    // The public proposal never shows the author's contact.
    const detail = await json(await stack.api(`budget-proposals/${inFirst.id}`));
    expect(JSON.stringify(detail)).not.toContain('autorin@example.org');
  });

  it('stores proposal photos without EXIF through the shared pipeline', async () => {
    const sharp = (await import('sharp')).default;
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 20, g: 120, b: 40 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '10/1 55/1 0/1' } })
      .toBuffer();
    const { rows } = await stack.staff.admin.query(`SELECT id FROM budget_cycles WHERE year = 2032`);
    const form = new FormData();
    form.set('title', 'Spielplatz mit Foto');
    form.set('description', 'Ein neuer Spielplatz, siehe Foto');
    form.set('estimatedCostCents', '5000000');
    form.set('contactEmail', 'foto@example.org');
    form.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'IMG_0001.jpg');
    const response = await stack.api(`budget-cycles/${rows[0].id}/proposals`, { method: 'POST', body: form });
    expect(response.status).toBe(201);
    const proposal = await json(response);
    const detail = await waitFor(async () => {
      const body = await json(await stack.api(`budget-proposals/${proposal.id}`));
      return body.photos.length > 0 ? body : undefined;
    }, { what: 'processed photo' });
    const photo = await stack.api(`budget-photos/${detail.photos[0].large}`);
    expect(photo.status).toBe(200);
    const metadata = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    expect(metadata.format).toBe('webp');
    expect(metadata.exif).toBeUndefined();
  });

  it('counts one support per confirmed e-mail address (database-unique)', async () => {
    const { cycle } = await cycleWithBudgets(stack, 2033);
    await toPhase(stack, cycle.id, 'proposals');
    const proposal = await propose(stack, cycle.id);
    expect(await json(await stack.post(`budget-proposals/${proposal.id}/supports`, { email: 'Fan@Example.org' }))).toEqual({ confirmationRequired: true });
    // The same address again (any case, concurrently): still one row, one mail.
    await Promise.all(Array.from({ length: 5 }, () => stack.post(`budget-proposals/${proposal.id}/supports`, { email: 'fan@example.org' })));
    expect((await json(await stack.api(`budget-proposals/${proposal.id}`))).supports).toBe(0);
    const mail = await stack.mailTo('fan@example.org', /Unterstützung/);
    const confirm = await fetch(stack.linkIn(mail), { redirect: 'manual' });
    expect(confirm.status).toBe(303);
    expect((await json(await stack.api(`budget-proposals/${proposal.id}`))).supports).toBe(1);
    expect((await fetch(stack.linkIn(mail), { redirect: 'manual' })).status).toBe(303);
    expect((await json(await stack.api(`budget-proposals/${proposal.id}`))).supports).toBe(1);
    const { rows } = await stack.staff.admin.query(`SELECT count(*)::int AS n FROM budget_supports WHERE proposal_id = $1`, [proposal.id]);
    expect(rows[0].n).toBe(1);
    expect(stack.staff.smtp.to('fan@example.org')).toHaveLength(1);
    // A forged link does nothing.
    const supportId = /budget-supports\/([0-9a-f-]+)\//.exec(mail.text!)![1];
    expect((await stack.api(`budget-supports/${supportId}/confirm?token=forged-token-value`)).status).toBe(404);
  });

  it('reviews: feasible with official cost, not feasible with a public reason, merge; mails the authors once; only feasible reach the ballot', async () => {
    const { cycle, cityWide } = await cycleWithBudgets(stack, 2034);
    await toPhase(stack, cycle.id, 'proposals');
    const good = await propose(stack, cycle.id, { title: 'Trinkbrunnen am Markt', contactEmail: 'good@example.org' });
    const bad = await propose(stack, cycle.id, { title: 'Seilbahn zum Kickelhahn', contactEmail: 'bad@example.org' });
    const similar = await propose(stack, cycle.id, { title: 'Wasserspender am Markt', contactEmail: 'similar@example.org' });
    await toPhase(stack, cycle.id, 'review');
    let response = await stack.reviewer.post(`budgets/proposals/${bad.id}/review`, { decision: 'not_feasible' });
    expect(response.status).toBe(400);
    expect((await json(response)).errors[0]).toMatchObject({ field: 'reason', code: 'reason_required' });
    response = await stack.reviewer.post(`budgets/proposals/${good.id}/review`, { decision: 'feasible', officialCostCents: 1_234_500 });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: 'feasible', officialCostCents: 1_234_500 });
    response = await stack.reviewer.post(`budgets/proposals/${bad.id}/review`, { decision: 'not_feasible', reason: 'Liegt im Naturschutzgebiet; dort ist kein Bau erlaubt.' });
    expect(await json(response)).toMatchObject({ status: 'not_feasible', reviewReason: 'Liegt im Naturschutzgebiet; dort ist kein Bau erlaubt.' });
    response = await stack.reviewer.post(`budgets/proposals/${similar.id}/merge`, { intoProposalId: good.id, reason: 'Gleiches Anliegen wie der Trinkbrunnen' });
    expect(await json(response)).toMatchObject({ status: 'merged', mergedInto: good.id });
    expect((await stack.reviewer.post(`budgets/proposals/${similar.id}/merge`, { intoProposalId: good.id, reason: 'Gleiches Anliegen nochmal' })).status).toBe(409);

    expect((await stack.mailTo('good@example.org')).text).toContain('12.345,00 €');
    expect((await stack.mailTo('bad@example.org')).text).toContain('Naturschutzgebiet');
    expect((await stack.mailTo('similar@example.org')).text).toContain('Trinkbrunnen am Markt');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stack.staff.smtp.to('good@example.org')).toHaveLength(1);

    const feasible = await json(await stack.api(`budget-cycles/${cycle.id}/proposals?budgetId=${cityWide.id}&status=feasible`));
    expect(feasible.map((proposal: { id: string }) => proposal.id)).toEqual([good.id]);
    const publicBad = await json(await stack.api(`budget-proposals/${bad.id}`));
    expect(publicBad.reviewReason).toContain('Naturschutzgebiet');
  });

  it('freezes ballot type, limits and rule when voting opens; later changes are refused with 409, also by the database', async () => {
    const { cycle, cityWide } = await cycleWithBudgets(stack, 2035);
    expect((await stack.admin.patch(`budgets/budgets/${cityWide.id}`, { ballotRules: { maxProjects: 3 } })).status).toBe(200);
    await toPhase(stack, cycle.id, 'proposals', 'review', 'voting');
    for (const change of [{ ballotRules: { maxProjects: 5 } }, { ballotType: 'knapsack' }, { aggregation: { rule: 'equal-shares' } }, { amountCents: 1 }, { name: 'Anderer Name' }]) {
      const response = await stack.admin.patch(`budgets/budgets/${cityWide.id}`, change);
      expect({ change, status: response.status }).toEqual({ change, status: 409 });
      expect((await json(response)).code).toBe('rules_frozen');
    }
    await expect(stack.staff.admin.query(`UPDATE budgets SET ballot_rules = '{"maxProjects": 9}' WHERE id = $1`, [cityWide.id])).rejects.toThrow(/frozen/);
    const stored = await json(await stack.api(`budget-cycles/${cycle.id}`));
    expect(stored.budgets[0]).toMatchObject({ ballotRules: { maxProjects: 3 }, ballotType: 'approval' });
  });

  it('refuses ids of one tenant through another tenant’s URL with 404', async () => {
    const { rows } = await stack.staff.admin.query(`SELECT c.id AS cycle, b.id AS budget, p.id AS proposal FROM budget_cycles c JOIN budgets b ON b.cycle_id = c.id JOIN budget_proposals p ON p.budget_id = b.id LIMIT 1`);
    const { cycle, budget, proposal } = rows[0];
    expect((await stack.api(`budget-cycles/${cycle}`, { slug: 'gera' })).status).toBe(404);
    expect((await stack.api(`budget-cycles/${cycle}/proposals`, { slug: 'gera' })).status).toBe(404);
    expect((await stack.api(`budget-proposals/${proposal}`, { slug: 'gera' })).status).toBe(404);
    expect((await stack.post(`budget-proposals/${proposal}/supports`, { email: 'x@example.org' }, 'gera')).status).toBe(404);
    expect((await stack.post(`budgets/${budget}/ballots`, { credential: { code: 'AAAA-BBBB-CCCC-DDDD' }, projects: [] }, 'gera')).status).toBe(404);
    await stack.staff.createUser('gera', 'budget-admin@gera.example', 'tenant_admin');
    const gera = new StaffClient(stack.staff.baseUrl, 'gera');
    expect((await gera.signIn('budget-admin@gera.example')).status).toBe(200);
    expect((await gera.patch(`budgets/budgets/${budget}`, { name: 'Übernommen' })).status).toBe(404);
    expect((await gera.post(`budgets/proposals/${proposal}/review`, { decision: 'feasible', officialCostCents: 1 })).status).toBe(404);
    expect((await gera.post(`budgets/budgets/${budget}/tallies`)).status).toBe(404);
    expect((await gera.post(`budgets/cycles/${cycle}/phase`, { phase: 'review' })).status).toBe(404);
    // Ilmenau's session is unknown under Gera's URL.
    expect((await stack.admin.request('POST', `budgets/cycles/${cycle}/phase`, { phase: 'review' }, { slug: 'gera' })).status).toBe(401);
  });
});
