import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { OutboxWriter, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { REASON_REQUIRED, ReportStatus, STATUS_LABELS, canTransition, decideResponsibility } from '@app/domain';
import { ReportChangeListeners, ReportNotify } from '@app/reports';
import { StaffAudit } from '../audit/staff-audit.service';
import { hasPermission } from '../permissions';
import { Clock } from '../sla/clock';
import { addWorkingHours } from '@app/domain';
import { StaffContext } from '../staff-context';
import { InboxFilter, InboxItem, InboxSort, ReportScope } from './staff-report.types';
import { LockedReport, StaffReportsRepository } from './staff-reports.repository';

export interface RespondInput {
  status?: ReportStatus;
  note?: string;
  templateId?: string;
}

export interface BulkInput {
  ids: string[];
  action: 'status' | 'assign';
  status?: ReportStatus;
  note?: string;
  templateId?: string;
  departmentId?: string;
}

/**
 * Triage and department work on reports. Every change runs in one tenant
 * transaction with its history row, its audit entry and (for public changes)
 * its ReportNotify outbox row; the map cache hears about it after commit.
 */
@Injectable()
export class StaffReportsService {
  constructor(
    private readonly scope: TenantScope,
    private readonly tenant: TenantContext,
    private readonly reports: StaffReportsRepository,
    private readonly staff: StaffContext,
    private readonly audit: StaffAudit,
    private readonly outbox: OutboxWriter,
    private readonly listeners: ReportChangeListeners,
    private readonly clock: Clock,
    private readonly language: RequestLanguage,
  ) {}

  /** Department staff see their departments' reports; everyone else every report of the tenant. */
  reportScope(): ReportScope {
    const principal = this.staff.principal;
    return { departmentIds: principal.role === 'department' ? principal.departmentIds : null, now: this.clock.now() };
  }

  async list(filter: InboxFilter, sort: InboxSort, page: number, pageSize: number): Promise<{ total: number; page: number; pageSize: number; items: InboxItem[] }> {
    const result = await this.scope.transaction(() => this.reports.list(filter, this.reportScope(), sort, { offset: (page - 1) * pageSize, limit: pageSize }));
    return { total: result.total, page, pageSize, items: result.items };
  }

  async mapData(filter: InboxFilter): Promise<{ items: Array<{ id: string; lat: number; lon: number; status: ReportStatus; overdue: boolean }>; truncated: boolean }> {
    const limit = 5000;
    const items = await this.scope.transaction(() => this.reports.mapPoints(filter, this.reportScope(), limit + 1));
    return { items: items.slice(0, limit), truncated: items.length > limit };
  }

  async detail(id: string): Promise<Record<string, unknown>> {
    const principal = this.staff.principal;
    return this.scope.transaction(async () => {
      const row = await this.reports.detail(id, this.reportScope());
      if (!row) throw this.notFound();
      const contact = hasPermission(principal.role, 'reports.contact') ? await this.reports.contact(id) : undefined;
      const photos = await this.reports.photos(id);
      return {
        id: row.id,
        number: row.number,
        status: row.status,
        isOpen: row.is_open,
        priority: row.priority,
        category: { id: row.category_id, code: row.category_code, name: { de: row.category_name_de, en: row.category_name_en } },
        department: row.department_id ? { id: row.department_id, name: row.department_name } : null,
        area: row.area_id ? { id: row.area_id, name: row.area_name } : null,
        routing: { reason: row.routing_reason, routedAt: row.routed_at, departmentId: row.department_id },
        description: row.description,
        descriptionOriginal: hasPermission(principal.role, 'reports.moderation_original') ? row.description_original : undefined,
        moderatedAt: row.moderated_at,
        attributes: row.attributes,
        address: row.address,
        lat: row.lat,
        lon: row.lon,
        locale: row.locale,
        source: row.source,
        hidden: row.hidden,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        closedAt: row.closed_at,
        dueAt: row.due_at,
        firstResponseAt: row.first_response_at,
        overdue: row.overdue,
        escalatedAt: row.escalated_at,
        contact: contact === undefined ? undefined : contact ?? { email: null, name: null, phone: null, anonymizedAt: null },
        history: await this.reports.history(id),
        photos: photos.map((photo) => ({ id: photo.id, position: photo.position, state: photo.state, hidden: photo.hidden, blurred: photo.blurred, thumb: photo.thumbKey?.split('/')[1] ?? null, large: photo.largeKey?.split('/')[1] ?? null })),
        followers: await this.reports.followerCount(id),
        duplicateOf: row.duplicate_of,
        duplicates: await this.reports.duplicates(id),
        forwardedTo: row.forwarded_to_tenant_id ? { tenant: row.forwarded_to_slug, reportId: row.forwarded_to_report_id } : null,
        forwardedFrom: row.forwarded_from_tenant_id ? { tenant: row.forwarded_from_slug, reportId: row.forwarded_from_report_id } : null,
      };
    });
  }

  notFound(): NotFoundException {
    return new NotFoundException({ statusCode: 404, message: this.language.current === 'de' ? 'Meldung nicht gefunden' : 'Report not found' });
  }

  async lockOrThrow(id: string): Promise<LockedReport> {
    const report = await this.reports.lock(id, this.reportScope());
    if (!report) throw this.notFound();
    return report;
  }

  private changed(): void {
    this.listeners.changed(this.tenant.tenantId);
  }

  /**
   * A public reply and/or a status change. A template gives the text and the
   * target status; explicit fields win. Reporter and followers are mailed
   * (ReportNotify 'status' with the history id, same transaction).
   */
  async respond(id: string, input: RespondInput): Promise<{ historyId: string; status: ReportStatus }> {
    const result = await this.scope.transaction(() => this.respondInTransaction(id, input, 'report.respond'));
    this.changed();
    return result;
  }

  private async respondInTransaction(id: string, input: RespondInput, action: string): Promise<{ historyId: string; status: ReportStatus }> {
    const language = this.language.current;
    const report = await this.lockOrThrow(id);
    let note = input.note?.trim() || undefined;
    let status = input.status;
    let templateName: string | undefined;
    if (input.templateId) {
      const template = await this.reports.template(input.templateId);
      if (!template) throw fieldErrors([{ field: 'templateId', code: 'unknown_template', message: { de: 'Unbekannte Antwortvorlage', en: 'Unknown reply template' } }], language);
      note ??= template.body;
      status ??= template.status ?? undefined;
      templateName = template.name;
    }
    status ??= report.status;
    if (status === ReportStatus.Duplicate) {
      throw fieldErrors([{ field: 'status', code: 'use_merge', message: { de: 'Duplikate bitte über „Zusammenführen“ markieren', en: 'Mark duplicates with the merge action' } }], language);
    }
    if (status !== report.status && !canTransition(report.status, status)) {
      throw fieldErrors([{
        field: 'status',
        code: 'transition_not_allowed',
        message: { de: `Von „${STATUS_LABELS[report.status].de}“ nicht nach „${STATUS_LABELS[status].de}“ möglich`, en: `Cannot go from "${STATUS_LABELS[report.status].en}" to "${STATUS_LABELS[status].en}"` },
      }], language);
    }
    if (REASON_REQUIRED.has(status) && status !== report.status && !note) {
      throw fieldErrors([{ field: 'note', code: 'reason_required', message: { de: 'Für diesen Status ist eine Begründung nötig', en: 'This status needs a reason' } }], language);
    }
    if (status === report.status && !note) {
      throw fieldErrors([{ field: 'note', code: 'nothing_to_send', message: { de: 'Bitte einen Text oder einen neuen Status angeben', en: 'Give a text or a new status' } }], language);
    }
    const tenantId = this.tenant.tenantId;
    await this.reports.setStatus(id, status, true);
    const historyId = await this.reports.addHistory({ tenantId, reportId: id, status, note: note ?? null, internal: false, actor: this.staff.actor });
    await this.outbox.enqueue(ReportNotify, { tenantId, reportId: id, kind: 'status', historyId });
    await this.audit.record({ action, targetType: 'report', targetId: id, before: { status: report.status }, after: { status, note: note ?? null, templateId: input.templateId ?? null, template: templateName ?? null }, detail: { historyId } });
    return { historyId, status };
  }

  /** Internal note: in the history for staff only, never mailed or public. */
  async addNote(id: string, note: string): Promise<{ historyId: string }> {
    return this.scope.transaction(async () => {
      const report = await this.lockOrThrow(id);
      const historyId = await this.reports.addHistory({ tenantId: this.tenant.tenantId, reportId: id, status: report.status, note, internal: true, actor: this.staff.actor });
      await this.audit.record({ action: 'report.note', targetType: 'report', targetId: id, after: { note }, detail: { historyId } });
      return { historyId };
    });
  }

  async setPriority(id: string, priority: number): Promise<void> {
    await this.scope.transaction(async () => {
      const report = await this.lockOrThrow(id);
      if (report.priority === priority) return;
      await this.reports.setPriority(id, priority);
      await this.audit.record({ action: 'report.priority', targetType: 'report', targetId: id, before: { priority: report.priority }, after: { priority } });
    });
  }

  /**
   * New category and/or area: decide responsibility again (same rules as the
   * routing job), with a public history note, a new due date and a mail to
   * the new department.
   */
  async reroute(id: string, input: { categoryId?: string; areaId?: string }): Promise<{ departmentId: string | null; reason: string }> {
    const language = this.language.current;
    const result = await this.scope.transaction(async () => {
      const report = await this.lockOrThrow(id);
      const categoryId = input.categoryId ?? report.categoryId;
      const category = await this.reports.category(categoryId);
      if (!category) throw fieldErrors([{ field: 'categoryId', code: 'unknown_category', message: { de: 'Unbekannte Kategorie', en: 'Unknown category' } }], language);
      if (input.areaId && !(await this.reports.areaExists(input.areaId))) {
        throw fieldErrors([{ field: 'areaId', code: 'unknown_area', message: { de: 'Unbekanntes Gebiet', en: 'Unknown area' } }], language);
      }
      const previousCategory = await this.reports.category(report.categoryId);
      const coveringAreas = await this.reports.coveringAreas(report, input.areaId ?? null);
      const rules = await this.reports.rulesFor(categoryId);
      const decision = decideResponsibility({
        categoryId,
        categoryName: category.name,
        coveringAreas,
        rules: rules.map((rule) => ({ categoryId, areaId: rule.areaId, departmentId: rule.departmentId })),
        departmentNames: new Map(rules.map((rule) => [rule.departmentId, rule.name])),
      });
      const areaId = input.areaId ?? decision.areaId;
      const timeZone = await this.reports.tenantTimeZone();
      const dueAt = category.firstResponseHours && report.firstResponseAt === null ? addWorkingHours(this.clock.now(), category.firstResponseHours, timeZone) : null;
      await this.reports.setRouting(id, { categoryId, areaId, departmentId: decision.departmentId, reason: decision.reason.de, dueAt });
      const department = rules.find((rule) => rule.departmentId === decision.departmentId)?.name;
      const changes = [
        categoryId !== report.categoryId ? `Kategorie geändert: ${previousCategory?.name} → ${category.name}.` : null,
        input.areaId && input.areaId !== report.areaId ? 'Ort/Gebiet korrigiert.' : null,
        department ? `Zuständig: ${department}.` : 'Die Leitstelle prüft die Zuständigkeit.',
      ].filter(Boolean);
      const tenantId = this.tenant.tenantId;
      const historyId = await this.reports.addHistory({ tenantId, reportId: id, status: report.status, note: changes.join(' '), internal: false, actor: this.staff.actor });
      if (decision.departmentId) await this.outbox.enqueue(ReportNotify, { tenantId, reportId: id, kind: 'department' });
      await this.audit.record({
        action: 'report.reroute', targetType: 'report', targetId: id,
        before: { categoryId: report.categoryId, areaId: report.areaId, departmentId: report.departmentId },
        after: { categoryId, areaId, departmentId: decision.departmentId, reason: decision.reason.de, dueAt }, detail: { historyId },
      });
      return { departmentId: decision.departmentId, reason: decision.reason.de };
    });
    this.changed();
    return result;
  }

  /** Hand a report to another department by hand, with a public note and a mail to the department. */
  async assign(id: string, departmentId: string, note?: string): Promise<void> {
    await this.scope.transaction(() => this.assignInTransaction(id, departmentId, note));
    this.changed();
  }

  private async assignInTransaction(id: string, departmentId: string, note?: string): Promise<void> {
    const report = await this.lockOrThrow(id);
    const department = await this.reports.department(departmentId);
    if (!department) throw fieldErrors([{ field: 'departmentId', code: 'unknown_department', message: { de: 'Unbekannte oder inaktive Abteilung', en: 'Unknown or inactive department' } }], this.language.current);
    if (report.departmentId === departmentId) return;
    const tenantId = this.tenant.tenantId;
    const reason = `Von Hand zugewiesen: ${department.name}.`;
    await this.reports.setDepartment(id, departmentId, reason);
    const historyId = await this.reports.addHistory({ tenantId, reportId: id, status: report.status, note: [`Zuständig: ${department.name}.`, note?.trim()].filter(Boolean).join(' '), internal: false, actor: this.staff.actor });
    await this.outbox.enqueue(ReportNotify, { tenantId, reportId: id, kind: 'department' });
    await this.audit.record({ action: 'report.assign', targetType: 'report', targetId: id, before: { departmentId: report.departmentId }, after: { departmentId }, detail: { historyId, note: note ?? null } });
  }

  /**
   * The same change on many reports in one transaction. Checks that refuse a
   * single report (not found, transition not allowed) are reported per id and
   * do not stop the others.
   */
  async bulk(input: BulkInput): Promise<{ results: Array<{ id: string; ok: boolean; error?: unknown }> }> {
    if (input.action === 'assign' && !input.departmentId) {
      throw fieldErrors([{ field: 'departmentId', code: 'required', message: { de: 'Pflichtfeld', en: 'This field is required' } }], this.language.current);
    }
    if (input.action === 'status' && !input.status && !input.templateId) {
      throw fieldErrors([{ field: 'status', code: 'required', message: { de: 'Status oder Vorlage angeben', en: 'Give a status or a template' } }], this.language.current);
    }
    const results = await this.scope.transaction(async () => {
      const out: Array<{ id: string; ok: boolean; error?: unknown }> = [];
      for (const id of [...new Set(input.ids)]) {
        try {
          if (input.action === 'assign') await this.assignInTransaction(id, input.departmentId!, input.note);
          else await this.respondInTransaction(id, { status: input.status, note: input.note, templateId: input.templateId }, 'report.respond');
          out.push({ id, ok: true });
        } catch (error) {
          if (error instanceof BadRequestException || error instanceof NotFoundException) out.push({ id, ok: false, error: error.getResponse() });
          else throw error;
        }
      }
      // Only the reports that changed: ids that were refused may not even exist here (or be another tenant's).
      await this.audit.record({ action: 'report.bulk', targetType: 'report', detail: { action: input.action, ids: out.filter((r) => r.ok).map((r) => r.id), refused: out.filter((r) => !r.ok).length } });
      return out;
    });
    this.changed();
    return { results };
  }
}
