import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import sharp from 'sharp';
import { BudgetStack, cycleWithBudgets, json, propose, toPhase } from '../budgets/support/budget-stack';
import { PASSWORD, StaffClient, StaffStack, startStaffStack } from '../staff/support/staff-stack';

// Browser globals used inside page.evaluate callbacks (they run in the page).
declare const document: { activeElement: { tagName: string; textContent: string | null; getAttribute(name: string): string | null } | null };

// The Bürgerhaushalt pages in a real browser against the real API and worker: voting with each
// ballot type (an invalid ballot refused next to the problem, a valid one answered by a receipt),
// keyboard-only voting, results with their explanation, and axe on every page in de and en at 375 px.

const ARTIFACTS = 'test-artifacts';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];
const SLUG = 'ilmenau';
/** Intl puts no-break spaces into amounts ("5.000 €"); compare with plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');
const PLACE = { lat: 50.6832, lon: 10.9186 };
type Lang = 'de' | 'en';

interface Session {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

describe('Bürgerhaushalt pages (browser)', () => {
  let staff: StaffStack;
  let stack: BudgetStack;
  let browser: Browser;
  let webDist: string;
  let year = 2060;
  const cycles: Record<string, { cycle: any; budget: any; projects: any[] }> = {};

  async function signedIn(email: string, role: 'tenant_admin' | 'budget_reviewer'): Promise<StaffClient> {
    await staff.createUser(SLUG, email, role);
    const client = new StaffClient(staff.baseUrl, SLUG);
    const response = await client.signIn(email);
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
    return client;
  }

  /** A cycle with one city-wide budget of the given rules and feasible projects, left in `phase`. */
  async function cycleWith(budget: Record<string, unknown>, projects: Array<{ title: string; cost: number; place?: boolean }>, phase: 'proposals' | 'voting') {
    year += 1;
    const { cycle, cityWide } = await cycleWithBudgets(stack, year, { budget, cycle: { eligibilityCodes: true, eligibilityEmail: true } });
    await toPhase(stack, cycle.id, 'proposals');
    const created = [];
    for (const p of projects) {
      const proposal = await propose(stack, cycle.id, { title: p.title, description: `${p.title}: ein Vorschlag für die ganze Nachbarschaft.`, estimatedCostCents: p.cost, ...(p.place ? PLACE : {}) });
      created.push({ ...proposal, cost: p.cost });
    }
    if (phase === 'voting') {
      await toPhase(stack, cycle.id, 'review');
      for (const p of created) await stack.reviewer.post(`budgets/proposals/${p.id}/review`, { decision: 'feasible', officialCostCents: p.cost });
      await toPhase(stack, cycle.id, 'voting');
    }
    return { cycle, budget: cityWide, projects: created };
  }

  /** The first link to the API in the newest mail to `address`, pointed at the test server. */
  async function mailLink(address: string): Promise<string> {
    for (let i = 0; i < 200; i += 1) {
      const mail = staff.smtp.to(address).at(-1);
      const match = mail && /(http:\/\/mitreden\.test\/api\/v1\/\S+)/.exec(mail.text ?? '');
      if (match) return match[1].replace('http://mitreden.test', staff.baseUrl);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no mail to ${address}`);
  }

  async function codes(cycleId: string, count: number): Promise<string[]> {
    const response = await stack.reviewer.post(`budgets/cycles/${cycleId}/voting-codes`, { count });
    if (response.status !== 201) throw new Error(`codes refused: ${response.status}`);
    return (await response.text()).trim().split('\r\n').slice(1).map((line) => line.split(';')[0]);
  }

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'mitreden-web-'));
    const build = spawnSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--outDir', webDist, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the web client failed');
    mkdirSync(ARTIFACTS, { recursive: true });
    staff = await startStaffStack({ WEB_DIST_DIR: webDist });
    const admin = await signedIn('budget-admin@ilmenau.example', 'tenant_admin');
    const reviewer = await signedIn('reviewer@ilmenau.example', 'budget_reviewer');
    const api = (path: string, init: RequestInit & { slug?: string } = {}) => fetch(`${staff.baseUrl}/api/v1/t/${init.slug ?? SLUG}/${path.replace(/^\//, '')}`, { redirect: 'manual', ...init });
    stack = {
      staff,
      admin,
      reviewer,
      reviewer2: reviewer,
      districts: [],
      api,
      post: (path, body, slug) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), slug }),
      mailTo: () => Promise.reject(new Error('not used')),
      linkIn: () => '',
      close: () => staff.close(),
    };
    cycles.approval = await cycleWith({ ballotType: 'approval', ballotRules: { minProjects: 2, maxProjects: 3 } }, [
      { title: 'Spielplatz am Teich', cost: 300_000, place: true },
      { title: 'Neue Bänke im Park', cost: 200_000 },
      { title: 'Trinkbrunnen am Markt', cost: 150_000 },
      { title: 'Bücherschrank', cost: 50_000 },
    ], 'voting');
    cycles.knapsack = await cycleWith({ ballotType: 'knapsack', amountCents: 500_000 }, [
      { title: 'Radweg-Lücke schließen', cost: 300_000 },
      { title: 'Blühwiese', cost: 250_000 },
      { title: 'Fahrradbügel', cost: 150_000 },
    ], 'voting');
    cycles.cumulative = await cycleWith({ ballotType: 'cumulative', ballotRules: { totalPoints: 10, maxPointsPerProject: 6 } }, [
      { title: 'Jugendtreff', cost: 400_000 },
      { title: 'Stadtteilfest', cost: 100_000 },
      { title: 'Gemeinschaftsgarten', cost: 200_000 },
    ], 'voting');
    cycles.ranked = await cycleWith({ ballotType: 'ranked', ballotRules: { rankLength: 2 } }, [
      { title: 'Beleuchtung Fußweg', cost: 200_000 },
      { title: 'Sitzstufen am Fluss', cost: 300_000 },
      { title: 'Boule-Platz', cost: 100_000 },
    ], 'voting');
    // A cycle still collecting proposals (form, list, map, proposal page).
    cycles.proposals = await cycleWith({}, [{ title: 'Schattenbäume am Spielplatz', cost: 800_000, place: true }, { title: 'Sitzbank ohne Ort', cost: 90_000 }], 'proposals');
    // A counted and published cycle (Method of Equal Shares) with one funded project under way.
    const results = await cycleWith({ ballotType: 'approval', amountCents: 1_000_000, aggregation: { rule: 'equal-shares' } }, [
      { title: 'Skatepark', cost: 600_000, place: true },
      { title: 'Hundewiese', cost: 400_000, place: true },
      { title: 'Sonnensegel', cost: 500_000 },
      { title: 'Kletterwand', cost: 300_000 },
    ], 'voting');
    const p = results.projects.map((x) => x.id);
    const ballots = [[p[0], p[1]], [p[0], p[2]], [p[0]], [p[2], p[3]], [p[1], p[3]], [p[2]], [p[0], p[3]]];
    const resultCodes = await codes(results.cycle.id, ballots.length);
    for (const [i, projects] of ballots.entries()) {
      const response = await stack.post(`budgets/${results.budget.id}/ballots`, { credential: { code: resultCodes[i] }, projects });
      if (response.status !== 201) throw new Error(`ballot refused: ${response.status} ${await response.text()}`);
    }
    await toPhase(stack, results.cycle.id, 'results');
    const { tallyId } = await json(await stack.reviewer.post(`budgets/budgets/${results.budget.id}/tallies`));
    for (let i = 0; ; i += 1) {
      const tally = await json(await stack.reviewer.get(`budgets/tallies/${tallyId}`));
      if (tally.state === 'done') break;
      if (tally.state === 'failed' || i > 200) throw new Error(`tally: ${JSON.stringify(tally)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if ((await stack.admin.post(`budgets/tallies/${tallyId}/publish`)).status !== 200) throw new Error('publish failed');
    const funded = (await json(await stack.api(`budget-cycles/${results.cycle.id}/proposals`))).filter((x: any) => x.funded);
    await stack.reviewer.post(`budgets/proposals/${funded[0].id}/implementation`, { status: 'in_progress', progress: 40, note: 'Die Bauarbeiten haben begonnen.' });
    await stack.reviewer.post(`budgets/proposals/${funded[0].id}/milestones`, { title: 'Ausschreibung', status: 'completed', progress: 100, dueDate: '2061-03-01' });
    cycles.results = { ...results, projects: funded };
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await staff?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  async function open(path: string, lang: Lang, options: { staff?: boolean } = {}): Promise<Session> {
    const context = await browser.newContext({ viewport: { width: 375, height: 900 }, locale: lang === 'de' ? 'de-DE' : 'en-GB' });
    if (options.staff) {
      const response = await context.request.post(`${staff.baseUrl}/api/v1/t/${SLUG}/staff/auth/sign-in`, { data: { email: 'budget-admin@ilmenau.example', password: PASSWORD } });
      expect(response.status()).toBe(200);
    }
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    });
    const separator = path.includes('?') ? '&' : '?';
    await page.goto(`${staff.baseUrl}${path}${separator}lang=${lang}`, { waitUntil: 'networkidle' });
    return { page, context, errors };
  }

  async function expectAccessible(page: Page): Promise<void> {
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations).toEqual([]);
  }

  async function close(session: Session, allowedErrors: RegExp[] = []): Promise<void> {
    const unexpected = session.errors.filter((e) => !allowedErrors.some((re) => re.test(e)));
    await session.context.close();
    expect(unexpected).toEqual([]);
  }

  const base = `/${SLUG}/buergerhaushalt`;

  /** Enters a voting code on the vote page (German labels). */
  async function useCode(page: Page, code: string): Promise<void> {
    await page.getByLabel('Abstimmungscode').fill(code);
    await page.getByRole('button', { name: 'Mit diesem Code abstimmen' }).click();
    await page.getByText(/Sie stimmen mit dem Code ab/).first().waitFor();
  }

  async function expectReceipt(page: Page, budgetName: string): Promise<string> {
    const receipt = page.locator('.bh-receipt code');
    await receipt.waitFor();
    await page.getByText(`Ihre Stimme im Budget „${budgetName}“ ist gezählt.`).first().waitFor();
    return (await receipt.textContent())!.trim();
  }

  it('votes with an approval ballot: min and max shown and enforced, too few refused next to the ballot, then a receipt that checks out', async () => {
    const { cycle, budget } = cycles.approval;
    const [code] = await codes(cycle.id, 1);
    const session = await open(`${base}/${cycle.id}/abstimmen`, 'de');
    const { page } = session;
    await page.getByText('Kreuzen Sie mindestens 2 und höchstens 3 Projekte an.').first().waitFor();
    await useCode(page, code);
    await page.getByLabel(/Spielplatz am Teich/).check();
    await page.getByRole('button', { name: /verbindlich abgeben/ }).click();
    const error = page.locator('.bh-ballot .field-error');
    await expect(error.textContent()).resolves.toContain('Bitte wählen Sie mindestens 2 Projekte.');
    // The maximum: after three, the fourth box cannot be ticked.
    await page.getByLabel(/Neue Bänke im Park/).check();
    await page.getByLabel(/Trinkbrunnen am Markt/).check();
    await expect(page.getByLabel(/Bücherschrank/).isDisabled()).resolves.toBe(true);
    await page.getByText('3 von höchstens 3 Projekten gewählt.', { exact: false }).first().waitFor();
    await page.getByLabel(/Trinkbrunnen am Markt/).uncheck();
    await page.getByRole('button', { name: /verbindlich abgeben/ }).click();
    const receipt = await expectReceipt(page, budget.name);
    await page.getByRole('link', { name: 'Quittung jetzt prüfen' }).click();
    await page.getByText(/Diese Stimme ist gezählt/).first().waitFor();
    expect(page.url()).toContain(receipt);
    await close(session);
  });

  it('votes with a knapsack ballot: money left announced, over budget refused with the amounts, then a receipt', async () => {
    const { cycle, budget } = cycles.knapsack;
    const [code] = await codes(cycle.id, 1);
    const session = await open(`${base}/${cycle.id}/abstimmen`, 'de');
    const { page } = session;
    await useCode(page, code);
    const state = page.locator('.bh-state[aria-live="polite"]');
    expect(plain(await state.textContent())).toContain('Noch verfügbar: 5.000 € von 5.000 €.');
    await page.getByLabel(/Radweg-Lücke schließen/).check();
    expect(plain(await state.textContent())).toContain('Noch verfügbar: 2.000 € von 5.000 €.');
    await page.getByLabel(/Blühwiese/).check();
    expect(plain(await state.textContent())).toContain('Zu viel gewählt: 500 € über dem Budget von 5.000 €.');
    await page.getByRole('button', { name: /verbindlich abgeben/ }).click();
    expect(plain(await page.locator('.bh-ballot .field-error').textContent())).toContain('Ihre Auswahl kostet 5.500 €, das sind 500 € mehr als das Budget von 5.000 €.');
    await page.getByLabel(/Blühwiese/).uncheck();
    await page.getByLabel(/Fahrradbügel/).check();
    await page.getByRole('button', { name: /verbindlich abgeben/ }).click();
    await expectReceipt(page, budget.name);
    await close(session);
  });

  it('votes with cumulative points: points left live, too many for one project refused next to its field, then a receipt', async () => {
    const { cycle, budget } = cycles.cumulative;
    const [code] = await codes(cycle.id, 1);
    const session = await open(`${base}/${cycle.id}/abstimmen`, 'de');
    const { page } = session;
    await useCode(page, code);
    const state = page.locator('.bh-state[aria-live="polite"]');
    expect(plain(await state.textContent())).toContain('Noch 10 von 10 Punkten zu vergeben.');
    await page.getByRole('spinbutton', { name: /Jugendtreff/ }).fill('7');
    await page.getByRole('button', { name: 'Ein Punkt mehr für „Stadtteilfest“' }).click();
    expect(plain(await state.textContent())).toContain('Noch 2 von 10 Punkten zu vergeben.');
    await page.getByRole('button', { name: /verbindlich abgeben/ }).click();
    const field = page.getByRole('spinbutton', { name: /Jugendtreff/ });
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby'))!.split(' ');
    const message = await page.locator(`[id="${describedBy[describedBy.length - 1]}"]`).textContent();
    expect(message).toContain('Höchstens 6 Punkte für ein Projekt.');
    await field.fill('6');
    await page.getByRole('spinbutton', { name: /Gemeinschaftsgarten/ }).fill('3');
    expect(plain(await state.textContent())).toContain('Noch 0 von 10 Punkten zu vergeben.');
    await page.getByRole('button', { name: /verbindlich abgeben/ }).click();
    await expectReceipt(page, budget.name);
    await close(session);
  });

  it('votes with a ranked ballot using the keyboard only: code, add, reorder with buttons, an empty ranking refused, one explicit submit', async () => {
    const { cycle, budget } = cycles.ranked;
    const [code] = await codes(cycle.id, 1);
    const session = await open(`${base}/${cycle.id}/abstimmen`, 'de');
    const { page } = session;
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '');
    // Tab from the top of the page to the code field.
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.getAttribute('id'))) === 'bh-code') break;
    }
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.getByText(/Sie stimmen mit dem Code ab/).first().waitFor();
    // Submitting an empty ranking: refused with the message, focus on it.
    const submit = page.getByRole('button', { name: /verbindlich abgeben/ });
    await submit.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.bh-ballot .field-error').textContent()).resolves.toContain('Bitte wählen Sie mindestens 1 Projekt.');
    // Add two projects with the keyboard: focus stays on the next "Add" button.
    await page.getByRole('button', { name: /^Hinzufügen\s*: Boule-Platz$/ }).focus();
    await page.keyboard.press('Enter');
    await expect(focused()).resolves.toContain('Hinzufügen');
    await page.getByRole('button', { name: /^Hinzufügen\s*: Sitzstufen am Fluss$/ }).focus();
    await page.keyboard.press('Space');
    // Full at two: the remaining add button is disabled.
    await expect(page.getByRole('button', { name: /^Hinzufügen\s*: Beleuchtung Fußweg$/ }).isDisabled()).resolves.toBe(true);
    // Move "Sitzstufen" up from rank 2 to rank 1 with the keyboard; focus follows the item.
    await page.getByRole('button', { name: '„Sitzstufen am Fluss“ (Platz 2) nach oben' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.bh-ranking li').first().textContent()).resolves.toContain('Sitzstufen am Fluss');
    await page.getByText('„Sitzstufen am Fluss“ ist jetzt auf Platz 1.').first().waitFor();
    await expect(focusedLabel()).resolves.toContain('Sitzstufen am Fluss');
    await submit.focus();
    await page.keyboard.press('Enter');
    await expectReceipt(page, budget.name);
    await expect(page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toContain('ist gezählt');
    await close(session);
  });

  it('refuses an unknown voting code next to the code field and keeps the choice', async () => {
    const { cycle } = cycles.approval;
    const session = await open(`${base}/${cycle.id}/abstimmen`, 'de');
    const { page } = session;
    await useCode(page, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await page.getByLabel(/Spielplatz am Teich/).check();
    await page.getByLabel(/Bücherschrank/).check();
    await page.getByRole('button', { name: /verbindlich abgeben/ }).click();
    await expect(page.locator('#bh-code-error').textContent()).resolves.toContain('Unbekannter Abstimmungscode oder ungültiger Link');
    await expect(page.getByLabel('Abstimmungscode').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel(/Bücherschrank/).isChecked()).resolves.toBe(true);
    await close(session, [/HTTP 403 POST .*\/ballots/, /403/]);
  });

  it('explains the published result: rounds with payments and effective support, why the others lost, the ballots to download', async () => {
    const { cycle } = cycles.results;
    const session = await open(`${base}/${cycle.id}/ergebnisse`, 'de');
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: 'Ergebnisse' }).first().waitFor();
    await page.getByText('Methode der gleichen Anteile (Equal Shares)').first().waitFor();
    const table = page.getByRole('table', { name: /Runden der Auszählung/ });
    await table.getByRole('columnheader', { name: 'Effektive Unterstützung' }).first().waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    await expect(table.locator('tbody tr').first().textContent()).resolves.toMatch(/zahlten den vollen Anteil/);
    await page.getByRole('heading', { name: 'Warum die anderen Projekte nicht gewonnen haben' }).first().waitFor();
    expect(await page.locator('.bh-lost li').count()).toBeGreaterThan(0);
    await page.getByText('Ergebnis selbst nachrechnen').click();
    const download = page.getByRole('link', { name: /herunterladen \(\.pb\)/ });
    const href = await download.getAttribute('href');
    expect((await fetch(`${staff.baseUrl}${href}`)).status).toBe(200);
    await close(session);
  });

  it('votes with the personal link from the e-mail: register, follow the link, the ballot knows the credential', async () => {
    const { cycle, budget } = cycles.approval;
    const session = await open(`${base}/${cycle.id}/abstimmen`, 'de');
    const { page } = session;
    await page.getByLabel('Ihre E-Mail-Adresse').fill('waehlerin@example.org');
    await page.getByRole('button', { name: 'Link schicken' }).click();
    await page.getByText('Bitte sehen Sie in Ihr Postfach').waitFor();
    const link = await mailLink('waehlerin@example.org');
    expect(link).toContain('/budget-voters/');
    await page.goto(link, { waitUntil: 'networkidle' });
    expect(page.url()).toContain(`/buergerhaushalt/${cycle.id}/abstimmen`);
    // The credential left the address bar; it is kept for this tab only.
    expect(page.url()).not.toContain('token=');
    await page.getByText('Sie stimmen mit Ihrem persönlichen Link aus der E-Mail ab.').waitFor();
    await page.getByLabel(/Neue Bänke im Park/).check();
    await page.getByLabel(/Bücherschrank/).check();
    await page.getByRole('button', { name: /verbindlich abgeben/ }).click();
    await expectReceipt(page, budget.name);
    await close(session);
  });

  it('submits a proposal: problems listed and linked, pin placed and moved with the keyboard, a checked photo, private contact', async () => {
    const { cycle } = cycles.proposals;
    const session = await open(`${base}/${cycle.id}/vorschlagen`, 'de');
    const { page } = session;
    await page.getByRole('button', { name: 'Vorschlag einreichen' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('Bitte geben Sie einen Titel mit mindestens 3 Zeichen ein.');
    await summary.getByRole('link', { name: /Titel/ }).click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('id'))).resolves.toBe('f-title');
    await page.keyboard.type('Wasserspielplatz im Stadtpark');
    await page.getByLabel('Beschreibung').fill('Ein kleiner Wasserspielplatz mit Pumpe und Rinne für heiße Sommertage.');
    await page.getByLabel('Geschätzte Kosten in Euro').fill('2.500,50');
    expect(plain(await page.locator('#f-estimatedCostCents-hint').textContent())).toContain('Gelesen als 2.500,50 €.');
    await page.getByLabel('Thema').selectOption('play');
    await page.getByRole('button', { name: /Markierung in Kartenmitte setzen/ }).click();
    await page.locator('.mk-pin-target').waitFor();
    const before = plain(await page.locator('.place-position').textContent());
    await page.locator('.mk-pin-target').focus();
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('.place-position').textContent()).resolves.not.toBe(before);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#7a8b99' } }).png().toBuffer();
    await page.locator('#f-photos').setInputFiles([{ name: 'ort.png', mimeType: 'image/png', buffer: png }, { name: 'notiz.txt', mimeType: 'text/plain', buffer: Buffer.from('kein Bild') }]);
    await page.locator('.photo-previews li').first().waitFor();
    await page.getByText(/notiz\.txt/).first().waitFor();
    await page.getByLabel('E-Mail-Adresse').fill('ideen@example.org');
    await page.getByRole('button', { name: 'Vorschlag einreichen' }).click();
    await page.getByRole('heading', { name: 'Vielen Dank für Ihren Vorschlag' }).waitFor();
    const list = await json(await stack.api(`budget-cycles/${cycle.id}/proposals`));
    const created = list.find((x: any) => x.title === 'Wasserspielplatz im Stadtpark');
    expect(created).toEqual(expect.objectContaining({ estimatedCostCents: 250_050, category: 'play', status: 'submitted', location: expect.objectContaining({ lat: expect.any(Number) }) }));
    expect(JSON.stringify(created)).not.toContain('ideen@example.org');
    await close(session);
  });

  it('supports a proposal: the confirmation link counts the support and says so', async () => {
    const { cycle, projects } = cycles.proposals;
    const session = await open(`${base}/${cycle.id}/vorschlaege/${projects[0].id}`, 'de');
    const { page } = session;
    await page.getByLabel('Ihre E-Mail-Adresse').fill('unterstuetzer@example.org');
    await page.getByRole('button', { name: 'Unterstützen' }).click();
    await page.getByText('Fast geschafft').waitFor();
    await page.goto(await mailLink('unterstuetzer@example.org'), { waitUntil: 'networkidle' });
    await page.getByText('Ihre Unterstützung ist bestätigt').waitFor();
    expect((await json(await stack.api(`budget-proposals/${projects[0].id}`))).supports).toBe(1);
    await close(session);
  });

  it('staff: reviews a proposal as not feasible with a public reason, which the proposal page then shows', async () => {
    const { cycle, projects } = cycles.proposals;
    const session = await open(`${base}/verwaltung/${cycle.id}/pruefung`, 'de', { staff: true });
    const { page } = session;
    const item = page.locator('.bh-card', { hasText: 'Sitzbank ohne Ort' });
    await item.getByLabel('Nicht umsetzbar').check();
    await item.getByLabel('Öffentliche Begründung').fill('Der Gehweg ist dort zu schmal für eine Bank.');
    await item.getByRole('button', { name: 'Entscheidung speichern' }).click();
    // The item leaves the queue; the message and the focus stay on the page.
    const saved = page.getByText('Entscheidung zu „Sitzbank ohne Ort“ gespeichert.');
    await saved.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toContain('Sitzbank ohne Ort');
    await page.goto(`${staff.baseUrl}${base}/${cycle.id}/vorschlaege/${projects[1].id}?lang=de`, { waitUntil: 'networkidle' });
    await page.getByText('Der Gehweg ist dort zu schmal für eine Bank.').waitFor();
    await page.getByText('Nicht umsetzbar.', { exact: true }).first().waitFor();
    await close(session);
  });

  it('staff: opens the next phase only after a confirmation, then counts and publishes the result', async () => {
    const { cycle, budget } = cycles.cumulative;
    const session = await open(`${base}/verwaltung/${cycle.id}/einrichtung`, 'de', { staff: true });
    const { page } = session;
    await page.getByRole('button', { name: '„Ergebnisse“ jetzt öffnen' }).click();
    // Nothing happened yet: the page asks, with focus on the question.
    await page.getByText('Wirklich „Ergebnisse“ öffnen?').waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toContain('Wirklich');
    expect((await json(await stack.api(`budget-cycles/${cycle.id}`))).phase).toBe('voting');
    await page.getByRole('button', { name: 'Ja, „Ergebnisse“ öffnen' }).click();
    await page.locator('p', { hasText: 'Aktuelle Phase: Ergebnisse' }).first().waitFor();
    expect((await json(await stack.api(`budget-cycles/${cycle.id}`))).phase).toBe('results');
    await page.getByRole('link', { name: 'Auszählung' }).click();
    const row = page.locator('.bh-card', { hasText: budget.name });
    await row.getByRole('button', { name: 'Auszählen' }).click();
    await row.getByRole('button', { name: 'Ergebnis veröffentlichen' }).click({ timeout: 60_000 });
    await row.getByText(/veröffentlicht/).waitFor();
    const results = await json(await stack.api(`budget-cycles/${cycle.id}/results`));
    expect(results.results).toHaveLength(1);
    expect(results.results[0].ballotsCount).toBe(1);
    await close(session);
  });

  const pages: Array<[string, () => string, { staff?: boolean }?]> = [
    ['start', () => base],
    ['cycle', () => `${base}/${cycles.proposals.cycle.id}`],
    ['proposals', () => `${base}/${cycles.proposals.cycle.id}/vorschlaege`],
    ['proposals-map', () => `${base}/${cycles.proposals.cycle.id}/vorschlaege/karte`],
    ['proposal', () => `${base}/${cycles.proposals.cycle.id}/vorschlaege/${cycles.proposals.projects[0].id}`],
    ['propose', () => `${base}/${cycles.proposals.cycle.id}/vorschlagen`],
    ['vote-approval', () => `${base}/${cycles.approval.cycle.id}/abstimmen`],
    ['vote-knapsack', () => `${base}/${cycles.knapsack.cycle.id}/abstimmen`],
    ['vote-cumulative', () => `${base}/${cycles.cumulative.cycle.id}/abstimmen`],
    ['vote-ranked', () => `${base}/${cycles.ranked.cycle.id}/abstimmen`],
    ['receipt', () => `${base}/quittung`],
    ['results', () => `${base}/${cycles.results.cycle.id}/ergebnisse`],
    ['implementation', () => `${base}/${cycles.results.cycle.id}/umsetzung`],
    ['implementation-map', () => `${base}/${cycles.results.cycle.id}/umsetzung/karte`],
    ['project', () => `${base}/projekte/${cycles.results.projects[0].id}`],
    ['staff', () => `${base}/verwaltung`, { staff: true }],
    ['staff-setup', () => `${base}/verwaltung/${cycles.proposals.cycle.id}/einrichtung`, { staff: true }],
    ['staff-review', () => `${base}/verwaltung/${cycles.proposals.cycle.id}/pruefung`, { staff: true }],
    ['staff-codes', () => `${base}/verwaltung/${cycles.approval.cycle.id}/codes`, { staff: true }],
    ['staff-paper', () => `${base}/verwaltung/${cycles.cumulative.cycle.id}/papier`, { staff: true }],
    ['staff-tally', () => `${base}/verwaltung/${cycles.results.cycle.id}/ergebnisse`, { staff: true }],
    ['staff-implementation', () => `${base}/verwaltung/${cycles.results.cycle.id}/umsetzung`, { staff: true }],
  ];

  for (const lang of ['de', 'en'] as const) {
    it(`has no axe violations on any budget page (${lang}, 375 px)`, async () => {
      for (const [name, path, options] of pages) {
        const session = await open(path(), lang, options);
        await session.page.locator('#main h1').first().waitFor();
        try {
          await expectAccessible(session.page);
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}`);
        }
        // Page wider than the viewport = horizontal scrolling at 375 px.
        const overflow = await session.page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
        expect([name, overflow <= 375]).toEqual([name, true]);
        await session.page.screenshot({ path: `${ARTIFACTS}/budget-${name}-${lang}-375.png`, fullPage: true });
        await close(session);
      }
    }, 900_000);
  }

  it('staff: a paper ballot counts after a second person enters the same sheet', async () => {
    const { cycle, budget } = cycles.knapsack;
    const session = await open(`${base}/verwaltung/${cycle.id}/papier`, 'de', { staff: true });
    const { page } = session;
    await page.getByLabel('Nummer des Stimmzettels').fill('P-1');
    await page.getByLabel(/Fahrradbügel/).check();
    await page.getByRole('button', { name: 'Stimmzettel erfassen' }).click();
    await page.getByText('Erfasst. Er zählt, sobald eine zweite Person ihn gleich erfasst.').first().waitFor();
    // The second entry by the reviewer, through the API.
    const second = await stack.reviewer.post(`budgets/budgets/${budget.id}/paper-ballots`, { sheetNumber: 'P-1', projects: [cycles.knapsack.projects[2].id] });
    expect(await json(second)).toEqual({ state: 'counted' });
    await close(session);
  });
});
