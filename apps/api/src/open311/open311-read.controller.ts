import { Controller, Get, Param, Query, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '@app/core';
import { Open311Document, Open311RequestsService, Open311ServicesService, Open311TokensService, Open311UpdatesService, discoveryDocument } from '@app/open311';
import { ApiDocs } from '../http/api-docs.decorator';
import { Open311Context } from './open311-context.decorator';
import { Open311ExceptionFilter } from './open311-exception.filter';
import { Open311Interceptor, Open311RequestContext } from './open311.interceptor';

const TAGS = ['open311'];
const XML = 'text/xml';
const COMMON = { 400: { description: 'bad input, missing jurisdiction_id or unknown format (errors body)' }, 404: { description: 'unknown jurisdiction or resource (errors body)' } };

/** GeoReport v2 reads. Every route also answers with the .json suffix; jurisdiction_id is the tenant slug. */
@Controller('open311/v2')
@UseFilters(Open311ExceptionFilter)
@UseInterceptors(Open311Interceptor)
export class Open311ReadController {
  constructor(
    private readonly services: Open311ServicesService,
    private readonly requests: Open311RequestsService,
    private readonly tokens: Open311TokensService,
    private readonly updates: Open311UpdatesService,
    private readonly config: AppConfig,
  ) {}

  @Get('discovery.:format')
  @ApiDocs({ summary: 'Open311 service discovery of a jurisdiction', tags: TAGS, responses: { 200: { description: 'discovery', contentType: XML }, ...COMMON } })
  discoverOpen311(@Open311Context() context: Open311RequestContext, @Req() request: Request): Open311Document {
    const host = request.get('host');
    const baseUrl = host && /^[A-Za-z0-9.:[\]-]{1,255}$/.test(host) ? `${request.protocol}://${host}` : this.config.env.PUBLIC_BASE_URL.replace(/\/$/, '');
    return discoveryDocument(context.tenant, baseUrl);
  }

  @Get('services.:format')
  @ApiDocs({ summary: 'Open311 services (report categories) of a jurisdiction', tags: TAGS, responses: { 200: { description: 'services', contentType: XML }, ...COMMON } })
  listOpen311Services(@Open311Context() context: Open311RequestContext): Promise<Open311Document> {
    return this.services.list(context.tenant);
  }

  @Get('services/:code.:format')
  @ApiDocs({ summary: 'Open311 service definition (extra questions) of a category', tags: TAGS, responses: { 200: { description: 'service_definition', contentType: XML }, ...COMMON } })
  getOpen311ServiceDefinition(@Param('code') code: string): Promise<Open311Document> {
    return this.services.definition(code);
  }

  @Get('requests.:format')
  @ApiDocs({ summary: 'Open311 service requests (public reports); filters, paging and extensions in docs/open311.md', tags: TAGS, responses: { 200: { description: 'service_requests', contentType: XML }, ...COMMON } })
  listOpen311Requests(@Open311Context() context: Open311RequestContext, @Query() query: Record<string, unknown>): Promise<Open311Document> {
    return this.requests.list(context.tenant, query);
  }

  @Get('requests/:id.:format')
  @ApiDocs({ summary: 'One Open311 service request, in a list', tags: TAGS, responses: { 200: { description: 'service_requests', contentType: XML }, ...COMMON } })
  getOpen311Request(@Open311Context() context: Open311RequestContext, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<Open311Document> {
    return this.requests.get(context.tenant, id, query);
  }

  @Get('tokens/:token.:format')
  @ApiDocs({ summary: 'The service_request_id of a token (batch jurisdictions); resolves at once', tags: TAGS, responses: { 200: { description: 'service_requests', contentType: XML }, ...COMMON } })
  getOpen311Token(@Param('token') token: string): Promise<Open311Document> {
    return this.tokens.resolve(token);
  }

  @Get('servicerequestupdates.:format')
  @ApiDocs({ summary: 'FixMyStreet update exchange: public updates between start_date and end_date', tags: TAGS, responses: { 200: { description: 'service_request_updates', contentType: XML }, ...COMMON } })
  listOpen311Updates(@Open311Context() context: Open311RequestContext, @Query() query: Record<string, unknown>): Promise<Open311Document> {
    return this.updates.list(context.tenant, query);
  }
}
