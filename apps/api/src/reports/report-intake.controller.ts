import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Redirect, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { LinkTokens } from '@app/core';
import { ReportIntakeService, reportSubmissionSchema } from '@app/reports';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam, uuidParam } from '../http/params';
import { photoUploadInterceptor, uploadedFiles } from '../http/photo-upload.interceptor';

const submissionResultSchema = z.object({
  id: z.string().uuid(),
  number: z.string(),
  status: z.literal('received'),
  tenant: z.object({ slug: z.string(), name: z.string() }),
  trackingUrl: z.string(),
  confirmationRequired: z.boolean(),
  forwardedTo: z.object({ slug: z.string(), name: z.string() }).nullable(),
});

const errorSchema = z.object({ statusCode: z.number(), message: z.string(), errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional() });

@Controller('api/v1/t/:tenantSlug/reports')
@UseGuards(TenantRouteGuard)
export class ReportIntakeController {
  constructor(
    private readonly intake: ReportIntakeService,
    private readonly tokens: LinkTokens,
  ) {}

  @Post()
  @HttpCode(201)
  @UseInterceptors(photoUploadInterceptor())
  @ApiDocs({
    summary: 'Report a defect (JSON, or multipart/form-data with up to 5 photos in the part "photos")',
    tags: ['reports'],
    multipart: reportSubmissionSchema.and(z.object({ photos: z.array(z.string().describe('binary')).max(5).optional() })),
    responses: {
      201: { description: 'accepted', schema: submissionResultSchema },
      400: { description: 'invalid input, with field-level messages; nothing stored', schema: errorSchema },
      404: { description: 'unknown municipality' },
      429: { description: 'rate limit reached', schema: errorSchema },
    },
  })
  createReport(
    @Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string,
    @Body({ schema: reportSubmissionSchema }) body: z.output<typeof reportSubmissionSchema>,
    @Req() request: Request,
  ): ReturnType<ReportIntakeService['submit']> {
    return this.intake.submit(body, uploadedFiles(request as never), { ip: request.ip, source: 'web' });
  }

  @Get(':id/confirm')
  @Redirect()
  @ApiDocs({ summary: 'Confirm a report from the e-mail link (double opt-in); redirects to the report page', tags: ['reports'], responses: { 303: { description: 'to the report page' }, 404: { description: 'invalid link' } } })
  async confirmReport(
    @Param('tenantSlug', { schema: tenantSlugParam }) tenantSlug: string,
    @Param('id', { schema: uuidParam }) id: string,
    @Query({ schema: z.object({ token: z.string().max(200) }) }) query: { token: string },
  ): Promise<{ url: string; statusCode: number }> {
    if (!this.tokens.verify('report-confirm', id, query.token)) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
    const outcome = await this.intake.confirm(id);
    return { url: `/${tenantSlug}/meldungen/${id}?bestaetigt=${outcome === 'confirmed' ? '1' : '0'}`, statusCode: 303 };
  }
}
