import { PublicReportQuery, VisibilityWindow } from './report-read.types';

/** Positional parameters for one SQL statement. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const DAY_MS = 86_400_000;

/**
 * The public reports a query may see, as a FROM item aliased `r`: open
 * reports UNION ALL closed ones still inside the tenant's closedVisibleDays
 * window, each branch matching one partial index (migration
 * 1732300002000-report-read-indexes).
 *
 * Every condition on reports is LEAKPROOF (uuid, float8, timestamptz and
 * boolean comparisons; cut-offs computed here, not with now() per row), so
 * PostgreSQL may use it as an index condition under row-level security. A
 * PostGIS operator such as && would be applied only after the RLS filter,
 * i.e. to a sequential scan. The tenant is named explicitly as well as
 * enforced by RLS, so tenant-first indexes apply.
 */
export function publicReportsSource(
  query: PublicReportQuery,
  window: VisibilityWindow,
  params: SqlParams,
  options: { columns?: string[]; now?: Date; branchTop?: { orderBy: string; limit: string } } = {},
): string {
  const now = options.now ?? new Date();
  const common = [`r.tenant_id = ${params.add(window.tenantId)}::uuid`, `r.confirmed_at IS NOT NULL`, `NOT r.hidden`];
  if (query.bbox) {
    const [minLon, minLat, maxLon, maxLat] = query.bbox;
    common.push(
      `r.lat BETWEEN ${params.add(minLat)}::float8 AND ${params.add(maxLat)}::float8`,
      `r.lon BETWEEN ${params.add(minLon)}::float8 AND ${params.add(maxLon)}::float8`,
    );
  }
  if (query.categories.length > 0) {
    common.push(`r.category_id IN (SELECT c.id FROM categories c WHERE c.tenant_id = r.tenant_id AND c.code = ANY(${params.add(query.categories)}::text[]))`);
  }
  if (query.maxAgeDays !== undefined) common.push(`r.created_at >= ${params.add(new Date(now.getTime() - query.maxAgeDays * DAY_MS).toISOString())}::timestamptz`);
  if (query.createdFrom) common.push(`r.created_at >= ${params.add(query.createdFrom.toISOString())}::timestamptz`);
  if (query.createdTo) common.push(`r.created_at <= ${params.add(query.createdTo.toISOString())}::timestamptz`);
  if (query.report) {
    common.push('id' in query.report ? `r.id = ${params.add(query.report.id)}::uuid` : `r.number = ${params.add(query.report.number)}::bigint`);
  }
  const branches: Array<{ open: boolean; conditions: string[] }> = [];
  if (query.status !== 'closed') branches.push({ open: true, conditions: [...common, 'r.is_open'] });
  if (query.status !== 'open') {
    // A closed report leaves the map closedVisibleDays after closing (closed_at; the write side sets it on every close).
    const cutoff = new Date(now.getTime() - window.closedVisibleDays * DAY_MS).toISOString();
    branches.push({ open: false, conditions: [...common, 'NOT r.is_open', `r.closed_at >= ${params.add(cutoff)}::timestamptz`] });
  }
  // With a short column list (covered by the partial indexes) the branches become index-only scans;
  // is_open is then the branch's constant, not a column read from the table.
  const select = (open: boolean) => (options.columns ? `${options.columns.join(', ')}, ${open} AS is_open` : 'r.*');
  // For a page: the top rows of each branch in index order (UNION ALL under RLS is not merged in order by the planner).
  const top = options.branchTop ? ` ORDER BY ${options.branchTop.orderBy} LIMIT ${options.branchTop.limit}` : '';
  return `(${branches.map((branch) => `(SELECT ${select(branch.open)} FROM reports r WHERE ${branch.conditions.join(' AND ')}${top})`).join(' UNION ALL ')}) r`;
}

/** Columns of a public summary; never contact data, ip_hash or internal fields. */
export const SUMMARY_COLUMNS = `
  r.id, r.number, c.code AS category_code, c.name_de AS category_name_de, c.name_en AS category_name_en,
  r.status, r.is_open, r.description, r.address, r.lat, r.lon,
  r.created_at, r.updated_at,
  (SELECT p.thumb_key FROM report_photos p
    WHERE p.tenant_id = r.tenant_id AND p.report_id = r.id AND p.state = 'ready' AND NOT p.hidden AND p.thumb_key IS NOT NULL
    ORDER BY p.position, p.created_at LIMIT 1) AS thumb_key`;

/** Public summaries with their category. */
export function summaryFrom(source: string): string {
  return `${source} JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id`;
}
