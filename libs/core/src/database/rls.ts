/**
 * SQL that puts a table under tenant isolation. Used by every migration that
 * creates a tenant table, so no table can be created without it.
 */
export function tenantIsolationSql(table: string): string[] {
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = (SELECT app.current_tenant_id())) WITH CHECK (tenant_id = (SELECT app.current_tenant_id()))`,
  ];
}
