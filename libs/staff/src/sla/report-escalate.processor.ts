import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, JobHandler, PayloadOf, TenantScope } from '@app/core';
import { Mailer } from '@app/notifications';
import { ReportEscalate } from '../staff.jobs';
import { Clock } from './clock';
import { EscalationRepository } from './escalation.repository';

/**
 * Sends the escalation mails of one overdue report. Returns early when the
 * report was answered or re-routed (new due date) meanwhile; each recipient's
 * mail is claimed in sent_notifications, so a retry does not mail twice what
 * went out.
 */
@Injectable()
export class ReportEscalateProcessor {
  constructor(
    private readonly scope: TenantScope,
    private readonly escalations: EscalationRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @JobHandler(ReportEscalate)
  async escalate(payload: PayloadOf<typeof ReportEscalate>): Promise<void> {
    const planned = await this.scope.transaction(async () => {
      const facts = await this.escalations.facts(payload.reportId, this.clock.now());
      if (!facts || !facts.stillOverdue || new Date(facts.dueAt).toISOString() !== new Date(payload.dueAt).toISOString()) return null;
      const recipients = [...new Set([facts.department?.email, ...(await this.escalations.triageEmails())].filter((email): email is string => Boolean(email)))];
      return { facts, recipients };
    });
    if (!planned) return;
    const { facts } = planned;
    const staffUrl = `${this.config.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/${facts.tenantSlug}/verwaltung/meldungen/${facts.id}`;
    const due = new Date(facts.dueAt).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' });
    for (const to of planned.recipients) {
      const key = `escalate:${facts.id}:${payload.dueAt}:${to}`;
      if (!(await this.scope.transaction(() => this.escalations.claim(payload.tenantId, key)))) continue;
      await this.mailer.send({
        to,
        subject: `Überfällig: Meldung ${facts.number} (${facts.categoryName})`,
        text: [
          `Die Meldung ${facts.number} (${facts.categoryName}) in ${facts.tenantName} hat ihr Ziel für die erste Antwort verfehlt (fällig ${due}).`,
          facts.department ? `Zuständig: ${facts.department.name}` : 'Noch keine Abteilung zuständig.',
          facts.address ? `Ort: ${facts.address}` : '',
          '',
          facts.description.slice(0, 500),
          '',
          `Bearbeiten: ${staffUrl}`,
        ].filter((line, index, lines) => line !== '' || lines[index - 1] !== '').join('\n'),
        messageId: `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@mitreden>`,
      });
      await this.scope.transaction(() => this.escalations.markSent(key));
    }
  }
}
