import { Module } from '@nestjs/common';
import { TenantsModule } from '@app/tenants';
import { ReportGeodataService } from '../geodata/report-geodata.service';
import { PublicReportsRepository } from './public-reports.repository';
import { PublicReportsService } from './public-reports.service';
import { ReportClustersService } from './report-clusters.service';
import { ReportMapCache } from './report-map.cache';

/**
 * The public read side of the defect reporter: map clusters, list, report
 * page, duplicate suggestions, GeoJSON and OGC API – Features.
 *
 * ReportMapCache is a singleton of this module: writers import
 * ReportReadModule and inject it to call invalidate(tenantId); providing it
 * again elsewhere would create a second, never-invalidated cache.
 */
@Module({
  imports: [TenantsModule],
  providers: [PublicReportsRepository, PublicReportsService, ReportClustersService, ReportMapCache, ReportGeodataService],
  exports: [PublicReportsService, ReportClustersService, ReportMapCache, ReportGeodataService],
})
export class ReportReadModule {}
