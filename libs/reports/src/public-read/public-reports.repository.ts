import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { HALF_WORLD, MAX_SINGLES } from './cluster-grid';
import { SUMMARY_COLUMNS, SUMMARY_FROM, SqlParams, publicReportWhere } from './public-report.sql';
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

const ORDER_SQL: Record<ReportOrder, string> = {
  newest: 'r.created_at DESC, r.number DESC',
  number: 'r.number ASC',
};

// Web Mercator from lon/lat in plain arithmetic (cheaper than ST_Transform per row); matches cluster-grid.ts.
const MERCATOR_X = `(ST_X(r.location) * ${HALF_WORLD} / 180)`;
const MERCATOR_Y = `(ln(tan(pi() / 4 + radians(greatest(-85.0511287798066, least(85.0511287798066, ST_Y(r.location)))) / 2)) * 6378137)`;

/**
 * SQL of the public read side. Runs in the caller's tenant transaction
 * (scope.manager); every statement filters with publicReportWhere.
 */
@Injectable()
export class PublicReportsRepository {
  constructor(private readonly scope: TenantScope) {}

  /** Grid clusters: one row per occupied cell, aggregated in PostgreSQL. */
  async clusters(query: PublicReportQuery, window: VisibilityWindow, cellSize: number): Promise<ReportCluster[]> {
    const params = new SqlParams();
    const where = publicReportWhere(query, window, params);
    const cell = params.add(cellSize);
    const rows: ClusterRow[] = await this.scope.manager.query(
      `SELECT count(*)::int AS count,
              count(*) FILTER (WHERE r.is_open)::int AS open,
              avg(ST_X(r.location)) AS lon, avg(ST_Y(r.location)) AS lat,
              min(ST_X(r.location)) AS min_lon, min(ST_Y(r.location)) AS min_lat,
              max(ST_X(r.location)) AS max_lon, max(ST_Y(r.location)) AS max_lat,
              CASE WHEN count(*) = 1 THEN max(r.id::text) END AS report_id
         FROM reports r
        WHERE ${where}
        GROUP BY floor((${MERCATOR_X} + ${HALF_WORLD}) / ${cell}::float8), floor((${MERCATOR_Y} + ${HALF_WORLD}) / ${cell}::float8)
        ORDER BY count(*) DESC`,
      params.values,
    );
    return rows.map(toCluster);
  }

  /** Street zoom: each report on its own (open first, then newest), capped at MAX_SINGLES. */
  async singles(query: PublicReportQuery, window: VisibilityWindow): Promise<ReportCluster[]> {
    const params = new SqlParams();
    const where = publicReportWhere(query, window, params);
    const rows: ClusterRow[] = await this.scope.manager.query(
      `SELECT 1 AS count, CASE WHEN r.is_open THEN 1 ELSE 0 END AS open,
              ST_X(r.location) AS lon, ST_Y(r.location) AS lat,
              ST_X(r.location) AS min_lon, ST_Y(r.location) AS min_lat, ST_X(r.location) AS max_lon, ST_Y(r.location) AS max_lat,
              r.id::text AS report_id
         FROM reports r
        WHERE ${where}
        ORDER BY r.is_open DESC, r.created_at DESC
        LIMIT ${MAX_SINGLES}`,
      params.values,
    );
    return rows.map(toCluster);
  }

  async count(query: PublicReportQuery, window: VisibilityWindow): Promise<number> {
    const params = new SqlParams();
    const where = publicReportWhere(query, window, params);
    const rows = await this.scope.manager.query(`SELECT count(*)::int AS n FROM reports r WHERE ${where}`, params.values);
    return rows[0].n;
  }

  async list(query: PublicReportQuery, window: VisibilityWindow, page: { limit: number; offset: number; order: ReportOrder }): Promise<SummaryRow[]> {
    const params = new SqlParams();
    const where = publicReportWhere(query, window, params);
    return this.scope.manager.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE ${where}
        ORDER BY ${ORDER_SQL[page.order]} LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
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
              r.status, r.is_open, r.description, r.address, ST_Y(r.location) AS lat, ST_X(r.location) AS lon,
              r.created_at, r.updated_at,
              d.name AS department_name,
              ft.slug AS forwarded_to_slug, ft.name AS forwarded_to_name,
              ff.slug AS forwarded_from_slug, ff.name AS forwarded_from_name,
              (SELECT o.id FROM reports o
                WHERE o.tenant_id = r.tenant_id AND o.id = r.duplicate_of AND o.confirmed_at IS NOT NULL AND NOT o.hidden) AS duplicate_of,
              (SELECT count(*)::int FROM report_followers f
                WHERE f.tenant_id = r.tenant_id AND f.report_id = r.id AND f.confirmed_at IS NOT NULL AND f.unsubscribed_at IS NULL) AS followers
         FROM ${SUMMARY_FROM}
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
   * Open public reports within radiusM of a point, nearest first (KNN on the
   * GiST index after a bounding-box prefilter), with what the score needs.
   */
  async duplicateCandidates(
    window: VisibilityWindow,
    point: { lat: number; lon: number },
    radiusM: number,
    category: string | undefined,
    description: string,
    limit: number,
  ): Promise<DuplicateRow[]> {
    const params = new SqlParams();
    const where = publicReportWhere({ status: 'open', categories: [] }, window, params);
    const pt = `ST_SetSRID(ST_MakePoint(${params.add(point.lon)}::float8, ${params.add(point.lat)}::float8), 4326)`;
    // Degrees that cover radiusM: 111.32 km per degree of latitude, less for longitude by cos(lat).
    const dLat = radiusM / 111_320;
    const dLon = dLat / Math.max(0.01, Math.cos((point.lat * Math.PI) / 180));
    const text = params.add(description);
    return this.scope.manager.query(
      `SELECT ${SUMMARY_COLUMNS},
              ST_DistanceSphere(r.location, ${pt}) AS distance_m,
              (c.code = ${params.add(category ?? '')}) AS same_category,
              CASE WHEN ${text} = '' THEN 0 ELSE similarity(r.description, ${text}) END AS text_similarity,
              (extract(epoch FROM now() - r.created_at) / 86400)::float8 AS age_days
         FROM ${SUMMARY_FROM}
        WHERE ${where}
          AND r.location && ST_Expand(${pt}, ${params.add(dLon)}::float8, ${params.add(dLat)}::float8)
          AND ST_DistanceSphere(r.location, ${pt}) <= ${params.add(radiusM)}
        ORDER BY r.location <-> ${pt}
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
