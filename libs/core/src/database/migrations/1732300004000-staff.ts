import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, SYSTEM_ROLE } from '../roles';
import { tenantIsolationSql } from '../rls';

/**
 * The staff back office: accounts, sessions, sign-in tokens, reply templates,
 * single sign-on settings and the per-tenant append-only audit log; plus the
 * report columns moderation and escalation need. Every table is tenant-isolated
 * and refers to its own tenant's rows through composite foreign keys.
 */
export class Staff1732300004000 implements MigrationInterface {
  name = 'Staff1732300004000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE staff_users (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
        display_name text NOT NULL DEFAULT '' CHECK (length(display_name) <= 200),
        role text NOT NULL CHECK (role IN ('tenant_admin', 'triage', 'department', 'budget_reviewer', 'read_only')),
        -- scrypt$N$r$p$salt$hash; NULL until the user set a password (or signs in only through SSO).
        password_hash text,
        totp_secret text,
        totp_enabled boolean NOT NULL DEFAULT false,
        totp_last_step bigint,
        oidc_subject text,
        failed_attempts int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, email)
      )`,
      `CREATE UNIQUE INDEX staff_users_oidc_idx ON staff_users (tenant_id, oidc_subject) WHERE oidc_subject IS NOT NULL`,
      ...tenantIsolationSql('staff_users'),

      `CREATE TABLE staff_user_departments (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        department_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, user_id, department_id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES staff_users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('staff_user_departments'),

      // Only a SHA-256 of the session token is stored: a leaked table opens no session.
      `CREATE TABLE staff_sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        method text NOT NULL CHECK (method IN ('password', 'oidc')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES staff_users (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX staff_sessions_user_idx ON staff_sessions (tenant_id, user_id)`,
      ...tenantIsolationSql('staff_sessions'),

      // Password-set and reset links: random token, only its hash stored, single use, expiring.
      `CREATE TABLE staff_password_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        purpose text NOT NULL CHECK (purpose IN ('set', 'reset')),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES staff_users (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('staff_password_tokens'),

      // Failed sign-ins per client (hashed IP) for the rate limit; pruned by age.
      `CREATE TABLE staff_sign_in_failures (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        client_hash text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX staff_sign_in_failures_idx ON staff_sign_in_failures (tenant_id, client_hash, at)`,
      ...tenantIsolationSql('staff_sign_in_failures'),

      // OIDC authorization requests in flight (state → PKCE verifier and nonce).
      `CREATE TABLE staff_oidc_requests (
        state text PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      ...tenantIsolationSql('staff_oidc_requests'),

      `CREATE TABLE tenant_sso_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT false,
        issuer text NOT NULL CHECK (length(issuer) <= 500),
        client_id text NOT NULL CHECK (length(client_id) <= 300),
        -- AES-256-GCM with a key derived from APP_SECRET, never returned by the API.
        client_secret_encrypted text NOT NULL,
        role_claim text NOT NULL DEFAULT 'roles' CHECK (length(role_claim) <= 100),
        -- {"claim value": "role"}; the first matching value wins in the matrix's order.
        role_mapping jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...tenantIsolationSql('tenant_sso_settings'),

      `CREATE TABLE reply_templates (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        -- The status a reply with this template sets; NULL keeps the status.
        status text CHECK (status IN ('received', 'in_review', 'in_progress', 'fixed', 'closed_not_fixed', 'forwarded', 'rejected', 'duplicate')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, name)
      )`,
      ...tenantIsolationSql('reply_templates'),

      // Append-only: who did what, when, with the state before and after.
      `CREATE TABLE staff_audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- No cascade: deleting a tenant must not silently erase its audit trail.
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid,
        actor text NOT NULL,
        action text NOT NULL,
        target_type text,
        target_id text,
        before jsonb,
        after jsonb,
        detail jsonb NOT NULL DEFAULT '{}'
      )`,
      `CREATE INDEX staff_audit_log_tenant_idx ON staff_audit_log (tenant_id, at DESC)`,
      `CREATE INDEX staff_audit_log_target_idx ON staff_audit_log (tenant_id, target_type, target_id)`,
      ...tenantIsolationSql('staff_audit_log'),
      `CREATE TRIGGER staff_audit_log_append_only BEFORE UPDATE OR DELETE ON staff_audit_log FOR EACH ROW EXECUTE FUNCTION app.refuse_change()`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON staff_audit_log FROM ${APP_ROLE}, ${SYSTEM_ROLE}`,

      // Moderation keeps what the citizen wrote for admins; escalation is sent once per due date.
      `ALTER TABLE reports ADD COLUMN description_original text CHECK (length(description_original) <= 4000)`,
      `ALTER TABLE reports ADD COLUMN moderated_at timestamptz`,
      `ALTER TABLE reports ADD COLUMN escalated_at timestamptz`,
      `CREATE INDEX reports_due_idx ON reports (tenant_id, due_at) WHERE is_open AND first_response_at IS NULL AND due_at IS NOT NULL`,
      `ALTER TABLE report_photos ADD COLUMN original_large_key text`,
      `ALTER TABLE report_photos ADD COLUMN original_thumb_key text`,
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE report_photos DROP COLUMN IF EXISTS original_thumb_key, DROP COLUMN IF EXISTS original_large_key`);
    await db.query(`DROP INDEX IF EXISTS reports_due_idx`);
    await db.query(`ALTER TABLE reports DROP COLUMN IF EXISTS escalated_at, DROP COLUMN IF EXISTS moderated_at, DROP COLUMN IF EXISTS description_original`);
    for (const table of ['staff_audit_log', 'reply_templates', 'tenant_sso_settings', 'staff_oidc_requests', 'staff_sign_in_failures', 'staff_password_tokens', 'staff_sessions', 'staff_user_departments', 'staff_users']) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
