import { mkdtemp, readdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import sharp from 'sharp';
import { LinkPurpose, LinkTokens } from '@app/core';
import { ReportDemoSeed } from '@app/reports';
import { DemoSeedContributor, DemoSeedService } from '@app/tenants';
import { TestSmtpServer, waitFor } from '@app/testing';
import { TestStack, startTestStack } from '../../support/test-api';
import { centreOf, clientIp } from './hardening-stack';

export const STAFF_PASSWORD = 'correct horse battery staple';

/** What a principal of one tenant holds: a staff session and an Open311 key, when those features exist. */
export interface Principal {
  slug: string;
  tenantId: string;
  staff?: { cookie: string; csrfToken: string; email: string };
  open311Key?: string;
}

/** Rows and secrets of the victim tenant; every marker is unique text that must never appear in another tenant's responses. */
export interface Victim extends Principal {
  reportId: string;
  reportNumber: string;
  followerId: string;
  photoId?: string;
  photoFile?: string;
  /** Contact data: never in any response but the self-service page of its own link. */
  privateMarkers: string[];
  /** Public in the victim's tenant (description, address, photo): never in the attacker's tenant. */
  markers: string[];
  ids: string[];
  tokens: Record<string, Record<string, string>>;
}

export interface AttackWorld {
  stack: TestStack;
  smtp: TestSmtpServer;
  admin: Client;
  mediaDir: string;
  victim: Victim;
  attacker: Principal;
  /** Module exports, looked up by name so the suite does not break while a feature is still missing. */
  signIn(principal: Principal): Promise<void>;
  close(): Promise<void>;
}

async function optionalModule(name: string): Promise<Record<string, any> | undefined> {
  try {
    return await import(name);
  } catch {
    return undefined;
  }
}

export async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 120, g: 80, b: 60 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCam', Artist: 'Erika Mustermann' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '10/1 55/1 0/1' } })
    .toBuffer();
}

export async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

/**
 * API + worker with the demo tenants; the victim (Ilmenau) has a report with
 * a photo, contact data and a follower; victim and attacker (Gera) each get a
 * staff administrator and an Open311 key.
 */
export async function startAttackWorld(env: Record<string, string> = {}): Promise<AttackWorld> {
  const smtp = await TestSmtpServer.start();
  const mediaDir = await mkdtemp(join(tmpdir(), 'mitreden-hardening-media-'));
  const stack = await startTestStack({ worker: true, env: { SMTP_URL: smtp.url, MEDIA_DIR: mediaDir, PUBLIC_BASE_URL: 'http://mitreden.test', ...env } });
  await stack.api.get(DemoSeedService).seedIfEmpty([stack.api.get(ReportDemoSeed) as DemoSeedContributor]);
  const admin = new Client({ connectionString: stack.db.adminUrl });
  await admin.connect();
  const tenantId = async (slug: string) => (await admin.query(`SELECT id FROM tenants WHERE slug = $1`, [slug])).rows[0].id as string;

  const staffLib = await optionalModule('@app/staff');
  const open311Lib = await optionalModule('@app/open311');

  const principal = async (slug: string): Promise<Principal> => {
    const result: Principal = { slug, tenantId: await tenantId(slug) };
    if (open311Lib?.Open311ApiKeysService) {
      result.open311Key = (await stack.api.get(open311Lib.Open311ApiKeysService).create(slug, `hardening ${slug}`)).key;
    }
    if (staffLib?.hashPassword) {
      const email = `admin-${randomBytes(3).toString('hex')}@${slug}.example`;
      const role = (staffLib.STAFF_ROLES as readonly string[] | undefined)?.[0] ?? 'tenant_admin';
      await admin.query(`INSERT INTO staff_users (tenant_id, email, role, password_hash) VALUES ($1, $2, $3, $4)`, [result.tenantId, email, role, await staffLib.hashPassword(STAFF_PASSWORD)]);
      result.staff = { cookie: '', csrfToken: '', email };
    }
    return result;
  };

  const signIn = async (who: Principal) => {
    if (!who.staff) return;
    const response = await fetch(`${stack.baseUrl}/api/v1/t/${who.slug}/staff/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp() },
      body: JSON.stringify({ email: who.staff.email, password: STAFF_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`staff sign-in for ${who.slug} failed: ${response.status} ${await response.text()}`);
    who.staff.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    who.staff.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
  };

  const victimBase = await principal('ilmenau');
  const attacker = await principal('gera');
  await signIn(victimBase);
  await signIn(attacker);

  const tag = randomBytes(4).toString('hex');
  const markers = [`VICTIM-DESCRIPTION-${tag}`, `victim-${tag}@example.org`, `Victima Geheim${tag}`, `+49 3677 ${parseInt(tag, 16) % 1000000}`, `follower-${tag}@example.org`, `Victimstraße ${tag}`];
  const centre = await centreOf(stack.baseUrl, 'ilmenau');
  const form = new FormData();
  form.set('category', 'graffiti');
  form.set('lat', String(centre.lat));
  form.set('lon', String(centre.lon));
  form.set('description', markers[0]);
  form.set('contactEmail', markers[1]);
  form.set('contactName', markers[2]);
  form.set('contactPhone', markers[3]);
  form.set('address', markers[5]);
  form.append('photos', new Blob([new Uint8Array(await photoWithGps())], { type: 'image/jpeg' }), 'victim.jpg');
  const created = await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/reports`, { method: 'POST', body: form, headers: { 'x-forwarded-for': clientIp() } });
  if (created.status !== 201) throw new Error(`victim report refused: ${created.status} ${await created.text()}`);
  const report = (await created.json()) as { id: string; number: string };
  const followed = await fetch(`${stack.baseUrl}/api/v1/t/ilmenau/reports/${report.id}/followers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: markers[4] }) });
  if (followed.status >= 300) throw new Error(`follow refused: ${followed.status}`);
  const photo = await waitFor(async () => (await admin.query(`SELECT id, large_key, thumb_key, content_hash FROM report_photos WHERE report_id = $1 AND state = 'ready'`, [report.id])).rows[0], { timeoutMs: 30000, what: 'victim photo processed' });
  await waitFor(async () => (await admin.query(`SELECT routed_at FROM reports WHERE id = $1`, [report.id])).rows[0].routed_at, { what: 'victim report routed' });
  const followerId = (await admin.query(`SELECT id FROM report_followers WHERE report_id = $1`, [report.id])).rows[0].id as string;
  // The victim's own mails (receipt, follow confirmation) must be out before the attack starts counting mails.
  await waitFor(async () => smtp.to(markers[1]).length >= 1 && smtp.to(markers[4]).length >= 1, { timeoutMs: 30000, what: "victim's own mails" });
  const historyIds = (await admin.query(`SELECT id FROM report_history WHERE report_id = $1`, [report.id])).rows.map((row) => row.id as string);
  const otherIds = (await admin.query(
    `SELECT id FROM departments WHERE tenant_id = $1 UNION ALL SELECT id FROM areas WHERE tenant_id = $1 UNION ALL SELECT id FROM categories WHERE tenant_id = $1 LIMIT 6`,
    [victimBase.tenantId],
  )).rows.map((row) => row.id as string);
  const staffIds = victimBase.staff ? (await admin.query(`SELECT id FROM staff_users WHERE tenant_id = $1`, [victimBase.tenantId])).rows.map((row) => row.id as string) : [];
  const tokens: Record<string, Record<string, string>> = {};
  const linkTokens = stack.api.get(LinkTokens);
  const purposes: LinkPurpose[] = ['report-confirm', 'follow-confirm', 'follow-unsubscribe', 'contact-self-service'];
  for (const id of [report.id, followerId]) tokens[id] = Object.fromEntries(purposes.map((purpose) => [purpose, linkTokens.sign(purpose, id)]));
  const photoFile = String(photo.large_key).split('/').pop();
  markers.push(String(photo.content_hash));
  const privateMarkers = [markers[1], markers[2], markers[3], markers[4]];

  const victim: Victim = {
    ...victimBase,
    reportId: report.id,
    reportNumber: report.number,
    followerId,
    photoId: photo.id,
    photoFile,
    privateMarkers,
    markers,
    ids: [report.id, followerId, photo.id, ...historyIds, ...otherIds, ...staffIds],
    tokens,
  };

  return {
    stack,
    smtp,
    admin,
    mediaDir,
    victim,
    attacker,
    signIn,
    async close() {
      await admin.end();
      await stack.close();
      await smtp.stop();
    },
  };
}

/** Everything stored for a tenant, as the owner sees it: used to prove an attack changed nothing. */
export async function tenantSnapshot(admin: Client, tenantId: string): Promise<Record<string, string>> {
  const tables = (await admin.query(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
  )).rows.map((row) => row.table_name as string);
  const snapshot: Record<string, string> = {};
  // Tables that legitimately change when someone merely tries: audit trails and throttling.
  const volatile = new Set(['system_audit', 'staff_audit_log', 'staff_sign_in_failures', 'outbox', 'dead_letters', 'sent_notifications', 'staff_sessions']);
  for (const table of tables) {
    if (volatile.has(table)) continue;
    const rows = (await admin.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h, count(*)::int AS n FROM "${table}" t WHERE tenant_id = $1`, [tenantId])).rows[0];
    snapshot[table] = `${rows.n}:${rows.h}`;
  }
  return snapshot;
}
