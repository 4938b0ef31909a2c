import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, Page, chromium } from 'playwright-core';
import sharp from 'sharp';
import { ReportDemoSeed } from '@app/reports';
import { DemoSeedContributor, DemoSeedService } from '@app/tenants';
import { TestStack, startTestStack } from '../support/test-api';

// Browser globals used inside page.evaluate callbacks (they run in the page); the root
// tsconfig has no DOM lib, and these declarations stay local to this module.
declare const document: { activeElement: { tagName: string; textContent: string | null; classList: { contains(c: string): boolean } } | null; documentElement: { lang: string } };
declare const sessionStorage: { getItem(key: string): string | null };

// The citizen pages of the Mängelmelder in a real browser against the real API
// (PostgreSQL, Redis, worker), in German and English, at 375 px width.

const ARTIFACTS = 'test-artifacts';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];
type Lang = 'de' | 'en';

const text = {
  de: { next: 'Weiter', send: 'Meldung absenden', report: 'Mangel melden', search: 'Kategorie suchen', retry: 'Erneut senden' },
  en: { next: 'Continue', send: 'Send report', report: 'Report a problem', search: 'Search categories', retry: 'Send again' },
};

interface Session {
  page: Page;
  /** Console errors and uncaught exceptions; each test ends with none (or only the expected ones). */
  errors: string[];
}

describe('Mängelmelder citizen pages (browser)', () => {
  let stack: TestStack;
  let browser: Browser;
  let pngPhoto: Buffer;

  let webDist: string;

  beforeAll(async () => {
    // A private build of the client: other test runs may rebuild apps/web/dist meanwhile.
    webDist = mkdtempSync(join(tmpdir(), 'mitreden-web-'));
    const build = spawnSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--outDir', webDist, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the web client failed');
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestStack({ worker: true, env: { WEB_DIST_DIR: webDist } });
    await stack.api.get(DemoSeedService).seedIfEmpty([stack.api.get(ReportDemoSeed) as DemoSeedContributor]);
    // A few reports near Ilmenau's centre, so the map has clusters and the form finds duplicates.
    for (const [lat, lon, description] of [
      [50.6832, 10.9186, 'Tiefes Schlagloch auf der Fahrbahn vor der Post'],
      [50.6834, 10.9189, 'Schlagloch am Fahrbahnrand, Radfahrer weichen aus'],
      [50.6951, 10.9302, 'Straßenschaden an der Kreuzung'],
    ] as const) {
      const response = await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'de' },
        body: JSON.stringify({ category: 'schlagloch', lat, lon, description, attributes: { size: 'large' }, locale: 'de' }),
      });
      if (response.status !== 201) throw new Error(`seeding a report failed: ${response.status} ${await response.text()}`);
    }
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    pngPhoto = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#7a8b99' } }).png().toBuffer();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
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
    // Name the failing request: the console only says "Failed to load resource".
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    });
    const separator = path.includes('?') ? '&' : '?';
    await page.goto(`${stack.baseUrl}${path}${separator}lang=${lang}`, { waitUntil: 'networkidle' });
    return { page, errors };
  }

  async function expectAccessible(page: Page): Promise<void> {
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations).toEqual([]);
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${ARTIFACTS}/${name}-375.png`, fullPage: true });
  }

  async function close(session: Session, allowedErrors: RegExp[] = []): Promise<void> {
    const unexpected = session.errors.filter((e) => !allowedErrors.some((re) => re.test(e)));
    await session.page.context().close();
    expect(unexpected).toEqual([]);
  }

  async function waitForThumbnail(slug: string, id: string): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const report = (await (await fetch(`${stack.baseUrl}/api/v1/t/${slug}/reports/${id}`)).json()) as { photos?: { thumbnailUrl: string }[] };
      const url = report.photos?.[0]?.thumbnailUrl;
      if (url && (await fetch(`${stack.baseUrl}${url}`)).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the thumbnail of report ${id} never appeared`);
  }

  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

  for (const lang of ['de', 'en'] as const) {
    it(`lists the municipalities on the start page (${lang})`, async () => {
      const session = await open('/', lang);
      const { page } = session;
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      for (const name of ['Ilmenau', 'Gera', 'Jena', 'Allianz Thüringer Becken']) {
        await expect(page.getByRole('link', { name: new RegExp(name) }).count()).resolves.toBe(1);
      }
      await expectAccessible(page);
      await screenshot(page, `start-${lang}`);
      await close(session);
    });

    it(`shows the map with server-side clusters, filters and a legend, never all reports (${lang})`, async () => {
      const requests: string[] = [];
      const session = await open('/', lang);
      const { page } = session;
      page.on('request', (request) => requests.push(request.url()));
      const clusters = page.waitForResponse((r) => r.url().includes('/api/v1/t/ilmenau/reports/clusters'));
      await page.getByRole('link', { name: /Ilmenau/ }).click();
      const response = await clusters;
      expect(response.status()).toBe(200);
      expect(new URL(response.url()).searchParams.get('zoom')).toMatch(/^\d+$/);
      await page.locator('.leaflet-container').waitFor();
      await expect(page.getByRole('heading', { level: 2, name: lang === 'de' ? 'Legende' : 'Legend' }).isVisible()).resolves.toBe(true);
      // Only clusters travel to the map; the report list endpoint is not called by the map page.
      expect(requests.filter((u) => new URL(u).pathname.endsWith('/reports'))).toEqual([]);

      // A group is a button: Enter zooms in and the clusters split (a new request at a higher zoom).
      const zoom = Number(new URL(response.url()).searchParams.get('zoom'));
      const group = page.getByRole('button', { name: lang === 'de' ? /^\d+ Meldungen \(/ : /^\d+ reports \(/ }).first();
      const zoomed = page.waitForResponse((r) => r.url().includes('/reports/clusters') && Number(new URL(r.url()).searchParams.get('zoom')) > zoom);
      await group.focus();
      await page.keyboard.press('Enter');
      await zoomed;

      // A filter goes to the URL and to the next cluster request.
      const filtered = page.waitForResponse((r) => r.url().includes('/reports/clusters') && r.url().includes('status=open'));
      await page.getByLabel('Status').selectOption('open');
      await filtered;
      expect(page.url()).toContain('status=open');
      await page.waitForLoadState('networkidle');
      await expectAccessible(page);
      await screenshot(page, `map-${lang}`);
      await close(session);
    });
  }

  it('reports a problem with the keyboard only, without the map (address and district)', async () => {
    const session = await open('/allianz-thueringer-becken', 'de');
    const { page } = session;
    await page.getByRole('link', { name: text.de.report }).first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Mangel melden in/ }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');

    // Step 1: choose "address" with the arrow keys in the radio group, then type.
    await page.getByLabel('Auf der Karte markieren').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('textbox', { name: /Adresse oder Ortsbeschreibung/ }).focus();
    await page.keyboard.type('Marktplatz 1, vor dem Rathaus');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await expect(focusedText(page)).resolves.toContain(text.de.next);
    await page.keyboard.press('Enter');
    await expect(focusedText(page)).resolves.toContain('Schritt 2 von 6');

    // Step 2: search and pick a category with the keyboard.
    await page.getByLabel(text.de.search).focus();
    await page.keyboard.type('Müll');
    await page.getByRole('radio', { name: /Illegale Müllablagerung/ }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(focusedText(page)).resolves.toContain('Schritt 3 von 6');
    await expectAccessible(page);

    // Step 3: description (Enter in the textarea is a line break, not "next").
    await page.getByLabel(/Beschreibung des Mangels/).focus();
    await page.keyboard.type('Sperrmüll am Straßenrand.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Seit einer Woche.');
    // The category's required question (a multivaluelist: checkboxes).
    await page.getByRole('checkbox', { name: 'Sperrmüll' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: text.de.next }).focus();
    await page.keyboard.press('Enter');
    await expect(focusedText(page)).resolves.toContain('Schritt 4 von 6');
    await page.getByRole('button', { name: text.de.next }).focus();
    await page.keyboard.press('Enter');

    // Step 5: this union requires an e-mail address: "next" without it shows the error next to the field.
    await expect(focusedText(page)).resolves.toContain('Schritt 5 von 6');
    await page.getByRole('button', { name: text.de.next }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#f-contactEmail-error').innerText()).resolves.toContain('E-Mail-Adresse');
    await expect(page.locator('#f-contactEmail').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page);
    await page.getByLabel(/^E-Mail-Adresse/).focus();
    await page.keyboard.type('buergerin@example.org');
    await page.keyboard.press('Enter');
    await expect(focusedText(page)).resolves.toContain('Schritt 6 von 6');
    await expectAccessible(page);

    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/t/allianz-thueringer-becken/reports') && r.request().method() === 'POST');
    await page.getByRole('button', { name: text.de.send }).focus();
    await page.keyboard.press('Enter');
    expect((await created).status()).toBe(201);
    await page.getByRole('heading', { level: 1, name: 'Vielen Dank für Ihre Meldung!' }).waitFor();
    await expect(page.getByText('Bitte bestätigen Sie Ihre Meldung').isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'report-by-address-confirmation-de');
    await close(session);
  });

  it('places the pin with the arrow keys, checks photos in the browser and tracks the report (en)', async () => {
    const session = await open('/ilmenau/melden', 'en');
    const { page } = session;
    await page.locator('.leaflet-container').waitFor();
    await page.getByRole('button', { name: 'Place marker in the centre of the map' }).click();
    const live = page.locator('.place-position');
    await expect(live.getAttribute('aria-live')).resolves.toBe('polite');
    const before = await live.innerText();
    expect(before).toMatch(/latitude \d+\.\d{5}, longitude \d+\.\d{5}/);
    // The pin has focus; the arrow keys move it and the new position is announced.
    await expect(page.evaluate(() => document.activeElement?.classList.contains('mk-target'))).resolves.toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect(live.innerText()).resolves.not.toBe(before);
    await expectAccessible(page);
    await screenshot(page, 'report-place-en');
    await page.getByRole('button', { name: text.en.next }).click();

    await page.getByLabel(text.en.search).fill('pothole');
    await page.getByRole('radio', { name: /Pothole/ }).check();
    await page.getByRole('button', { name: text.en.next }).click();

    // A required extra question: "Continue" without it explains the problem next to the question.
    await page.getByLabel(/Description of the problem/).fill('Deep pothole in the cycle lane.');
    await page.getByRole('button', { name: text.en.next }).click();
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('How large is the damage?');
    await page.getByLabel(/large \(over 50 cm\)/).check();
    const counter = await page.locator('#f-description-count').innerText();
    expect(counter).toMatch(/3,969 characters of 4,000 left/);
    await page.getByRole('button', { name: text.en.next }).click();

    // Photos are checked by their bytes before upload: HEIC and a fake JPEG are refused, the PNG is kept.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(32)]);
    await page.locator('#f-photos').setInputFiles([
      { name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: heic },
      { name: 'not-really.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html>not an image</html>') },
      { name: 'pothole.png', mimeType: 'image/png', buffer: pngPhoto },
    ]);
    // The check reads the files asynchronously: wait for its verdict.
    await page.locator('.photo-rejections li', { hasText: 'HEIC' }).waitFor();
    await page.locator('.photo-rejections li', { hasText: 'not-really.jpg' }).waitFor();
    await expect(page.locator('.photo-previews li').count()).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'report-photos-en');
    await page.getByRole('button', { name: text.en.next }).click();
    await page.getByRole('button', { name: text.en.next }).click();

    await page.getByRole('heading', { level: 2, name: /Step 6 of 6/ }).waitFor();
    // The seeded potholes a few metres away are offered before sending.
    await page.getByRole('heading', { level: 3, name: 'Is it one of these?' }).waitFor();
    // "Follow it instead": the API answers 202 and asks to confirm the address by e-mail.
    await page.getByRole('button', { name: "Yes, that's it – follow this report" }).first().click();
    await page.locator('.duplicates').getByLabel('E-mail address').fill('neighbour@example.org');
    await page.locator('.duplicates').getByRole('button', { name: 'Notify me' }).click();
    await page.locator('.duplicates').getByText('Almost done').waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    await screenshot(page, 'report-review-en');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/t/ilmenau/reports') && r.request().method() === 'POST');
    await page.getByRole('button', { name: text.en.send }).click();
    const { id } = (await (await created).json()) as { id: string };
    await page.getByRole('heading', { level: 1, name: 'Thank you for your report!' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'report-confirmation-en');

    // The worker makes the thumbnails after the report is stored; wait for them, so the
    // report page below shows the real photo (it says "still being processed" until then).
    await waitForThumbnail('ilmenau', id);

    // The tracking link opens the report page with its timeline and the photo.
    await page.locator('.tracking-link a').click();
    await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    await expect(page.locator('.timeline li').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('img', { name: /Photo 1 of 1/ }).waitFor();
    await expect(page.getByText('Received').first().isVisible()).resolves.toBe(true);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    await screenshot(page, 'report-page-en');

    // Follow by e-mail from the report page too.
    await page.getByLabel('E-mail address').fill('reporter@example.org');
    await page.getByRole('button', { name: 'Notify me' }).click();
    await page.getByText('Almost done').waitFor();
    await close(session);
  });

  it('keeps what was typed when the connection drops while sending, and sends on retry', async () => {
    const session = await open('/ilmenau/melden', 'de');
    const { page } = session;
    await page.getByLabel('Adresse oder Ortsbeschreibung eingeben (ohne Karte)').check();
    await page.getByRole('textbox', { name: /Adresse oder Ortsbeschreibung/ }).fill('Lindenallee 4');
    await page.locator('#f-areaId').selectOption({ index: 1 });
    await page.getByRole('button', { name: text.de.next }).click();
    await page.getByRole('radio', { name: /Schlagloch/ }).check();
    await page.getByRole('button', { name: text.de.next }).click();
    await page.getByLabel(/klein/).check();
    await page.getByLabel(/Beschreibung des Mangels/).fill('Schlagloch vor der Einfahrt.');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: text.de.next }).click();

    let failures = 1;
    await page.route('**/api/v1/t/ilmenau/reports', (route) => {
      if (route.request().method() === 'POST' && failures-- > 0) return route.abort('internetdisconnected');
      return route.continue();
    });
    await page.getByRole('button', { name: text.de.send }).click();
    await page.getByText('Die Verbindung ist unterbrochen').waitFor();
    const draft = await page.evaluate(() => sessionStorage.getItem('mitreden.reportDraft.ilmenau'));
    expect(draft).toContain('Schlagloch vor der Einfahrt.');
    // Even a reload keeps the draft.
    await page.reload({ waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 2, name: /Schritt 6 von 6/ }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: text.de.send }).click();
    await page.getByRole('heading', { level: 1, name: 'Vielen Dank für Ihre Meldung!' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('mitreden.reportDraft.ilmenau'))).toBeNull();
    await close(session, [/ERR_INTERNET_DISCONNECTED|net::ERR_FAILED/]);
  });

  it('shows the forwarding trail when a report was sent via a neighbouring municipality', async () => {
    // Submitted in Ilmenau, but the point lies in Gera: the API forwards it there.
    const response = await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: JSON.stringify({ category: 'schlagloch', lat: 50.8813, lon: 12.0979, description: 'Pothole near the theatre', attributes: { size: 'small' }, locale: 'en' }),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { trackingUrl: string; forwardedTo: { slug: string; name: string } | null };
    expect(created.forwardedTo?.slug).toBe('gera');
    const session = await open(new URL(created.trackingUrl).pathname, 'en');
    const { page } = session;
    await page.getByText('This report was submitted via Ilmenau and forwarded here.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'report-forwarded-en');
    await close(session);
  });

  it('offers the complete list view with paging and the same filters (de, en)', async () => {
    for (const lang of ['de', 'en'] as const) {
      const session = await open('/ilmenau/meldungen', lang);
      const { page } = session;
      await page.locator('.list-status').filter({ hasText: /\d/ }).waitFor();
      const reports = page.waitForResponse((r) => r.url().includes('/api/v1/t/ilmenau/reports?') && r.url().includes('status=closed'));
      await page.getByLabel('Status').selectOption('closed');
      expect((await reports).status()).toBe(200);
      expect(page.url()).toContain('status=closed');
      await page.waitForLoadState('networkidle');
      await expectAccessible(page);
      await screenshot(page, `list-${lang}`);
      await close(session);
    }
  });

  it('switches the language and the lang attribute without a reload', async () => {
    const session = await open('/ilmenau', 'de');
    const { page } = session;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports in Ilmenau' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meldungen in Ilmenau' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await close(session);
  });
});
