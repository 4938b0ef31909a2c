import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { GeoJsonQuery, OgcItemsQuery, ReportGeodataService, RequestUrl, geoJsonQuerySchema, ogcItemsQuerySchema, ogcQuerySchema } from '@app/reports';
import { ReportRef, reportRefParam } from '@app/reports';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';

const tenantSlug = z.string().regex(/^[a-z0-9-]{1,63}$/);
const errorSchema = z.object({ statusCode: z.number(), message: z.string(), errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional() });
const link = z.object({ href: z.string(), rel: z.string(), type: z.string().optional(), title: z.string().optional() });
const feature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).length(2).describe('[lon, lat]') }),
  properties: z.record(z.string(), z.unknown()),
  links: z.array(link).optional(),
});
const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(feature),
  numberMatched: z.number().int(),
  numberReturned: z.number().int(),
  timeStamp: z.string(),
  links: z.array(link),
});
const GEOJSON = 'application/geo+json';
const bad = { description: 'invalid query, with field errors', schema: errorSchema };

/** Set after success: a 400 from validation stays plain JSON. */
async function asGeoJson<T>(response: Response, answer: Promise<T>): Promise<T> {
  const result = await answer;
  response.type(GEOJSON);
  return result;
}

function requestUrl(request: Request): RequestUrl {
  return { origin: `${request.protocol}://${request.get('host')}`, path: request.path, query: request.query as Record<string, unknown> };
}

/** Public reports for geoportals: GeoJSON export and OGC API – Features (Part 1, core + GeoJSON). */
@Controller('api/v1/t/:tenantSlug')
@UseGuards(TenantRouteGuard)
export class GeodataController {
  constructor(private readonly geodata: ReportGeodataService) {}

  @Get('reports.geojson')
  @ApiDocs({
    summary: 'Public reports as an RFC 7946 FeatureCollection, paged (limit ≤ 5000), same filters as the map',
    tags: ['geodata'],
    responses: { 200: { description: 'GeoJSON', schema: featureCollection, contentType: GEOJSON }, 400: bad },
  })
  exportReportsGeoJson(
    @Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string,
    @Query({ schema: geoJsonQuerySchema }) query: GeoJsonQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): ReturnType<ReportGeodataService['exportGeoJson']> {
    return asGeoJson(response, this.geodata.exportGeoJson(query, requestUrl(request)));
  }

  @Get('ogc')
  @ApiDocs({ summary: 'OGC API – Features landing page', tags: ['geodata'], responses: { 200: { description: 'links', schema: z.object({ title: z.string(), description: z.string(), links: z.array(link) }) }, 400: bad } })
  getOgcLandingPage(@Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string, @Query({ schema: ogcQuerySchema }) _query: unknown, @Req() request: Request): ReturnType<ReportGeodataService['landingPage']> {
    return this.geodata.landingPage(requestUrl(request));
  }

  @Get('ogc/conformance')
  @ApiDocs({ summary: 'OGC API – Features conformance classes (core, GeoJSON)', tags: ['geodata'], responses: { 200: { description: 'conformance', schema: z.object({ conformsTo: z.array(z.string()) }) }, 400: bad } })
  getOgcConformance(@Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string, @Query({ schema: ogcQuerySchema }) _query: unknown): ReturnType<ReportGeodataService['conformance']> {
    return this.geodata.conformance();
  }

  @Get('ogc/collections')
  @ApiDocs({ summary: 'OGC API – Features collections (one: reports)', tags: ['geodata'], responses: { 200: { description: 'collections' }, 400: bad } })
  listOgcCollections(@Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string, @Query({ schema: ogcQuerySchema }) _query: unknown, @Req() request: Request): ReturnType<ReportGeodataService['collections']> {
    return this.geodata.collections(requestUrl(request));
  }

  @Get('ogc/collections/reports')
  @ApiDocs({ summary: 'OGC API – Features collection of public reports', tags: ['geodata'], responses: { 200: { description: 'collection' }, 400: bad } })
  getOgcReportCollection(@Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string, @Query({ schema: ogcQuerySchema }) _query: unknown, @Req() request: Request): ReturnType<ReportGeodataService['collection']> {
    return this.geodata.collection(requestUrl(request));
  }

  @Get('ogc/collections/reports/items')
  @ApiDocs({
    summary: 'OGC API – Features items: public reports with bbox, datetime (creation), limit (≤ 1000) and offset',
    tags: ['geodata'],
    responses: { 200: { description: 'GeoJSON', schema: featureCollection, contentType: GEOJSON }, 400: bad },
  })
  listOgcReportItems(
    @Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string,
    @Query({ schema: ogcItemsQuerySchema }) query: OgcItemsQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): ReturnType<ReportGeodataService['items']> {
    return asGeoJson(response, this.geodata.items(query, requestUrl(request)));
  }

  @Get('ogc/collections/reports/items/:featureId')
  @ApiDocs({ summary: 'OGC API – Features: one public report (id or number)', tags: ['geodata'], responses: { 200: { description: 'GeoJSON Feature', schema: feature, contentType: GEOJSON }, 400: bad, 404: { description: 'unknown or not public' } } })
  getOgcReportItem(
    @Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string,
    @Param('featureId', { schema: reportRefParam('featureId') }) ref: ReportRef,
    @Query({ schema: ogcQuerySchema }) _query: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): ReturnType<ReportGeodataService['item']> {
    return asGeoJson(response, this.geodata.item(ref, requestUrl(request)));
  }
}
