import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, Page, chromium } from 'playwright-core';
import sharp from 'sharp';
import { waitFor } from '@app/testing';
import { json } from '../support/test-api';
import { StaffClient, StaffStack, fileReport, startStaffStack, PASSWORD } from '../staff/support/staff-stack';

// Browser globals used inside page.evaluate callbacks (they run in the page); the root
// tsconfig has no DOM lib, and these declarations stay local to this module.
interface PageElement {
  tagName: string;
  className: string;
  getBoundingClientRect(): { right: number };
  closest(selector: string): PageElement | null;
}
declare const document: {
  activeElement: { tagName: string; id: string; textContent: string | null } | null;
  documentElement: { lang: string; scrollWidth: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
};
declare const window: { innerWidth: number };

// The staff back office ("Verwaltung") in a real browser against the real API and worker:
// sign-in, inbox, report detail with a template reply and closing, the citizen page showing
// the public note, every staff page axe-clean in German and English, and a keyboard-only pass.

const ARTIFACTS = 'test-artifacts';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];
type Lang = 'de' | 'en';
const SLUG = 'ilmenau';
const ADMIN = 'browser-admin@ilmenau.example';

const text = {
  de: {
    email: 'E-Mail-Adresse',
    password: 'Passwort',
    signIn: 'Anmelden',
    inbox: 'Eingang',
    template: 'Antwortvorlage',
    status: 'Neuer Status',
    reply: 'Öffentliche Antwort',
    send: 'Antwort senden',
    sections: ['Kategorien', 'Fachämter', 'Zuständigkeitsregeln', 'Gebiete', 'Benutzer und Rollen', 'Antwortvorlagen', 'Aufbewahrung', 'Open311-API-Schlüssel', 'Single Sign-on'],
  },
  en: {
    email: 'E-mail address',
    password: 'Password',
    signIn: 'Sign in',
    inbox: 'Inbox',
    template: 'Reply template',
    status: 'New status',
    reply: 'Public reply',
    send: 'Send reply',
    sections: ['Categories', 'Departments', 'Responsibility rules', 'Areas', 'Staff users and roles', 'Reply templates', 'Retention', 'Open311 API keys', 'Single sign-on'],
  },
};

interface Session {
  page: Page;
  errors: string[];
}

// Before signing in the client asks for the session and gets 401; a failed sign-in answers 401/423.
const SIGNED_OUT = [/HTTP 401 GET .*\/staff\/auth\/session/, /status of 401/];

/** A report with one photo through the citizen API, once the photo is processed and the report routed. */
async function photoReport(staff: StaffStack, description: string): Promise<{ id: string; number: string; photoId: string }> {
  const centre = (await json(await fetch(`${staff.baseUrl}/api/v1/t/${SLUG}`))).map.centre;
  const image = await sharp(randomBytes(320 * 240 * 3), { raw: { width: 320, height: 240, channels: 3 } }).jpeg().toBuffer();
  const form = new FormData();
  form.set('category', 'graffiti');
  form.set('lat', String(centre.lat));
  form.set('lon', String(centre.lon));
  form.set('description', description);
  form.append('photos', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await fetch(`${staff.baseUrl}/api/v1/t/${SLUG}/reports`, { method: 'POST', body: form });
  if (response.status !== 201) throw new Error(`report refused: ${response.status}`);
  const body = await json(response);
  const photo = await waitFor(async () => (await staff.admin.query(`SELECT id FROM report_photos WHERE report_id = $1 AND state = 'ready'`, [body.id])).rows[0], { what: 'photo processing' });
  await waitFor(async () => (await staff.admin.query(`SELECT routed_at FROM reports WHERE id = $1`, [body.id])).rows[0].routed_at, { what: 'routing' });
  return { ...body, photoId: photo.id };
}

describe('staff back office (browser)', () => {
  let staff: StaffStack;
  let browser: Browser;
  let webDist: string;
  let templateId: string;
  const reports: Record<string, { id: string; number: string }> = {};
  let withPhoto: { id: string; number: string; photoId: string };

  beforeAll(async () => {
    // A private build of the client: other test runs may rebuild apps/web/dist meanwhile.
    webDist = mkdtempSync(join(tmpdir(), 'mitreden-web-staff-'));
    const build = spawnSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--outDir', webDist, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the web client failed');
    mkdirSync(ARTIFACTS, { recursive: true });
    staff = await startStaffStack({ WEB_DIST_DIR: webDist });
    // The staff account is created the way test/staff creates accounts (scrypt hash of PASSWORD).
    await staff.createUser(SLUG, ADMIN, 'tenant_admin');
    await staff.createUser(SLUG, 'browser-locked@ilmenau.example', 'triage');
    const admin = new StaffClient(staff.baseUrl, SLUG);
    expect((await admin.signIn(ADMIN)).status).toBe(200);
    const template = await admin.post('admin/reply-templates', { name: 'In Arbeit', body: 'Danke! Der Bauhof kümmert sich diese Woche darum.', status: 'in_progress' });
    expect(template.status).toBe(201);
    templateId = (await json(template)).id;
    reports.mouse = await fileReport(staff, SLUG, { category: 'graffiti', description: 'Graffiti an der Unterführung am Bahnhof', email: 'erika@example.org' });
    reports.keyboard = await fileReport(staff, SLUG, { category: 'spielplatz', description: 'Schaukel am Spielplatz Lindenberg kaputt', email: 'paul@example.org' });
    reports.other = await fileReport(staff, SLUG, { category: 'verkehrszeichen', description: 'Verkehrsschild verdreht' });
    withPhoto = await photoReport(staff, 'Graffiti mit Autokennzeichen im Bild');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await staff?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  async function open(path: string, lang: Lang, width = 375): Promise<Session> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang === 'de' ? 'de-DE' : 'en-GB' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await goto(page, path, lang);
    return { page, errors };
  }

  async function goto(page: Page, path: string, lang: Lang): Promise<void> {
    const separator = path.includes('?') ? '&' : '?';
    await page.goto(`${staff.baseUrl}${path}${separator}lang=${lang}`, { waitUntil: 'networkidle' });
  }

  async function expectAccessible(page: Page, where: string): Promise<void> {
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const violations = result.violations.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations).toEqual([]);
  }

  async function expectNoHorizontalScroll(page: Page): Promise<void> {
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (scroll > inner) {
      // Name the elements that stick out, outermost first, to make a failure actionable.
      const wide = await page.evaluate((limit) => {
        const all = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > limit + 1);
        const outside = all.filter((e) => !e.closest('.table-scroll, .leaflet-container'));
        return (outside.length ? outside : all).slice(0, 8).map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
      }, inner);
      expect({ scroll, inner, wide }).toEqual({ scroll: inner, inner, wide: [] });
    }
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${ARTIFACTS}/${name}-375.png`, fullPage: true });
  }

  async function close(session: Session, allowedErrors: RegExp[] = []): Promise<void> {
    const unexpected = session.errors.filter((e) => !allowedErrors.some((re) => re.test(e)));
    await session.page.context().close();
    expect(unexpected).toEqual([]);
  }

  async function signIn(page: Page, lang: Lang, email = ADMIN, password = PASSWORD): Promise<void> {
    await page.getByLabel(text[lang].email).fill(email);
    await page.getByLabel(text[lang].password, { exact: true }).fill(password);
    await page.getByRole('button', { name: text[lang].signIn, exact: true }).click();
  }

  const verwaltung = (...rest: string[]) => [`/${SLUG}/verwaltung`, ...rest].join('/');
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

  for (const lang of ['de', 'en'] as const) {
    it(`shows every staff page without axe violations, usable at 375 px (${lang})`, async () => {
      const session = await open(verwaltung(), lang);
      const { page } = session;
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await page.getByRole('heading', { level: 1, name: lang === 'de' ? 'Anmeldung Verwaltung' : 'Staff sign-in' }).waitFor();
      await expectAccessible(page, 'sign-in');
      await screenshot(page, `staff-sign-in-${lang}`);

      await signIn(page, lang);
      await page.getByRole('heading', { level: 1, name: text[lang].inbox }).waitFor();
      await page.getByRole('link', { name: new RegExp(reports.mouse.number) }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, 'inbox');
      await expectNoHorizontalScroll(page);
      await screenshot(page, `staff-inbox-${lang}`);

      const pages: [string, string][] = [
        ['map', verwaltung('karte')],
        ['report', verwaltung('meldungen', withPhoto.id)],
        ['dashboard', verwaltung('statistik')],
        ['audit', verwaltung('protokoll')],
      ];
      for (const [name, path] of pages) {
        await goto(page, path, lang);
        await page.locator('#main h1').first().waitFor();
        await expectAccessible(page, name);
        await expectNoHorizontalScroll(page);
        await screenshot(page, `staff-${name}-${lang}`);
      }
      // Open the bulk-action panel and a chart's table too: hidden content is checked when shown.
      await goto(page, verwaltung('statistik'), lang);
      for (const summary of await page.locator('summary').all()) await summary.click();
      await expectAccessible(page, 'dashboard tables');

      await goto(page, verwaltung('einstellungen'), lang);
      for (const section of text[lang].sections) {
        await page.getByRole('navigation', { name: lang === 'de' ? 'Bereiche der Einstellungen' : 'Administration sections' }).getByRole('link', { name: section, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: section }).waitFor();
        await page.waitForLoadState('networkidle');
        await expectAccessible(page, `admin ${section}`);
        await expectNoHorizontalScroll(page);
      }
      await screenshot(page, `staff-admin-${lang}`);
      await close(session, SIGNED_OUT);
    }, 300_000);
  }

  it('explains wrong passwords and the lockout', async () => {
    const session = await open(verwaltung(), 'de');
    const { page } = session;
    await signIn(page, 'de', 'browser-locked@ilmenau.example', 'wrong password');
    await page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort falsch' }).waitFor();
    for (let attempt = 2; attempt <= 5; attempt++) {
      await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
      await page.waitForLoadState('networkidle');
    }
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'gesperrt' }).waitFor();
    await expectAccessible(page, 'sign-in errors');
    await close(session, [...SIGNED_OUT, /HTTP 401 POST .*sign-in/, /HTTP 423 POST .*sign-in/, /status of 423/]);
  });

  it('shows the API’s field errors in administration forms (GeoJSON upload, category)', async () => {
    const session = await open(verwaltung('einstellungen', 'gebiete'), 'de');
    const { page } = session;
    await signIn(page, 'de');
    await page.getByRole('heading', { level: 1, name: 'Gebiete' }).waitFor();
    const geojson = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Neu', kind: 'bezirk' }, geometry: { type: 'Point', coordinates: [1, 2] } }] };
    await page.getByLabel('GeoJSON-Datei').setInputFiles({ name: 'gebiete.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie diese Angaben' });
    await alert.waitFor();
    await expect(alert.locator('code').first().textContent()).resolves.toMatch(/^geojson/);
    await expect(page.getByLabel('GeoJSON-Datei').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'area upload errors');

    await page.getByRole('link', { name: 'Kategorien', exact: true }).click();
    await page.getByRole('button', { name: 'Neue Kategorie' }).first().click();
    await page.getByLabel('Code', { exact: true }).fill('Ungültig!');
    await page.getByLabel('Name (DE)').fill('Testkategorie');
    await page.getByLabel('Name (EN)').fill('Test category');
    await page.getByRole('button', { name: 'Frage hinzufügen' }).click();
    await page.getByLabel('Art der Antwort').selectOption('singlevaluelist');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie diese Angaben' }).waitFor();
    await expect(page.getByLabel('Code', { exact: true }).first().getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'category errors');
    await screenshot(page, 'staff-admin-errors-de');
    await close(session, [...SIGNED_OUT, /HTTP 400 POST .*\/staff\/admin\//, /status of 400/]);
  }, 120_000);

  it('signs in, opens a report from the inbox, answers with a template, closes it; the citizen page shows the notes', async () => {
    const session = await open(verwaltung(), 'de', 1280);
    const { page } = session;
    await signIn(page, 'de');
    await page.getByRole('heading', { level: 1, name: 'Eingang' }).waitFor();
    await page.getByRole('link', { name: `Meldung ${reports.mouse.number}` }).click();
    await page.getByRole('heading', { level: 1, name: `Meldung ${reports.mouse.number}` }).waitFor();
    await expect(page.getByText('erika@example.org').isVisible()).resolves.toBe(true);

    // The template fills text and status.
    await page.getByLabel(text.de.template).selectOption(templateId);
    await expect(page.getByLabel(text.de.reply).inputValue()).resolves.toContain('Bauhof');
    await expect(page.getByLabel(text.de.status).inputValue()).resolves.toBe('in_progress');
    await page.getByRole('button', { name: text.de.send }).click();
    await page.getByRole('status').filter({ hasText: 'Antwort gespeichert' }).waitFor();
    await page.locator('.staff-history').getByText('Danke! Der Bauhof kümmert sich').waitFor();

    // An internal note stays internal.
    await page.getByLabel('Notiz', { exact: true }).fill('Intern: Bauhof-Team B informiert');
    await page.getByRole('button', { name: 'Notiz speichern' }).click();
    await page.locator('.staff-history').getByText('Intern: Bauhof-Team B').waitFor();

    // Close it as fixed with a public note.
    await page.getByLabel(text.de.status).selectOption('fixed');
    await page.getByLabel(text.de.reply).fill('Die Graffiti wurden entfernt.');
    await page.getByRole('button', { name: text.de.send }).click();
    await page.locator('.report-status-line').getByText('Erledigt').waitFor();
    await expectAccessible(page, 'report after closing');

    // The citizen's page shows both public notes and the status, never the internal note.
    await goto(page, `/${SLUG}/meldungen/${reports.mouse.id}`, 'de');
    await page.getByText('Die Graffiti wurden entfernt.').waitFor();
    await expect(page.getByText('Danke! Der Bauhof kümmert sich').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Intern: Bauhof-Team B').count()).resolves.toBe(0);
    await expect(page.locator('.report-status-line').textContent()).resolves.toContain('Erledigt');

    // Session expiry: the next staff request answers 401 and the sign-in page explains why.
    await goto(page, verwaltung(), 'de');
    await page.getByRole('heading', { level: 1, name: 'Eingang' }).waitFor();
    await staff.admin.query(`DELETE FROM staff_sessions`);
    await page.getByRole('link', { name: 'Statistik' }).click();
    await page.getByText('Ihre Sitzung ist abgelaufen').waitFor();
    await close(session, [...SIGNED_OUT, /HTTP 401 GET .*\/staff\//]);
  }, 180_000);

  it('does the same with the keyboard only', async () => {
    const session = await open(verwaltung(), 'en', 375);
    const { page } = session;
    // Tab from the top of the page to the e-mail field (skip link, header, language switch first).
    const emailId = await page.getByLabel(text.en.email).getAttribute('id');
    for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.id ?? '')) !== emailId; i++) await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(emailId);
    await page.keyboard.type(ADMIN);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    // Filter by the keyboard: status select with arrow keys → the URL and the list follow.
    await page.getByLabel('Status', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/status=open/);
    await page.getByRole('link', { name: `Report ${reports.keyboard.number}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Report ${reports.keyboard.number}` }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    // Template: the select is operated with the arrow keys; Tab moves on through status and text.
    await page.getByLabel(text.en.template).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel(text.en.status).inputValue()).resolves.toBe('in_progress');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('SELECT');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('TEXTAREA');
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toBe(text.en.send);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Reply saved' }).waitFor();

    // Close: "Fixed" is the second choice after "keep status" for a report in progress.
    await page.getByLabel(text.en.status).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel(text.en.status).inputValue()).resolves.toBe('fixed');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Swing repaired.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.report-status-line').getByText('Fixed').waitFor();

    // Blur a region of a photo with the numeric inputs instead of dragging.
    await goto(page, verwaltung('meldungen', withPhoto.id), 'en');
    await page.getByRole('heading', { level: 1, name: `Report ${withPhoto.number}` }).waitFor();
    const before = (await staff.admin.query(`SELECT large_key FROM report_photos WHERE id = $1`, [withPhoto.photoId])).rows[0].large_key;
    await page.getByRole('button', { name: 'Blur a region' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Left (%)').focus();
    await page.keyboard.type('25');
    for (const value of ['25', '50', '40']) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toBe('Blur');
    await expectAccessible(page, 'blur form');
    await page.keyboard.press('Enter');
    await page.getByText('blurred', { exact: true }).waitFor();
    const after = (await staff.admin.query(`SELECT large_key FROM report_photos WHERE id = $1`, [withPhoto.photoId])).rows[0].large_key;
    expect(after).not.toBe(before);

    // The citizen's page shows the closing note.
    await goto(page, `/${SLUG}/meldungen/${reports.keyboard.id}`, 'en');
    await page.getByText('Swing repaired.').waitFor();
    await screenshot(page, 'staff-citizen-report-en');

    // Sign out with the keyboard.
    await goto(page, verwaltung(), 'en');
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('You are signed out.').waitFor();
    await close(session, SIGNED_OUT);
  }, 180_000);
});
