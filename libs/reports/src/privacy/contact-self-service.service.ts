import { Injectable, NotFoundException } from '@nestjs/common';
import { LinkTokens, TenantScope } from '@app/core';
import { ContactPrivacyRepository, ContactRecord } from './contact-privacy.repository';

/**
 * The reporter's own view of their contact data, through the signed link in
 * the receipt mail: see it, export it (Art. 15/20 DSGVO), erase it (Art. 17).
 * The token is bound to the report id and purpose; the tenant boundary
 * (row-level security) does the rest, so a valid link never works under
 * another municipality's address.
 */
@Injectable()
export class ContactSelfServiceService {
  constructor(
    private readonly scope: TenantScope,
    private readonly contacts: ContactPrivacyRepository,
    private readonly tokens: LinkTokens,
  ) {}

  private check(reportId: string, token: string): void {
    if (!this.tokens.verify('contact-self-service', reportId, token)) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
  }

  async show(reportId: string, token: string): Promise<ContactRecord> {
    this.check(reportId, token);
    const record = await this.scope.transaction(() => this.contacts.record(reportId));
    if (!record) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
    return record;
  }

  async erase(reportId: string, token: string): Promise<void> {
    this.check(reportId, token);
    const found = await this.scope.transaction(() => this.contacts.erase(reportId, new Date()));
    if (!found) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
  }
}
