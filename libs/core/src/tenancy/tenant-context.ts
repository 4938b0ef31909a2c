import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';

const TENANT_ID = 'tenantId';

export class TenantContextMissingError extends Error {
  constructor() {
    super('No tenant context: tenant-scoped work must run inside withTenant() or a tenant route');
  }
}

/** The current tenant, held in the request's or job's CLS context. */
@Injectable()
export class TenantContext {
  constructor(private readonly cls: ClsService) {}

  /** Fails closed: there is no default tenant. */
  get tenantId(): string {
    const tenantId = this.cls.isActive() ? this.cls.get<string | undefined>(TENANT_ID) : undefined;
    if (!tenantId) throw new TenantContextMissingError();
    return tenantId;
  }

  get hasTenant(): boolean {
    return this.cls.isActive() && Boolean(this.cls.get(TENANT_ID));
  }

  set(tenantId: string): void {
    this.cls.set(TENANT_ID, tenantId);
  }
}
