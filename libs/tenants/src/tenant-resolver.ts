import { Injectable } from '@nestjs/common';
import { Tenant } from './tenant.types';
import { TenantsRepository } from './tenants.repository';

const TTL_MS = 30_000;

/**
 * Slug → tenant, cached briefly: every tenant route resolves its slug, and
 * the registry changes rarely (settings edits take effect within TTL_MS).
 */
@Injectable()
export class TenantResolver {
  private readonly cache = new Map<string, { tenant: Tenant | null; until: number }>();

  constructor(private readonly tenants: TenantsRepository) {}

  async bySlug(slug: string): Promise<Tenant | null> {
    const hit = this.cache.get(slug);
    if (hit && hit.until > Date.now()) return hit.tenant;
    const tenant = /^[a-z0-9-]{1,63}$/.test(slug) ? await this.tenants.findBySlug(slug) : null;
    this.cache.set(slug, { tenant, until: Date.now() + TTL_MS });
    return tenant;
  }

  forget(slug?: string): void {
    if (slug) this.cache.delete(slug);
    else this.cache.clear();
  }
}
