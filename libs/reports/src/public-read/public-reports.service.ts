import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { ReportStatus } from '@app/domain';
import { Tenant, TenantsService } from '@app/tenants';
import { DUPLICATE_LIMIT, DUPLICATE_RADIUS_M, duplicateScore } from './duplicate-score';
import { PublicReportsRepository } from './public-reports.repository';
import { DuplicatesQuery, ReportListQuery, ReportRef } from './report-query.schemas';
import { DuplicateCandidate, PublicReportQuery, ReportDetail, ReportPage, VisibilityWindow } from './report-read.types';
import { mediaUrl, toSummary } from './report-summary.mapper';

export const DEFAULT_PAGE_SIZE = 20;
/** Nearest candidates scored for duplicates; the best DUPLICATE_LIMIT are returned. */
const DUPLICATE_CANDIDATES = 100;

export function visibilityWindow(tenant: Tenant): VisibilityWindow {
  return { tenantId: tenant.id, closedVisibleDays: tenant.settings.closedVisibleDays };
}

/** The public list, report page and duplicate suggestions of the defect reporter. */
@Injectable()
export class PublicReportsService {
  constructor(
    private readonly repository: PublicReportsRepository,
    private readonly tenants: TenantsService,
    private readonly scope: TenantScope,
  ) {}

  async listReports(query: ReportListQuery): Promise<ReportPage> {
    const tenant = this.tenants.current();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const filter: PublicReportQuery = { bbox: query.bbox, status: query.status, categories: query.category, maxAgeDays: query.maxAgeDays };
    const window = visibilityWindow(tenant);
    const { rows, total } = await this.scope.transaction(async () => ({
      total: await this.repository.count(filter, window),
      rows: await this.repository.list(filter, window, { limit: pageSize, offset: (page - 1) * pageSize, order: 'newest' }),
    }));
    return { items: rows.map((row) => toSummary(row, tenant.slug)), page, pageSize, total };
  }

  /** Unknown, hidden, unconfirmed and other tenants' reports are all the same 404. */
  async getReport(ref: ReportRef): Promise<ReportDetail> {
    const tenant = this.tenants.current();
    const found = await this.scope.transaction(async () => {
      const row = await this.repository.detail(tenant.id, ref);
      if (!row) return null;
      const [photos, history] = await Promise.all([this.repository.photos(tenant.id, row.id), this.repository.history(tenant.id, row.id)]);
      return { row, photos, history };
    });
    if (!found) throw new NotFoundException({ statusCode: 404, message: 'Report not found' });
    const { row, photos, history } = found;
    const { thumbnailUrl: _none, ...summary } = toSummary({ ...row, thumb_key: null }, tenant.slug);
    return {
      ...summary,
      department: row.department_name,
      photos: photos.map((photo) => ({ thumbnailUrl: mediaUrl(tenant.slug, photo.thumb_key), largeUrl: mediaUrl(tenant.slug, photo.large_key) })),
      history: history.map((entry) => ({ at: entry.at.toISOString(), status: entry.status as ReportStatus, note: entry.note })),
      followers: row.followers,
      forwardedTo: row.forwarded_to_slug ? { slug: row.forwarded_to_slug, name: row.forwarded_to_name! } : null,
      forwardedFrom: row.forwarded_from_slug ? { slug: row.forwarded_from_slug, name: row.forwarded_from_name! } : null,
      duplicateOf: row.duplicate_of,
    };
  }

  /** Open public reports near a planned new report, best match first (formula in duplicate-score.ts). */
  async findDuplicates(query: DuplicatesQuery): Promise<DuplicateCandidate[]> {
    const tenant = this.tenants.current();
    const rows = await this.scope.transaction(() =>
      this.repository.duplicateCandidates(visibilityWindow(tenant), { lat: query.lat, lon: query.lon }, DUPLICATE_RADIUS_M, query.category, query.description, DUPLICATE_CANDIDATES),
    );
    return rows
      .map((row) => ({
        ...toSummary(row, tenant.slug),
        distanceM: Math.round(row.distance_m),
        score: duplicateScore({ distanceM: row.distance_m, sameCategory: row.same_category, textSimilarity: row.text_similarity, ageDays: row.age_days }),
      }))
      .sort((a, b) => b.score - a.score || a.distanceM - b.distanceM)
      .slice(0, DUPLICATE_LIMIT);
  }
}
