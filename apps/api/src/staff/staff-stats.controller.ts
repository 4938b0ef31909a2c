import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { ReportExportService, StaffStatsService } from '@app/staff';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam } from '../http/params';
import { RequirePermission, StaffAuthGuard } from './staff-auth.guard';
import { filterOf, inboxFilterSchema } from './staff-report-query.schemas';
import { staffResponses } from './staff-schemas';
import { streamLines } from './stream-lines';

const rangeSchema = z.object({ from: z.coerce.date().optional(), to: z.coerce.date().optional() }).strict();
const countsSchema = rangeSchema.extend({ by: z.enum(['category', 'area', 'month', 'department', 'status']) }).strict();
const countsOut = z.object({ by: z.string(), total: z.number(), items: z.array(z.object({ key: z.string().nullable(), label: z.string().nullable(), count: z.number(), open: z.number() })) }).passthrough();

@Controller('api/v1/t/:tenantSlug/staff')
@UseGuards(TenantRouteGuard, StaffAuthGuard)
export class StaffStatsController {
  constructor(
    private readonly stats: StaffStatsService,
    private readonly exports: ReportExportService,
  ) {}

  @Get('stats/reports')
  @RequirePermission('stats.read')
  @ApiDocs({ summary: 'Reports per category, area, department, status or month (tenant time zone), with open counts', tags: ['staff-stats'], responses: { 200: { description: 'counts', schema: countsOut }, ...staffResponses } })
  countReports(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Query({ schema: countsSchema }) query: z.output<typeof countsSchema>) {
    return this.stats.counts(query.by, query.from, query.to);
  }

  @Get('stats/response-times')
  @RequirePermission('stats.read')
  @ApiDocs({ summary: 'Median hours to first response and to closing, per department', tags: ['staff-stats'], responses: { 200: { description: 'per department' }, ...staffResponses } })
  getResponseTimes(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Query({ schema: rangeSchema }) query: z.output<typeof rangeSchema>) {
    return this.stats.responseTimes(query.from, query.to);
  }

  @Get('stats/backlog')
  @RequirePermission('stats.read')
  @ApiDocs({ summary: 'Open backlog by age (0-2d, 3-7d, 8-30d, 31-90d, >90d), with overdue counts, overall and per department', tags: ['staff-stats'], responses: { 200: { description: 'buckets' }, ...staffResponses } })
  getBacklog(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string) {
    return this.stats.backlog();
  }

  @Get('export/reports.csv')
  @RequirePermission('reports.export')
  @ApiDocs({ summary: 'Reports as CSV (UTF-8 with BOM), streamed; inbox filters apply; contact columns only with reports.contact', tags: ['staff-stats'], responses: { 200: { description: 'text/csv', contentType: 'text/csv' }, ...staffResponses } })
  async exportReportsCsv(@Param('tenantSlug', { schema: tenantSlugParam }) slug: string, @Query({ schema: inboxFilterSchema.strict() }) query: z.output<typeof inboxFilterSchema>, @Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="meldungen-${slug}.csv"`);
    response.setHeader('Cache-Control', 'private, no-store');
    await streamLines(response, this.exports.csv(filterOf(query)));
  }

  @Get('export/reports.geojson')
  @RequirePermission('reports.export')
  @ApiDocs({ summary: 'Reports as a GeoJSON FeatureCollection (RFC 7946), streamed; inbox filters apply', tags: ['staff-stats'], responses: { 200: { description: 'application/geo+json', contentType: 'application/geo+json' }, ...staffResponses } })
  async exportReportsGeoJson(@Param('tenantSlug', { schema: tenantSlugParam }) slug: string, @Query({ schema: inboxFilterSchema.strict() }) query: z.output<typeof inboxFilterSchema>, @Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', 'application/geo+json; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="meldungen-${slug}.geojson"`);
    response.setHeader('Cache-Control', 'private, no-store');
    await streamLines(response, this.exports.geojson(filterOf(query)));
  }
}
