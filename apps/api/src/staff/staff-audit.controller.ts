import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { StaffAuditBrowseService } from '@app/staff';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam } from '../http/params';
import { RequirePermission, StaffAuthGuard } from './staff-auth.guard';
import { auditQuerySchema } from './staff-admin.schemas';
import { staffResponses } from './staff-schemas';
import { streamLines } from './stream-lines';

@Controller('api/v1/t/:tenantSlug/staff/audit')
@UseGuards(TenantRouteGuard, StaffAuthGuard)
export class StaffAuditController {
  constructor(private readonly audit: StaffAuditBrowseService) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiDocs({ summary: 'Audit log, newest first (who, what, when, before and after); page with beforeId', tags: ['staff-admin'], responses: { 200: { description: 'entries' }, ...staffResponses } })
  listAuditEntries(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Query({ schema: auditQuerySchema }) query: z.output<typeof auditQuerySchema>) {
    const { limit, beforeId, ...filter } = query;
    return this.audit.list(filter, limit, beforeId);
  }

  @Get('export.csv')
  @RequirePermission('audit.read')
  @ApiDocs({ summary: 'The audit log as CSV, streamed', tags: ['staff-admin'], responses: { 200: { description: 'text/csv', contentType: 'text/csv' }, ...staffResponses } })
  async exportAuditEntries(@Param('tenantSlug', { schema: tenantSlugParam }) slug: string, @Query({ schema: auditQuerySchema }) query: z.output<typeof auditQuerySchema>, @Res() response: Response): Promise<void> {
    const { limit: _limit, beforeId: _beforeId, ...filter } = query;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="audit-${slug}.csv"`);
    await streamLines(response, this.audit.exportCsv(filter));
  }
}
