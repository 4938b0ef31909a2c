import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_DATA_SOURCE, TenantScope } from '@app/core';
import { DEFAULT_SETTINGS, Tenant } from './tenant.types';

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  kind: 'municipality' | 'union';
  locale: 'de' | 'en';
  time_zone: string;
  map_settings: Tenant['map'];
  settings: Partial<Tenant['settings']>;
  retention: Tenant['retention'];
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    locale: row.locale,
    timeZone: row.time_zone,
    map: row.map_settings,
    settings: { ...DEFAULT_SETTINGS, ...row.settings },
    retention: row.retention,
  };
}

export interface AreaFeatureRow {
  id: string;
  name: string;
  kind: 'municipality' | 'district';
  parent_id: string | null;
  geometry: string;
}

/** SQL for tenants and their areas. The tenant registry is public to read. */
@Injectable()
export class TenantsRepository {
  constructor(
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly scope: TenantScope,
  ) {}

  async list(): Promise<Array<Tenant & { centre: { lat: number; lon: number } | null }>> {
    const rows = await this.dataSource.query(`SELECT * FROM tenants ORDER BY name`);
    return rows.map((row: TenantRow & { centre_lat: number | null; centre_lon: number | null }) => ({
      ...toTenant(row),
      centre: row.centre_lat === null || row.centre_lon === null ? null : { lat: row.centre_lat, lon: row.centre_lon },
    }));
  }

  async findBySlug(slug: string): Promise<Tenant | null> {
    const rows = await this.dataSource.query(`SELECT * FROM tenants WHERE slug = $1`, [slug]);
    return rows[0] ? toTenant(rows[0]) : null;
  }

  async findById(id: string): Promise<Tenant | null> {
    const rows = await this.dataSource.query(`SELECT * FROM tenants WHERE id = $1`, [id]);
    return rows[0] ? toTenant(rows[0]) : null;
  }

  /** Areas of the current tenant as GeoJSON geometry strings (runs in the tenant's transaction). */
  async areas(): Promise<AreaFeatureRow[]> {
    return this.scope.manager.query(
      `SELECT id, name, kind, parent_id, ST_AsGeoJSON(geom, 6) AS geometry FROM areas ORDER BY kind, name`,
    );
  }

  /** The current tenant's boundary (union of its municipality areas), bbox and centre. */
  async boundary(): Promise<{ geometry: string | null; bbox: [number, number, number, number] | null; lat: number | null; lon: number | null }> {
    const rows = await this.scope.manager.query(
      `WITH b AS (SELECT ST_Multi(ST_Union(geom)) AS geom FROM areas WHERE kind = 'municipality')
       SELECT ST_AsGeoJSON(geom, 6) AS geometry, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n,
              ST_Y(ST_PointOnSurface(geom)) AS lat, ST_X(ST_PointOnSurface(geom)) AS lon FROM b`,
    );
    const row = rows[0];
    if (!row?.geometry) return { geometry: null, bbox: null, lat: null, lon: null };
    return { geometry: row.geometry, bbox: [row.w, row.s, row.e, row.n], lat: row.lat, lon: row.lon };
  }
}
