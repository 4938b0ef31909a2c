import { Injectable, NotFoundException } from '@nestjs/common';
import { LinkTokens, OutboxWriter, TenantContext, TenantScope } from '@app/core';
import { ReportNotify } from '../report.jobs';
import { FollowersRepository } from './followers.repository';

/** Follow a report by e-mail: double opt-in, one-click unsubscribe. */
@Injectable()
export class FollowersService {
  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly followers: FollowersRepository,
    private readonly outbox: OutboxWriter,
    private readonly tokens: LinkTokens,
  ) {}

  async follow(reportId: string, email: string, locale: 'de' | 'en'): Promise<{ confirmationRequired: boolean }> {
    const tenantId = this.context.tenantId;
    return this.scope.transaction(async () => {
      if (!(await this.followers.isPublicReport(reportId))) throw new NotFoundException({ statusCode: 404, message: 'Unknown report' });
      const follower = await this.followers.upsert(tenantId, reportId, email.toLowerCase(), locale);
      if (follower.needsConfirmation) await this.outbox.enqueue(ReportNotify, { tenantId, reportId, kind: 'follow-confirm', followerId: follower.id });
      return { confirmationRequired: follower.needsConfirmation };
    });
  }

  /** Returns the report id for the redirect; a bad token is a 404 (nothing to learn from it). */
  async confirm(followerId: string, token: string): Promise<string> {
    if (!this.tokens.verify('follow-confirm', followerId, token)) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
    return this.scope.transaction(async () => {
      const reportId = await this.followers.reportOf(followerId);
      if (!reportId || !(await this.followers.confirm(followerId))) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
      return reportId;
    });
  }

  async unsubscribe(followerId: string, token: string): Promise<string> {
    if (!this.tokens.verify('follow-unsubscribe', followerId, token)) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
    return this.scope.transaction(async () => {
      const result = await this.followers.unsubscribe(followerId);
      if (!result) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
      return result.reportId;
    });
  }
}
