import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_DATA_SOURCE, JobHandler, OutboxWriter, PayloadOf, StuckWorkSweep, Sweep, TenantScope } from '@app/core';
import { BudgetCycleAdvance } from '../budget.jobs';
import { CyclesService } from './cycles.service';

/** Runs a scheduled phase change; re-reads the cycle and the clock, so a late or repeated job changes nothing twice. */
@Injectable()
export class BudgetPhaseProcessor {
  private readonly logger = new Logger(BudgetPhaseProcessor.name);

  constructor(private readonly cycles: CyclesService) {}

  @JobHandler(BudgetCycleAdvance)
  async advance(payload: PayloadOf<typeof BudgetCycleAdvance>): Promise<void> {
    const entered = await this.cycles.advanceIfDue(payload.cycleId);
    if (entered.length > 0) this.logger.log(`cycle ${payload.cycleId} entered ${entered.join(' → ')}`);
  }
}

/**
 * The phase schedule: on every sweep tick, each tenant's cycles whose next
 * phase is due get a BudgetCycleAdvance job through the outbox.
 */
@Injectable()
@Sweep('budget-phases')
export class BudgetPhaseSweep implements StuckWorkSweep {
  constructor(
    private readonly scope: TenantScope,
    private readonly cycles: CyclesService,
    private readonly outbox: OutboxWriter,
    @Inject(APP_DATA_SOURCE) private readonly db: DataSource,
  ) {}

  async sweep(): Promise<number> {
    const tenants: Array<{ id: string }> = await this.db.query(`SELECT id FROM tenants`);
    let count = 0;
    for (const tenant of tenants) {
      count += await this.scope.withTenant(tenant.id, async () => {
        const due = await this.cycles.dueCycles();
        for (const cycleId of due) await this.outbox.enqueue(BudgetCycleAdvance, { tenantId: tenant.id, cycleId });
        return due.length;
      });
    }
    return count;
  }
}
