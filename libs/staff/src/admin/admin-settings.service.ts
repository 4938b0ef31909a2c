import { Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { Open311ApiKeysService, Open311KeyCommandError } from '@app/open311';
import { TenantResolver, TenantsService } from '@app/tenants';
import { StaffAudit } from '../audit/staff-audit.service';
import { encryptSecret } from '../auth/secret-tokens';
import { StaffRole } from '../permissions';
import { AdminSettingsRepository, ReplyTemplate } from './admin-settings.repository';
import { translateDbError } from './db-errors';

export interface SsoInput {
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** Omitted: keep the stored secret. */
  clientSecret?: string;
  roleClaim: string;
  roleMapping: Record<string, StaffRole>;
}

/** Reply templates, retention, single sign-on and Open311 API keys. */
@Injectable()
export class AdminSettingsService {
  constructor(
    private readonly scope: TenantScope,
    private readonly tenant: TenantContext,
    private readonly tenants: TenantsService,
    private readonly resolver: TenantResolver,
    private readonly settings: AdminSettingsRepository,
    private readonly apiKeys: Open311ApiKeysService,
    private readonly audit: StaffAudit,
    private readonly config: AppConfig,
    private readonly language: RequestLanguage,
  ) {}

  listTemplates(): Promise<ReplyTemplate[]> {
    return this.scope.transaction(() => this.settings.listTemplates());
  }

  async createTemplate(input: Omit<ReplyTemplate, 'id'>): Promise<{ id: string }> {
    try {
      return await this.scope.transaction(async () => {
        const id = await this.settings.insertTemplate(this.tenant.tenantId, input);
        await this.audit.record({ action: 'reply_template.create', targetType: 'reply_template', targetId: id, after: input });
        return { id };
      });
    } catch (error) {
      throw translateDbError(error, { unique: 'name' }, this.language.current);
    }
  }

  async updateTemplate(id: string, changes: Partial<Omit<ReplyTemplate, 'id'>>): Promise<void> {
    try {
      await this.scope.transaction(async () => {
        const before = await this.settings.template(id);
        if (!before) throw new NotFoundException({ statusCode: 404, message: 'Reply template not found' });
        const { id: _id, ...current } = before;
        const after = { ...current, ...changes };
        await this.settings.updateTemplate(id, after);
        await this.audit.record({ action: 'reply_template.update', targetType: 'reply_template', targetId: id, before: current, after });
      });
    } catch (error) {
      throw translateDbError(error, { unique: 'name' }, this.language.current);
    }
  }

  async deleteTemplate(id: string): Promise<void> {
    await this.scope.transaction(async () => {
      const before = await this.settings.template(id);
      if (!before) throw new NotFoundException({ statusCode: 404, message: 'Reply template not found' });
      await this.settings.deleteTemplate(id);
      await this.audit.record({ action: 'reply_template.delete', targetType: 'reply_template', targetId: id, before });
    });
  }

  getRetention(): Promise<Record<string, number>> {
    return this.scope.transaction(() => this.settings.retention());
  }

  async setRetention(retention: { contactRetentionDaysAfterClose: number; unconfirmedExpiryHours: number }): Promise<void> {
    await this.scope.transaction(async () => {
      const before = await this.settings.retention();
      await this.settings.setRetention(retention);
      await this.audit.record({ action: 'retention.update', targetType: 'tenant', targetId: this.tenant.tenantId, before, after: retention });
    });
    this.resolver.forget(this.tenants.current().slug);
  }

  async getSso(): Promise<Omit<SsoInput, 'clientSecret'> & { clientSecretSet: boolean; redirectUri: string } | null> {
    const row = await this.scope.transaction(() => this.settings.sso());
    if (!row) return null;
    return { enabled: row.enabled, issuer: row.issuer, clientId: row.clientId, roleClaim: row.roleClaim, roleMapping: row.roleMapping as Record<string, StaffRole>, clientSecretSet: true, redirectUri: this.redirectUri() };
  }

  redirectUri(): string {
    return `${this.config.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/v1/t/${this.tenants.current().slug}/staff/auth/oidc/callback`;
  }

  async saveSso(input: SsoInput): Promise<{ redirectUri: string }> {
    await this.scope.transaction(async () => {
      const before = await this.settings.sso();
      if (!before && !input.clientSecret) {
        throw fieldErrors([{ field: 'clientSecret', code: 'required', message: { de: 'Pflichtfeld beim ersten Speichern', en: 'Required when saving for the first time' } }], this.language.current);
      }
      const sealed = input.clientSecret ? encryptSecret(this.config.env.APP_SECRET, 'oidc-client-secret', input.clientSecret) : before!.clientSecretEncrypted;
      await this.settings.saveSso(this.tenant.tenantId, { enabled: input.enabled, issuer: input.issuer, clientId: input.clientId, clientSecretEncrypted: sealed, roleClaim: input.roleClaim, roleMapping: input.roleMapping });
      const visible = (row: { enabled: boolean; issuer: string; clientId: string; roleClaim: string; roleMapping: unknown } | null) =>
        row ? { enabled: row.enabled, issuer: row.issuer, clientId: row.clientId, roleClaim: row.roleClaim, roleMapping: row.roleMapping } : null;
      await this.audit.record({ action: 'sso.update', targetType: 'tenant', targetId: this.tenant.tenantId, before: visible(before), after: { ...visible(input), clientSecretChanged: Boolean(input.clientSecret) } });
    });
    return { redirectUri: this.redirectUri() };
  }

  listApiKeys() {
    return this.scope.transaction(() => this.settings.listApiKeys());
  }

  /** The key is shown once, here; only its hash is stored. */
  async createApiKey(name: string): Promise<{ id: string; name: string; key: string }> {
    let created: Awaited<ReturnType<Open311ApiKeysService['create']>>;
    try {
      created = await this.apiKeys.create(this.tenants.current().slug, name);
    } catch (error) {
      if (error instanceof Open311KeyCommandError) throw fieldErrors([{ field: 'name', code: 'invalid', message: { de: error.message, en: error.message } }], this.language.current);
      throw error;
    }
    await this.scope.transaction(() => this.audit.record({ action: 'api_key.create', targetType: 'open311_api_key', targetId: created.record.id, after: { name: created.record.name } }));
    return { id: created.record.id, name: created.record.name, key: created.key };
  }

  async revokeApiKey(id: string): Promise<void> {
    try {
      await this.apiKeys.revoke(this.tenants.current().slug, id);
    } catch (error) {
      if (error instanceof Open311KeyCommandError) throw new NotFoundException({ statusCode: 404, message: 'No active API key with this id' });
      throw error;
    }
    await this.scope.transaction(() => this.audit.record({ action: 'api_key.revoke', targetType: 'open311_api_key', targetId: id }));
  }
}
