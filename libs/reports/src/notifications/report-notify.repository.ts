import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { ReportStatus } from '@app/domain';

export interface NotifyFacts {
  id: string;
  number: string;
  tenantSlug: string;
  tenantName: string;
  locale: 'de' | 'en';
  categoryName: { de: string; en: string };
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  status: ReportStatus;
  routingReason: string | null;
  department: { name: string; email: string } | null;
  reporterEmail: string | null;
}

/** Reads what the e-mails need, at send time (recipients are never in job payloads). */
@Injectable()
export class ReportNotifyRepository {
  constructor(private readonly scope: TenantScope) {}

  async facts(reportId: string): Promise<NotifyFacts | null> {
    const rows = await this.scope.manager.query(
      `SELECT r.id, r.number::text AS number, t.slug, t.name AS tenant_name, r.locale, c.name_de, c.name_en, r.description, r.address,
              ST_Y(r.location) AS lat, ST_X(r.location) AS lon, r.status, r.routing_reason, d.name AS department_name, d.email AS department_email,
              rc.email AS reporter_email
         FROM reports r
         JOIN tenants t ON t.id = r.tenant_id
         JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id
         LEFT JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id
         LEFT JOIN report_contacts rc ON rc.tenant_id = r.tenant_id AND rc.report_id = r.id AND rc.anonymized_at IS NULL
        WHERE r.id = $1`,
      [reportId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      number: row.number,
      tenantSlug: row.slug,
      tenantName: row.tenant_name,
      locale: row.locale,
      categoryName: { de: row.name_de, en: row.name_en },
      description: row.description,
      address: row.address,
      lat: row.lat,
      lon: row.lon,
      status: row.status,
      routingReason: row.routing_reason,
      department: row.department_name ? { name: row.department_name, email: row.department_email } : null,
      reporterEmail: row.reporter_email,
    };
  }

  async historyEntry(historyId: string): Promise<{ status: ReportStatus; note: string | null; internal: boolean } | null> {
    const rows = await this.scope.manager.query(`SELECT status, note, internal FROM report_history WHERE id = $1`, [historyId]);
    return rows[0] ?? null;
  }

  async confirmedFollowers(reportId: string): Promise<Array<{ id: string; email: string; locale: 'de' | 'en' }>> {
    return this.scope.manager.query(
      `SELECT id, email, locale FROM report_followers WHERE report_id = $1 AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL`,
      [reportId],
    );
  }

  async follower(followerId: string): Promise<{ id: string; email: string; locale: 'de' | 'en' } | null> {
    const rows = await this.scope.manager.query(`SELECT id, email, locale FROM report_followers WHERE id = $1`, [followerId]);
    return rows[0] ?? null;
  }
}
