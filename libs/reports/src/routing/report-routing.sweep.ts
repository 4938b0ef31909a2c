import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_DATA_SOURCE, OutboxWriter, StuckWorkSweep, Sweep, TenantScope } from '@app/core';
import { ReportRoute } from '../report.jobs';
import { ReportRoutingRepository } from './report-routing.repository';

/** Re-enqueues routing for confirmed reports that are still unrouted after the stuck time. */
@Injectable()
@Sweep('report-routing')
export class ReportRoutingSweep implements StuckWorkSweep {
  constructor(
    private readonly scope: TenantScope,
    private readonly routing: ReportRoutingRepository,
    private readonly outbox: OutboxWriter,
    @Inject(APP_DATA_SOURCE) private readonly db: DataSource,
  ) {}

  async sweep(stuckBefore: Date): Promise<number> {
    // The tenant registry is public; the work itself runs inside each tenant.
    const tenants: Array<{ id: string }> = await this.db.query(`SELECT id FROM tenants`);
    let count = 0;
    for (const tenant of tenants) {
      count += await this.scope.withTenant(tenant.id, async () => {
        const ids = await this.routing.unroutedBefore(stuckBefore);
        for (const reportId of ids) await this.outbox.enqueue(ReportRoute, { tenantId: tenant.id, reportId });
        return ids.length;
      });
    }
    return count;
  }
}
