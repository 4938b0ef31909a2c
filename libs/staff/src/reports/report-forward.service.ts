import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { ReportStatus, canTransition } from '@app/domain';
import { PhotoStorage } from '@app/photos';
import { ReportChangeListeners, ReportNotify, ReportRoute } from '@app/reports';
import { TenantResolver, TenantsService } from '@app/tenants';
import { StaffAudit } from '../audit/staff-audit.service';
import { StaffContext } from '../staff-context';
import { StaffReportsService } from './staff-reports.service';

/**
 * Hands a report to another tenant of the deployment (the neighbour is
 * responsible). Reading and writing across tenants goes through the audited
 * asSystem() helper, in ONE transaction: the copy in the target tenant, its
 * routing job, the source's status "forwarded" with its public note and mail,
 * and an audit entry in both tenants' logs (plus system_audit).
 */
@Injectable()
export class ReportForwardService {
  constructor(
    private readonly scope: TenantScope,
    private readonly tenant: TenantContext,
    private readonly tenants: TenantsService,
    private readonly resolver: TenantResolver,
    private readonly reports: StaffReportsService,
    private readonly staff: StaffContext,
    private readonly audit: StaffAudit,
    private readonly storage: PhotoStorage,
    private readonly listeners: ReportChangeListeners,
    private readonly language: RequestLanguage,
  ) {}

  async forward(reportId: string, targetSlug: string, note?: string): Promise<{ tenant: string; reportId: string; number: string }> {
    const language = this.language.current;
    const source = this.tenants.current();
    const target = await this.resolver.bySlug(targetSlug);
    if (!target || target.id === source.id) {
      throw fieldErrors([{ field: 'tenantSlug', code: 'unknown_tenant', message: { de: 'Unbekannte oder eigene Kommune', en: 'Unknown municipality, or this one' } }], language);
    }
    // Checks in the source tenant (RLS): the staff member may see the report, and may close it as forwarded.
    const checked = await this.scope.transaction(async () => {
      const report = await this.reports.lockOrThrow(reportId);
      if (!canTransition(report.status, ReportStatus.Forwarded)) {
        throw fieldErrors([{ field: 'status', code: 'transition_not_allowed', message: { de: 'Diese Meldung kann nicht weitergeleitet werden', en: 'This report cannot be forwarded' } }], language);
      }
      return report;
    });
    const principal = this.staff.principal;
    const actor = this.staff.actor;
    const copiedKeys: string[] = [];
    try {
      const created = await this.scope.asSystem(
        { actor, action: 'report.forward', tenantIds: [source.id, target.id], detail: { reportId, targetSlug } },
        async (manager) => {
          const [report] = await manager.query(
            `SELECT r.*, c.code AS category_code FROM reports r JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id
              WHERE r.tenant_id = $1 AND r.id = $2 FOR UPDATE OF r`,
            [source.id, reportId],
          );
          if (!report || report.status !== checked.status) throw fieldErrors([{ field: 'status', code: 'changed_meanwhile', message: { de: 'Die Meldung wurde inzwischen geändert', en: 'The report changed meanwhile' } }], language);
          const [category] = await manager.query(`SELECT id FROM categories WHERE tenant_id = $1 AND code = $2 AND active`, [target.id, report.category_code]);
          if (!category) {
            throw fieldErrors([{ field: 'tenantSlug', code: 'category_not_offered', message: { de: `${target.name} bietet die Kategorie „${report.category_code}“ nicht an`, en: `${target.name} does not offer the category "${report.category_code}"` } }], language);
          }
          const [copy] = await manager.query(
            `INSERT INTO reports (tenant_id, category_id, location, address, description, attributes, locale, source, confirmed_at, priority, forwarded_from_tenant_id, forwarded_from_report_id)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 'forwarded', now(), $8, $9, $10) RETURNING id, number::text AS number`,
            [target.id, category.id, report.location, report.address, report.description, JSON.stringify(report.attributes), report.locale, report.priority, source.id, reportId],
          );
          await manager.query(
            `INSERT INTO report_contacts (tenant_id, report_id, email, name, phone) SELECT $1, $2, email, name, phone FROM report_contacts WHERE tenant_id = $3 AND report_id = $4 AND anonymized_at IS NULL`,
            [target.id, copy.id, source.id, reportId],
          );
          await manager.query(`INSERT INTO report_history (tenant_id, report_id, status, note, actor) VALUES ($1, $2, 'received', $3, $4)`, [
            target.id, copy.id, `Weitergeleitet von ${source.name} (Meldung ${report.number}).${note?.trim() ? ` ${note.trim()}` : ''}`, `${actor} (${source.slug})`,
          ]);
          await this.copyPhotos(manager, source.id, reportId, target.id, copy.id, copiedKeys);
          await manager.query(
            `UPDATE reports SET status = 'forwarded', forwarded_to_tenant_id = $3, forwarded_to_report_id = $4, closed_at = coalesce(closed_at, now()),
                    first_response_at = coalesce(first_response_at, now()), updated_at = now() WHERE tenant_id = $1 AND id = $2`,
            [source.id, reportId, target.id, copy.id],
          );
          const [history] = await manager.query(
            `INSERT INTO report_history (tenant_id, report_id, status, note, actor) VALUES ($1, $2, 'forwarded', $3, $4) RETURNING id`,
            [source.id, reportId, `Zuständig ist ${target.name}; die Meldung wurde dorthin weitergeleitet (dort Nr. ${copy.number}).${note?.trim() ? ` ${note.trim()}` : ''}`, actor],
          );
          // The outbox is infrastructure (not tenant-isolated); the system connection writes both tenants' jobs in this transaction.
          await this.enqueue(manager, ReportRoute.name, ReportRoute.payload.parse({ tenantId: target.id, reportId: copy.id }));
          await this.enqueue(manager, ReportNotify.name, ReportNotify.payload.parse({ tenantId: source.id, reportId, kind: 'status', historyId: history.id }));
          const trail = { reportId, number: report.number, from: source.slug, to: target.slug, targetReportId: copy.id, targetNumber: copy.number };
          await this.audit.recordAs(source.id, { userId: principal.userId, name: actor }, { action: 'report.forward', targetType: 'report', targetId: reportId, before: { status: report.status }, after: { status: 'forwarded', forwardedTo: target.slug }, detail: trail }, manager);
          await this.audit.recordAs(target.id, { userId: null, name: `${actor} (${source.slug})` }, { action: 'report.forwarded_in', targetType: 'report', targetId: copy.id, detail: trail }, manager);
          return copy as { id: string; number: string };
        },
      );
      this.listeners.changed(source.id);
      this.listeners.changed(target.id);
      return { tenant: target.slug, reportId: created.id, number: created.number };
    } catch (error) {
      await Promise.all(copiedKeys.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error;
    }
  }

  private async enqueue(manager: EntityManager, jobName: string, payload: { tenantId: string }): Promise<void> {
    await manager.query(`INSERT INTO outbox (tenant_id, job_name, payload) VALUES ($1, $2, $3::jsonb)`, [payload.tenantId, jobName, JSON.stringify(payload)]);
  }

  /** Processed, visible photos are copied into the target tenant's folder (keys never cross tenants). */
  private async copyPhotos(manager: EntityManager, sourceId: string, reportId: string, targetId: string, copyId: string, copiedKeys: string[]): Promise<void> {
    const photos: Array<{ position: number; large_key: string; thumb_key: string; content_hash: string | null }> = await manager.query(
      `SELECT position, large_key, thumb_key, content_hash FROM report_photos WHERE tenant_id = $1 AND report_id = $2 AND state = 'ready' AND NOT hidden ORDER BY position`,
      [sourceId, reportId],
    );
    for (const photo of photos) {
      const large = await this.storage.get(photo.large_key);
      const thumb = await this.storage.get(photo.thumb_key);
      if (!large || !thumb) continue;
      const hash = createHash('sha256').update(large).digest('hex');
      const largeKey = `${targetId}/${hash}.webp`;
      const thumbKey = `${targetId}/${hash}-thumb.webp`;
      await this.storage.put(largeKey, large, 'image/webp');
      copiedKeys.push(largeKey);
      await this.storage.put(thumbKey, thumb, 'image/webp');
      copiedKeys.push(thumbKey);
      await manager.query(
        `INSERT INTO report_photos (tenant_id, report_id, position, state, large_key, thumb_key, content_hash) VALUES ($1, $2, $3, 'ready', $4, $5, $6)`,
        [targetId, copyId, photo.position, largeKey, thumbKey, hash],
      );
    }
  }
}
