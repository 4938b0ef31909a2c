import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';
import { CoveringArea, ReportStatus } from '@app/domain';
import { InboxFilter, InboxItem, InboxSort, ReportScope } from './staff-report.types';

const SORT_SQL: Record<InboxSort, string> = {
  created: 'r.created_at ASC, r.id',
  '-created': 'r.created_at DESC, r.id DESC',
  due: 'r.due_at ASC NULLS LAST, r.id',
  '-due': 'r.due_at DESC NULLS LAST, r.id DESC',
  priority: 'r.priority ASC, r.created_at, r.id',
  '-priority': 'r.priority DESC, r.created_at, r.id',
  updated: 'r.updated_at ASC, r.id',
  '-updated': 'r.updated_at DESC, r.id DESC',
};

export const OVERDUE_SQL = (nowParam: string) => `(r.is_open AND r.first_response_at IS NULL AND r.due_at IS NOT NULL AND r.due_at < ${nowParam})`;

export interface LockedReport {
  id: string;
  number: string;
  status: ReportStatus;
  categoryId: string;
  areaId: string | null;
  departmentId: string | null;
  priority: number;
  description: string;
  descriptionOriginal: string | null;
  hidden: boolean;
  duplicateOf: string | null;
  lon: number;
  lat: number;
  firstResponseAt: Date | null;
}

/** Builds WHERE clauses with numbered parameters. */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(clause: string): void {
    this.clauses.push(clause);
  }

  get where(): string {
    return this.clauses.length ? this.clauses.join(' AND ') : 'true';
  }
}

/** The staff view of reports; every query runs in the tenant's transaction (RLS). */
@Injectable()
export class StaffReportsRepository {
  constructor(private readonly scope: TenantScope) {}

  private get db(): EntityManager {
    return this.scope.manager;
  }

  filterSql(filter: InboxFilter, scope: ReportScope): SqlFilter {
    const sql = new SqlFilter();
    sql.add('r.confirmed_at IS NOT NULL');
    if (scope.departmentIds) sql.add(`r.department_id = ANY(${sql.param(scope.departmentIds)}::uuid[])`);
    if (filter.status?.length) sql.add(`r.status = ANY(${sql.param(filter.status)}::text[])`);
    if (filter.categoryId) sql.add(`r.category_id = ${sql.param(filter.categoryId)}`);
    if (filter.areaId) sql.add(`(r.area_id = ${sql.param(filter.areaId)} OR r.area_id IN (SELECT id FROM areas WHERE parent_id = ${sql.param(filter.areaId)}))`);
    if (filter.departmentId) sql.add(`r.department_id = ${sql.param(filter.departmentId)}`);
    if (filter.unassigned) sql.add('r.department_id IS NULL');
    if (filter.priority) sql.add(`r.priority = ${sql.param(filter.priority)}`);
    if (filter.minAgeDays !== undefined) sql.add(`r.created_at <= ${sql.param(scope.now)}::timestamptz - make_interval(days => ${sql.param(filter.minAgeDays)})`);
    if (filter.maxAgeDays !== undefined) sql.add(`r.created_at >= ${sql.param(scope.now)}::timestamptz - make_interval(days => ${sql.param(filter.maxAgeDays)})`);
    if (filter.createdFrom) sql.add(`r.created_at >= ${sql.param(filter.createdFrom)}`);
    if (filter.createdTo) sql.add(`r.created_at < ${sql.param(filter.createdTo)}`);
    if (filter.overdue !== undefined) sql.add(`${filter.overdue ? '' : 'NOT '}${OVERDUE_SQL(`${sql.param(scope.now)}::timestamptz`)}`);
    return sql;
  }

  async list(filter: InboxFilter, scope: ReportScope, sort: InboxSort, page: { offset: number; limit: number }): Promise<{ total: number; items: InboxItem[] }> {
    const sql = this.filterSql(filter, scope);
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM reports r WHERE ${sql.where}`, sql.params);
    const now = sql.param(scope.now);
    const rows = await this.db.query(
      `SELECT r.id, r.number::text AS number, r.status, r.priority, r.category_id, c.code, c.name_de, c.name_en, r.department_id, d.name AS department_name,
              r.area_id, a.name AS area_name, left(r.description, 200) AS description, r.address, ST_Y(r.location) AS lat, ST_X(r.location) AS lon,
              r.created_at, r.updated_at, r.due_at, ${OVERDUE_SQL(`${now}::timestamptz`)} AS overdue, r.hidden, r.duplicate_of
         FROM reports r
         JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id
         LEFT JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id
         LEFT JOIN areas a ON a.tenant_id = r.tenant_id AND a.id = r.area_id
        WHERE ${sql.where}
        ORDER BY ${SORT_SQL[sort]}
        LIMIT ${sql.param(page.limit)} OFFSET ${sql.param(page.offset)}`,
      sql.params,
    );
    return {
      total,
      items: rows.map((row: Record<string, any>) => ({
        id: row.id,
        number: row.number,
        status: row.status,
        priority: row.priority,
        category: { id: row.category_id, code: row.code, name: { de: row.name_de, en: row.name_en } },
        department: row.department_id ? { id: row.department_id, name: row.department_name } : null,
        area: row.area_id ? { id: row.area_id, name: row.area_name } : null,
        description: row.description,
        address: row.address,
        lat: row.lat,
        lon: row.lon,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        dueAt: row.due_at,
        overdue: row.overdue,
        hidden: row.hidden,
        duplicateOf: row.duplicate_of,
      })),
    };
  }

  async mapPoints(filter: InboxFilter, scope: ReportScope, limit: number): Promise<Array<{ id: string; lat: number; lon: number; status: ReportStatus; overdue: boolean }>> {
    const sql = this.filterSql(filter, scope);
    const now = sql.param(scope.now);
    return this.db.query(
      `SELECT r.id, ST_Y(r.location) AS lat, ST_X(r.location) AS lon, r.status, ${OVERDUE_SQL(`${now}::timestamptz`)} AS overdue
         FROM reports r WHERE ${sql.where} ORDER BY r.created_at DESC LIMIT ${sql.param(limit)}`,
      sql.params,
    );
  }

  /** Locks a report the staff member may see; null otherwise (→ 404, never "forbidden", so ids do not leak). */
  async lock(id: string, scope: ReportScope): Promise<LockedReport | null> {
    const rows = await this.db.query(
      `SELECT r.id, r.number::text AS number, r.status, r.category_id AS "categoryId", r.area_id AS "areaId", r.department_id AS "departmentId", r.priority,
              r.description, r.description_original AS "descriptionOriginal", r.hidden, r.duplicate_of AS "duplicateOf",
              ST_X(r.location) AS lon, ST_Y(r.location) AS lat, r.first_response_at AS "firstResponseAt"
         FROM reports r
        WHERE r.id = $1 AND r.confirmed_at IS NOT NULL ${scope.departmentIds ? 'AND r.department_id = ANY($2::uuid[])' : ''}
        FOR UPDATE OF r`,
      scope.departmentIds ? [id, scope.departmentIds] : [id],
    );
    return rows[0] ?? null;
  }

  async detail(id: string, scope: ReportScope): Promise<Record<string, any> | null> {
    const rows = await this.db.query(
      `SELECT r.*, r.number::text AS number, ST_Y(r.location) AS lat, ST_X(r.location) AS lon, c.code AS category_code, c.name_de AS category_name_de, c.name_en AS category_name_en,
              d.name AS department_name, a.name AS area_name, ${OVERDUE_SQL('$2::timestamptz')} AS overdue,
              ft.slug AS forwarded_to_slug, ff.slug AS forwarded_from_slug
         FROM reports r
         JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id
         LEFT JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id
         LEFT JOIN areas a ON a.tenant_id = r.tenant_id AND a.id = r.area_id
         LEFT JOIN tenants ft ON ft.id = r.forwarded_to_tenant_id
         LEFT JOIN tenants ff ON ff.id = r.forwarded_from_tenant_id
        WHERE r.id = $1 AND r.confirmed_at IS NOT NULL ${scope.departmentIds ? 'AND r.department_id = ANY($3::uuid[])' : ''}`,
      scope.departmentIds ? [id, scope.now, scope.departmentIds] : [id, scope.now],
    );
    return rows[0] ?? null;
  }

  async contact(reportId: string): Promise<{ email: string | null; name: string | null; phone: string | null; anonymizedAt: Date | null } | null> {
    const rows = await this.db.query(`SELECT email, name, phone, anonymized_at AS "anonymizedAt" FROM report_contacts WHERE report_id = $1`, [reportId]);
    return rows[0] ?? null;
  }

  async history(reportId: string): Promise<Array<{ id: string; at: Date; status: ReportStatus; note: string | null; internal: boolean; actor: string }>> {
    return this.db.query(`SELECT id, at, status, note, internal, actor FROM report_history WHERE report_id = $1 ORDER BY at, id`, [reportId]);
  }

  async photos(reportId: string): Promise<Array<{ id: string; position: number; state: string; hidden: boolean; largeKey: string | null; thumbKey: string | null; blurred: boolean }>> {
    return this.db.query(
      `SELECT id, position, state, hidden, large_key AS "largeKey", thumb_key AS "thumbKey", original_large_key IS NOT NULL AS blurred FROM report_photos WHERE report_id = $1 ORDER BY position, created_at`,
      [reportId],
    );
  }

  async followerCount(reportId: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM report_followers WHERE report_id = $1 AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL`, [reportId]);
    return row.n;
  }

  async duplicates(reportId: string): Promise<Array<{ id: string; number: string }>> {
    return this.db.query(`SELECT id, number::text AS number FROM reports WHERE duplicate_of = $1 ORDER BY created_at`, [reportId]);
  }

  async addHistory(input: { tenantId: string; reportId: string; status: ReportStatus; note: string | null; internal: boolean; actor: string }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO report_history (tenant_id, report_id, status, note, internal, actor) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.tenantId, input.reportId, input.status, input.note, input.internal, input.actor],
    );
    return row.id;
  }

  async setStatus(id: string, status: ReportStatus, firstResponse: boolean): Promise<void> {
    await this.db.query(
      `UPDATE reports SET status = $2, updated_at = now(),
              closed_at = CASE WHEN $2 IN ('received', 'in_review', 'in_progress') THEN NULL ELSE coalesce(closed_at, now()) END,
              first_response_at = CASE WHEN $3 THEN coalesce(first_response_at, now()) ELSE first_response_at END
        WHERE id = $1`,
      [id, status, firstResponse],
    );
  }

  async markFirstResponse(id: string): Promise<void> {
    await this.db.query(`UPDATE reports SET first_response_at = coalesce(first_response_at, now()), updated_at = now() WHERE id = $1`, [id]);
  }

  async setPriority(id: string, priority: number): Promise<void> {
    await this.db.query(`UPDATE reports SET priority = $2, updated_at = now() WHERE id = $1`, [id, priority]);
  }

  async template(id: string): Promise<{ id: string; name: string; body: string; status: ReportStatus | null } | null> {
    const rows = await this.db.query(`SELECT id, name, body, status FROM reply_templates WHERE id = $1 AND active`, [id]);
    return rows[0] ?? null;
  }

  async department(id: string): Promise<{ id: string; name: string } | null> {
    const rows = await this.db.query(`SELECT id, name FROM departments WHERE id = $1 AND active`, [id]);
    return rows[0] ?? null;
  }

  async category(id: string): Promise<{ id: string; name: string; firstResponseHours: number | null } | null> {
    const rows = await this.db.query(`SELECT id, name_de AS name, first_response_hours AS "firstResponseHours" FROM categories WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The areas routing considers: the given area and its parent, or those covering the point. */
  async coveringAreas(point: { lon: number; lat: number }, areaId: string | null): Promise<CoveringArea[]> {
    if (areaId) return this.db.query(`SELECT id, name, kind FROM areas WHERE id = $1 OR id = (SELECT parent_id FROM areas WHERE id = $1)`, [areaId]);
    return this.db.query(`SELECT id, name, kind FROM areas WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY ST_Area(geom)`, [point.lon, point.lat]);
  }

  async areaExists(id: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM areas WHERE id = $1`, [id])).length > 0;
  }

  async rulesFor(categoryId: string): Promise<Array<{ areaId: string | null; departmentId: string; name: string }>> {
    return this.db.query(
      `SELECT r.area_id AS "areaId", r.department_id AS "departmentId", d.name FROM responsibility_rules r
         JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id WHERE r.category_id = $1 AND d.active`,
      [categoryId],
    );
  }

  async setRouting(id: string, input: { categoryId: string; areaId: string | null; departmentId: string | null; reason: string; dueAt: Date | null }): Promise<void> {
    await this.db.query(
      `UPDATE reports SET category_id = $2, area_id = $3, department_id = $4, routing_reason = $5, routed_at = now(), due_at = $6, escalated_at = NULL, updated_at = now() WHERE id = $1`,
      [id, input.categoryId, input.areaId, input.departmentId, input.reason, input.dueAt],
    );
  }

  async setDepartment(id: string, departmentId: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE reports SET department_id = $2, routing_reason = $3, routed_at = now(), escalated_at = NULL, updated_at = now() WHERE id = $1`, [id, departmentId, reason]);
  }

  async tenantTimeZone(): Promise<string> {
    const [row] = await this.db.query(`SELECT time_zone FROM tenants WHERE id = (SELECT app.current_tenant_id())`);
    return row?.time_zone ?? 'Europe/Berlin';
  }
}
