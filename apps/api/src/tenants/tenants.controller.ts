import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { TenantRouteGuard, TenantsService } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';

const tenantSlug = z.string().regex(/^[a-z0-9-]{1,63}$/);
const point = z.object({ lat: z.number(), lon: z.number() });

const tenantListSchema = z.array(z.object({ slug: z.string(), name: z.string(), kind: z.enum(['municipality', 'union']), centre: point.nullable() }));
const tenantConfigSchema = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['municipality', 'union']),
  locale: z.enum(['de', 'en']),
  timeZone: z.string(),
  map: z.object({ tileUrl: z.string().nullable(), attribution: z.string().nullable(), maxZoom: z.number(), centre: point.nullable(), bbox: z.array(z.number()).length(4).nullable() }),
  settings: z.object({ anonymousAllowed: z.boolean(), confirmationRequired: z.boolean() }),
  boundary: z.unknown().describe('GeoJSON Feature (MultiPolygon), RFC 7946'),
  areas: z.unknown().describe('GeoJSON FeatureCollection of areas with properties id, name, kind, parentId'),
});

@Controller('api/v1')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get('tenants')
  @ApiDocs({ summary: 'List the municipalities of this deployment', tags: ['tenants'], responses: { 200: { description: 'tenants', schema: tenantListSchema } } })
  listTenants(): ReturnType<TenantsService['listPublic']> {
    return this.tenants.listPublic();
  }

  @Get('t/:tenantSlug')
  @UseGuards(TenantRouteGuard)
  @ApiDocs({
    summary: "A municipality's public configuration with boundary and areas as GeoJSON",
    tags: ['tenants'],
    responses: { 200: { description: 'config', schema: tenantConfigSchema }, 404: { description: 'unknown municipality' } },
  })
  getTenantConfig(@Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string): ReturnType<TenantsService['publicConfig']> {
    return this.tenants.publicConfig();
  }
}
