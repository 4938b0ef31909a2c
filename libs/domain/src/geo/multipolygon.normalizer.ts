import type { MultiPolygon, Polygon, Position } from './geojson.model';

/**
 * Polygon or MultiPolygon to a MultiPolygon with 2D positions, as stored in
 * `geometry(MultiPolygon, 4326)` columns. Altitude is dropped because a 3D
 * geometry would not fit the 2D column, and areas have no use for it.
 * Returns new arrays; the input is not modified.
 */
export function toMultiPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((rings) => rings.map((ring) => ring.map(to2d))),
  };
}

function to2d(position: Position): Position {
  return [position[0] as number, position[1] as number];
}
