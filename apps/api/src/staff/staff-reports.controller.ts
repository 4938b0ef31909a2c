import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { REPORT_STATUSES, ReportStatus } from '@app/domain';
import { StaffReportsService } from '@app/staff';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam, uuidParam } from '../http/params';
import { RequirePermission, StaffAuthGuard } from './staff-auth.guard';
import { filterOf, inboxFilterSchema, inboxQuerySchema } from './staff-report-query.schemas';
import { errorSchema, staffResponses } from './staff-schemas';

const status = z.enum(REPORT_STATUSES as [ReportStatus, ...ReportStatus[]]);
const note = z.string().trim().min(1).max(4000);
const respondSchema = z.object({ status: status.optional(), note: note.optional(), templateId: z.string().uuid().optional() }).strict();
const noteSchema = z.object({ note }).strict();
const prioritySchema = z.object({ priority: z.number().int().min(1).max(3) }).strict();
const rerouteSchema = z.object({ categoryId: z.string().uuid().optional(), areaId: z.string().uuid().optional() }).strict().refine((value) => value.categoryId || value.areaId, { message: 'categoryId or areaId', path: ['categoryId'] });
const assignSchema = z.object({ departmentId: z.string().uuid(), note: note.optional() }).strict();
const bulkSchema = z.object({
  ids: z.array(z.string().uuid()).min(1).max(200),
  action: z.enum(['status', 'assign']),
  status: status.optional(),
  note: note.optional(),
  templateId: z.string().uuid().optional(),
  departmentId: z.string().uuid().optional(),
}).strict();

const itemSchema = z.object({ id: z.string(), number: z.string(), status: z.string(), priority: z.number(), overdue: z.boolean(), dueAt: z.string().nullable() }).passthrough();
const notFound = { 404: { description: 'no such report in this municipality (or not in your departments)', schema: errorSchema } };

@Controller('api/v1/t/:tenantSlug/staff/reports')
@UseGuards(TenantRouteGuard, StaffAuthGuard)
export class StaffReportsController {
  constructor(private readonly reports: StaffReportsService) {}

  @Get()
  @RequirePermission('reports.read')
  @ApiDocs({ summary: 'Inbox: reports with filters, sorting and paging (department staff: their departments)', tags: ['staff'], responses: { 200: { description: 'page', schema: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(itemSchema) }) }, ...staffResponses } })
  listReports(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Query({ schema: inboxQuerySchema }) query: z.output<typeof inboxQuerySchema>) {
    return this.reports.list(filterOf(query), query.sort, query.page, query.pageSize);
  }

  @Get('map')
  @RequirePermission('reports.read')
  @ApiDocs({ summary: 'The inbox as map data: ids and points (at most 5000)', tags: ['staff'], responses: { 200: { description: 'points', schema: z.object({ items: z.array(z.object({ id: z.string(), lat: z.number(), lon: z.number(), status: z.string(), overdue: z.boolean() })), truncated: z.boolean() }) }, ...staffResponses } })
  getReportMap(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Query({ schema: inboxFilterSchema.strict() }) query: z.output<typeof inboxFilterSchema>) {
    return this.reports.mapData(filterOf(query));
  }

  @Get('overdue')
  @RequirePermission('reports.read')
  @ApiDocs({ summary: 'Overdue list: open reports without a first response past their service-level due date, most overdue first', tags: ['staff'], responses: { 200: { description: 'page', schema: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(itemSchema) }) }, ...staffResponses } })
  listOverdueReports(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Query({ schema: inboxQuerySchema }) query: z.output<typeof inboxQuerySchema>) {
    return this.reports.list({ ...filterOf(query), overdue: true }, query.sort === '-created' ? 'due' : query.sort, query.page, query.pageSize);
  }

  @Get(':id')
  @RequirePermission('reports.read')
  @ApiDocs({ summary: 'Report detail for staff: contact data (with reports.contact), routing decision and reason, full history incl. internal notes', tags: ['staff'], responses: { 200: { description: 'report' }, ...notFound, ...staffResponses } })
  getReport(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string) {
    return this.reports.detail(id);
  }

  @Post(':id/responses')
  @HttpCode(201)
  @RequirePermission('reports.work')
  @ApiDocs({ summary: 'Public reply and/or status change (a reply template sets text and status); mails reporter and followers', tags: ['staff'], responses: { 201: { description: 'recorded', schema: z.object({ historyId: z.string(), status: z.string() }) }, 400: { description: 'transition not allowed, reason missing', schema: errorSchema }, ...notFound, ...staffResponses } })
  respondToReport(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: respondSchema }) body: z.output<typeof respondSchema>) {
    return this.reports.respond(id, body);
  }

  @Post(':id/notes')
  @HttpCode(201)
  @RequirePermission('reports.work')
  @ApiDocs({ summary: 'Internal note (staff only, never public or mailed)', tags: ['staff'], responses: { 201: { description: 'recorded', schema: z.object({ historyId: z.string() }) }, ...notFound, ...staffResponses } })
  addReportNote(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: noteSchema }) body: z.output<typeof noteSchema>) {
    return this.reports.addNote(id, body.note);
  }

  @Patch(':id/priority')
  @HttpCode(204)
  @RequirePermission('reports.work')
  @ApiDocs({ summary: 'Set the priority (1 high … 3 low)', tags: ['staff'], responses: { 204: { description: 'set' }, ...notFound, ...staffResponses } })
  async setReportPriority(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: prioritySchema }) body: z.output<typeof prioritySchema>): Promise<void> {
    await this.reports.setPriority(id, body.priority);
  }

  @Post(':id/reroute')
  @HttpCode(200)
  @RequirePermission('reports.triage')
  @ApiDocs({ summary: 'Change category and/or area; responsibility is decided again with a public note', tags: ['staff'], responses: { 200: { description: 'new routing', schema: z.object({ departmentId: z.string().nullable(), reason: z.string() }) }, ...notFound, ...staffResponses } })
  rerouteReport(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: rerouteSchema }) body: z.output<typeof rerouteSchema>) {
    return this.reports.reroute(id, body);
  }

  @Post(':id/assign')
  @HttpCode(204)
  @RequirePermission('reports.triage')
  @ApiDocs({ summary: 'Reassign to another department (public note, mail to the department)', tags: ['staff'], responses: { 204: { description: 'assigned' }, ...notFound, ...staffResponses } })
  async assignReport(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: assignSchema }) body: z.output<typeof assignSchema>): Promise<void> {
    await this.reports.assign(id, body.departmentId, body.note);
  }

  @Post('bulk')
  @HttpCode(200)
  @RequirePermission('reports.triage')
  @ApiDocs({ summary: 'Bulk status change or assignment (≤ 200 reports, one transaction, per-id results)', tags: ['staff'], responses: { 200: { description: 'results', schema: z.object({ results: z.array(z.object({ id: z.string(), ok: z.boolean(), error: z.unknown().optional() })) }) }, ...staffResponses } })
  bulkUpdateReports(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Body({ schema: bulkSchema }) body: z.output<typeof bulkSchema>) {
    return this.reports.bulk(body);
  }
}
