import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';
import { CoveringArea, ResponsibilityRule } from '@app/domain';

export interface RoutableReport {
  id: string;
  timeZone: string;
  categoryId: string;
  categoryName: string;
  firstResponseHours: number | null;
  routed: boolean;
  confirmed: boolean;
  lon: number;
  lat: number;
}

@Injectable()
export class ReportRoutingRepository {
  constructor(private readonly scope: TenantScope) {}

  private get db(): EntityManager {
    return this.scope.manager;
  }

  /** Locks the report so two deliveries of the same job cannot both route it. */
  async lockForRouting(reportId: string): Promise<RoutableReport | null> {
    const rows = await this.db.query(
      `SELECT r.id, t.time_zone, r.category_id, c.name_de, c.first_response_hours, r.routed_at IS NOT NULL AS routed, r.confirmed_at IS NOT NULL AS confirmed,
              ST_X(r.location) AS lon, ST_Y(r.location) AS lat
         FROM reports r JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id JOIN tenants t ON t.id = r.tenant_id
        WHERE r.id = $1 FOR UPDATE OF r`,
      [reportId],
    );
    const row = rows[0];
    return row
      ? { id: row.id, timeZone: row.time_zone, categoryId: row.category_id, categoryName: row.name_de, firstResponseHours: row.first_response_hours, routed: row.routed, confirmed: row.confirmed, lon: row.lon, lat: row.lat }
      : null;
  }

  /** Areas covering the point, via the GiST index (ST_Covers counts the border as inside). */
  async coveringAreas(lon: number, lat: number): Promise<CoveringArea[]> {
    return this.db.query(
      `SELECT id, name, kind FROM areas WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY ST_Area(geom)`,
      [lon, lat],
    );
  }

  async rulesFor(categoryId: string): Promise<{ rules: ResponsibilityRule[]; departmentNames: Map<string, string> }> {
    const rows: Array<{ area_id: string | null; department_id: string; name: string }> = await this.db.query(
      `SELECT r.area_id, r.department_id, d.name FROM responsibility_rules r JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id
        WHERE r.category_id = $1 AND d.active`,
      [categoryId],
    );
    return {
      rules: rows.map((row) => ({ categoryId, areaId: row.area_id, departmentId: row.department_id })),
      departmentNames: new Map(rows.map((row) => [row.department_id, row.name])),
    };
  }

  async recordRouting(input: { tenantId: string; reportId: string; departmentId: string | null; areaId: string | null; reason: string; dueAt: Date | null; publicNote: string; actor: string }): Promise<string> {
    await this.db.query(
      `UPDATE reports SET department_id = $2, area_id = $3, routing_reason = $4, routed_at = now(), status = CASE WHEN status = 'received' THEN 'in_review' ELSE status END,
              due_at = $5, updated_at = now()
        WHERE id = $1`,
      [input.reportId, input.departmentId, input.areaId, input.reason, input.dueAt],
    );
    const [history] = await this.db.query(
      `INSERT INTO report_history (tenant_id, report_id, status, note, actor) SELECT $1, id, status, $3, $4 FROM reports WHERE id = $2 RETURNING id`,
      [input.tenantId, input.reportId, input.publicNote, input.actor],
    );
    return history.id;
  }

  /** Confirmed reports that waited too long for routing (a lost job): re-enqueue them. */
  async unroutedBefore(before: Date, limit = 500): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT id FROM reports WHERE routed_at IS NULL AND confirmed_at IS NOT NULL AND confirmed_at < $1 ORDER BY created_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((row: { id: string }) => row.id);
  }
}
