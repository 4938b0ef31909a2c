import fc from 'fast-check';
import { RouteInfo } from '../../apps/api/src/openapi/openapi.builder';
import { AttackWorld, filesUnder, photoWithGps, startAttackWorld } from './support/attack-world';
import { LONG, centreOf, clientIp } from './support/hardening-stack';
import { INJECTIONS, OPEN311_FIELDS, exampleOf, fieldsOf, fillPath, hostileBody, hostileSegment, pathParams, routesOf, toJsonSchema, toQueryString } from './support/route-inputs';

/**
 * Property-based bad input against every route that takes input, generated
 * from the route list and its zod schemas (new routes join automatically):
 * wrong types, huge and binary strings, invalid UTF-8, coordinates out of
 * range, self-intersecting polygons, injection strings, path traversal,
 * malformed multipart and bodies. No answer may be ≥ 500, and a refused
 * request (≥ 400) must not have stored anything.
 *
 * Reproduce a run with HARDENING_SEED=<seed printed on failure>.
 */
const TOTAL_CASES = LONG ? 20000 : 1200;
const SEED = Number(process.env.HARDENING_SEED ?? Date.now() % 2 ** 31);

interface Case {
  route: RouteInfo;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer | FormData;
  note: string;
}

describe('bad input generated from the route list (fast-check)', () => {
  let world: AttackWorld;
  let routes: RouteInfo[];
  let countSql: string;
  const findings: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;

  beforeAll(async () => {
    world = await startAttackWorld();
    routes = routesOf(world.stack.api).filter((route) => acceptsInput(route));
    // Quiet database: background work of the set-up is done, and the relay stops so counts only move by requests.
    await world.stack.worker!.relay.drain();
    await world.stack.worker!.relay.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const tables = (await world.admin.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('spatial_ref_sys', 'migrations', 'system_audit', 'staff_audit_log', 'staff_sign_in_failures', 'staff_sessions', 'dead_letters', 'sent_notifications') ORDER BY 1`)).rows.map((row) => row.tablename as string);
    countSql = `SELECT ${tables.map((table) => `(SELECT count(*) FROM "${table}")::int AS "${table}"`).join(', ')}`;
  }, 120000);

  afterAll(async () => {
    await world?.close();
  });

  function acceptsInput(route: RouteInfo): boolean {
    return route.method !== 'get' || Boolean(route.query) || pathParams(route).some((name) => name !== 'tenantSlug') || route.path.startsWith('/open311/');
  }

  async function stored(): Promise<Record<string, number>> {
    const counts = (await world.admin.query(countSql)).rows[0] as Record<string, number>;
    return { ...counts, files: (await filesUnder(world.mediaDir)).length };
  }

  function authHeaders(route: RouteInfo, method: string): Record<string, string> {
    const headers: Record<string, string> = { 'x-forwarded-for': clientIp(), 'accept-language': 'en' };
    const staff = world.victim.staff;
    if (staff && route.path.includes('/staff/') && !/sign-in|sign-out|password-reset/.test(route.path)) {
      headers.cookie = staff.cookie;
      if (method !== 'GET') headers['x-csrf-token'] = staff.csrfToken;
    }
    return headers;
  }

  function paramValue(name: string): fc.Arbitrary<string> {
    const valid: string[] =
      name === 'tenantSlug' ? ['ilmenau'] : name === 'format' ? ['json', 'xml'] : name === 'file' ? [world.victim.photoFile ?? 'x.webp'] : name === 'code' ? ['graffiti'] : [world.victim.reportId, world.victim.followerId, world.victim.reportNumber];
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 2, arbitrary: hostileSegment });
  }

  function multipart(fields: Record<string, unknown>, photos: Array<{ bytes: Uint8Array; name: string; type: string }>, field = 'photos'): FormData {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    for (const photo of photos) form.append(field, new Blob([photo.bytes], { type: photo.type }), photo.name);
    return form;
  }

  /** The arbitrary of requests for one route. */
  function caseFor(route: RouteInfo, jpeg: Uint8Array, centre: { lat: number; lon: number }): fc.Arbitrary<Case> {
    const method = route.method === 'all' ? 'GET' : route.method.toUpperCase();
    const names = pathParams(route);
    const params = names.length ? fc.record(Object.fromEntries(names.map((name) => [name, paramValue(name)]))) : fc.constant({} as Record<string, string>);
    const hints = { byName: { lat: centre.lat, lon: centre.lon, description: 'Fuzz', category: 'graffiti', ids: [world.victim.reportId] } };
    const open311 = route.path.startsWith('/open311/');
    const querySchema = toJsonSchema(route.query);
    const bodySchema = toJsonSchema(route.body);
    const multipartSchema = toJsonSchema(route.doc?.multipart);
    const queryExample = open311 ? { jurisdiction_id: 'ilmenau', api_key: world.victim.open311Key } : exampleOf(querySchema, hints);
    const query = route.query || open311 || method === 'GET' ? hostileBody(querySchema, queryExample, open311 ? OPEN311_FIELDS : ['token', 'bbox', 'limit']) : fc.constant(undefined);

    const bodyExample = open311
      ? { jurisdiction_id: 'ilmenau', api_key: world.victim.open311Key, service_code: 'graffiti', lat: centre.lat, long: centre.lon, description: 'Fuzz', email: 'fuzz@example.org' }
      : exampleOf(bodySchema ?? multipartSchema, hints);
    const photoArb = fc.record({
      bytes: fc.oneof(fc.constant(jpeg), fc.uint8Array({ maxLength: 2000 }), fc.constant(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))),
      name: fc.oneof(fc.constantFrom('../../etc/passwd', '..\\..\\boot.ini', '/etc/shadow', 'a/../../b.jpg', '%2e%2e%2fpasswd.jpg', '\u0000.jpg', 'x'.repeat(600), 'photo.jpg.php', '.htaccess'), fc.string({ maxLength: 40 })),
      type: fc.constantFrom('image/jpeg', 'image/png', 'text/html', 'application/x-php', 'image/svg+xml', ''),
    });
    const isMultipartRoute = Boolean(route.doc?.multipart) || (open311 && method === 'POST');
    const encodings: Array<{ weight: number; arbitrary: fc.Arbitrary<{ body?: string | Buffer | FormData; headers: Record<string, string>; note: string }> }> = [];
    if (method !== 'GET') {
      const fields = hostileBody(bodySchema ?? multipartSchema, bodyExample, open311 ? OPEN311_FIELDS : []);
      encodings.push({ weight: 5, arbitrary: fields.map((value) => ({ body: JSON.stringify(value) ?? 'null', headers: { 'content-type': 'application/json' }, note: 'json' })) });
      if (open311) encodings.push({ weight: 4, arbitrary: fields.map((value) => ({ body: toQueryString(value), headers: { 'content-type': 'application/x-www-form-urlencoded' }, note: 'form' })) });
      if (isMultipartRoute) {
        encodings.push({
          weight: 4,
          arbitrary: fc.tuple(fields, fc.array(photoArb, { maxLength: 7 }), fc.constantFrom('photos', 'media', 'photos[]', 'file')).map(([value, photos, field]) => ({
            body: multipart(value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value }, photos, open311 && field === 'photos' ? 'media' : field),
            headers: {},
            note: `multipart ${photos.length} photos`,
          })),
        });
        encodings.push({
          weight: 1,
          arbitrary: fc.constantFrom<{ body?: string | Buffer | FormData; headers: Record<string, string>; note: string }>(
            { body: '--XYZ\r\nContent-Disposition: form-data; name="category"\r\n\r\ngraffiti\r\n--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="../../x.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff', headers: { 'content-type': 'multipart/form-data; boundary=XYZ' }, note: 'truncated multipart' },
            { body: 'category=graffiti', headers: { 'content-type': 'multipart/form-data' }, note: 'multipart without boundary' },
            { body: '--A\r\n\r\n--A--', headers: { 'content-type': 'multipart/form-data; boundary=B' }, note: 'boundary mismatch' },
            { body: `--A\r\nContent-Disposition: form-data; name="${'n'.repeat(5000)}"\r\n\r\nv\r\n--A--\r\n`, headers: { 'content-type': 'multipart/form-data; boundary=A' }, note: 'huge field name' },
            { body: Array.from({ length: 400 }, (_, i) => `--A\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join('') + '--A--\r\n', headers: { 'content-type': 'multipart/form-data; boundary=A' }, note: 'too many parts' },
          ),
        });
      }
      encodings.push({
        weight: 1,
        arbitrary: fc.constantFrom<{ body?: string | Buffer | FormData; headers: Record<string, string>; note: string }>(
          { body: Buffer.from([0x7b, 0x22, 0x64, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]), headers: { 'content-type': 'application/json' }, note: 'invalid UTF-8 JSON' },
          { body: Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]), headers: { 'content-type': 'application/x-www-form-urlencoded' }, note: 'invalid UTF-8 form' },
          { body: '{"description": "x", ', headers: { 'content-type': 'application/json' }, note: 'truncated JSON' },
          { body: '['.repeat(20000), headers: { 'content-type': 'application/json' }, note: 'deep nesting' },
          { body: JSON.stringify({ description: 'x'.repeat(300_000) }), headers: { 'content-type': 'application/json' }, note: 'over the body limit' },
          { body: 'description=x', headers: { 'content-type': 'text/plain' }, note: 'text/plain' },
          { body: '{"a":1}', headers: { 'content-type': 'application/json; charset=utf-16' }, note: 'unsupported charset' },
          { body: Buffer.from([1, 2, 3, 4, 5]), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, note: 'broken gzip' },
          { body: '{"a":1}', headers: { 'content-type': 'application/json', 'content-encoding': 'br, zstd, x-unknown' }, note: 'unknown encoding' },
          { body: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}', headers: { 'content-type': 'application/json' }, note: 'prototype pollution' },
          { body: 'a=1&'.repeat(6000), headers: { 'content-type': 'application/x-www-form-urlencoded' }, note: 'too many form parameters' },
        ),
      });
    } else {
      encodings.push({ weight: 1, arbitrary: fc.constant({ body: undefined, headers: {}, note: 'get' }) });
    }
    return fc.record({ params, query, encoding: fc.oneof(...encodings), lang: fc.constantFrom('de', 'en', 'xx', '*;q=0.1, ../../', '') }).map(({ params, query, encoding, lang }) => {
      const qs = query === undefined ? '' : toQueryString(query);
      const path = `${fillPath(route, { tenantSlug: 'ilmenau', ...params })}${qs ? `?${qs}` : ''}`;
      return { route, path, method, headers: { ...authHeaders(route, method), ...encoding.headers, 'accept-language': lang }, body: encoding.body, note: encoding.note };
    });
  }

  async function send(testCase: Case): Promise<void> {
    // Reads are checked in bulk at the end (they store nothing at all); writes one by one.
    const before = testCase.method === 'GET' ? undefined : await stored();
    let status: number;
    let text = '';
    try {
      const response = await fetch(`${world.stack.baseUrl}${testCase.path}`, { method: testCase.method, headers: testCase.headers, body: testCase.body as RequestInit['body'], redirect: 'manual', signal: AbortSignal.timeout(20000) });
      status = response.status;
      text = await response.text();
    } catch (error) {
      findings.push(`${testCase.method} ${testCase.path.slice(0, 160)} (${testCase.note}) → no answer: ${(error as Error).message}`);
      return;
    }
    sent += 1;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const label = `${testCase.method} ${testCase.route.path} → ${testCase.path.slice(0, 200)} (${testCase.note})`;
    if (status >= 500) findings.push(`${label} → ${status} ${text.slice(0, 300)}`);
    if (status >= 400 && before) {
      const after = await stored();
      const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
      if (changed.length > 0) findings.push(`${label} → ${status} but stored: ${changed.map((key) => `${key} ${before[key]}→${after[key]}`).join(', ')}`);
    }
    if (status === 401 && testCase.headers.cookie) await world.signIn(world.victim);
  }

  it(`answers ${TOTAL_CASES}+ generated bad requests without a 5xx and stores nothing for a refused one`, async () => {
    const jpeg = new Uint8Array(await photoWithGps());
    const centre = await centreOf(world.stack.baseUrl, 'ilmenau');
    expect(routes.length).toBeGreaterThan(20);
    const perRoute = Math.max(10, Math.ceil(TOTAL_CASES / routes.length));
    // Sign-out and second-factor changes end the session the rest need: they go last.
    const ordered = [...routes].sort((a, b) => Number(/sign-out|totp|password/.test(a.path)) - Number(/sign-out|totp|password/.test(b.path)));
    const cases = ordered.flatMap((route, index) => fc.sample(caseFor(route, jpeg, centre), { numRuns: perRoute, seed: SEED + index }));
    // Reads first, checked together: none of them may store anything. Then writes, each checked on its own.
    const beforeReads = await stored();
    for (const testCase of cases.filter((candidate) => candidate.method === 'GET')) await send(testCase);
    const afterReads = await stored();
    expect(Object.keys(afterReads).filter((key) => afterReads[key] !== beforeReads[key])).toEqual([]);
    for (const testCase of cases.filter((candidate) => candidate.method !== 'GET')) await send(testCase);
    process.stdout.write(`bad input: ${sent} requests on ${routes.length} routes, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`);
    if (findings.length) throw new Error(`seed ${SEED}: ${findings.length} findings:\n${findings.slice(0, 60).join('\n')}`);
    expect(sent).toBeGreaterThanOrEqual(TOTAL_CASES);
    // Not everything may be refused: the examples must reach the handlers too.
    expect([...statuses.entries()].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(0);
    expect((await filesUnder(world.mediaDir)).filter((file) => /passwd|shadow|boot\.ini|\.php|htaccess|\.\./.test(file))).toEqual([]);
  }, LONG ? 3600_000 : 300_000);

  it('refuses coordinates out of range, injection strings and self-intersecting polygons on intake with field errors', async () => {
    const url = `${world.stack.baseUrl}/api/v1/t/ilmenau/reports`;
    const cases: unknown[] = [
      { category: 'graffiti', lat: 91, lon: 10, description: 'x' },
      { category: 'graffiti', lat: 50, lon: -181, description: 'x' },
      { category: 'graffiti', lat: 'NaN', lon: 'Infinity', description: 'x' },
      { category: "' OR 1=1 --", lat: 50.68, lon: 10.91, description: 'x' },
      { category: 'graffiti', lat: 50.68, lon: 10.91, description: '   ' },
      { category: 'graffiti', lat: 50.68, lon: 10.91, description: 'x', areaId: "1'; DROP TABLE reports; --" },
      { category: 'graffiti', lat: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] }, lon: 10, description: 'x' },
    ];
    for (const body of cases) {
      const before = await stored();
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp() }, body: JSON.stringify(body) });
      const answer = (await response.json()) as { errors?: Array<{ field: string }> };
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(answer.errors?.length).toBeGreaterThan(0);
      expect(await stored()).toEqual(before);
    }
    // Stored injection text comes back as data, never as markup or SQL.
    const accepted = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp() }, body: JSON.stringify({ category: 'graffiti', lat: centreLat(), lon: centreLon(), description: INJECTIONS.slice(0, 6).join(' | ') }) });
    expect(accepted.status).toBe(201);
    const { id } = (await accepted.json()) as { id: string };
    expect((await world.admin.query(`SELECT description FROM reports WHERE id = $1`, [id])).rows[0].description).toContain("'; DROP TABLE reports; --");
    expect((await world.admin.query(`SELECT count(*)::int AS n FROM reports`)).rows[0].n).toBeGreaterThan(1);
  });

  let centre: { lat: number; lon: number } = { lat: 0, lon: 0 };
  const centreLat = () => centre.lat;
  const centreLon = () => centre.lon;
  beforeAll(async () => {
    centre = await centreOf(world.stack.baseUrl, 'ilmenau');
  });

  it('reads the intake fields from the route’s own schema (the generator is not blind)', () => {
    const intake = routes.find((route) => route.path === '/api/v1/t/:tenantSlug/reports' && route.method === 'post');
    expect(intake).toBeDefined();
    expect(fieldsOf(toJsonSchema(intake!.doc?.multipart))).toEqual(expect.arrayContaining(['category', 'lat', 'lon', 'description']));
  });
});
