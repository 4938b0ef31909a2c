import type { LonLat, MultiPolygon, Polygon, Position } from './geojson.model';

/**
 * Whether a point lies inside a (Multi)Polygon, holes respected, by ray casting
 * in plain lon/lat. Points exactly on a border may go either way, which is why the
 * server asks PostGIS (ST_Covers) for anything that matters, such as routing a
 * report; this is for the client and for quick checks of demo data.
 */
export function areaContains(area: Polygon | MultiPolygon, point: LonLat): boolean {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  // Even-odd over all rings of one polygon: inside the shell and outside every hole.
  return polygons.some((rings) => rings.reduce((inside, ring) => (crossesRing(ring, point) ? !inside : inside), false));
}

function crossesRing(ring: readonly Position[], { lon, lat }: LonLat): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
