import { Body, Controller, Get, HttpCode, Param, Post, Query, Redirect, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { FollowersService } from '@app/reports';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam, uuidParam } from '../http/params';

const followSchema = z.object({ email: z.email().max(254), locale: z.enum(['de', 'en']).default('de') });
const tokenQuery = z.object({ token: z.string().max(200) });

@Controller('api/v1/t/:tenantSlug')
@UseGuards(TenantRouteGuard)
export class FollowersController {
  constructor(private readonly followers: FollowersService) {}

  @Post('reports/:id/followers')
  @HttpCode(202)
  @ApiDocs({ summary: 'Follow a report by e-mail (a confirmation mail is sent)', tags: ['reports'], responses: { 202: { description: 'confirmation sent if needed', schema: z.object({ confirmationRequired: z.boolean() }) }, 404: { description: 'unknown report' } } })
  followReport(
    @Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: followSchema }) body: z.output<typeof followSchema>,
  ): Promise<{ confirmationRequired: boolean }> {
    return this.followers.follow(id, body.email, body.locale);
  }

  @Get('followers/:followerId/confirm')
  @Redirect()
  @ApiDocs({ summary: 'Confirm following (link in the e-mail)', tags: ['reports'], responses: { 303: { description: 'to the report page' } } })
  async confirmFollower(
    @Param('tenantSlug', { schema: tenantSlugParam }) tenantSlug: string,
    @Param('followerId', { schema: uuidParam }) followerId: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<{ url: string; statusCode: number }> {
    const reportId = await this.followers.confirm(followerId, query.token);
    return { url: `/${tenantSlug}/meldungen/${reportId}?folgen=1`, statusCode: 303 };
  }

  @Get('followers/:followerId/unsubscribe')
  @Redirect()
  @ApiDocs({ summary: 'Stop following (one click, link in every mail)', tags: ['reports'], responses: { 303: { description: 'to the report page' } } })
  async unsubscribeFollowerLink(
    @Param('tenantSlug', { schema: tenantSlugParam }) tenantSlug: string,
    @Param('followerId', { schema: uuidParam }) followerId: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<{ url: string; statusCode: number }> {
    const reportId = await this.followers.unsubscribe(followerId, query.token);
    return { url: `/${tenantSlug}/meldungen/${reportId}?abgemeldet=1`, statusCode: 303 };
  }

  @Post('followers/:followerId/unsubscribe')
  @HttpCode(200)
  @ApiDocs({ summary: 'RFC 8058 one-click unsubscribe (List-Unsubscribe-Post)', tags: ['reports'], responses: { 200: { description: 'unsubscribed' } } })
  async unsubscribeFollower(
    @Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string,
    @Param('followerId', { schema: uuidParam }) followerId: string,
    @Query({ schema: tokenQuery }) query: z.output<typeof tokenQuery>,
  ): Promise<{ unsubscribed: true }> {
    await this.followers.unsubscribe(followerId, query.token);
    return { unsubscribed: true };
  }
}
