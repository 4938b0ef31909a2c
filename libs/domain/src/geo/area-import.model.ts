import type { MultiPolygon } from './geojson.model';

/** Stable codes: the web client translates by code, the message is for logs and API users. */
export enum AreaImportErrorCode {
  InvalidJson = 'invalid_json',
  NotAnObject = 'not_an_object',
  UnknownType = 'unknown_type',
  FeaturesNotArray = 'features_not_array',
  NoFeatures = 'no_features',
  FeatureInvalid = 'feature_invalid',
  CrsNotWgs84 = 'crs_not_wgs84',
  GeometryMissing = 'geometry_missing',
  GeometryTypeNotAllowed = 'geometry_type_not_allowed',
  CoordinatesInvalid = 'coordinates_invalid',
  PositionInvalid = 'position_invalid',
  LongitudeOutOfRange = 'longitude_out_of_range',
  LatitudeOutOfRange = 'latitude_out_of_range',
  RingTooShort = 'ring_too_short',
  RingNotClosed = 'ring_not_closed',
  RingSelfIntersection = 'ring_self_intersection',
  TooManyVertices = 'too_many_vertices',
  PropertiesInvalid = 'properties_invalid',
  NameMissing = 'name_missing',
  NameInvalid = 'name_invalid',
  NameTooLong = 'name_too_long',
  KindInvalid = 'kind_invalid',
  TooManyErrors = 'too_many_errors',
}

export interface GeoJsonFieldError {
  /**
   * Where in the upload, in JavaScript accessor notation relative to the uploaded
   * object, e.g. 'features[3].geometry.coordinates[0][5]'; '' is the object itself.
   */
  readonly path: string;
  readonly code: AreaImportErrorCode;
  readonly message: string;
}

export const DEFAULT_AREA_KINDS = ['municipality', 'district'] as const;

export interface AreaImportOptions {
  /** Total positions over all areas; beyond this the upload is refused outright. */
  readonly maxVertices?: number;
  /** Collection stops here, so a broken 100 MB file does not produce a 100 MB answer. */
  readonly maxErrors?: number;
  readonly allowedKinds?: readonly string[];
  readonly defaultKind?: string;
  /** Name for an upload that is a bare geometry (no properties), e.g. typed into the form. */
  readonly bareGeometryName?: string;
}

export const AREA_IMPORT_DEFAULTS = {
  maxVertices: 200_000,
  maxErrors: 100,
  allowedKinds: DEFAULT_AREA_KINDS as readonly string[],
  defaultKind: 'district',
  nameMaxLength: 200,
} as const;

export interface AreaImportCandidate {
  /** Path of the feature (or '' for a single feature or bare geometry), for errors reported later by PostGIS. */
  readonly path: string;
  readonly name: string;
  readonly kind: string;
  readonly geometry: MultiPolygon;
}

export type AreaImportResult =
  | { readonly ok: true; readonly areas: readonly AreaImportCandidate[] }
  | { readonly ok: false; readonly errors: readonly GeoJsonFieldError[] };
