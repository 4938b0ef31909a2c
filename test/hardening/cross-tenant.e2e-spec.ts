import { RouteInfo } from '../../apps/api/src/openapi/openapi.builder';
import { AttackWorld, Principal, startAttackWorld, tenantSnapshot } from './support/attack-world';
import { centreOf, clientIp } from './support/hardening-stack';
import { exampleOf, fillPath, pathParams, routesOf, toJsonSchema } from './support/route-inputs';

/**
 * Generated from the API's own route list (RouteCatalog): every route that
 * is tenant-scoped — by its path (/t/:tenantSlug/…, /media/:tenantSlug/…) or
 * by Open311's jurisdiction_id — is called in the attacker's tenant with the
 * victim's ids and signed link tokens, with the attacker's staff session and
 * Open311 key, and with the victim's credentials against the attacker's
 * tenant. New routes are picked up automatically. Nothing of the victim may
 * show up in a response, nothing of the victim may change, no request may
 * fail with 5xx.
 */
describe('cross-tenant attacks generated from the route list', () => {
  let world: AttackWorld;
  let routes: RouteInfo[];
  const findings: string[] = [];
  let requests = 0;

  beforeAll(async () => {
    world = await startAttackWorld();
    routes = routesOf(world.stack.api);
  }, 120000);

  afterAll(async () => {
    await world?.close();
  });

  const isOpen311 = (route: RouteInfo) => route.path.startsWith('/open311/');
  const isTenantScoped = (route: RouteInfo) => route.path.includes(':tenantSlug') || isOpen311(route);
  const isStaff = (route: RouteInfo) => route.path.includes('/staff/');
  const isPublicStaff = (route: RouteInfo) => /\/staff\/auth\/(sign-in|password-reset|password)$|\/staff\/auth\/(sso|oidc)/.test(route.path);
  const signsOut = (route: RouteInfo) => /sign-out|totp\/(enable|disable)|password\/change/.test(route.path);

  /** Values for a path parameter: the victim's ids (all kinds), its photo file, formats. */
  function candidates(name: string): string[] {
    const victim = world.victim;
    if (name === 'format') return ['json'];
    if (name === 'file') return [victim.photoFile ?? 'missing.webp'];
    if (name === 'code') return ['graffiti'];
    if (name === 'token') return Object.values(victim.tokens[victim.reportId]).slice(0, 1);
    if (isOpen311Id(name)) return [victim.reportNumber, victim.reportId];
    return [victim.reportId, victim.followerId, victim.photoId!, victim.ids[3]].filter(Boolean);
  }
  const isOpen311Id = (name: string) => name === 'id';

  function bodyHints(attackerCentre: { lat: number; lon: number }): Record<string, unknown> {
    const victim = world.victim;
    return {
      lat: attackerCentre.lat,
      lon: attackerCentre.lon,
      ids: [victim.reportId],
      reportIds: [victim.reportId],
      reportId: victim.reportId,
      departmentId: victim.ids.find((id) => !(id in victim.tokens)) ?? victim.reportId,
      userId: victim.ids[victim.ids.length - 1],
      duplicateOf: victim.reportId,
      status: 'fixed',
      note: 'attack',
      text: 'attack',
      message: 'attack',
      email: world.victim.staff?.email ?? 'someone@example.org',
      password: 'correct horse battery staple',
    };
  }

  async function call(route: RouteInfo, path: string, options: { as?: Principal; jurisdiction?: string; apiKey?: string; query?: Record<string, string>; body?: unknown }) {
    const method = route.method === 'all' ? 'GET' : route.method.toUpperCase();
    const query = new URLSearchParams(options.query ?? {});
    const headers: Record<string, string> = { 'x-forwarded-for': clientIp(), accept: 'application/json' };
    if (options.as?.staff?.cookie) {
      headers.cookie = options.as.staff.cookie;
      if (method !== 'GET') headers['x-csrf-token'] = options.as.staff.csrfToken;
    }
    let body: string | undefined;
    if (isOpen311(route)) {
      const fields: Record<string, string> = {};
      if (options.jurisdiction) fields.jurisdiction_id = options.jurisdiction;
      if (options.apiKey) fields.api_key = options.apiKey;
      if (method === 'GET') for (const [key, value] of Object.entries(fields)) query.set(key, value);
      else {
        const form = new URLSearchParams({ ...fields, service_code: 'graffiti', lat: '50.9', long: '12.0', description: 'attack', service_request_id: world.victim.reportNumber, update_id: '1', status: 'CLOSED', updated_datetime: new Date().toISOString(), email: 'a@example.org' });
        body = form.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
    } else if (method !== 'GET' && method !== 'HEAD') {
      body = JSON.stringify(options.body ?? {});
      headers['content-type'] = 'application/json';
    }
    const url = `${world.stack.baseUrl}${path}${query.size ? `?${query}` : ''}`;
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    requests += 1;
    const label = `${method} ${path}${query.size ? `?${[...query.keys()].join('&')}` : ''} as ${options.as ? `${options.as.slug}${options.as.staff ? ' staff' : ''}` : 'anonymous'}${options.apiKey ? ' +key' : ''}`;
    if (response.status >= 500) findings.push(`${label} → ${response.status} ${text.slice(0, 200)}`);
    const lower = `${text}\n${response.headers.get('location') ?? ''}`.toLowerCase();
    // Public facts of the victim's reports may be read in the victim's own jurisdiction; contact data never.
    const inVictimContext = options.jurisdiction === world.victim.slug || path.includes(`/${world.victim.slug}/`);
    for (const marker of inVictimContext ? world.victim.privateMarkers : world.victim.markers) {
      if (lower.includes(marker.toLowerCase())) findings.push(`${label} → ${response.status} leaks "${marker}"`);
    }
    if (response.status < 300 && !inVictimContext) {
      // An id the request itself carried may be echoed (per-id results, "not found"); any other victim id is a leak.
      const sent = `${path}${query}${body ?? ''}`.toLowerCase();
      for (const id of [world.victim.reportId, world.victim.followerId, world.victim.photoId]) {
        if (id && lower.includes(id) && !sent.includes(id)) findings.push(`${label} → ${response.status} answers with the victim's id ${id}`);
      }
    }
    return { status: response.status, text, label };
  }

  it('finds the tenant-scoped routes in the route list', () => {
    const scoped = routes.filter(isTenantScoped);
    // The reports, read, media, Open311 and staff routes at least; more as features land.
    expect(scoped.length).toBeGreaterThan(25);
  });

  it('would see a leak (positive control: the victim’s report read in its own tenant shows the public marker)', async () => {
    const own = await fetch(`${world.stack.baseUrl}/api/v1/t/${world.victim.slug}/reports/${world.victim.reportId}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(world.victim.markers[0]);
  });

  it('leaks nothing and changes nothing when the attacker uses the victim’s ids, tokens and its own credentials', async () => {
    const victim = world.victim;
    const attacker = world.attacker;
    const before = await tenantSnapshot(world.admin, victim.tenantId);
    const mailsBefore = world.smtp.mails.length;
    const attackerCentre = await centreOf(world.stack.baseUrl, attacker.slug);
    const ordered = [...routes.filter(isTenantScoped)].sort((a, b) => Number(signsOut(a)) - Number(signsOut(b)));
    for (const route of ordered) {
      const params = pathParams(route).filter((name) => name !== 'tenantSlug');
      const combos: Array<Record<string, string>> = [{}];
      for (const name of params) {
        const next: Array<Record<string, string>> = [];
        for (const combo of combos) for (const value of candidates(name)) next.push({ ...combo, [name]: value });
        combos.splice(0, combos.length, ...next);
      }
      const schema = toJsonSchema(route.body);
      const body = exampleOf(schema, { byName: bodyHints(attackerCentre) });
      for (const combo of combos) {
        const path = fillPath(route, { tenantSlug: attacker.slug, ...combo });
        const usedId = Object.values(combo).find((value) => value in victim.tokens);
        // Signed links of the victim's rows (valid HMACs: only the tenant boundary stops them).
        const tokenQueries = usedId ? Object.values(victim.tokens[usedId]).map((token) => ({ token })) : [{}];
        for (const query of tokenQueries) {
          if (isOpen311(route)) {
            await call(route, path, { jurisdiction: attacker.slug, apiKey: attacker.open311Key, query });
            await call(route, path, { jurisdiction: victim.slug, apiKey: attacker.open311Key, query });
            await call(route, path, { jurisdiction: attacker.slug, apiKey: victim.open311Key, query });
            continue;
          }
          await call(route, path, { query, body });
          if (attacker.staff) await call(route, path, { as: attacker, query, body });
        }
      }
    }
    expect(findings).toEqual([]);
    expect(requests).toBeGreaterThan(300);
    expect(await tenantSnapshot(world.admin, victim.tenantId)).toEqual(before);
    const newMails = world.smtp.mails.slice(mailsBefore).filter((mail) => victim.privateMarkers.some((marker) => JSON.stringify(mail.to ?? '').toLowerCase().includes(marker.toLowerCase())));
    expect(newMails).toHaveLength(0);
  });

  it('refuses one tenant’s staff session in another tenant (401/403 on every staff route)', async () => {
    findings.length = 0;
    for (const [holder, target] of [[world.victim, world.attacker], [world.attacker, world.victim]] as const) {
      if (!holder.staff) continue;
      await world.signIn(holder);
      const staffRoutes = routes.filter((route) => isStaff(route) && !isPublicStaff(route));
      for (const route of staffRoutes) {
        const path = fillPath(route, { tenantSlug: target.slug, id: target === world.victim ? world.victim.reportId : world.victim.followerId });
        const response = await call(route, path, { as: holder, body: {} });
        if (response.status !== 401 && response.status !== 403) findings.push(`${response.label} → ${response.status} (expected 401/403)`);
      }
    }
    expect(findings).toEqual([]);
  });

  it('refuses one tenant’s Open311 key in another jurisdiction', async () => {
    const writes = routes.filter((route) => isOpen311(route) && route.method === 'post');
    findings.length = 0;
    if (!world.attacker.open311Key || writes.length === 0) return;
    for (const route of writes) {
      const response = await call(route, fillPath(route, { format: 'json' }), { jurisdiction: world.victim.slug, apiKey: world.attacker.open311Key });
      expect({ route: route.path, status: response.status }).toEqual({ route: route.path, status: 403 });
    }
    expect(findings).toEqual([]);
  });
});
