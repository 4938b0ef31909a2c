import type { BBox, Geometry, Position } from './geojson.model';

/**
 * Bounding box of any geometry, or null when it has no positions.
 * Plain min/max: a geometry crossing the antimeridian gets a box around the
 * world, which is acceptable for German municipalities.
 */
export function bboxOf(geometry: Geometry): BBox | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const visit = (position: Position): void => {
    const [lon, lat] = position;
    if (lon === undefined || lat === undefined) return;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  };
  forEachPosition(geometry, visit);
  return minLon === Infinity ? null : [minLon, minLat, maxLon, maxLat];
}

function forEachPosition(geometry: Geometry, visit: (position: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      return;
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((line) => line.forEach(visit));
      return;
    case 'MultiPolygon':
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
      return;
    case 'GeometryCollection':
      geometry.geometries.forEach((member) => forEachPosition(member, visit));
      return;
  }
}
