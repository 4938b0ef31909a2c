// Small geometry helpers for the client: which area contains a point.
import type { Feature, Geometry, Position } from 'geojson';
import type { AreaProperties, Tenant } from './api/types';

function inRing(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon: number, lat: number, rings: Position[][]): boolean {
  if (!rings.length || !inRing(lon, lat, rings[0])) return false;
  return !rings.slice(1).some((hole) => inRing(lon, lat, hole));
}

export function geometryContains(geometry: Geometry | null | undefined, lat: number, lon: number): boolean {
  if (!geometry) return false;
  if (geometry.type === 'Polygon') return inPolygon(lon, lat, geometry.coordinates);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.some((p) => inPolygon(lon, lat, p));
  if (geometry.type === 'GeometryCollection') return geometry.geometries.some((g) => geometryContains(g, lat, lon));
  return false;
}

/** The most specific area (district before municipality) containing the point. */
export function areaAt(tenant: Tenant, lat: number, lon: number): Feature<Geometry, AreaProperties> | null {
  const hits = (tenant.areas?.features ?? []).filter((f) => geometryContains(f.geometry, lat, lon));
  return hits.find((f) => f.properties.kind === 'district') ?? hits[0] ?? null;
}

export function insideTenant(tenant: Tenant, lat: number, lon: number): boolean {
  // Without a boundary we cannot tell; do not warn about "outside".
  if (!tenant.boundary?.geometry) return true;
  return geometryContains(tenant.boundary.geometry, lat, lon);
}
