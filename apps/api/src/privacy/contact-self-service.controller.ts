import { Controller, Delete, Get, Header, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ContactRecord, ContactSelfServiceService } from '@app/reports';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam, uuidParam } from '../http/params';

const tokenQuery = z.object({ token: z.string().min(1).max(200) });
const recordSchema = z.object({
  report: z.object({ id: z.string(), number: z.string(), status: z.string(), category: z.string(), description: z.string(), address: z.string().nullable(), lat: z.number(), lon: z.number(), createdAt: z.string(), closedAt: z.string().nullable() }),
  contact: z.object({ email: z.string().nullable(), name: z.string().nullable(), phone: z.string().nullable(), anonymizedAt: z.string().nullable() }).nullable(),
  history: z.array(z.object({ at: z.string(), status: z.string(), note: z.string().nullable() })),
});
const invalidLink = { 404: { description: 'invalid link, or no such report in this municipality' } };

/** The reporter's contact data through the signed link of the receipt mail (DSGVO Art. 15, 17, 20). */
@Controller('api/v1/t/:tenantSlug/reports/:id/contact')
@UseGuards(TenantRouteGuard)
export class ContactSelfServiceController {
  constructor(private readonly selfService: ContactSelfServiceService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiDocs({ summary: 'See the contact data stored with a report (link from the receipt mail)', tags: ['privacy'], responses: { 200: { description: 'the report and its contact data', schema: recordSchema }, ...invalidLink } })
  showReportContact(
    @Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string,
    @Param('id', { schema: uuidParam }) id: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<ContactRecord> {
    return this.selfService.show(id, query.token);
  }

  @Get('export')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Content-Disposition', 'attachment; filename="meldung-kontaktdaten.json"')
  @ApiDocs({ summary: 'Export the report and its contact data as a JSON file', tags: ['privacy'], responses: { 200: { description: 'JSON file', schema: recordSchema }, ...invalidLink } })
  exportReportContact(
    @Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string,
    @Param('id', { schema: uuidParam }) id: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<ContactRecord> {
    return this.selfService.show(id, query.token);
  }

  @Delete()
  @HttpCode(204)
  @ApiDocs({ summary: 'Erase the contact data of a report (the report itself stays, anonymous)', tags: ['privacy'], responses: { 204: { description: 'erased' }, ...invalidLink } })
  eraseReportContact(
    @Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string,
    @Param('id', { schema: uuidParam }) id: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<void> {
    return this.selfService.erase(id, query.token);
  }

  /** For HTML forms, which cannot send DELETE. */
  @Post('erase')
  @HttpCode(204)
  @ApiDocs({ summary: 'Erase the contact data of a report (form-friendly variant of DELETE)', tags: ['privacy'], responses: { 204: { description: 'erased' }, ...invalidLink } })
  eraseReportContactByForm(
    @Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string,
    @Param('id', { schema: uuidParam }) id: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<void> {
    return this.selfService.erase(id, query.token);
  }
}
