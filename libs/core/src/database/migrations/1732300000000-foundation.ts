import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, SYSTEM_ROLE } from '../roles';
import { tenantIsolationSql } from '../rls';

export class Foundation1732300000000 implements MigrationInterface {
  name = 'Foundation1732300000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS app`,
      `GRANT USAGE ON SCHEMA app TO ${APP_ROLE}, ${SYSTEM_ROLE}`,
      // Fails closed: a query on a tenant table without tenant context is an error, not an empty result.
      `CREATE FUNCTION app.current_tenant_id() RETURNS uuid LANGUAGE plpgsql STABLE AS $$
        DECLARE value text := current_setting('app.tenant_id', true);
        BEGIN
          IF value IS NULL OR value = '' THEN
            RAISE EXCEPTION 'tenant context missing' USING ERRCODE = '42501', HINT = 'run inside withTenant()';
          END IF;
          RETURN value::uuid;
        END $$`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}, ${SYSTEM_ROLE}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}, ${SYSTEM_ROLE}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}, ${SYSTEM_ROLE}`,

      `CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 63),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('municipality', 'union')),
        locale text NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
        time_zone text NOT NULL DEFAULT 'Europe/Berlin',
        map_settings jsonb NOT NULL DEFAULT '{"tileUrl": null, "attribution": null, "maxZoom": 19}',
        settings jsonb NOT NULL DEFAULT '{}',
        retention jsonb NOT NULL DEFAULT '{"contactRetentionDaysAfterClose": 90, "unconfirmedExpiryHours": 48}',
        -- Kept with the public registry so the start page needs no cross-tenant geometry query.
        centre_lat double precision,
        centre_lon double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      // The registry of tenants is public (slug, name, settings); a tenant may change only its own row.
      `ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE tenants FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY tenants_read ON tenants FOR SELECT USING (true)`,
      `CREATE POLICY tenants_update_own ON tenants FOR UPDATE USING (id = (SELECT app.current_tenant_id())) WITH CHECK (id = (SELECT app.current_tenant_id()))`,

      `CREATE TABLE areas (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('municipality', 'district')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        parent_id uuid,
        geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, parent_id) REFERENCES areas (tenant_id, id) ON DELETE CASCADE,
        UNIQUE (tenant_id, kind, name)
      )`,
      `CREATE INDEX areas_geom_idx ON areas USING gist (geom)`,
      `CREATE INDEX areas_tenant_idx ON areas (tenant_id, kind)`,
      ...tenantIsolationSql('areas'),

      // Infrastructure, not tenant data: rows carry ids only, and the relay must see every tenant's rows.
      `CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        publish_attempts int NOT NULL DEFAULT 0,
        last_error text
      )`,
      `CREATE INDEX outbox_pending_idx ON outbox (available_at, id) WHERE sent_at IS NULL`,
      `CREATE INDEX outbox_sent_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL`,

      `CREATE TABLE dead_letters (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        job_name text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        redriven_at timestamptz,
        UNIQUE (job_name, job_id)
      )`,

      // Append-only record of every operation that crossed tenants.
      `CREATE TABLE system_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        tenant_ids uuid[] NOT NULL DEFAULT '{}',
        detail jsonb NOT NULL DEFAULT '{}'
      )`,
      `CREATE FUNCTION app.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501'; END $$`,
      `CREATE TRIGGER system_audit_append_only BEFORE UPDATE OR DELETE ON system_audit FOR EACH ROW EXECUTE FUNCTION app.refuse_change()`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON system_audit FROM ${APP_ROLE}, ${SYSTEM_ROLE}`,
      `REVOKE INSERT ON system_audit FROM ${APP_ROLE}`,
      `REVOKE INSERT, UPDATE, DELETE ON tenants FROM ${APP_ROLE}`,
      `GRANT UPDATE (name, locale, time_zone, map_settings, settings, retention, updated_at) ON tenants TO ${APP_ROLE}`,
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['system_audit', 'dead_letters', 'outbox', 'areas', 'tenants']) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await db.query('DROP FUNCTION IF EXISTS app.refuse_change()');
    await db.query('DROP FUNCTION IF EXISTS app.current_tenant_id()');
  }
}
