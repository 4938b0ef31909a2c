import { readFile } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { BoundaryImportService } from './boundary-import.service';
import { DEMO_TENANTS, demoBoundaryFile } from './demo';

/** Hooks other capabilities use to add their demo data for a new tenant (categories, departments, …). */
export interface DemoSeedContributor {
  seedTenant(tenantId: string, slug: string): Promise<void>;
}

/**
 * Creates the demo tenants when the deployment has none. Boundaries come from
 * the synthetic GeoJSON files through the same import as real data.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly scope: TenantScope,
    private readonly boundaries: BoundaryImportService,
  ) {}

  async seedIfEmpty(contributors: DemoSeedContributor[] = [], rootDir = process.cwd()): Promise<boolean> {
    const existing = await this.scope.asSystem({ actor: 'seed', action: 'tenants.count', tenantIds: [] }, (manager) =>
      manager.query(`SELECT count(*)::int AS n FROM tenants`),
    );
    if (existing[0].n > 0) return false;
    for (const demo of DEMO_TENANTS) {
      const [row] = await this.scope.asSystem({ actor: 'seed', action: 'tenants.create', tenantIds: [], detail: { slug: demo.slug } }, (manager) =>
        manager.query(
          `INSERT INTO tenants (slug, name, kind, locale, time_zone, map_settings, settings, retention)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb) RETURNING id`,
          [demo.slug, demo.name, demo.kind, demo.locale, demo.timeZone, JSON.stringify(demo.map), JSON.stringify(demo.settings), JSON.stringify(demo.retention)],
        ),
      );
      const geojson = JSON.parse(await readFile(`${rootDir}/${demoBoundaryFile(demo.slug)}`, 'utf8'));
      await this.boundaries.importGeoJson(demo.slug, geojson, { actor: 'seed' });
      for (const contributor of contributors) await contributor.seedTenant(row.id, demo.slug);
      this.logger.log(`seeded demo tenant ${demo.slug}`);
    }
    return true;
  }
}
