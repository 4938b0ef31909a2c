import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { TenantsRepository } from '@app/tenants';
import { Open311ApiKey, Open311ApiKeysRepository } from './open311-api-keys.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class Open311KeyCommandError extends Error {}

/**
 * API keys per tenant and client application. The key is shown once at
 * creation; the database keeps its sha256, so a leaked table reveals no key.
 */
@Injectable()
export class Open311ApiKeysService {
  constructor(
    private readonly scope: TenantScope,
    private readonly tenants: TenantsRepository,
    private readonly keys: Open311ApiKeysRepository,
  ) {}

  async create(tenantSlug: string, clientName: string): Promise<{ key: string; record: Open311ApiKey }> {
    const tenant = await this.tenants.findBySlug(tenantSlug);
    if (!tenant) throw new Open311KeyCommandError(`unknown tenant ${tenantSlug}`);
    const name = clientName.trim();
    if (name.length < 1 || name.length > 200) throw new Open311KeyCommandError('the client name must have 1 to 200 characters');
    // URL-safe, so clients can put it in a query string or form without escaping.
    const key = `o311_${randomBytes(24).toString('base64url')}`;
    const record = await this.scope.withTenant(tenant.id, () => this.keys.insert(tenant.id, name, hashApiKey(key)));
    return { key, record };
  }

  async revoke(tenantSlug: string, keyId: string): Promise<void> {
    const tenant = await this.tenants.findBySlug(tenantSlug);
    if (!tenant) throw new Open311KeyCommandError(`unknown tenant ${tenantSlug}`);
    if (!UUID.test(keyId)) throw new Open311KeyCommandError(`not a key id: ${keyId}`);
    const revoked = await this.scope.withTenant(tenant.id, () => this.keys.revoke(keyId));
    if (!revoked) throw new Open311KeyCommandError(`no active key ${keyId} in ${tenantSlug}`);
  }

  /** The active key of the current tenant matching `key`; a key of another tenant is simply not found. */
  async verify(key: string | undefined): Promise<Open311ApiKey | null> {
    if (!key || key.length > 200) return null;
    return this.scope.transaction(() => this.keys.findActiveByHash(hashApiKey(key)));
  }
}
