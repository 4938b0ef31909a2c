import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '@app/core';
import { Mailer, OutgoingMail } from './mailer';

/** smtp://user:pass@host:port or smtps://… into nodemailer options, with timeouts so a dead server fails the job fast. */
export function smtpOptions(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: Number(parsed.port || (secure ? 465 : 587)),
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    ignoreTLS: parsed.searchParams.get('ignoreTLS') === 'true',
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10000,
  };
}

@Injectable()
export class SmtpMailer extends Mailer implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {
    super();
  }

  async send(mail: OutgoingMail): Promise<void> {
    this.transport ??= nodemailer.createTransport(smtpOptions(this.config.env.SMTP_URL));
    await this.transport.sendMail({
      from: this.config.env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      headers: mail.headers,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
