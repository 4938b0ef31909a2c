import { CanActivate, ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { TenantContext } from '@app/core';
import { TenantResolver } from './tenant-resolver';

export const CURRENT_TENANT = 'currentTenant';

/**
 * Enters the tenant named by the route's :tenantSlug (or Open311's
 * :jurisdiction). An unknown slug is a 404, never a fallback tenant.
 */
@Injectable()
export class TenantRouteGuard implements CanActivate {
  constructor(
    private readonly resolver: TenantResolver,
    private readonly context: TenantContext,
    private readonly cls: ClsService,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const request = execution.switchToHttp().getRequest<{ params: Record<string, string> }>();
    const slug = request.params.tenantSlug;
    if (slug === undefined) return true;
    const tenant = await this.resolver.bySlug(slug);
    if (!tenant) throw new NotFoundException({ statusCode: 404, message: `Unknown municipality: ${slug}` });
    this.context.set(tenant.id);
    this.cls.set(CURRENT_TENANT, tenant);
    return true;
  }
}
