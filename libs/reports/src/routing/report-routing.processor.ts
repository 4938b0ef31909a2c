import { Injectable } from '@nestjs/common';
import { JobHandler, OutboxWriter, PayloadOf, TenantScope } from '@app/core';
import { addWorkingHours, decideResponsibility } from '@app/domain';
import { ReportChangeListeners } from '../report-change-listeners';
import { ReportNotify, ReportRoute } from '../report.jobs';
import { ReportRoutingRepository } from './report-routing.repository';

/**
 * Routes a confirmed report to its department. Idempotent: the report row is
 * locked and a routed report is left alone, so a redelivered job is a no-op.
 */
@Injectable()
export class ReportRoutingProcessor {
  constructor(
    private readonly scope: TenantScope,
    private readonly routing: ReportRoutingRepository,
    private readonly outbox: OutboxWriter,
    private readonly listeners: ReportChangeListeners,
  ) {}

  @JobHandler(ReportRoute)
  async route(payload: PayloadOf<typeof ReportRoute>): Promise<void> {
    const routed = await this.scope.transaction(async () => {
      const report = await this.routing.lockForRouting(payload.reportId);
      if (!report || report.routed || !report.confirmed) return false;
      const coveringAreas = await this.routing.coveringAreas(report.lon, report.lat);
      const { rules, departmentNames } = await this.routing.rulesFor(report.categoryId);
      const decision = decideResponsibility({ categoryId: report.categoryId, categoryName: report.categoryName, coveringAreas, rules, departmentNames });
      const department = decision.departmentId ? departmentNames.get(decision.departmentId) : null;
      await this.routing.recordRouting({
        tenantId: payload.tenantId,
        reportId: report.id,
        departmentId: decision.departmentId,
        areaId: decision.areaId,
        reason: decision.reason.de,
        // Service-level targets count working hours in the tenant's time zone.
        dueAt: report.firstResponseHours ? addWorkingHours(new Date(), report.firstResponseHours, report.timeZone) : null,
        publicNote: department ? `Zuständig: ${department}` : 'Die Leitstelle prüft die Zuständigkeit.',
        actor: 'routing',
      });
      if (decision.departmentId) await this.outbox.enqueue(ReportNotify, { ...payload, kind: 'department' });
      return true;
    });
    if (routed) this.listeners.changed(payload.tenantId);
  }
}
