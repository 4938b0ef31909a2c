import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, JobHandler, LinkTokens, PayloadOf, TenantScope } from '@app/core';
import { Mailer } from '@app/notifications';
import { ReportNotify } from '../report.jobs';
import { confirmMail, departmentMail, followConfirmMail, MailContent, receiptMail, ReportMailFacts, statusMail } from './report-mail.templates';
import { NotifyFacts, ReportNotifyRepository } from './report-notify.repository';
import { SentNotificationsRepository } from './sent-notifications.repository';

interface PlannedMail extends MailContent {
  key: string;
  to: string;
  headers?: Record<string, string>;
}

export class MailInFlightError extends Error {}

/**
 * Sends the e-mails of a report. Each mail has an idempotency key claimed in
 * PostgreSQL before sending and marked sent after: a retried or redelivered
 * job skips what already went out (see docs/architecture.md for the one
 * crash window that remains).
 */
@Injectable()
export class ReportNotifyProcessor {
  constructor(
    private readonly scope: TenantScope,
    private readonly notify: ReportNotifyRepository,
    private readonly sent: SentNotificationsRepository,
    private readonly mailer: Mailer,
    private readonly tokens: LinkTokens,
    private readonly config: AppConfig,
  ) {}

  @JobHandler(ReportNotify)
  async send(payload: PayloadOf<typeof ReportNotify>): Promise<void> {
    const planned = await this.scope.transaction(() => this.plan(payload));
    let inFlight = false;
    for (const mail of planned) {
      const claim = await this.sent.claim(payload.tenantId, mail.key);
      if (claim === 'already-sent') continue;
      if (claim === 'in-flight') {
        inFlight = true;
        continue;
      }
      try {
        await this.mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers, messageId: this.messageId(payload.tenantId, mail.key) });
      } catch (error) {
        await this.sent.release(mail.key);
        throw error;
      }
      await this.sent.markSent(mail.key);
    }
    // Another attempt may still be sending (or crashed mid-send): retry later instead of guessing.
    if (inFlight) throw new MailInFlightError('a mail of this job is in flight; retrying later');
  }

  private messageId(tenantId: string, key: string): string {
    return `<${createHash('sha256').update(`${tenantId}:${key}`).digest('hex').slice(0, 32)}@mitreden>`;
  }

  private base(): string {
    return this.config.env.PUBLIC_BASE_URL.replace(/\/$/, '');
  }

  private mailFacts(facts: NotifyFacts): ReportMailFacts {
    return {
      tenantName: facts.tenantName,
      number: facts.number,
      categoryName: facts.categoryName,
      description: facts.description,
      address: facts.address,
      lat: facts.lat,
      lon: facts.lon,
      trackingUrl: `${this.base()}/${facts.tenantSlug}/meldungen/${facts.id}`,
    };
  }

  private async plan(payload: PayloadOf<typeof ReportNotify>): Promise<PlannedMail[]> {
    const facts = await this.notify.facts(payload.reportId);
    if (!facts) return [];
    const mailFacts = this.mailFacts(facts);
    const api = `${this.base()}/api/v1/t/${facts.tenantSlug}`;
    switch (payload.kind) {
      case 'confirm': {
        if (!facts.reporterEmail) return [];
        const url = `${api}/reports/${facts.id}/confirm?token=${this.tokens.sign('report-confirm', facts.id)}`;
        return [{ key: `confirm:${facts.id}`, to: facts.reporterEmail, ...confirmMail(facts.locale, mailFacts, url) }];
      }
      case 'receipt':
        return facts.reporterEmail
          ? [{ key: `receipt:${facts.id}`, to: facts.reporterEmail, ...receiptMail(facts.locale, mailFacts, `${api}/reports/${facts.id}/contact?token=${this.tokens.sign('contact-self-service', facts.id)}`) }]
          : [];
      case 'department':
        return facts.department
          ? [{
              key: `department:${facts.id}:${facts.department.email}`,
              to: facts.department.email,
              ...departmentMail({ ...mailFacts, departmentName: facts.department.name, reason: facts.routingReason, staffUrl: `${this.base()}/${facts.tenantSlug}/verwaltung/meldungen/${facts.id}` }),
            }]
          : [];
      case 'status': {
        if (!payload.historyId) return [];
        const entry = await this.notify.historyEntry(payload.historyId);
        if (!entry || entry.internal) return [];
        const mails: PlannedMail[] = [];
        if (facts.reporterEmail) {
          mails.push({ key: `status:${payload.historyId}:reporter`, to: facts.reporterEmail, ...statusMail(facts.locale, mailFacts, entry.status, entry.note, null) });
        }
        for (const follower of await this.notify.confirmedFollowers(facts.id)) {
          if (follower.email === facts.reporterEmail) continue;
          const unsubscribe = `${api}/followers/${follower.id}/unsubscribe?token=${this.tokens.sign('follow-unsubscribe', follower.id)}`;
          mails.push({
            key: `status:${payload.historyId}:follower:${follower.id}`,
            to: follower.email,
            ...statusMail(follower.locale, mailFacts, entry.status, entry.note, unsubscribe),
            headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          });
        }
        return mails;
      }
      case 'follow-confirm': {
        if (!payload.followerId) return [];
        const follower = await this.notify.follower(payload.followerId);
        if (!follower) return [];
        const url = `${api}/followers/${follower.id}/confirm?token=${this.tokens.sign('follow-confirm', follower.id)}`;
        return [{ key: `follow-confirm:${follower.id}`, to: follower.email, ...followConfirmMail(follower.locale, mailFacts, url) }];
      }
    }
  }
}
