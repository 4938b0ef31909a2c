import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { StaffAudit } from '../audit/staff-audit.service';
import { csvCell } from '../audit/staff-audit-browse.service';
import { hasPermission } from '../permissions';
import { InboxFilter } from '../reports/staff-report.types';
import { StaffReportsRepository } from '../reports/staff-reports.repository';
import { StaffReportsService } from '../reports/staff-reports.service';
import { StaffContext } from '../staff-context';

const BATCH = 500;
const COLUMNS = ['id', 'number', 'status', 'priority', 'category', 'department', 'area', 'created_at', 'updated_at', 'due_at', 'first_response_at', 'closed_at', 'overdue', 'lat', 'lon', 'address', 'description', 'hidden', 'duplicate_of', 'source'] as const;
const CONTACT_COLUMNS = ['contact_name', 'contact_email', 'contact_phone'] as const;

type ExportRow = Record<string, unknown>;

/**
 * CSV and GeoJSON export with the inbox filters, streamed in keyset batches
 * of 500 (each its own short transaction): memory stays flat whatever the
 * size. Contact columns only for roles with reports.contact.
 */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly scope: TenantScope,
    private readonly reports: StaffReportsService,
    private readonly repository: StaffReportsRepository,
    private readonly staff: StaffContext,
    private readonly audit: StaffAudit,
  ) {}

  private withContact(): boolean {
    return hasPermission(this.staff.principal.role, 'reports.contact');
  }

  private async *rows(filter: InboxFilter, contact: boolean): AsyncGenerator<ExportRow[]> {
    const scope = this.reports.reportScope();
    // The keyset holds created_at as text: a JS Date would cut PostgreSQL's microseconds and repeat rows.
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const batch: ExportRow[] = await this.scope.transaction(async () => {
        const sql = this.repository.filterSql(filter, scope);
        if (after) sql.add(`(r.created_at, r.id) > (${sql.param(after.createdAt)}::timestamptz, ${sql.param(after.id)}::uuid)`);
        const now = sql.param(scope.now);
        return this.scope.manager.query(
          `SELECT r.id, r.created_at::text AS cursor_at, r.number::text AS number, r.status, r.priority, c.code AS category, d.name AS department, a.name AS area,
                  r.created_at, r.updated_at, r.due_at, r.first_response_at, r.closed_at,
                  (r.is_open AND r.first_response_at IS NULL AND r.due_at IS NOT NULL AND r.due_at < ${now}::timestamptz) AS overdue,
                  ST_Y(r.location) AS lat, ST_X(r.location) AS lon, r.address, r.description, r.hidden, r.duplicate_of, r.source
                  ${contact ? ', rc.name AS contact_name, rc.email AS contact_email, rc.phone AS contact_phone' : ''}
             FROM reports r
             JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id
             LEFT JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id
             LEFT JOIN areas a ON a.tenant_id = r.tenant_id AND a.id = r.area_id
             ${contact ? 'LEFT JOIN report_contacts rc ON rc.tenant_id = r.tenant_id AND rc.report_id = r.id AND rc.anonymized_at IS NULL' : ''}
            WHERE ${sql.where} ORDER BY r.created_at, r.id LIMIT ${sql.param(BATCH)}`,
          sql.params,
        );
      });
      if (batch.length === 0) return;
      yield batch;
      const last = batch[batch.length - 1];
      after = { createdAt: last.cursor_at as string, id: last.id as string };
      if (batch.length < BATCH) return;
    }
  }

  private async recordExport(format: string, filter: InboxFilter, contact: boolean): Promise<void> {
    await this.scope.transaction(() => this.audit.record({ action: 'reports.export', targetType: 'reports', detail: { format, filter, contact } }));
  }

  async *csv(filter: InboxFilter): AsyncGenerator<string> {
    const contact = this.withContact();
    await this.recordExport('csv', filter, contact);
    const columns: readonly string[] = contact ? [...COLUMNS, ...CONTACT_COLUMNS] : COLUMNS;
    yield `\uFEFF${columns.join(',')}\n`;
    for await (const batch of this.rows(filter, contact)) {
      yield batch.map((row) => `${columns.map((column) => csvCell(row[column])).join(',')}\n`).join('');
    }
  }

  async *geojson(filter: InboxFilter): AsyncGenerator<string> {
    const contact = this.withContact();
    await this.recordExport('geojson', filter, contact);
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for await (const batch of this.rows(filter, contact)) {
      const features = batch.map((row) => {
        const { lat, lon, cursor_at: _cursor, ...properties } = row;
        return JSON.stringify({ type: 'Feature', id: row.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
      });
      yield `${first ? '' : ','}${features.join(',')}`;
      first = false;
    }
    yield ']}\n';
  }
}
