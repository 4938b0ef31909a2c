import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_DATA_SOURCE, OutboxWriter, StuckWorkSweep, Sweep, TenantScope } from '@app/core';
import { ReportEscalate } from '../staff.jobs';
import { Clock } from './clock';
import { EscalationRepository } from './escalation.repository';

/**
 * The periodic trigger of escalation: runs with the worker's sweeps (every
 * SWEEP_INTERVAL_MS), finds reports past their first-response target by the
 * injected Clock, marks them escalated and enqueues ReportEscalate in the same
 * transaction — so each due date escalates once, and a lost job is not lost
 * (the outbox row commits with the mark).
 */
@Injectable()
@Sweep('report-escalation')
export class ReportEscalationSweep implements StuckWorkSweep {
  constructor(
    private readonly scope: TenantScope,
    private readonly escalations: EscalationRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(APP_DATA_SOURCE) private readonly db: DataSource,
  ) {}

  async sweep(): Promise<number> {
    const now = this.clock.now();
    const tenants: Array<{ id: string }> = await this.db.query(`SELECT id FROM tenants`);
    let count = 0;
    for (const tenant of tenants) {
      count += await this.scope.withTenant(tenant.id, async () => {
        const due = await this.escalations.claimOverdue(now);
        for (const report of due) await this.outbox.enqueue(ReportEscalate, { tenantId: tenant.id, reportId: report.id, dueAt: new Date(report.dueAt).toISOString() });
        return due.length;
      });
    }
    return count;
  }
}
