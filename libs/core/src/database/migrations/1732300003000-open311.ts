import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '../rls';

/**
 * The Open311 GeoReport v2 server: API keys per tenant and client
 * application (only a sha256 of the key is stored), what a client sent beside
 * the report (device/account ids, media URLs to fetch later), tokens for
 * tenants that answer POSTs in batch mode, and receipts of updates a client
 * posted (so a retried POST does not add the note twice).
 */
export class Open3111732300003000 implements MigrationInterface {
  name = 'Open3111732300003000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE open311_api_keys (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        key_hash text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, key_hash)
      )`,
      ...tenantIsolationSql('open311_api_keys'),

      // Personal-ish identifiers a client sent (device_id, account_id): stored, never returned by any GET.
      `CREATE TABLE open311_submissions (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        report_id uuid NOT NULL,
        client_name text NOT NULL CHECK (length(client_name) <= 200),
        device_id text CHECK (length(device_id) <= 200),
        account_id text CHECK (length(account_id) <= 200),
        -- media_url values to fetch later (a later job); fetched_at marks them done.
        media_urls text[] NOT NULL DEFAULT '{}',
        media_fetched_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, report_id),
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX open311_submissions_media_idx ON open311_submissions (tenant_id, created_at) WHERE media_fetched_at IS NULL AND cardinality(media_urls) > 0`,
      ...tenantIsolationSql('open311_submissions'),

      // A token lives in the tenant that was asked; the report may live in a neighbour (forwarding).
      `CREATE TABLE open311_tokens (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        token text NOT NULL CHECK (token ~ '^[A-Za-z0-9_-]{16,64}$'),
        service_request_id text NOT NULL CHECK (service_request_id ~ '^[0-9]{1,19}$'),
        report_tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, token)
      )`,
      ...tenantIsolationSql('open311_tokens'),

      `CREATE TABLE open311_update_receipts (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        api_key_id uuid NOT NULL,
        client_update_id text CHECK (length(client_update_id) <= 200),
        history_id uuid NOT NULL,
        media_urls text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, api_key_id, client_update_id),
        FOREIGN KEY (tenant_id, api_key_id) REFERENCES open311_api_keys (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, history_id) REFERENCES report_history (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('open311_update_receipts'),

      // GET requests.xml without filters: the tenant's public reports of the last 90 days, newest first.
      `CREATE INDEX open311_reports_requested_idx ON reports (tenant_id, created_at DESC) WHERE confirmed_at IS NOT NULL AND NOT hidden`,
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS open311_reports_requested_idx');
    for (const table of ['open311_update_receipts', 'open311_tokens', 'open311_submissions', 'open311_api_keys']) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
