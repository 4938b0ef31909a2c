import { Injectable, NotFoundException } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { TenantScope } from '@app/core';
import { CURRENT_TENANT } from './tenant-route.guard';
import { Tenant } from './tenant.types';
import { TenantsRepository } from './tenants.repository';

export interface PublicTenantConfig {
  slug: string;
  name: string;
  kind: Tenant['kind'];
  locale: Tenant['locale'];
  timeZone: string;
  map: Tenant['map'] & { centre: { lat: number; lon: number } | null; bbox: [number, number, number, number] | null };
  settings: { anonymousAllowed: boolean; confirmationRequired: boolean };
  boundary: unknown;
  areas: unknown;
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly scope: TenantScope,
    private readonly cls: ClsService,
  ) {}

  /** The tenant of the current route (set by TenantRouteGuard). */
  current(): Tenant {
    const tenant = this.cls.get<Tenant | undefined>(CURRENT_TENANT);
    if (!tenant) throw new NotFoundException({ statusCode: 404, message: 'Unknown municipality' });
    return tenant;
  }

  async listPublic(): Promise<Array<{ slug: string; name: string; kind: Tenant['kind']; centre: { lat: number; lon: number } | null }>> {
    const tenants = await this.tenants.list();
    return tenants.map((tenant) => ({ slug: tenant.slug, name: tenant.name, kind: tenant.kind, centre: tenant.centre }));
  }

  /** Boundary and areas as RFC 7946 GeoJSON, read under the tenant's own context. */
  async publicConfig(): Promise<PublicTenantConfig> {
    const tenant = this.current();
    const { boundary, areas } = await this.scope.transaction(async () => ({
      boundary: await this.tenants.boundary(),
      areas: await this.tenants.areas(),
    }));
    return {
      slug: tenant.slug,
      name: tenant.name,
      kind: tenant.kind,
      locale: tenant.locale,
      timeZone: tenant.timeZone,
      map: { ...tenant.map, centre: boundary.lat === null ? null : { lat: boundary.lat, lon: boundary.lon! }, bbox: boundary.bbox },
      settings: { anonymousAllowed: tenant.settings.anonymousAllowed, confirmationRequired: tenant.settings.confirmationRequired },
      boundary: boundary.geometry
        ? { type: 'Feature', properties: { name: tenant.name }, geometry: JSON.parse(boundary.geometry) }
        : null,
      areas: {
        type: 'FeatureCollection',
        features: areas.map((area) => ({
          type: 'Feature',
          id: area.id,
          properties: { id: area.id, name: area.name, kind: area.kind, parentId: area.parent_id },
          geometry: JSON.parse(area.geometry),
        })),
      },
    };
  }
}
