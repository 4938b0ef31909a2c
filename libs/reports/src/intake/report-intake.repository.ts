import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';

export interface NewReport {
  tenantId: string;
  categoryId: string;
  lon: number;
  lat: number;
  address?: string;
  description: string;
  attributes: Record<string, string | string[]>;
  locale: 'de' | 'en';
  source: 'web' | 'open311' | 'staff' | 'forwarded';
  clientId?: string;
  confirmed: boolean;
  ipHash?: string;
  forwardedFrom?: { tenantId: string };
  contact?: { email?: string; name?: string; phone?: string };
  photoUploadKeys: string[];
  historyNote: string | null;
}

/** SQL of report intake; always inside the tenant's transaction. */
@Injectable()
export class ReportIntakeRepository {
  constructor(private readonly scope: TenantScope) {}

  private get db(): EntityManager {
    return this.scope.manager;
  }

  /** Is the point inside one of the current tenant's municipality areas? */
  async coversPoint(lon: number, lat: number): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM areas WHERE kind = 'municipality' AND ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) LIMIT 1`,
      [lon, lat],
    );
    return rows.length > 0;
  }

  async pointOnArea(areaId: string): Promise<{ lon: number; lat: number } | null> {
    const rows = await this.db.query(`SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM areas WHERE id = $1) x`, [areaId]);
    return rows[0] ?? null;
  }

  async countRecentByIp(ipHash: string, withinMs: number): Promise<number> {
    const rows = await this.db.query(
      `SELECT count(*)::int AS n FROM reports WHERE ip_hash = $1 AND created_at > now() - make_interval(secs => $2::double precision / 1000)`,
      [ipHash, withinMs],
    );
    return rows[0].n;
  }

  async countRecentByEmail(email: string, withinMs: number): Promise<number> {
    const rows = await this.db.query(
      `SELECT count(*)::int AS n FROM report_contacts WHERE lower(email) = lower($1) AND created_at > now() - make_interval(secs => $2::double precision / 1000)`,
      [email, withinMs],
    );
    return rows[0].n;
  }

  async insert(report: NewReport): Promise<{ id: string; number: string; createdAt: Date }> {
    const [row] = await this.db.query(
      `INSERT INTO reports (tenant_id, category_id, location, address, description, attributes, locale, source, client_id, confirmed_at, ip_hash, forwarded_from_tenant_id)
       VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), $5, $6, $7::jsonb, $8, $9, $10, CASE WHEN $11 THEN now() END, $12, $13)
       RETURNING id, number::text AS number, created_at`,
      [report.tenantId, report.categoryId, report.lon, report.lat, report.address ?? null, report.description, JSON.stringify(report.attributes),
        report.locale, report.source, report.clientId ?? null, report.confirmed, report.ipHash ?? null, report.forwardedFrom?.tenantId ?? null],
    );
    if (report.contact && (report.contact.email || report.contact.name || report.contact.phone)) {
      await this.db.query(`INSERT INTO report_contacts (tenant_id, report_id, email, name, phone) VALUES ($1, $2, $3, $4, $5)`, [
        report.tenantId, row.id, report.contact.email ?? null, report.contact.name ?? null, report.contact.phone ?? null,
      ]);
    }
    await this.db.query(`INSERT INTO report_history (tenant_id, report_id, status, note) VALUES ($1, $2, 'received', $3)`, [report.tenantId, row.id, report.historyNote]);
    for (const [position, key] of report.photoUploadKeys.entries()) {
      await this.db.query(`INSERT INTO report_photos (tenant_id, report_id, position, upload_key) VALUES ($1, $2, $3, $4)`, [report.tenantId, row.id, position, key]);
    }
    return { id: row.id, number: row.number, createdAt: row.created_at };
  }

  /** Marks a pending report confirmed; false when it was confirmed already or does not exist. */
  async confirm(reportId: string): Promise<boolean> {
    const rows = await this.db.query(`WITH changed AS (UPDATE reports SET confirmed_at = now(), updated_at = now() WHERE id = $1 AND confirmed_at IS NULL RETURNING id) SELECT id FROM changed`, [reportId]);
    return rows.length > 0;
  }

  async exists(reportId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM reports WHERE id = $1`, [reportId])).length > 0;
  }
}
