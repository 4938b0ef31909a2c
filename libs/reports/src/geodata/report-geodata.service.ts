import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { TenantsService } from '@app/tenants';
import { PublicReportsRepository, ReportOrder } from '../public-read/public-reports.repository';
import { visibilityWindow } from '../public-read/public-reports.service';
import { ReportRef } from '../public-read/report-query.schemas';
import { PublicReportQuery } from '../public-read/report-read.types';
import { toSummary } from '../public-read/report-summary.mapper';
import { GEOJSON_DEFAULT_LIMIT, GeoJsonQuery, OGC_DEFAULT_LIMIT, OgcItemsQuery } from './geodata.schemas';
import { OgcLink, ReportFeature, toFeature } from './report-features';

/** Where the request came from, to build absolute links. */
export interface RequestUrl {
  /** e.g. https://mitreden.example */
  origin: string;
  /** The request path without query, e.g. /api/v1/t/jena/ogc/collections/reports/items */
  path: string;
  /** The raw query parameters, kept in paging links. */
  query: Record<string, unknown>;
}

export const GEOJSON_TYPE = 'application/geo+json';
const JSON_TYPE = 'application/json';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const OGC_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];
export const COLLECTION_ID = 'reports';

export interface ReportFeatureCollection {
  type: 'FeatureCollection';
  features: ReportFeature[];
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  links: OgcLink[];
}

function withQuery(url: RequestUrl, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...url.query, ...changes })) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return `${url.origin}${url.path}${text ? `?${text}` : ''}`;
}

function pagingLinks(url: RequestUrl, offset: number, limit: number, returned: number, matched: number, type: string): OgcLink[] {
  const links: OgcLink[] = [{ href: withQuery(url, {}), rel: 'self', type, title: 'this page' }];
  if (offset + returned < matched) links.push({ href: withQuery(url, { offset: String(offset + limit), limit: String(limit) }), rel: 'next', type, title: 'next page' });
  if (offset > 0) links.push({ href: withQuery(url, { offset: String(Math.max(0, offset - limit)), limit: String(limit) }), rel: 'prev', type, title: 'previous page' });
  return links;
}

/**
 * Public reports for geoportals: a paged GeoJSON export and a minimal OGC
 * API – Features service (Part 1: core + GeoJSON) with one collection.
 * Same visibility as the map: public reports, closed ones within the
 * tenant's closedVisibleDays.
 */
@Injectable()
export class ReportGeodataService {
  constructor(
    private readonly repository: PublicReportsRepository,
    private readonly tenants: TenantsService,
    private readonly scope: TenantScope,
  ) {}

  async exportGeoJson(query: GeoJsonQuery, url: RequestUrl): Promise<ReportFeatureCollection> {
    const filter: PublicReportQuery = { bbox: query.bbox, status: query.status, categories: query.category, maxAgeDays: query.maxAgeDays };
    return this.page(filter, query.limit ?? GEOJSON_DEFAULT_LIMIT, query.offset ?? 0, url);
  }

  landingPage(url: RequestUrl): { title: string; description: string; links: OgcLink[] } {
    const tenant = this.tenants.current();
    const base = `${url.origin}${url.path.replace(/\/$/, '')}`;
    return {
      title: `${tenant.name}: ${tenant.locale === 'en' ? 'defect reports' : 'Mängelmeldungen'}`,
      description: 'Public defect reports as OGC API – Features (Part 1: Core, GeoJSON). Coordinates in CRS84 (lon, lat).',
      links: [
        { href: base, rel: 'self', type: JSON_TYPE, title: 'this document' },
        { href: `${url.origin}/api/openapi.json`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'API definition' },
        { href: `${url.origin}/api/docs`, rel: 'service-doc', type: 'text/html', title: 'API documentation' },
        { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'conformance classes' },
        { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'collections' },
      ],
    };
  }

  conformance(): { conformsTo: string[] } {
    return { conformsTo: OGC_CONFORMANCE };
  }

  async collections(url: RequestUrl): Promise<{ links: OgcLink[]; collections: unknown[] }> {
    const base = `${url.origin}${url.path.replace(/\/$/, '')}`;
    return {
      links: [{ href: base, rel: 'self', type: JSON_TYPE, title: 'collections' }],
      collections: [await this.collectionDocument(`${base}/${COLLECTION_ID}`)],
    };
  }

  async collection(url: RequestUrl): Promise<Record<string, unknown>> {
    return this.collectionDocument(`${url.origin}${url.path.replace(/\/$/, '')}`);
  }

  async items(query: OgcItemsQuery, url: RequestUrl): Promise<ReportFeatureCollection> {
    const filter: PublicReportQuery = { bbox: query.bbox, status: 'all', categories: [], createdFrom: query.datetime?.from, createdTo: query.datetime?.to };
    const result = await this.page(filter, query.limit ?? OGC_DEFAULT_LIMIT, query.offset ?? 0, url);
    const collectionUrl = `${url.origin}${url.path.replace(/\/items\/?$/, '')}`;
    result.links.push({ href: collectionUrl, rel: 'collection', type: JSON_TYPE, title: 'the collection' });
    return result;
  }

  /** A feature is exactly what items would list: unknown, hidden or out of the window is a 404. */
  async item(ref: ReportRef, url: RequestUrl): Promise<ReportFeature> {
    const tenant = this.tenants.current();
    const rows = await this.scope.transaction(() =>
      this.repository.list({ status: 'all', categories: [], report: ref }, visibilityWindow(tenant), { limit: 1, offset: 0, order: 'number' }),
    );
    if (rows.length === 0) throw new NotFoundException({ statusCode: 404, message: 'Feature not found' });
    const feature = toFeature(toSummary(rows[0], tenant.slug));
    const self = `${url.origin}${url.path}`;
    feature.links = [
      { href: self, rel: 'self', type: GEOJSON_TYPE, title: 'this feature' },
      { href: self.replace(/\/items\/[^/]+$/, ''), rel: 'collection', type: JSON_TYPE, title: 'the collection' },
    ];
    return feature;
  }

  private async page(filter: PublicReportQuery, limit: number, offset: number, url: RequestUrl, order: ReportOrder = 'number'): Promise<ReportFeatureCollection> {
    const tenant = this.tenants.current();
    const window = visibilityWindow(tenant);
    const { matched, rows } = await this.scope.transaction(async () => ({
      matched: await this.repository.count(filter, window),
      rows: await this.repository.list(filter, window, { limit, offset, order }),
    }));
    const features = rows.map((row) => toFeature(toSummary(row, tenant.slug)));
    return {
      type: 'FeatureCollection',
      features,
      numberMatched: matched,
      numberReturned: features.length,
      timeStamp: new Date().toISOString(),
      links: pagingLinks(url, offset, limit, features.length, matched, GEOJSON_TYPE),
    };
  }

  private async collectionDocument(self: string): Promise<Record<string, unknown>> {
    const tenant = this.tenants.current();
    const extent = await this.scope.transaction(() => this.repository.extent(visibilityWindow(tenant)));
    return {
      id: COLLECTION_ID,
      title: tenant.locale === 'en' ? `Defect reports of ${tenant.name}` : `Mängelmeldungen ${tenant.name}`,
      description: 'Public defect reports: open ones, and closed ones for a while after closing. Time = creation time.',
      itemType: 'feature',
      crs: [CRS84],
      extent: {
        spatial: { bbox: [extent.bbox ?? [-180, -90, 180, 90]], crs: CRS84 },
        temporal: { interval: [[extent.firstCreatedAt?.toISOString() ?? null, null]], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' },
      },
      links: [
        { href: self, rel: 'self', type: JSON_TYPE, title: 'this collection' },
        { href: `${self}/items`, rel: 'items', type: GEOJSON_TYPE, title: 'the reports' },
      ],
    };
  }
}
