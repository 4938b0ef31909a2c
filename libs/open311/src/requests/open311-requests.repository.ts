import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { RequestsQuery } from './open311-requests-query';

export interface RequestRow {
  number: string;
  status: string;
  is_open: boolean;
  service_code: string;
  service_name: string;
  description: string;
  agency: string | null;
  created_at: Date;
  updated_at: Date;
  address: string | null;
  lat: number;
  lon: number;
  status_notes: string | null;
  large_key: string | null;
  /** Only with extensions. */
  notes?: Array<{ at: string; status: string; note: string | null }>;
  large_keys?: string[];
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const PHOTO_VISIBLE = `p.tenant_id = r.tenant_id AND p.report_id = r.id AND p.state = 'ready' AND NOT p.hidden AND p.large_key IS NOT NULL`;

/**
 * The public read of GET requests: one statement for the whole page (status
 * note, first photo and, with extensions, the history as correlated
 * subqueries on tenant-first indexes), never one query per item. Contact data
 * is in another table and not joined.
 */
@Injectable()
export class Open311RequestsRepository {
  constructor(private readonly scope: TenantScope) {}

  async find(tenantId: string, query: RequestsQuery): Promise<RequestRow[]> {
    const params = new Params();
    const where = [`r.tenant_id = ${params.add(tenantId)}`, `r.confirmed_at IS NOT NULL`, `NOT r.hidden`];
    if (query.ids) {
      where.push(`r.number = ANY(${params.add(query.ids)}::bigint[])`);
    } else {
      if (query.serviceCodes.length > 0) where.push(`c.code = ANY(${params.add(query.serviceCodes)}::text[])`);
      if (query.status === 'open') where.push('r.is_open');
      if (query.status === 'closed') where.push('NOT r.is_open');
      if (query.requestedFrom) where.push(`r.created_at >= ${params.add(query.requestedFrom.toISOString())}::timestamptz`);
      if (query.requestedTo) where.push(`r.created_at <= ${params.add(query.requestedTo.toISOString())}::timestamptz`);
      if (query.updatedAfter) where.push(`r.updated_at > ${params.add(query.updatedAfter.toISOString())}::timestamptz`);
      if (query.updatedBefore) where.push(`r.updated_at <= ${params.add(query.updatedBefore.toISOString())}::timestamptz`);
      if (query.bbox) {
        const [minLon, minLat, maxLon, maxLat] = query.bbox.map((value) => params.add(value));
        where.push(`r.location && ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326)`);
      }
    }
    const extended = query.extensions
      ? `,
        (SELECT coalesce(json_agg(json_build_object('at', h.at, 'status', h.status, 'note', h.note) ORDER BY h.at, h.id), '[]'::json)
           FROM report_history h WHERE h.tenant_id = r.tenant_id AND h.report_id = r.id AND NOT h.internal) AS notes,
        (SELECT coalesce(array_agg(p.large_key ORDER BY p.position, p.created_at), '{}') FROM report_photos p WHERE ${PHOTO_VISIBLE}) AS large_keys`
      : '';
    const sql = `
      SELECT r.number::text AS number, r.status, r.is_open, c.code AS service_code, c.name_de AS service_name, r.description,
             d.name AS agency, r.created_at,
             CASE WHEN r.is_open THEN r.updated_at ELSE coalesce(r.closed_at, r.updated_at) END AS updated_at,
             r.address, ST_Y(r.location) AS lat, ST_X(r.location) AS lon,
             (SELECT h.note FROM report_history h WHERE h.tenant_id = r.tenant_id AND h.report_id = r.id AND NOT h.internal ORDER BY h.at DESC, h.id DESC LIMIT 1) AS status_notes,
             (SELECT p.large_key FROM report_photos p WHERE ${PHOTO_VISIBLE} ORDER BY p.position, p.created_at LIMIT 1) AS large_key${extended}
        FROM reports r
        JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id
        LEFT JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id
       WHERE ${where.join(' AND ')}
       ORDER BY r.created_at DESC, r.number DESC
       LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.offset)}`;
    return this.scope.manager.query(sql, params.values);
  }
}
