import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { SqlFilter } from '../reports/staff-reports.repository';

export type CountDimension = 'category' | 'area' | 'month' | 'department' | 'status';

export interface StatsRange {
  from?: Date;
  to?: Date;
  departmentIds: string[] | null;
}

function rangeFilter(range: StatsRange): SqlFilter {
  const sql = new SqlFilter();
  sql.add('r.confirmed_at IS NOT NULL');
  if (range.departmentIds) sql.add(`r.department_id = ANY(${sql.param(range.departmentIds)}::uuid[])`);
  if (range.from) sql.add(`r.created_at >= ${sql.param(range.from)}`);
  if (range.to) sql.add(`r.created_at < ${sql.param(range.to)}`);
  return sql;
}

/**
 * Aggregates for charts, computed in PostgreSQL (one query each, no rows
 * shipped to Node). A tenant has at most some 10^5 reports; the indexes on
 * (tenant_id, created_at) and (tenant_id, department_id, status) serve these.
 */
@Injectable()
export class StaffStatsRepository {
  constructor(private readonly scope: TenantScope) {}

  async counts(dimension: CountDimension, range: StatsRange, timeZone: string): Promise<Array<{ key: string | null; label: string | null; count: number; open: number }>> {
    const sql = rangeFilter(range);
    const select: Record<CountDimension, () => { key: string; label: string; join: string; order: string }> = {
      category: () => ({ key: 'c.code', label: 'c.name_de', join: 'JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id', order: 'count DESC, key' }),
      area: () => ({ key: 'a.id::text', label: 'a.name', join: 'LEFT JOIN areas a ON a.tenant_id = r.tenant_id AND a.id = r.area_id', order: 'count DESC, key' }),
      department: () => ({ key: 'd.id::text', label: 'd.name', join: 'LEFT JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id', order: 'count DESC, key' }),
      status: () => ({ key: 'r.status', label: 'r.status', join: '', order: 'count DESC, key' }),
      month: () => {
        const month = `to_char(r.created_at AT TIME ZONE ${sql.param(timeZone)}, 'YYYY-MM')`;
        return { key: month, label: month, join: '', order: 'key' };
      },
    };
    const chosen = select[dimension]();
    return this.scope.manager.query(
      `SELECT ${chosen.key} AS key, ${chosen.label} AS label, count(*)::int AS count, count(*) FILTER (WHERE r.is_open)::int AS open
         FROM reports r ${chosen.join} WHERE ${sql.where} GROUP BY 1, 2 ORDER BY ${chosen.order}`,
      sql.params,
    );
  }

  async responseTimes(range: StatsRange): Promise<Array<{ departmentId: string | null; department: string | null; reports: number; responded: number; closed: number; medianFirstResponseHours: number | null; medianCloseHours: number | null }>> {
    const sql = rangeFilter(range);
    return this.scope.manager.query(
      `SELECT d.id AS "departmentId", d.name AS department, count(*)::int AS reports,
              count(r.first_response_at)::int AS responded, count(r.closed_at)::int AS closed,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.first_response_at - r.created_at)) / 3600)::numeric, 2)::float8 AS "medianFirstResponseHours",
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.closed_at - r.created_at)) / 3600)::numeric, 2)::float8 AS "medianCloseHours"
         FROM reports r LEFT JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id
        WHERE ${sql.where} GROUP BY d.id, d.name ORDER BY d.name NULLS FIRST`,
      sql.params,
    );
  }

  async backlog(range: StatsRange, now: Date): Promise<Array<{ bucket: string; departmentId: string | null; department: string | null; count: number; overdue: number }>> {
    const sql = rangeFilter(range);
    sql.add('r.is_open');
    const at = sql.param(now);
    return this.scope.manager.query(
      `WITH aged AS (
         SELECT r.department_id, ${at}::timestamptz - r.created_at AS age,
                (r.first_response_at IS NULL AND r.due_at IS NOT NULL AND r.due_at < ${at}::timestamptz) AS overdue
           FROM reports r WHERE ${sql.where})
       SELECT CASE WHEN age < interval '3 days' THEN '0-2d' WHEN age < interval '8 days' THEN '3-7d' WHEN age < interval '31 days' THEN '8-30d'
                   WHEN age < interval '91 days' THEN '31-90d' ELSE '>90d' END AS bucket,
              a.department_id AS "departmentId", d.name AS department, count(*)::int AS count, count(*) FILTER (WHERE a.overdue)::int AS overdue
         FROM aged a LEFT JOIN departments d ON d.tenant_id = (SELECT app.current_tenant_id()) AND d.id = a.department_id
        GROUP BY 1, 2, 3 ORDER BY min(a.age), d.name NULLS FIRST`,
      sql.params,
    );
  }
}
