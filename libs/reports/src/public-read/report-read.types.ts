import { ReportStatus } from '@app/domain';

/** [minLon, minLat, maxLon, maxLat] in WGS84 degrees. */
export type BBox = [number, number, number, number];

export type StatusFilter = 'open' | 'closed' | 'all';
export type StatusGroup = 'open' | 'closed';

export interface LocalizedName {
  de: string;
  en: string;
}

/** What a public query may ask for; visibility rules are added by the repository. */
export interface PublicReportQuery {
  bbox?: BBox;
  status: StatusFilter;
  /** Category codes; empty means all. */
  categories: string[];
  /** Only reports created within this many days. */
  maxAgeDays?: number;
  /** created_at within [from, to] (OGC datetime); either end may be open. */
  createdFrom?: Date;
  createdTo?: Date;
  /** One report by id or number (OGC items/{featureId}). */
  report?: { id: string } | { number: number };
}

/**
 * The tenant's visibility rule for closed reports: they stay public only this
 * many days after closing (TenantSettings.closedVisibleDays); open ones always.
 */
export interface VisibilityWindow {
  tenantId: string;
  closedVisibleDays: number;
}

export interface ReportSummary {
  id: string;
  /** Short public number (also the Open311 service_request_id), as a string like every id in this API. */
  number: string;
  category: { code: string; name: LocalizedName };
  status: ReportStatus;
  statusGroup: StatusGroup;
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  createdAt: string;
  updatedAt: string;
  thumbnailUrl: string | null;
}

export interface ReportPage {
  items: ReportSummary[];
  page: number;
  pageSize: number;
  total: number;
}

export interface TenantRef {
  slug: string;
  name: string;
}

export interface ReportDetail extends Omit<ReportSummary, 'thumbnailUrl'> {
  department: string | null;
  photos: Array<{ thumbnailUrl: string; largeUrl: string }>;
  history: Array<{ at: string; status: ReportStatus; note: string | null }>;
  followers: number;
  forwardedTo: TenantRef | null;
  forwardedFrom: TenantRef | null;
  duplicateOf: string | null;
}

export interface DuplicateCandidate extends ReportSummary {
  distanceM: number;
  score: number;
}

export interface ReportCluster {
  lat: number;
  lon: number;
  count: number;
  open: number;
  closed: number;
  /** Set when count = 1, so the client can link the single report. */
  reportId: string | null;
  bbox: BBox;
}

export interface ClusterResponse {
  zoom: number;
  clusters: ReportCluster[];
}
