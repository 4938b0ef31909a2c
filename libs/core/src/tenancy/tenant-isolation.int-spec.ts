import { Client } from 'pg';
import { TestDatabase, cloneTestDatabase, insertTenants } from '@app/testing';

/**
 * Connects as the app role, as the application does: tests as the owner or a
 * superuser would prove nothing about row-level security.
 */
describe('tenant isolation in the database', () => {
  let db: TestDatabase;
  let app: Client;
  let admin: Client;
  let tenantA: string;
  let tenantB: string;

  async function inTenant<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return await fn();
    } finally {
      await app.query('ROLLBACK');
    }
  }

  beforeAll(async () => {
    db = await cloneTestDatabase();
    [{ id: tenantA }, { id: tenantB }] = await insertTenants(db.adminUrl, ['town-a', 'town-b']);
    app = new Client({ connectionString: db.appUrl });
    admin = new Client({ connectionString: db.adminUrl });
    await Promise.all([app.connect(), admin.connect()]);
  });

  afterAll(async () => {
    await Promise.all([app?.end(), admin?.end()]);
    await db?.drop();
  });

  it('puts every table with a tenant_id under enabled and forced RLS with a tenant policy', async () => {
    const { rows } = await admin.query(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             coalesce(array_agg(p.qual || ' / ' || coalesce(p.with_check, '')) FILTER (WHERE p.policyname IS NOT NULL), '{}') AS policies
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
        LEFT JOIN pg_policies p ON p.tablename = c.relname AND p.schemaname = 'public'
       WHERE c.relkind = 'r'
       GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity`);
    // Infrastructure tables carry a tenant id for routing only (ids, no tenant data); see docs/architecture.md.
    const infrastructure = new Set(['outbox', 'dead_letters']);
    const tenantTables = rows.filter((row) => !infrastructure.has(row.table));
    expect(tenantTables.length).toBeGreaterThan(0);
    for (const row of tenantTables) {
      expect({ table: row.table, enabled: row.enabled, forced: row.forced }).toEqual({ table: row.table, enabled: true, forced: true });
      expect(row.policies.join(' ')).toContain('current_tenant_id()');
      for (const policy of row.policies) expect(policy).toMatch(/current_tenant_id\(\).*\/.*current_tenant_id\(\)/);
    }
  });

  it('fails a query on a tenant table without tenant context', async () => {
    await expect(app.query('SELECT count(*) FROM areas')).rejects.toThrow(/tenant context missing/);
  });

  it('shows a tenant only its own rows', async () => {
    const names = await inTenant(tenantA, async () => (await app.query('SELECT name FROM areas')).rows.map((row) => row.name));
    expect(names).toEqual(['town-a town']);
    const foreign = await inTenant(tenantA, async () => (await app.query('SELECT count(*)::int AS n FROM areas WHERE tenant_id = $1', [tenantB])).rows[0].n);
    expect(foreign).toBe(0);
  });

  it('refuses to write rows into another tenant', async () => {
    await expect(
      inTenant(tenantA, () =>
        app.query(`INSERT INTO areas (tenant_id, kind, name, geom) VALUES ($1, 'district', 'smuggled', ST_Multi(ST_MakeEnvelope(10, 50, 10.01, 50.01, 4326)))`, [tenantB]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      inTenant(tenantA, () => app.query(`UPDATE areas SET tenant_id = $1`, [tenantB])),
    ).rejects.toThrow(/row-level security/);
    const touched = await inTenant(tenantA, async () => {
      const update = await app.query(`UPDATE areas SET name = 'hijacked' WHERE tenant_id = $1`, [tenantB]);
      const remove = await app.query(`DELETE FROM areas WHERE tenant_id = $1`, [tenantB]);
      return update.rowCount! + remove.rowCount!;
    });
    expect(touched).toBe(0);
    const { rows } = await admin.query('SELECT name FROM areas WHERE tenant_id = $1', [tenantB]);
    expect(rows).toEqual([{ name: 'town-b town' }]);
  });

  it('lets a tenant change only its own tenant row, and create none', async () => {
    const changed = await inTenant(tenantA, async () => (await app.query(`UPDATE tenants SET name = 'x' WHERE id = $1`, [tenantB])).rowCount);
    expect(changed).toBe(0);
    await expect(inTenant(tenantA, () => app.query(`INSERT INTO tenants (slug, name, kind) VALUES ('evil', 'Evil', 'municipality')`))).rejects.toThrow(/permission denied/);
  });

  it('does not let the app role switch row-level security off or become the system role', async () => {
    await expect(app.query('ALTER TABLE areas DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
    await expect(app.query('ALTER TABLE areas NO FORCE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
    await expect(app.query('SET ROLE mitreden_system')).rejects.toThrow(/permission denied/);
    await app.query('SET row_security = off');
    try {
      await expect(inTenant(tenantA, () => app.query('SELECT count(*) FROM areas'))).rejects.toThrow(/row-level security/);
    } finally {
      await app.query('SET row_security = on');
    }
    const { rows } = await admin.query(`SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'mitreden_app'`);
    expect(rows[0]).toEqual({ rolbypassrls: false, rolsuper: false });
  });

  it('keeps the tenant setting inside its transaction', async () => {
    await inTenant(tenantA, async () => undefined);
    await expect(app.query('SELECT count(*) FROM areas')).rejects.toThrow(/tenant context missing/);
  });
});
