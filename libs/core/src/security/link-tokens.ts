import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

export type LinkPurpose = 'report-confirm' | 'follow-confirm' | 'follow-unsubscribe' | 'contact-self-service';

/**
 * Tokens for links in e-mails, derived with HMAC from the purpose and the row
 * id: nothing secret is stored or travels through the queue, and a token for
 * one purpose or row is useless for another.
 */
@Injectable()
export class LinkTokens {
  constructor(private readonly config: AppConfig) {}

  sign(purpose: LinkPurpose, id: string): string {
    return createHmac('sha256', this.config.env.APP_SECRET).update(`${purpose}:${id}`).digest('base64url');
  }

  verify(purpose: LinkPurpose, id: string, token: string): boolean {
    const expected = Buffer.from(this.sign(purpose, id));
    const given = Buffer.from(String(token));
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
