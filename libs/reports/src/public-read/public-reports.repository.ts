import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { HALF_WORLD, MAX_SINGLES } from './cluster-grid';
import { SUMMARY_COLUMNS, SqlParams, publicReportsSource, summaryFrom } from './public-report.sql';
import { BBox, PublicReportQuery, ReportCluster, VisibilityWindow } from './report-read.types';
import { ReportRef } from './report-query.schemas';

export interface SummaryRow {
  id: string;
  number: string;
  category_code: string;
  category_name_de: string;
  category_name_en: string;
  status: string;
  is_open: boolean;
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  created_at: Date;
  updated_at: Date;
  thumb_key: string | null;
}

export interface DetailRow extends Omit<SummaryRow, 'thumb_key'> {
  department_name: string | null;
  forwarded_to_slug: string | null;
  forwarded_to_name: string | null;
  forwarded_from_slug: string | null;
  forwarded_from_name: string | null;
  duplicate_of: string | null;
  followers: number;
}

export interface DuplicateRow extends SummaryRow {
  distance_m: number;
  same_category: boolean;
  text_similarity: number;
  age_days: number;
}

export type ReportOrder = 'newest' | 'number';

/** Columns the map indexes cover (reports_map_open_idx, reports_map_closed_idx). */
const COVERED_COLUMNS = ['r.id', 'r.lon', 'r.lat'];

const ORDER_SQL: Record<ReportOrder, string> = {
  newest: 'r.created_at DESC, r.number DESC',
  number: 'r.number ASC',
};

// Web Mercator from the stored lon/lat in plain arithmetic (cheaper than ST_Transform per row); matches cluster-grid.ts.
const MERCATOR_X = `(r.lon * ${HALF_WORLD} / 180)`;
const MERCATOR_Y = `(ln(tan(pi() / 4 + radians(greatest(-85.0511287798066, least(85.0511287798066, r.lat))) / 2)) * 6378137)`;

/**
 * SQL of the public read side. Runs in the caller's tenant transaction
 * (scope.manager); every list reads from publicReportsSource.
 */
@Injectable()
export class PublicReportsRepository {
  constructor(private readonly scope: TenantScope) {}

  /** Grid clusters: one row per occupied cell, aggregated in PostgreSQL. */
  async clusters(query: PublicReportQuery, window: VisibilityWindow, cellSize: number): Promise<ReportCluster[]> {
    const params = new SqlParams();
    const source = publicReportsSource(query, window, params, { columns: COVERED_COLUMNS });
    const cell = params.add(cellSize);
    const rows: ClusterRow[] = await this.scope.manager.query(
      `SELECT count(*)::int AS count,
              count(*) FILTER (WHERE r.is_open)::int AS open,
              avg(r.lon) AS lon, avg(r.lat) AS lat,
              min(r.lon) AS min_lon, min(r.lat) AS min_lat,
              max(r.lon) AS max_lon, max(r.lat) AS max_lat,
              CASE WHEN count(*) = 1 THEN max(r.id::text) END AS report_id
         FROM ${source}
        GROUP BY floor((${MERCATOR_X} + ${HALF_WORLD}) / ${cell}::float8), floor((${MERCATOR_Y} + ${HALF_WORLD}) / ${cell}::float8)
        ORDER BY count(*) DESC`,
      params.values,
    );
    return rows.map(toCluster);
  }

  /** Street zoom: each report on its own (open first, then newest), capped at MAX_SINGLES. */
  async singles(query: PublicReportQuery, window: VisibilityWindow): Promise<ReportCluster[]> {
    const params = new SqlParams();
    const source = publicReportsSource(query, window, params, { columns: [...COVERED_COLUMNS, 'r.created_at'] });
    const rows: ClusterRow[] = await this.scope.manager.query(
      `SELECT 1 AS count, CASE WHEN r.is_open THEN 1 ELSE 0 END AS open,
              r.lon, r.lat, r.lon AS min_lon, r.lat AS min_lat, r.lon AS max_lon, r.lat AS max_lat,
              r.id::text AS report_id
         FROM ${source}
        ORDER BY r.is_open DESC, r.created_at DESC
        LIMIT ${MAX_SINGLES}`,
      params.values,
    );
    return rows.map(toCluster);
  }

  async count(query: PublicReportQuery, window: VisibilityWindow): Promise<number> {
    const params = new SqlParams();
    const source = publicReportsSource(query, window, params, { columns: COVERED_COLUMNS });
    const rows = await this.scope.manager.query(`SELECT count(*)::int AS n FROM ${source}`, params.values);
    return rows[0].n;
  }

  async list(query: PublicReportQuery, window: VisibilityWindow, page: { limit: number; offset: number; order: ReportOrder }): Promise<SummaryRow[]> {
    const params = new SqlParams();
    // Without a box each branch reads its top rows in index order (tenant, is_open, created_at / number);
    // with a box the lon/lat index narrows first and the few rows are sorted.
    const branchTop = query.bbox ? undefined : { orderBy: ORDER_SQL[page.order], limit: params.add(page.offset + page.limit) };
    const source = publicReportsSource(query, window, params, { branchTop });
    // Page first, then join and decorate only the page.
    return this.scope.manager.query(
      `SELECT ${SUMMARY_COLUMNS}
         FROM ${summaryFrom(`(SELECT r.* FROM ${source} ORDER BY ${ORDER_SQL[page.order]} LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}) r`)}
        ORDER BY ${ORDER_SQL[page.order]}`,
      params.values,
    );
  }

  /**
   * One public report by id or number. No closed-window rule here: an old
   * closed report leaves the map but keeps its page.
   */
  async detail(tenantId: string, ref: ReportRef): Promise<DetailRow | null> {
    const params = new SqlParams();
    const tenant = params.add(tenantId);
    const match = 'id' in ref ? `r.id = ${params.add(ref.id)}::uuid` : `r.number = ${params.add(ref.number)}::bigint`;
    const rows: DetailRow[] = await this.scope.manager.query(
      `SELECT r.id, r.number, c.code AS category_code, c.name_de AS category_name_de, c.name_en AS category_name_en,
              r.status, r.is_open, r.description, r.address, r.lat, r.lon,
              r.created_at, r.updated_at,
              d.name AS department_name,
              ft.slug AS forwarded_to_slug, ft.name AS forwarded_to_name,
              ff.slug AS forwarded_from_slug, ff.name AS forwarded_from_name,
              (SELECT o.id FROM reports o
                WHERE o.tenant_id = r.tenant_id AND o.id = r.duplicate_of AND o.confirmed_at IS NOT NULL AND NOT o.hidden) AS duplicate_of,
              (SELECT count(*)::int FROM report_followers f
                WHERE f.tenant_id = r.tenant_id AND f.report_id = r.id AND f.confirmed_at IS NOT NULL AND f.unsubscribed_at IS NULL) AS followers
         FROM ${summaryFrom('reports r')}
         LEFT JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id
         LEFT JOIN tenants ft ON ft.id = r.forwarded_to_tenant_id
         LEFT JOIN tenants ff ON ff.id = r.forwarded_from_tenant_id
        WHERE r.tenant_id = ${tenant} AND ${match} AND r.confirmed_at IS NOT NULL AND NOT r.hidden`,
      params.values,
    );
    return rows[0] ?? null;
  }

  async photos(tenantId: string, reportId: string): Promise<Array<{ thumb_key: string; large_key: string }>> {
    return this.scope.manager.query(
      `SELECT thumb_key, large_key FROM report_photos
        WHERE tenant_id = $1 AND report_id = $2 AND state = 'ready' AND NOT hidden AND thumb_key IS NOT NULL AND large_key IS NOT NULL
        ORDER BY position, created_at`,
      [tenantId, reportId],
    );
  }

  /** The public history: internal entries never leave the database. */
  async history(tenantId: string, reportId: string): Promise<Array<{ at: Date; status: string; note: string | null }>> {
    return this.scope.manager.query(
      `SELECT at, status, note FROM report_history WHERE tenant_id = $1 AND report_id = $2 AND NOT internal ORDER BY at, id`,
      [tenantId, reportId],
    );
  }

  /**
   * Open public reports within radiusM of a point, nearest first, with what
   * the score needs. The prefilter is a lon/lat box on the open-reports index;
   * the exact spherical distance is computed for the few rows inside it.
   */
  async duplicateCandidates(
    window: VisibilityWindow,
    point: { lat: number; lon: number },
    radiusM: number,
    category: string | undefined,
    description: string,
    limit: number,
  ): Promise<DuplicateRow[]> {
    // Degrees that cover radiusM: 111.32 km per degree of latitude, less for longitude by cos(lat).
    const dLat = (radiusM * 1.01) / 111_320;
    const dLon = dLat / Math.max(0.01, Math.cos((point.lat * Math.PI) / 180));
    const box: [number, number, number, number] = [
      Math.max(-180, point.lon - dLon),
      Math.max(-90, point.lat - dLat),
      Math.min(180, point.lon + dLon),
      Math.min(90, point.lat + dLat),
    ];
    const params = new SqlParams();
    const source = publicReportsSource({ status: 'open', categories: [], bbox: box }, window, params);
    const pt = `ST_SetSRID(ST_MakePoint(${params.add(point.lon)}::float8, ${params.add(point.lat)}::float8), 4326)`;
    const text = params.add(description);
    return this.scope.manager.query(
      `SELECT ${SUMMARY_COLUMNS},
              ST_DistanceSphere(r.location, ${pt}) AS distance_m,
              (c.code = ${params.add(category ?? '')}) AS same_category,
              CASE WHEN ${text} = '' THEN 0 ELSE similarity(r.description, ${text}) END AS text_similarity,
              (extract(epoch FROM now() - r.created_at) / 86400)::float8 AS age_days
         FROM ${summaryFrom(source)}
        WHERE ST_DistanceSphere(r.location, ${pt}) <= ${params.add(radiusM)}
        ORDER BY distance_m
        LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  /** Spatial extent (municipality areas) and first public report, for OGC collection metadata. */
  async extent(window: VisibilityWindow): Promise<{ bbox: BBox | null; firstCreatedAt: Date | null }> {
    const [areas] = await this.scope.manager.query(
      `SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n
         FROM (SELECT ST_Extent(geom)::geometry AS e FROM areas WHERE tenant_id = $1 AND kind = 'municipality') x`,
      [window.tenantId],
    );
    const [first] = await this.scope.manager.query(
      `SELECT min(created_at) AS first FROM reports WHERE tenant_id = $1 AND confirmed_at IS NOT NULL AND NOT hidden`,
      [window.tenantId],
    );
    return {
      bbox: areas && areas.w !== null ? [areas.w, areas.s, areas.e, areas.n] : null,
      firstCreatedAt: first?.first ?? null,
    };
  }
}

interface ClusterRow {
  count: number;
  open: number;
  lon: number;
  lat: number;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  report_id: string | null;
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

function toCluster(row: ClusterRow): ReportCluster {
  return {
    lat: round6(row.lat),
    lon: round6(row.lon),
    count: row.count,
    open: row.open,
    closed: row.count - row.open,
    reportId: row.report_id,
    bbox: [round6(row.min_lon), round6(row.min_lat), round6(row.max_lon), round6(row.max_lat)],
  };
}
