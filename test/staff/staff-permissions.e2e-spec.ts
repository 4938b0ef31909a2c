import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PERMISSIONS, STAFF_ROLES, StaffRole, hasPermission } from '@app/staff';
import { StaffClient, StaffStack, fileReport, startStaffStack } from './support/staff-stack';
import { StaffRoute, concretePath, staffRoutes } from './support/staff-routes';

/**
 * Generated from the permission matrix and the API's own route list: every
 * role against every staff route. A role without the permission gets 403;
 * a role with it never gets 401/403 (it may get 400/404 for the dummy input).
 */
describe('staff permission matrix (every role × every staff route)', () => {
  let staff: StaffStack;
  let routes: StaffRoute[];
  const clients = new Map<StaffRole, StaffClient>();
  let reportId: string;

  beforeAll(async () => {
    staff = await startStaffStack();
    routes = staffRoutes(staff.stack.api);
    reportId = (await fileReport(staff, 'ilmenau', { category: 'graffiti', description: 'Schmiererei an der Mauer' })).id;
    for (const role of STAFF_ROLES) {
      await staff.createUser('ilmenau', `${role}@ilmenau.example`, role, role === 'department' ? ['Ordnungsamt'] : []);
      const client = new StaffClient(staff.baseUrl, 'ilmenau');
      expect((await client.signIn(`${role}@ilmenau.example`)).status).toBe(200);
      clients.set(role, client);
    }
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('declares exactly one known permission on every staff route', () => {
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      if (route.permission !== null) expect({ route: `${route.method} ${route.path}`, known: route.permission in PERMISSIONS }).toEqual({ route: `${route.method} ${route.path}`, known: true });
    }
  });

  it('puts every staff route under /api/v1/t/:tenantSlug/staff/', () => {
    for (const route of routes) expect(route.path).toMatch(/^\/api\/v1\/t\/:tenantSlug\/staff\//);
  });

  it('keeps docs/roles.md in step with the matrix', async () => {
    const doc = await readFile(join(__dirname, '../../docs/roles.md'), 'utf8');
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      const line = doc.split('\n').find((candidate) => candidate.startsWith(`| \`${permission}\``));
      expect(line).toBeDefined();
      const cells = line!.split('|').slice(2, 2 + STAFF_ROLES.length).map((cell) => cell.trim());
      expect({ permission, cells }).toEqual({ permission, cells: STAFF_ROLES.map((role) => ((roles as readonly string[]).includes(role) ? '✓' : '')) });
    }
  });

  it('gives each role exactly what the matrix says on each route', async () => {
    const failures: string[] = [];
    // Signing out ends the session the other checks need: it goes last.
    const ordered = [...routes.filter((route) => route.permission !== null)].sort((a, b) => Number(a.path.endsWith('sign-out')) - Number(b.path.endsWith('sign-out')));
    for (const route of ordered) {
      for (const role of STAFF_ROLES) {
        const client = clients.get(role)!;
        const path = concretePath(route, 'ilmenau', { id: reportId }).replace(/^\/api\/v1\/t\/ilmenau\/staff\//, '');
        const response = await client.request(route.method.toUpperCase(), path, route.method === 'get' ? undefined : {});
        await response.arrayBuffer();
        const allowed = hasPermission(role, route.permission!);
        const ok = allowed ? response.status !== 401 && response.status !== 403 : response.status === 403;
        if (!ok) failures.push(`${role} ${route.method.toUpperCase()} ${route.path} (${route.permission}) → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every non-public staff route without a session (401)', async () => {
    for (const route of routes.filter((candidate) => candidate.permission !== null)) {
      const response = await fetch(`${staff.baseUrl}${concretePath(route, 'ilmenau')}`, { method: route.method.toUpperCase() });
      expect({ route: route.path, status: response.status }).toEqual({ route: route.path, status: 401 });
    }
  });
});
