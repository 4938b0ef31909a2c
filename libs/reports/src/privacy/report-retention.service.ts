import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_DATA_SOURCE, StuckWorkSweep, Sweep, TenantScope } from '@app/core';
import { PhotoStorage } from '@app/photos';
import { ContactPrivacyRepository } from './contact-privacy.repository';
import { RetentionClock } from './retention-clock';

interface RetentionSettings {
  contactRetentionDaysAfterClose?: number;
  unconfirmedExpiryHours?: number;
}

export interface RetentionOutcome {
  anonymised: number;
  deletedUnconfirmed: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * DSGVO retention per tenant (tenants.retention): the reporter's contact data
 * (and followers, and the connection hash) is removed a configured number of
 * days after a report is closed; reports whose e-mail confirmation never came
 * are deleted after the expiry, with their photo files. Runs in the worker
 * with the sweeps; idempotent, so several workers may run it at once.
 */
@Injectable()
@Sweep('report-retention')
export class ReportRetentionService implements StuckWorkSweep {
  private readonly logger = new Logger(ReportRetentionService.name);

  constructor(
    private readonly scope: TenantScope,
    private readonly contacts: ContactPrivacyRepository,
    private readonly storage: PhotoStorage,
    private readonly clock: RetentionClock,
    @Inject(APP_DATA_SOURCE) private readonly db: DataSource,
  ) {}

  /** The sweep hook: retention is not stuck work, so it reports 0 and logs its own line. */
  async sweep(): Promise<number> {
    const outcome = await this.apply();
    if (outcome.anonymised + outcome.deletedUnconfirmed > 0) {
      this.logger.log(`retention: contact data of ${outcome.anonymised} closed reports removed, ${outcome.deletedUnconfirmed} unconfirmed reports deleted`);
    }
    return 0;
  }

  async apply(): Promise<RetentionOutcome> {
    const now = this.clock.now();
    // The tenant registry is public; the work itself runs inside each tenant.
    const tenants: Array<{ id: string; retention: RetentionSettings | null }> = await this.db.query(`SELECT id, retention FROM tenants`);
    const total: RetentionOutcome = { anonymised: 0, deletedUnconfirmed: 0 };
    for (const tenant of tenants) {
      const days = tenant.retention?.contactRetentionDaysAfterClose;
      const hours = tenant.retention?.unconfirmedExpiryHours;
      const outcome = await this.scope.withTenant(tenant.id, () =>
        this.scope.transaction(async () => ({
          anonymised: typeof days === 'number' && days >= 0 ? await this.contacts.anonymiseClosedBefore(new Date(now.getTime() - days * DAY_MS), now) : 0,
          deleted: typeof hours === 'number' && hours > 0 ? await this.contacts.deleteUnconfirmedBefore(new Date(now.getTime() - hours * 3600 * 1000)) : { count: 0, photoKeys: [] },
        })),
      );
      // Files go after the commit: a failed transaction must not lose photos of reports that stay.
      for (const key of outcome.deleted.photoKeys) await this.storage.delete(key).catch(() => undefined);
      total.anonymised += outcome.anonymised;
      total.deletedUnconfirmed += outcome.deleted.count;
    }
    return total;
  }
}
