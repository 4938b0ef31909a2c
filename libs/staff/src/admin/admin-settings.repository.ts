import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { ReportStatus } from '@app/domain';

export interface ReplyTemplate {
  id: string;
  name: string;
  body: string;
  status: ReportStatus | null;
  active: boolean;
}

export interface SsoSettingsRow {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecretEncrypted: string;
  roleClaim: string;
  roleMapping: Record<string, string>;
}

@Injectable()
export class AdminSettingsRepository {
  constructor(private readonly scope: TenantScope) {}

  private query(sql: string, params: unknown[] = []): Promise<any[]> {
    return this.scope.manager.query(sql, params);
  }

  listTemplates(): Promise<ReplyTemplate[]> {
    return this.query(`SELECT id, name, body, status, active FROM reply_templates ORDER BY name`);
  }

  async template(id: string): Promise<ReplyTemplate | null> {
    return (await this.query(`SELECT id, name, body, status, active FROM reply_templates WHERE id = $1`, [id]))[0] ?? null;
  }

  async insertTemplate(tenantId: string, input: Omit<ReplyTemplate, 'id'>): Promise<string> {
    const [row] = await this.query(`INSERT INTO reply_templates (tenant_id, name, body, status, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [tenantId, input.name, input.body, input.status, input.active]);
    return row.id;
  }

  async updateTemplate(id: string, input: Omit<ReplyTemplate, 'id'>): Promise<void> {
    await this.query(`UPDATE reply_templates SET name = $2, body = $3, status = $4, active = $5 WHERE id = $1`, [id, input.name, input.body, input.status, input.active]);
  }

  async deleteTemplate(id: string): Promise<void> {
    await this.query(`DELETE FROM reply_templates WHERE id = $1`, [id]);
  }

  async retention(): Promise<Record<string, number>> {
    const [row] = await this.query(`SELECT retention FROM tenants WHERE id = (SELECT app.current_tenant_id())`);
    return row.retention;
  }

  async setRetention(retention: Record<string, number>): Promise<void> {
    await this.query(`UPDATE tenants SET retention = $1::jsonb, updated_at = now() WHERE id = (SELECT app.current_tenant_id())`, [JSON.stringify(retention)]);
  }

  async sso(): Promise<SsoSettingsRow | null> {
    const rows = await this.query(
      `SELECT enabled, issuer, client_id AS "clientId", client_secret_encrypted AS "clientSecretEncrypted", role_claim AS "roleClaim", role_mapping AS "roleMapping" FROM tenant_sso_settings`,
    );
    return rows[0] ?? null;
  }

  async saveSso(tenantId: string, input: SsoSettingsRow): Promise<void> {
    await this.query(
      `INSERT INTO tenant_sso_settings (tenant_id, enabled, issuer, client_id, client_secret_encrypted, role_claim, role_mapping) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT (tenant_id) DO UPDATE SET enabled = $2, issuer = $3, client_id = $4, client_secret_encrypted = $5, role_claim = $6, role_mapping = $7::jsonb, updated_at = now()`,
      [tenantId, input.enabled, input.issuer, input.clientId, input.clientSecretEncrypted, input.roleClaim, JSON.stringify(input.roleMapping)],
    );
  }

  listApiKeys(): Promise<Array<{ id: string; name: string; createdAt: Date; revokedAt: Date | null }>> {
    return this.query(`SELECT id, name, created_at AS "createdAt", revoked_at AS "revokedAt" FROM open311_api_keys ORDER BY created_at`);
  }
}
