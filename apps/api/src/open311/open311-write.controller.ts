import { Body, Controller, HttpCode, Post, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Request } from 'express';
import { Open311Document, Open311SubmitService, Open311UpdatesService } from '@app/open311';
import { ApiDocs } from '../http/api-docs.decorator';
import { photoUploadInterceptor, uploadedFiles } from '../http/photo-upload.interceptor';
import { Open311Context } from './open311-context.decorator';
import { Open311ExceptionFilter } from './open311-exception.filter';
import { Open311Interceptor, Open311RequestContext, RequiresApiKey } from './open311.interceptor';

/** v2.1 draft `media` (also `media[]`) and FixMyStreet's `photo1`…`photo5`. */
export const OPEN311_PHOTO_FIELDS = ['media', 'media[]', 'photo1', 'photo2', 'photo3', 'photo4', 'photo5'];

const TAGS = ['open311'];
const RESPONSES = {
  200: { description: 'accepted', contentType: 'text/xml' },
  400: { description: 'bad input, field named in the description (errors body)' },
  403: { description: 'missing or wrong api_key (errors body)' },
  404: { description: 'unknown jurisdiction, service or request (errors body)' },
};

/**
 * GeoReport v2 writes: application/x-www-form-urlencoded or multipart. The
 * multipart parser runs first so jurisdiction_id and api_key in the body count.
 */
@Controller('open311/v2')
@UseFilters(Open311ExceptionFilter)
@UseInterceptors(photoUploadInterceptor(OPEN311_PHOTO_FIELDS), Open311Interceptor)
export class Open311WriteController {
  constructor(
    private readonly submit: Open311SubmitService,
    private readonly updates: Open311UpdatesService,
  ) {}

  @Post('requests.:format')
  @HttpCode(200)
  @RequiresApiKey()
  @ApiDocs({ summary: 'Create an Open311 service request (a report); reply with service_request_id, or token in batch jurisdictions', tags: TAGS, responses: RESPONSES })
  createOpen311Request(@Open311Context() context: Open311RequestContext, @Body() body: Record<string, unknown>, @Req() request: Request): Promise<Open311Document> {
    return this.submit.create(context.tenant, context.client!, body ?? {}, uploadedFiles(request as never, OPEN311_PHOTO_FIELDS));
  }

  @Post('servicerequestupdates.:format')
  @HttpCode(200)
  @RequiresApiKey()
  @ApiDocs({ summary: 'FixMyStreet update exchange: a citizen update or reopen; reply with update_id', tags: TAGS, responses: RESPONSES })
  createOpen311Update(@Open311Context() context: Open311RequestContext, @Body() body: Record<string, unknown>): Promise<Open311Document> {
    return this.updates.post(context.tenant, context.client!, body ?? {});
  }
}
