import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';
import { AreaImportCandidate, GeoJsonFieldError, parseAreaImport } from '@app/domain';

export class BoundaryImportError extends Error {
  constructor(readonly errors: readonly GeoJsonFieldError[] | ReadonlyArray<{ path: string; code: string; message: string }>) {
    super(`Boundary import refused:\n${errors.map((error) => `  - ${error.path || '(file)'}: ${error.message}`).join('\n')}`);
  }
}

export interface BoundaryImportResult {
  municipalities: number;
  districts: number;
}

/** Overlap below this share of an area counts as a shared border drawn slightly differently. */
const OVERLAP_TOLERANCE = 0.001;

/**
 * Loads a tenant's boundary or districts from GeoJSON. Everything is checked
 * first (structure in libs/domain, validity and overlaps in PostGIS) and
 * stored in one transaction: a bad file stores nothing.
 */
@Injectable()
export class BoundaryImportService {
  constructor(private readonly scope: TenantScope) {}

  async importGeoJson(tenantSlug: string, input: unknown, options: { replace?: boolean; actor?: string } = {}): Promise<BoundaryImportResult> {
    const parsed = parseAreaImport(input);
    if (!parsed.ok) throw new BoundaryImportError(parsed.errors);
    return this.scope.asSystem(
      { actor: options.actor ?? 'cli:boundary-import', action: 'areas.import', tenantIds: [], detail: { tenantSlug, features: parsed.areas.length } },
      async (manager) => {
        const tenants = await manager.query(`SELECT id FROM tenants WHERE slug = $1`, [tenantSlug]);
        if (tenants.length === 0) throw new BoundaryImportError([{ path: '', code: 'unknown_tenant', message: `No tenant with slug ${tenantSlug}` }]);
        const tenantId: string = tenants[0].id;
        await this.checkGeometries(manager, parsed.areas);
        if (options.replace) {
          const kinds = [...new Set(parsed.areas.map((area) => area.kind))];
          await manager.query(`DELETE FROM areas WHERE tenant_id = $1 AND kind = ANY($2)`, [tenantId, kinds]);
        }
        const municipalities = parsed.areas.filter((area) => area.kind === 'municipality');
        const districts = parsed.areas.filter((area) => area.kind === 'district');
        for (const area of municipalities) {
          await this.checkNoOverlapWithOtherTenants(manager, tenantId, area);
          await manager.query(
            `INSERT INTO areas (tenant_id, kind, name, geom) VALUES ($1, 'municipality', $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326)))`,
            [tenantId, area.name, JSON.stringify(area.geometry)],
          );
        }
        for (const area of districts) {
          const parent = await manager.query(
            `SELECT id FROM areas WHERE tenant_id = $1 AND kind = 'municipality'
               AND ST_Area(ST_Intersection(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))) >= (1 - $3::double precision) * ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))
             ORDER BY ST_Area(ST_Intersection(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))) DESC LIMIT 1`,
            [tenantId, JSON.stringify(area.geometry), OVERLAP_TOLERANCE],
          );
          if (parent.length === 0) {
            throw new BoundaryImportError([{ path: area.path, code: 'outside_boundary', message: `District ${area.name} does not lie within a municipality area of this tenant (import the boundary first)` }]);
          }
          await manager.query(
            `INSERT INTO areas (tenant_id, kind, name, parent_id, geom) VALUES ($1, 'district', $2, $3, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4326)))`,
            [tenantId, area.name, parent[0].id, JSON.stringify(area.geometry)],
          );
        }
        await manager.query(
          `UPDATE tenants t SET centre_lat = ST_Y(c), centre_lon = ST_X(c), updated_at = now()
             FROM (SELECT ST_PointOnSurface(ST_Union(geom)) AS c FROM areas WHERE tenant_id = $1 AND kind = 'municipality') x
            WHERE t.id = $1 AND c IS NOT NULL`,
          [tenantId],
        );
        return { municipalities: municipalities.length, districts: districts.length };
      },
    );
  }

  private async checkGeometries(manager: EntityManager, areas: readonly AreaImportCandidate[]): Promise<void> {
    const errors: Array<{ path: string; code: string; message: string }> = [];
    for (const area of areas) {
      const [row] = await manager.query(
        `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
        [JSON.stringify(area.geometry)],
      );
      if (!row.valid) errors.push({ path: `${area.path}.geometry`, code: 'invalid_geometry', message: `${area.name}: invalid geometry (${row.reason})` });
    }
    if (errors.length > 0) throw new BoundaryImportError(errors);
  }

  private async checkNoOverlapWithOtherTenants(manager: EntityManager, tenantId: string, area: AreaImportCandidate): Promise<void> {
    const overlaps: Array<{ slug: string; name: string }> = await manager.query(
      `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) AS geom)
       SELECT t.slug, a.name FROM areas a JOIN tenants t ON t.id = a.tenant_id, g
        WHERE a.tenant_id <> $1 AND a.kind = 'municipality' AND a.geom && g.geom
          AND ST_Area(ST_Intersection(a.geom, g.geom)) > $3::double precision * least(ST_Area(a.geom), ST_Area(g.geom))`,
      [tenantId, JSON.stringify(area.geometry), OVERLAP_TOLERANCE],
    );
    if (overlaps.length > 0) {
      throw new BoundaryImportError([{
        path: `${area.path}.geometry`,
        code: 'overlaps_other_tenant',
        message: `${area.name} overlaps ${overlaps.map((o) => `${o.name} (${o.slug})`).join(', ')}: a point must belong to exactly one tenant`,
      }]);
    }
  }
}
