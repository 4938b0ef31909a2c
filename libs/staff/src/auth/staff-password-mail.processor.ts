import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JobHandler, PayloadOf, TenantScope } from '@app/core';
import { Mailer } from '@app/notifications';
import { StaffPasswordMail } from '../staff.jobs';
import { PasswordLinks } from './password-links';
import { StaffSessionsRepository } from './staff-sessions.repository';

/** Sends a password-set or reset link. A used or expired link is not sent (redelivery is harmless). */
@Injectable()
export class StaffPasswordMailProcessor {
  constructor(
    private readonly scope: TenantScope,
    private readonly sessions: StaffSessionsRepository,
    private readonly links: PasswordLinks,
    private readonly mailer: Mailer,
  ) {}

  @JobHandler(StaffPasswordMail)
  async send(payload: PayloadOf<typeof StaffPasswordMail>): Promise<void> {
    const found = await this.scope.transaction(async () => {
      const token = await this.sessions.passwordToken(payload.tokenId);
      if (!token?.usable) return null;
      const [tenant] = await this.scope.manager.query(`SELECT slug, name FROM tenants WHERE id = $1`, [payload.tenantId]);
      return { ...token, tenant };
    });
    if (!found) return;
    const url = this.links.url(found.tenant.slug, payload.tokenId);
    const set = found.purpose === 'set';
    await this.mailer.send({
      to: found.email,
      subject: set ? `mitreden ${found.tenant.name}: Zugang einrichten / set up your account` : `mitreden ${found.tenant.name}: Passwort zurücksetzen / reset your password`,
      text: [
        set ? 'Für Sie wurde ein Zugang zur Verwaltung angelegt. Bitte legen Sie Ihr Passwort fest:' : 'Sie haben ein neues Passwort angefordert. Über diesen Link legen Sie es fest (1 Stunde gültig):',
        url,
        '',
        set ? 'An account for the back office was created for you. Please choose your password:' : 'You asked for a new password. Choose it with this link (valid for 1 hour):',
        url,
        '',
        'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail. / If you did not ask for this, ignore this e-mail.',
      ].join('\n'),
      messageId: `<${createHash('sha256').update(`staff-password:${payload.tokenId}`).digest('hex').slice(0, 32)}@mitreden>`,
    });
  }
}
