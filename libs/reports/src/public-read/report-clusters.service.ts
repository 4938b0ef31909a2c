import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { TenantsService } from '@app/tenants';
import { clusterGrid } from './cluster-grid';
import { PublicReportsRepository } from './public-reports.repository';
import { ReportMapCache } from './report-map.cache';
import { ClustersQuery } from './report-query.schemas';
import { ClusterResponse, PublicReportQuery } from './report-read.types';
import { visibilityWindow } from './public-reports.service';

/**
 * Server-side clusters for the public map: PostGIS groups the reports of the
 * snapped box by grid cell (see cluster-grid.ts); answers are cached per
 * tenant version (see report-map.cache.ts).
 */
@Injectable()
export class ReportClustersService {
  constructor(
    private readonly repository: PublicReportsRepository,
    private readonly tenants: TenantsService,
    private readonly scope: TenantScope,
    private readonly cache: ReportMapCache,
  ) {}

  /**
   * The answer as JSON text: serialized once per cache entry, so a cache hit
   * costs no serialization (at thousands of requests per second, stringifying
   * a city's clusters each time would cost more CPU than everything else).
   */
  async getClustersJson(query: ClustersQuery): Promise<string> {
    const tenant = this.tenants.current();
    const window = visibilityWindow(tenant);
    const grid = clusterGrid(query.bbox, query.zoom);
    const filter: PublicReportQuery = { bbox: grid.bbox, status: query.status, categories: query.category, maxAgeDays: query.maxAgeDays };
    const key = [grid.key, query.status, query.category.join(','), query.maxAgeDays ?? '', window.closedVisibleDays].join('|');
    return this.cache.getOrCompute(tenant.id, key, async () => {
      const clusters = await this.scope.transaction(() =>
        grid.cellSize === 0 ? this.repository.singles(filter, window) : this.repository.clusters(filter, window, grid.cellSize),
      );
      const answer: ClusterResponse = { zoom: query.zoom, clusters };
      return JSON.stringify(answer);
    });
  }
}
