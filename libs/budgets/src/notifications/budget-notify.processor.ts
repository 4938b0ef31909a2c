import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, JobHandler, PayloadOf, TenantScope } from '@app/core';
import { Mailer } from '@app/notifications';
import { BudgetSecrets } from '../budget-secrets';
import { BudgetNotify } from '../budget.jobs';
import { followConfirmMail, implementationUpdateMail, MailContent, reviewDecisionMail, supportConfirmMail, voterVerifyMail } from './budget-mail.templates';
import { BudgetNotifyRepository } from './budget-notify.repository';

interface PlannedMail extends MailContent {
  key: string;
  to: string;
  headers?: Record<string, string>;
}

export class BudgetMailInFlightError extends Error {}

/**
 * Sends the budget's e-mails, each claimed once under an idempotency key in
 * sent_notifications (as the reporter's mails do): a retried or redelivered
 * job skips what already went out.
 */
@Injectable()
export class BudgetNotifyProcessor {
  constructor(
    private readonly scope: TenantScope,
    private readonly notify: BudgetNotifyRepository,
    private readonly mailer: Mailer,
    private readonly secrets: BudgetSecrets,
    private readonly config: AppConfig,
  ) {}

  @JobHandler(BudgetNotify)
  async send(payload: PayloadOf<typeof BudgetNotify>): Promise<void> {
    const planned = await this.scope.transaction(() => this.plan(payload));
    let inFlight = false;
    for (const mail of planned) {
      const claim = await this.notify.claim(payload.tenantId, mail.key);
      if (claim === 'already-sent') continue;
      if (claim === 'in-flight') {
        inFlight = true;
        continue;
      }
      try {
        const messageId = `<${createHash('sha256').update(`${payload.tenantId}:${mail.key}`).digest('hex').slice(0, 32)}@mitreden>`;
        await this.mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers, messageId });
      } catch (error) {
        await this.notify.release(mail.key);
        throw error;
      }
      await this.notify.markSent(mail.key);
    }
    if (inFlight) throw new BudgetMailInFlightError('a mail of this job is in flight; retrying later');
  }

  private async plan(payload: PayloadOf<typeof BudgetNotify>): Promise<PlannedMail[]> {
    const tenant = await this.notify.tenant();
    const base = this.config.env.PUBLIC_BASE_URL.replace(/\/$/, '');
    const api = `${base}/api/v1/t/${tenant.slug}`;
    const page = (cycleId: string, proposalId?: string) => `${base}/${tenant.slug}/buergerhaushalt/${cycleId}${proposalId ? `/vorschlaege/${proposalId}` : ''}`;
    switch (payload.kind) {
      case 'support-confirm': {
        const support = await this.notify.support(payload.id);
        if (!support || support.confirmed) return [];
        const url = `${api}/budget-supports/${payload.id}/confirm?token=${this.secrets.sign('budget-support-confirm', payload.id)}`;
        return [{ key: `budget:support-confirm:${payload.id}`, to: support.email, ...supportConfirmMail(support.locale, tenant.name, support.title, url) }];
      }
      case 'voter-verify': {
        const voter = await this.notify.voter(payload.id);
        if (!voter?.email) return [];
        const url = `${api}/budget-voters/${payload.id}/verify?token=${this.secrets.sign('budget-voter', payload.id)}`;
        return [{ key: `budget:voter-verify:${payload.id}`, to: voter.email, ...voterVerifyMail(voter.locale, tenant.name, voter.cycleTitle, url) }];
      }
      case 'review-decision': {
        const facts = await this.notify.reviewed(payload.id);
        if (!facts?.email || facts.status === 'submitted') return [];
        const status = facts.status as 'feasible' | 'not_feasible' | 'merged';
        return [{
          key: `budget:review:${payload.id}:${status}:${facts.reviewedAt?.toISOString() ?? ''}`,
          to: facts.email,
          ...reviewDecisionMail(facts.locale, tenant.name, { ...facts, status, url: page(facts.cycleId, payload.id) }),
        }];
      }
      case 'follow-confirm': {
        const follower = await this.notify.follower(payload.id);
        if (!follower) return [];
        const url = `${api}/budget-followers/${payload.id}/confirm?token=${this.secrets.sign('budget-follow-confirm', payload.id)}`;
        return [{ key: `budget:follow-confirm:${payload.id}`, to: follower.email, ...followConfirmMail(follower.locale, tenant.name, follower.title, url) }];
      }
      case 'implementation-update': {
        const update = await this.notify.update(payload.id);
        if (!update) return [];
        const followers = await this.notify.confirmedFollowers(update.proposalId);
        return followers.map((follower) => {
          const unsubscribeUrl = `${api}/budget-followers/${follower.id}/unsubscribe?token=${this.secrets.sign('budget-follow-unsubscribe', follower.id)}`;
          return {
            key: `budget:implementation:${payload.id}:${follower.id}`,
            to: follower.email,
            ...implementationUpdateMail(follower.locale, tenant.name, { ...update, url: `${api}/budget-proposals/${update.proposalId}`, unsubscribeUrl }),
            headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          };
        });
      }
    }
  }
}
