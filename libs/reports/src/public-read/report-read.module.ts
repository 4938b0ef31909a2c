import { Module } from '@nestjs/common';
import { TenantsModule } from '@app/tenants';
import { ReportGeodataService } from '../geodata/report-geodata.service';
import { ReportsModule } from '../reports.module';
import { PublicReportsRepository } from './public-reports.repository';
import { PublicReportsService } from './public-reports.service';
import { ReportClustersService } from './report-clusters.service';
import { ReportMapCache } from './report-map.cache';
import { ReportMapCacheInvalidation } from './report-map-cache.invalidation';

/**
 * The public read side of the defect reporter: map clusters, list, report
 * page, duplicate suggestions, GeoJSON and OGC API – Features.
 *
 * ReportMapCache is a singleton of this module. It listens to the write
 * side's ReportChangeListeners (from ReportsModule), so every committed write
 * there invalidates the tenant's map answers; anything else may inject
 * ReportMapCache from here and call invalidate(tenantId). Providing it again
 * elsewhere would create a second, never-invalidated cache. ReportsModule
 * must not import this module (that would be a cycle).
 */
@Module({
  imports: [TenantsModule, ReportsModule],
  providers: [PublicReportsRepository, PublicReportsService, ReportClustersService, ReportMapCache, ReportMapCacheInvalidation, ReportGeodataService],
  exports: [PublicReportsService, ReportClustersService, ReportMapCache, ReportGeodataService],
})
export class ReportReadModule {}
