import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '../rls';

/**
 * The defect reporter's schema. Contact data lives in its own table so no
 * public query can select it by accident; every table is tenant-isolated and
 * refers to rows of its own tenant through composite foreign keys.
 */
export class Reports1732300001000 implements MigrationInterface {
  name = 'Reports1732300001000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE departments (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        -- Set when the department works in its own system reached through Open311.
        open311 jsonb,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, name)
      )`,
      ...tenantIsolationSql('departments'),

      `CREATE TABLE categories (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
        name_de text NOT NULL CHECK (length(name_de) BETWEEN 1 AND 200),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
        description_de text NOT NULL DEFAULT '',
        description_en text NOT NULL DEFAULT '',
        group_de text NOT NULL DEFAULT '',
        group_en text NOT NULL DEFAULT '',
        keywords text[] NOT NULL DEFAULT '{}',
        -- Open311 service definition attributes: [{code, datatype, required, order, description:{de,en}, values:[{key,name:{de,en}}]}]
        attributes jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT true,
        sort_order int NOT NULL DEFAULT 0,
        first_response_hours int CHECK (first_response_hours > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, code)
      )`,
      ...tenantIsolationSql('categories'),

      `CREATE TABLE responsibility_rules (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        category_id uuid NOT NULL,
        -- NULL: the category's fallback when no area-specific rule matches.
        area_id uuid,
        department_id uuid NOT NULL,
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, category_id) REFERENCES categories (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE UNIQUE INDEX responsibility_rules_unique ON responsibility_rules (tenant_id, category_id, coalesce(area_id, '00000000-0000-0000-0000-000000000000'))`,
      ...tenantIsolationSql('responsibility_rules'),

      `CREATE SEQUENCE report_number_seq`,
      `CREATE TABLE reports (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        -- Short public number, also the Open311 service_request_id.
        number bigint NOT NULL DEFAULT nextval('report_number_seq') UNIQUE,
        category_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_review', 'in_progress', 'fixed', 'closed_not_fixed', 'forwarded', 'rejected', 'duplicate')),
        is_open boolean GENERATED ALWAYS AS (status IN ('received', 'in_review', 'in_progress')) STORED,
        location geometry(Point, 4326) NOT NULL,
        area_id uuid,
        address text CHECK (length(address) <= 500),
        description text NOT NULL CHECK (length(description) <= 4000),
        attributes jsonb NOT NULL DEFAULT '{}',
        locale text NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
        source text NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'open311', 'staff', 'forwarded')),
        client_id text,
        department_id uuid,
        routing_reason text,
        routed_at timestamptz,
        priority smallint NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
        due_at timestamptz,
        first_response_at timestamptz,
        -- NULL while a required e-mail confirmation is outstanding: neither public nor routed.
        confirmed_at timestamptz,
        hidden boolean NOT NULL DEFAULT false,
        duplicate_of uuid,
        forwarded_to_tenant_id uuid REFERENCES tenants (id),
        forwarded_to_report_id uuid,
        forwarded_from_tenant_id uuid REFERENCES tenants (id),
        forwarded_from_report_id uuid,
        ip_hash text,
        external_id text,
        external_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, category_id) REFERENCES categories (tenant_id, id),
        FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id) ON DELETE SET NULL (area_id),
        FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id) ON DELETE SET NULL (department_id),
        FOREIGN KEY (tenant_id, duplicate_of) REFERENCES reports (tenant_id, id) ON DELETE SET NULL (duplicate_of)
      )`,
      `CREATE INDEX reports_location_idx ON reports USING gist (location)`,
      `CREATE INDEX reports_public_map_idx ON reports USING gist (tenant_id, location) WHERE confirmed_at IS NOT NULL AND NOT hidden`,
      `CREATE INDEX reports_tenant_status_idx ON reports (tenant_id, is_open, created_at DESC)`,
      `CREATE INDEX reports_tenant_updated_idx ON reports (tenant_id, updated_at DESC)`,
      `CREATE INDEX reports_tenant_department_idx ON reports (tenant_id, department_id, status)`,
      `CREATE INDEX reports_unrouted_idx ON reports (tenant_id, created_at) WHERE routed_at IS NULL`,
      `CREATE INDEX reports_ip_idx ON reports (tenant_id, ip_hash, created_at) WHERE ip_hash IS NOT NULL`,
      `CREATE INDEX reports_description_trgm_idx ON reports USING gin (description gin_trgm_ops)`,
      ...tenantIsolationSql('reports'),

      `CREATE TABLE report_contacts (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        report_id uuid NOT NULL,
        email text CHECK (length(email) <= 254),
        name text CHECK (length(name) <= 200),
        phone text CHECK (length(phone) <= 50),
        anonymized_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, report_id),
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX report_contacts_email_idx ON report_contacts (tenant_id, lower(email), created_at) WHERE email IS NOT NULL`,
      ...tenantIsolationSql('report_contacts'),

      `CREATE TABLE report_history (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        report_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        status text NOT NULL,
        -- Public note shown on the report page; internal notes are never public.
        note text CHECK (length(note) <= 4000),
        internal boolean NOT NULL DEFAULT false,
        actor text NOT NULL DEFAULT 'system',
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX report_history_report_idx ON report_history (tenant_id, report_id, at)`,
      `CREATE INDEX report_history_updates_idx ON report_history (tenant_id, at) WHERE NOT internal`,
      ...tenantIsolationSql('report_history'),

      `CREATE TABLE report_photos (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        report_id uuid NOT NULL,
        position smallint NOT NULL DEFAULT 0,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'ready', 'failed')),
        upload_key text,
        large_key text,
        thumb_key text,
        content_hash text,
        hidden boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX report_photos_report_idx ON report_photos (tenant_id, report_id, position)`,
      ...tenantIsolationSql('report_photos'),

      `CREATE TABLE report_followers (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        report_id uuid NOT NULL,
        email text NOT NULL CHECK (length(email) <= 254),
        locale text NOT NULL DEFAULT 'de',
        confirmed_at timestamptz,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, report_id, email),
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('report_followers'),

      // One row per e-mail that must go out once: the key makes a retried job a no-op.
      `CREATE TABLE sent_notifications (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        idempotency_key text NOT NULL,
        state text NOT NULL DEFAULT 'sending' CHECK (state IN ('sending', 'sent')),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        PRIMARY KEY (tenant_id, idempotency_key)
      )`,
      ...tenantIsolationSql('sent_notifications'),
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['sent_notifications', 'report_followers', 'report_photos', 'report_history', 'report_contacts', 'reports', 'responsibility_rules', 'categories', 'departments']) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await db.query('DROP SEQUENCE IF EXISTS report_number_seq');
  }
}
