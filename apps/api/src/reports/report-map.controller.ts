import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  ClustersQuery,
  DuplicatesQuery,
  PublicReportsService,
  ReportClustersService,
  ReportListQuery,
  ReportRef,
  clustersQuerySchema,
  duplicatesQuerySchema,
  reportRefParam,
  reportListQuerySchema,
} from '@app/reports';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';

const tenantSlug = z.string().regex(/^[a-z0-9-]{1,63}$/);
const localized = z.object({ de: z.string(), en: z.string() });
const bbox = z.array(z.number()).length(4).describe('[minLon, minLat, maxLon, maxLat]');
const statuses = z.enum(['received', 'in_review', 'in_progress', 'fixed', 'closed_not_fixed', 'forwarded', 'rejected', 'duplicate']);
const errorSchema = z.object({ statusCode: z.number(), message: z.string(), errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional() });
const tenantRef = z.object({ slug: z.string(), name: z.string() });

const summarySchema = z.object({
  id: z.string().uuid(),
  number: z.string(),
  category: z.object({ code: z.string(), name: localized }),
  status: statuses,
  statusGroup: z.enum(['open', 'closed']),
  description: z.string(),
  address: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  thumbnailUrl: z.string().nullable(),
});
const clusterResponseSchema = z.object({
  zoom: z.number().int(),
  clusters: z.array(z.object({ lat: z.number(), lon: z.number(), count: z.number().int(), open: z.number().int(), closed: z.number().int(), reportId: z.string().nullable(), bbox })),
});
const pageSchema = z.object({ items: z.array(summarySchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
const duplicatesSchema = z.array(summarySchema.extend({ distanceM: z.number(), score: z.number() }));
const detailSchema = summarySchema.omit({ thumbnailUrl: true }).extend({
  department: z.string().nullable(),
  photos: z.array(z.object({ thumbnailUrl: z.string(), largeUrl: z.string() })),
  history: z.array(z.object({ at: z.string(), status: statuses, note: z.string().nullable() })),
  followers: z.number().int(),
  forwardedTo: tenantRef.nullable(),
  forwardedFrom: tenantRef.nullable(),
  duplicateOf: z.string().uuid().nullable(),
});

/** The public map, list and report page of the defect reporter (read only). */
@Controller('api/v1/t/:tenantSlug/reports')
@UseGuards(TenantRouteGuard)
export class ReportMapController {
  constructor(
    private readonly clusters: ReportClustersService,
    private readonly reports: PublicReportsService,
  ) {}

  // Literal routes before ':id'.
  @Get('clusters')
  @ApiDocs({
    summary: 'Server-side clusters of public reports for a map box and zoom (grid clustering in Web Mercator; single reports at street zoom)',
    tags: ['reports'],
    responses: { 200: { description: 'clusters', schema: clusterResponseSchema }, 400: { description: 'invalid query, with field errors', schema: errorSchema }, 404: { description: 'unknown municipality' } },
  })
  async getReportClusters(
    @Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string,
    @Query({ schema: clustersQuerySchema }) query: ClustersQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const body = await this.clusters.getClustersJson(query);
    // Pre-serialized JSON; browsers and proxies may keep it as long as the server cache does (ETag from Express).
    response.type('application/json').setHeader('Cache-Control', 'public, max-age=5');
    return body;
  }

  @Get('duplicates')
  @ApiDocs({
    summary: 'Up to 5 open public reports near a point that may be the same problem, best match first (see docs/map-api.md for the score)',
    tags: ['reports'],
    responses: { 200: { description: 'candidates', schema: duplicatesSchema }, 400: { description: 'invalid query, with field errors', schema: errorSchema } },
  })
  findDuplicateReports(
    @Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string,
    @Query({ schema: duplicatesQuerySchema }) query: DuplicatesQuery,
  ): ReturnType<PublicReportsService['findDuplicates']> {
    return this.reports.findDuplicates(query);
  }

  @Get()
  @ApiDocs({
    summary: 'Public reports, newest first, with filters and paging (bbox optional)',
    tags: ['reports'],
    responses: { 200: { description: 'one page', schema: pageSchema }, 400: { description: 'invalid query, with field errors', schema: errorSchema } },
  })
  listReports(
    @Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string,
    @Query({ schema: reportListQuerySchema }) query: ReportListQuery,
  ): ReturnType<PublicReportsService['listReports']> {
    return this.reports.listReports(query);
  }

  @Get(':id')
  @ApiDocs({
    summary: 'One public report with photos, public history and follower count (by id or number)',
    tags: ['reports'],
    responses: { 200: { description: 'the report', schema: detailSchema }, 400: { description: 'not an id or number', schema: errorSchema }, 404: { description: 'unknown, not public, or not this municipality’s' } },
  })
  getReport(@Param('tenantSlug', { schema: tenantSlug }) _tenantSlug: string, @Param('id', { schema: reportRefParam('id') }) ref: ReportRef): ReturnType<PublicReportsService['getReport']> {
    return this.reports.getReport(ref);
  }
}
