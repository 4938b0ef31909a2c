import { Controller, Get, Header, Param, StreamableFile, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { MediaService } from '@app/reports';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam } from '../http/params';

@Controller('media/:tenantSlug')
@UseGuards(TenantRouteGuard)
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Get(':file')
  @Header('Cache-Control', 'public, max-age=86400')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiDocs({ summary: 'A processed photo (WebP, no metadata) of a public report', tags: ['reports'], responses: { 200: { description: 'image/webp', contentType: 'image/webp' }, 404: { description: 'unknown or hidden' } } })
  async getPhoto(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string, @Param('file', { schema: z.string().max(80) }) file: string): Promise<StreamableFile> {
    return new StreamableFile(await this.media.publicPhoto(file), { type: 'image/webp' });
  }
}
