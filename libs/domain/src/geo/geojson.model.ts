// The subset of RFC 7946 GeoJSON that mitreden reads and writes. Declared here
// rather than taken from @types/geojson, which is only a transitive dependency.

/** [longitude, latitude] or [longitude, latitude, altitude], WGS84 degrees. */
export type Position = readonly number[];

export interface Point {
  readonly type: 'Point';
  readonly coordinates: Position;
}
export interface MultiPoint {
  readonly type: 'MultiPoint';
  readonly coordinates: readonly Position[];
}
export interface LineString {
  readonly type: 'LineString';
  readonly coordinates: readonly Position[];
}
export interface MultiLineString {
  readonly type: 'MultiLineString';
  readonly coordinates: readonly (readonly Position[])[];
}
export interface Polygon {
  readonly type: 'Polygon';
  /** Exterior ring first, then holes; every ring closed (last position = first). */
  readonly coordinates: readonly (readonly Position[])[];
}
export interface MultiPolygon {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly (readonly Position[])[])[];
}
export interface GeometryCollection {
  readonly type: 'GeometryCollection';
  readonly geometries: readonly Geometry[];
}

export type Geometry =
  | Point
  | MultiPoint
  | LineString
  | MultiLineString
  | Polygon
  | MultiPolygon
  | GeometryCollection;

export type GeometryType = Geometry['type'];

export const GEOMETRY_TYPES: readonly GeometryType[] = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
];

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = readonly [number, number, number, number];

/** Named fields rather than a tuple where axis order would otherwise be a guess. */
export interface LonLat {
  readonly lon: number;
  readonly lat: number;
}
