import { Module } from '@nestjs/common';
import { BoundaryImportService } from './boundary-import.service';
import { DemoSeedService } from './demo-seed.service';
import { TenantResolver } from './tenant-resolver';
import { TenantRouteGuard } from './tenant-route.guard';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';

@Module({
  providers: [TenantsRepository, TenantsService, TenantResolver, TenantRouteGuard, BoundaryImportService, DemoSeedService],
  exports: [TenantsRepository, TenantsService, TenantResolver, TenantRouteGuard, BoundaryImportService, DemoSeedService],
})
export class TenantsModule {}
