// Types of the mitreden HTTP API (base path /api/v1), written against the API contract.
import type { Feature, FeatureCollection, Geometry, MultiPolygon } from 'geojson';

export type Locale = 'de' | 'en';
export interface Localized {
  de: string;
  en: string;
}
export interface LatLon {
  lat: number;
  lon: number;
}
/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

export type TenantKind = 'municipality' | 'union';

export interface TenantSummary {
  slug: string;
  name: string;
  kind: TenantKind;
  centre: LatLon | null;
}

export interface AreaProperties {
  id: string;
  name: string;
  kind: 'municipality' | 'district';
  parentId: string | null;
}

export interface Tenant {
  slug: string;
  name: string;
  kind: TenantKind;
  locale: string;
  timeZone: string;
  map: {
    tileUrl: string | null;
    attribution: string | null;
    maxZoom: number;
    centre: LatLon | null;
    /** Null until the tenant has a boundary; the client then derives it from the boundary. */
    bbox: BBox | null;
  };
  settings: { anonymousAllowed: boolean; confirmationRequired: boolean };
  boundary: Feature<MultiPolygon>;
  areas: FeatureCollection<Geometry, AreaProperties>;
}

export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface CategoryAttribute {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  /** Open311 `variable=false`: information shown to the citizen, never answered. */
  variable?: boolean;
  order: number;
  description: Localized;
  values?: { key: string; name: Localized }[];
}

export interface Category {
  code: string;
  name: Localized;
  description: Localized;
  group: Localized;
  keywords: string[];
  attributes: CategoryAttribute[];
}

export type StatusFilter = 'open' | 'closed' | 'all';
export type StatusGroup = 'open' | 'closed';
export const REPORT_STATUSES = [
  'received',
  'in_review',
  'in_progress',
  'fixed',
  'closed_not_fixed',
  'forwarded',
  'rejected',
  'duplicate',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface Cluster {
  lat: number;
  lon: number;
  count: number;
  open: number;
  closed: number;
  /** Set when count = 1. */
  reportId: string | null;
  bbox: BBox;
}

export interface ClusterResponse {
  zoom: number;
  clusters: Cluster[];
}

export interface ReportSummary {
  id: string;
  /** Human-readable running number per tenant, when the API provides it. */
  number?: string;
  category: { code: string; name: Localized };
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

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface DuplicateCandidate extends ReportSummary {
  distanceM: number;
  score: number;
}

export interface TenantRef {
  slug: string;
  name: string;
}

export interface CreateReportResult {
  id: string;
  status: ReportStatus;
  trackingUrl: string;
  confirmationRequired: boolean;
  forwardedTo: TenantRef | null;
}

export interface ReportDetail {
  id: string;
  number?: string;
  category: { code: string; name: Localized };
  status: ReportStatus;
  statusGroup: StatusGroup;
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  createdAt: string;
  updatedAt: string;
  department: string | null;
  photos: { thumbnailUrl: string; largeUrl: string }[];
  history: { at: string; status: ReportStatus; note: string | null }[];
  followers: number;
  forwardedTo: TenantRef | null;
  forwardedFrom: TenantRef | null;
  duplicateOf: string | null;
}

export interface FieldError {
  /** e.g. 'description', 'lat', 'photos[2]', 'attributes.tree_type' */
  field: string;
  code: string;
  message: string;
}

export interface ReportFilters {
  status: StatusFilter;
  category: string[];
  maxAgeDays: number | null;
}
