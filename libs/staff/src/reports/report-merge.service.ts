import { Injectable } from '@nestjs/common';
import { OutboxWriter, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { ReportStatus, canTransition } from '@app/domain';
import { ReportChangeListeners, ReportNotify } from '@app/reports';
import { StaffAudit } from '../audit/staff-audit.service';
import { StaffContext } from '../staff-context';
import { ReportMergeRepository } from './report-merge.repository';
import { StaffReportsRepository } from './staff-reports.repository';
import { StaffReportsService } from './staff-reports.service';

/**
 * Marks a report as duplicate of an original and merges it: followers (and
 * the duplicate's reporter), photos and history move to the original, both
 * are linked (duplicate_of, and the original lists its duplicates), the
 * duplicate gets status "duplicate" and its reporter a mail saying where to
 * follow the matter.
 */
@Injectable()
export class ReportMergeService {
  constructor(
    private readonly scope: TenantScope,
    private readonly tenant: TenantContext,
    private readonly reports: StaffReportsService,
    private readonly repository: StaffReportsRepository,
    private readonly merge: ReportMergeRepository,
    private readonly staff: StaffContext,
    private readonly audit: StaffAudit,
    private readonly outbox: OutboxWriter,
    private readonly listeners: ReportChangeListeners,
    private readonly language: RequestLanguage,
  ) {}

  async mergeInto(duplicateId: string, originalId: string, note?: string): Promise<{ followers: number; photos: number; history: number }> {
    const language = this.language.current;
    const result = await this.scope.transaction(async () => {
      if (duplicateId === originalId) throw fieldErrors([{ field: 'originalId', code: 'same_report', message: { de: 'Eine Meldung ist kein Duplikat ihrer selbst', en: 'A report is not a duplicate of itself' } }], language);
      // Lock in id order so two merges of the same pair cannot deadlock.
      const [first, second] = [duplicateId, originalId].sort();
      const locked = new Map([[first, await this.reports.lockOrThrow(first)], [second, await this.reports.lockOrThrow(second)]]);
      const duplicate = locked.get(duplicateId)!;
      const original = locked.get(originalId)!;
      if (original.duplicateOf || original.status === ReportStatus.Duplicate) {
        throw fieldErrors([{ field: 'originalId', code: 'original_is_duplicate', message: { de: 'Die Zielmeldung ist selbst ein Duplikat', en: 'The target is itself a duplicate' } }], language);
      }
      if (!canTransition(duplicate.status, ReportStatus.Duplicate)) {
        throw fieldErrors([{ field: 'status', code: 'transition_not_allowed', message: { de: 'Diese Meldung kann nicht mehr als Duplikat markiert werden', en: 'This report can no longer be marked as duplicate' } }], language);
      }
      const tenantId = this.tenant.tenantId;
      const followers = await this.merge.moveFollowers(duplicateId, originalId);
      const reporterFollows = await this.merge.reporterFollows(tenantId, duplicateId, originalId);
      const photos = await this.merge.movePhotos(duplicateId, originalId);
      const history = await this.merge.moveHistory(duplicateId, originalId);
      await this.merge.markDuplicate(duplicateId, originalId);
      const actor = this.staff.actor;
      const duplicateHistory = await this.repository.addHistory({
        tenantId, reportId: duplicateId, status: ReportStatus.Duplicate, internal: false, actor,
        note: [`Duplikat von Meldung ${original.number}: Die Bearbeitung läuft dort weiter; Fotos, Verlauf und Folgende wurden übernommen.`, note?.trim()].filter(Boolean).join(' '),
      });
      await this.repository.addHistory({ tenantId, reportId: originalId, status: original.status, internal: false, actor, note: `Meldung ${duplicate.number} wurde als Duplikat hiermit zusammengeführt.` });
      await this.outbox.enqueue(ReportNotify, { tenantId, reportId: duplicateId, kind: 'status', historyId: duplicateHistory });
      const summary = { followers: followers + (reporterFollows ? 1 : 0), photos, history };
      await this.audit.record({ action: 'report.merge', targetType: 'report', targetId: duplicateId, before: { status: duplicate.status, duplicateOf: null }, after: { status: 'duplicate', duplicateOf: originalId }, detail: summary });
      await this.audit.record({ action: 'report.merge_into', targetType: 'report', targetId: originalId, detail: { duplicateId, ...summary } });
      return summary;
    });
    this.listeners.changed(this.tenant.tenantId);
    return result;
  }
}
