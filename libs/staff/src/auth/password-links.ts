import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { hashToken, safeEqual } from './secret-tokens';

/**
 * Password-set and reset links: `<token id>.<HMAC(id)>`. The worker derives
 * the link from the id in its job payload, so no secret rides the queue; the
 * database keeps a hash, expiry and single use.
 */
@Injectable()
export class PasswordLinks {
  constructor(private readonly config: AppConfig) {}

  token(id: string): string {
    return `${id}.${createHmac('sha256', this.config.env.APP_SECRET).update(`staff-password:${id}`).digest('base64url')}`;
  }

  hash(id: string): string {
    return hashToken(this.token(id));
  }

  /** The token id when the token is well-formed and signed by us. */
  parse(token: string): string | null {
    const [id] = String(token).split('.');
    if (!/^[0-9a-f-]{36}$/.test(id ?? '')) return null;
    return safeEqual(this.token(id), String(token)) ? id : null;
  }

  url(tenantSlug: string, id: string): string {
    return `${this.config.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/${tenantSlug}/verwaltung/passwort?token=${encodeURIComponent(this.token(id))}`;
  }
}
