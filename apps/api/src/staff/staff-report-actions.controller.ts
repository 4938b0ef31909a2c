import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { ReportForwardService, ReportMergeService, ReportModerationService, StaffContext, hasPermission } from '@app/staff';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam, uuidParam } from '../http/params';
import { RequirePermission, StaffAuthGuard } from './staff-auth.guard';
import { errorSchema, staffResponses } from './staff-schemas';

const reason = z.string().trim().min(1).max(1000);
const mergeSchema = z.object({ originalId: z.string().uuid(), note: z.string().trim().max(2000).optional() }).strict();
const forwardSchema = z.object({ tenantSlug: tenantSlugParam, note: z.string().trim().max(2000).optional() }).strict();
const descriptionSchema = z.object({ description: z.string().trim().max(4000).nullable(), reason: reason.optional() }).strict();
const hiddenSchema = z.object({ hidden: z.boolean(), reason: reason.optional() }).strict();
const fraction = z.number().min(0).max(1);
const blurSchema = z.object({ x: fraction, y: fraction, width: fraction.refine((value) => value > 0, 'must be > 0'), height: fraction.refine((value) => value > 0, 'must be > 0') }).strict();
const variantSchema = z.object({ variant: z.enum(['large', 'thumb', 'original']).default('large') }).strict();
const notFound = { 404: { description: 'no such report (or photo) in this municipality / your departments', schema: errorSchema } };

@Controller('api/v1/t/:tenantSlug/staff/reports/:id')
@UseGuards(TenantRouteGuard, StaffAuthGuard)
export class StaffReportActionsController {
  constructor(
    private readonly merge: ReportMergeService,
    private readonly forwarding: ReportForwardService,
    private readonly moderation: ReportModerationService,
    private readonly staff: StaffContext,
  ) {}

  @Post('merge')
  @HttpCode(200)
  @RequirePermission('reports.merge_forward')
  @ApiDocs({ summary: 'Mark as duplicate of originalId and merge: followers, photos and history move to the original; both linked', tags: ['staff'], responses: { 200: { description: 'what moved', schema: z.object({ followers: z.number(), photos: z.number(), history: z.number() }) }, 400: { description: 'not allowed', schema: errorSchema }, ...notFound, ...staffResponses } })
  mergeReport(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: mergeSchema }) body: z.output<typeof mergeSchema>) {
    return this.merge.mergeInto(id, body.originalId, body.note);
  }

  @Post('forward')
  @HttpCode(200)
  @RequirePermission('reports.merge_forward')
  @ApiDocs({ summary: 'Forward to another municipality of this deployment (audited in both, status "forwarded")', tags: ['staff'], responses: { 200: { description: 'the copy in the target', schema: z.object({ tenant: z.string(), reportId: z.string(), number: z.string() }) }, 400: { description: 'unknown target or category not offered there', schema: errorSchema }, ...notFound, ...staffResponses } })
  forwardReport(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: forwardSchema }) body: z.output<typeof forwardSchema>) {
    return this.forwarding.forward(id, body.tenantSlug, body.note);
  }

  @Patch('description')
  @HttpCode(204)
  @RequirePermission('reports.moderate')
  @ApiDocs({ summary: 'Edit (or with null hide) the description; the original is kept for admins', tags: ['staff'], responses: { 204: { description: 'moderated' }, ...notFound, ...staffResponses } })
  async moderateReportDescription(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: descriptionSchema }) body: z.output<typeof descriptionSchema>): Promise<void> {
    await this.moderation.editDescription(id, body.description, body.reason);
  }

  @Patch('visibility')
  @HttpCode(204)
  @RequirePermission('reports.moderate')
  @ApiDocs({ summary: 'Hide or show the whole report publicly', tags: ['staff'], responses: { 204: { description: 'set' }, ...notFound, ...staffResponses } })
  async setReportVisibility(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: hiddenSchema }) body: z.output<typeof hiddenSchema>): Promise<void> {
    await this.moderation.setReportHidden(id, body.hidden, body.reason);
  }

  @Patch('photos/:photoId/visibility')
  @HttpCode(204)
  @RequirePermission('reports.moderate')
  @ApiDocs({ summary: 'Hide or show a photo publicly', tags: ['staff'], responses: { 204: { description: 'set' }, ...notFound, ...staffResponses } })
  async setPhotoVisibility(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Param('photoId', { schema: uuidParam }) photoId: string, @Body({ schema: hiddenSchema }) body: z.output<typeof hiddenSchema>): Promise<void> {
    await this.moderation.setPhotoHidden(id, photoId, body.hidden);
  }

  @Post('photos/:photoId/blur')
  @HttpCode(200)
  @RequirePermission('reports.moderate')
  @ApiDocs({ summary: 'Blur a region (fractions of width/height) of a photo, e.g. a face or number plate; the original stays for admins', tags: ['staff'], responses: { 200: { description: 'new file names', schema: z.object({ large: z.string(), thumb: z.string() }) }, ...notFound, ...staffResponses } })
  blurPhoto(@Param('tenantSlug', { schema: tenantSlugParam }) _slug: string, @Param('id', { schema: uuidParam }) id: string, @Param('photoId', { schema: uuidParam }) photoId: string, @Body({ schema: blurSchema }) body: z.output<typeof blurSchema>) {
    return this.moderation.blurPhoto(id, photoId, body);
  }

  @Get('photos/:photoId/file')
  @RequirePermission('reports.read')
  @ApiDocs({ summary: 'A photo for staff (also hidden ones); variant=original (before blurring) needs reports.moderation_original', tags: ['staff'], responses: { 200: { description: 'image/webp', contentType: 'image/webp' }, ...notFound, ...staffResponses } })
  async getReportPhoto(
    @Param('tenantSlug', { schema: tenantSlugParam }) _slug: string,
    @Param('id', { schema: uuidParam }) id: string,
    @Param('photoId', { schema: uuidParam }) photoId: string,
    @Query({ schema: variantSchema }) query: z.output<typeof variantSchema>,
    @Res() response: Response,
  ): Promise<void> {
    const variant = query.variant === 'original' && !hasPermission(this.staff.principal.role, 'reports.moderation_original') ? 'large' : query.variant;
    const body = await this.moderation.photoFile(id, photoId, variant);
    response.setHeader('Cache-Control', 'private, no-store');
    response.type('image/webp').send(body);
  }
}
