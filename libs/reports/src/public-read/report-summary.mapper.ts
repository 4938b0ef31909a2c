import { ReportStatus } from '@app/domain';
import { SummaryRow } from './public-reports.repository';
import { ReportSummary } from './report-read.types';

/** Public URL of a stored photo variant; the media route (photos capability) serves it. */
/** Storage keys are `<tenantId>/<file>`; the public URL names the tenant by slug only (see MediaController). */
export function mediaUrl(tenantSlug: string, key: string): string {
  const file = key.slice(key.lastIndexOf('/') + 1);
  return `/media/${encodeURIComponent(tenantSlug)}/${encodeURIComponent(file)}`;
}

export function toSummary(row: Omit<SummaryRow, 'thumb_key'> & { thumb_key?: string | null }, tenantSlug: string): ReportSummary {
  return {
    id: row.id,
    number: String(row.number),
    category: { code: row.category_code, name: { de: row.category_name_de, en: row.category_name_en } },
    status: row.status as ReportStatus,
    statusGroup: row.is_open ? 'open' : 'closed',
    description: row.description,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    thumbnailUrl: row.thumb_key ? mediaUrl(tenantSlug, row.thumb_key) : null,
  };
}
