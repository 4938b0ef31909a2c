import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { TenantsService } from '@app/tenants';
import { Clock } from '../sla/clock';
import { StaffContext } from '../staff-context';
import { CountDimension, StaffStatsRepository } from './staff-stats.repository';

export const BACKLOG_BUCKETS = ['0-2d', '3-7d', '8-30d', '31-90d', '>90d'] as const;

/** Statistics as JSON for charts; department staff see their departments' figures. */
@Injectable()
export class StaffStatsService {
  constructor(
    private readonly scope: TenantScope,
    private readonly stats: StaffStatsRepository,
    private readonly staff: StaffContext,
    private readonly tenants: TenantsService,
    private readonly clock: Clock,
  ) {}

  private range(from?: Date, to?: Date) {
    const principal = this.staff.principal;
    return { from, to, departmentIds: principal.role === 'department' ? principal.departmentIds : null };
  }

  async counts(by: CountDimension, from?: Date, to?: Date) {
    const items = await this.scope.transaction(() => this.stats.counts(by, this.range(from, to), this.tenants.current().timeZone));
    return { by, from: from ?? null, to: to ?? null, total: items.reduce((sum, item) => sum + item.count, 0), items };
  }

  async responseTimes(from?: Date, to?: Date) {
    const departments = await this.scope.transaction(() => this.stats.responseTimes(this.range(from, to)));
    return { from: from ?? null, to: to ?? null, departments };
  }

  async backlog() {
    const rows = await this.scope.transaction(() => this.stats.backlog(this.range(), this.clock.now()));
    const buckets = BACKLOG_BUCKETS.map((bucket) => {
      const inBucket = rows.filter((row) => row.bucket === bucket);
      return { bucket, count: inBucket.reduce((sum, row) => sum + row.count, 0), overdue: inBucket.reduce((sum, row) => sum + row.overdue, 0) };
    });
    return { at: this.clock.now(), buckets, byDepartment: rows };
  }
}
