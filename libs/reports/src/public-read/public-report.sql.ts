import { PublicReportQuery, VisibilityWindow } from './report-read.types';

/** Positional parameters for one SQL statement. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The WHERE clause of every public read: the tenant (explicit as well as by
 * row-level security, so the planner can use tenant-first indexes), public
 * only (confirmed, not hidden — the predicate of the partial indexes), the
 * closed-report window, and the request's filters.
 */
export function publicReportWhere(query: PublicReportQuery, window: VisibilityWindow, params: SqlParams, alias = 'r'): string {
  const r = alias;
  const conditions = [`${r}.tenant_id = ${params.add(window.tenantId)}`, `${r}.confirmed_at IS NOT NULL`, `NOT ${r}.hidden`];
  // Built only when used: an unused positional parameter has no type and fails the statement.
  const closedVisible = () => `coalesce(${r}.closed_at, ${r}.updated_at) >= now() - make_interval(days => ${params.add(window.closedVisibleDays)}::int)`;
  if (query.status === 'open') conditions.push(`${r}.is_open`);
  else if (query.status === 'closed') conditions.push(`NOT ${r}.is_open`, closedVisible());
  else conditions.push(`(${r}.is_open OR ${closedVisible()})`);
  if (query.bbox) {
    const [minLon, minLat, maxLon, maxLat] = query.bbox;
    conditions.push(`${r}.location && ST_MakeEnvelope(${params.add(minLon)}, ${params.add(minLat)}, ${params.add(maxLon)}, ${params.add(maxLat)}, 4326)`);
  }
  if (query.categories.length > 0) {
    conditions.push(`${r}.category_id IN (SELECT c.id FROM categories c WHERE c.tenant_id = ${r}.tenant_id AND c.code = ANY(${params.add(query.categories)}::text[]))`);
  }
  if (query.maxAgeDays !== undefined) conditions.push(`${r}.created_at >= now() - make_interval(days => ${params.add(query.maxAgeDays)}::int)`);
  if (query.createdFrom) conditions.push(`${r}.created_at >= ${params.add(query.createdFrom.toISOString())}::timestamptz`);
  if (query.createdTo) conditions.push(`${r}.created_at <= ${params.add(query.createdTo.toISOString())}::timestamptz`);
  if (query.report) {
    conditions.push('id' in query.report ? `${r}.id = ${params.add(query.report.id)}::uuid` : `${r}.number = ${params.add(query.report.number)}::bigint`);
  }
  return conditions.join(' AND ');
}

/** Columns of a public summary; never contact data, ip_hash or internal fields. */
export const SUMMARY_COLUMNS = `
  r.id, r.number, c.code AS category_code, c.name_de AS category_name_de, c.name_en AS category_name_en,
  r.status, r.is_open, r.description, r.address, ST_Y(r.location) AS lat, ST_X(r.location) AS lon,
  r.created_at, r.updated_at,
  (SELECT p.thumb_key FROM report_photos p
    WHERE p.tenant_id = r.tenant_id AND p.report_id = r.id AND p.state = 'ready' AND NOT p.hidden AND p.thumb_key IS NOT NULL
    ORDER BY p.position, p.created_at LIMIT 1) AS thumb_key`;

export const SUMMARY_FROM = `reports r JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id`;
