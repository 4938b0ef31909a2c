import {
  AREA_IMPORT_DEFAULTS,
  AreaImportCandidate,
  AreaImportErrorCode as Code,
  AreaImportOptions,
  AreaImportResult,
  GeoJsonFieldError,
} from './area-import.model';
import { isWgs84Crs, crsName } from './crs.util';
import { GEOMETRY_TYPES, MultiPolygon, Polygon } from './geojson.model';
import { toMultiPolygon } from './multipolygon.normalizer';
import { findRingSelfIntersection, isRingClosed } from './ring.util';

// Checks an uploaded GeoJSON (FeatureCollection, Feature or bare geometry) before
// it is imported as areas. Everything a user can fix in the file is reported with
// the path of the offending field, all at once, so one round trip shows every
// problem. Validity beyond the obvious (self-touching rings, holes outside shells)
// is left to PostGIS ST_IsValidReason at import. Nothing here throws on bad input.

type JsonObject = Record<string, unknown>;

interface ResolvedOptions {
  readonly maxVertices: number;
  readonly maxErrors: number;
  readonly allowedKinds: readonly string[];
  readonly defaultKind: string;
  readonly bareGeometryName: string | undefined;
}

/** One area to check: a feature of the upload, or the upload itself when it is a bare geometry. */
interface Entry {
  readonly path: string;
  readonly value: unknown;
  readonly bare: boolean;
}

class ErrorList {
  readonly items: GeoJsonFieldError[] = [];

  constructor(private readonly max: number) {}

  /** True once an error beyond the limit was refused, so callers can stop looking. */
  get full(): boolean {
    return this.items.length > this.max;
  }

  add(path: string, code: Code, message: string): void {
    if (this.items.length < this.max) {
      this.items.push({ path, code, message });
    } else if (this.items.length === this.max) {
      this.items.push({ path: '', code: Code.TooManyErrors, message: `More than ${this.max} errors; the rest are not listed` });
    }
  }
}

/** Validates and, when valid, returns the areas with names, kinds and MultiPolygon geometries. */
export function parseAreaImport(input: unknown, options: AreaImportOptions = {}): AreaImportResult {
  const settings = resolve(options);
  const errors = new ErrorList(settings.maxErrors);
  if (!isObject(input)) {
    errors.add('', Code.NotAnObject, `Expected a GeoJSON object, got ${describe(input)}`);
    return { ok: false, errors: errors.items };
  }
  checkCrs(input, '', errors);
  const entries = collectEntries(input, errors);

  // Refused before anything else: the other errors of a file this large are noise.
  const vertices = entries.reduce((sum, entry) => sum + countPositions(entry), 0);
  if (vertices > settings.maxVertices) {
    const message = `${vertices} vertices in total; at most ${settings.maxVertices} are accepted. Simplify the areas first (e.g. QGIS "Simplify")`;
    return { ok: false, errors: [{ path: '', code: Code.TooManyVertices, message }] };
  }

  const areas: AreaImportCandidate[] = [];
  for (const entry of entries) {
    if (errors.full) break;
    const area = checkEntry(entry, settings, errors);
    if (area) areas.push(area);
  }
  return errors.items.length > 0 ? { ok: false, errors: errors.items } : { ok: true, areas };
}

/** The field errors only; empty when the upload can be imported. */
export function validateAreaImport(input: unknown, options: AreaImportOptions = {}): readonly GeoJsonFieldError[] {
  const result = parseAreaImport(input, options);
  return result.ok ? [] : result.errors;
}

/** Same as parseAreaImport, from the file's text (a syntax error becomes an error, not an exception). */
export function parseAreaImportText(text: string, options: AreaImportOptions = {}): AreaImportResult {
  let input: unknown;
  try {
    // Editors on Windows like to start UTF-8 files with a byte order mark, which JSON.parse refuses.
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: '', code: Code.InvalidJson, message: `Not valid JSON: ${reason}` }] };
  }
  return parseAreaImport(input, options);
}

function resolve(options: AreaImportOptions): ResolvedOptions {
  return {
    maxVertices: options.maxVertices ?? AREA_IMPORT_DEFAULTS.maxVertices,
    maxErrors: options.maxErrors ?? AREA_IMPORT_DEFAULTS.maxErrors,
    allowedKinds: options.allowedKinds ?? AREA_IMPORT_DEFAULTS.allowedKinds,
    defaultKind: options.defaultKind ?? AREA_IMPORT_DEFAULTS.defaultKind,
    bareGeometryName: options.bareGeometryName,
  };
}

function collectEntries(root: JsonObject, errors: ErrorList): Entry[] {
  const type = root['type'];
  if (type === 'FeatureCollection') {
    const features = root['features'];
    if (!Array.isArray(features)) {
      errors.add('features', Code.FeaturesNotArray, `features must be an array, got ${describe(features)}`);
      return [];
    }
    if (features.length === 0) errors.add('features', Code.NoFeatures, 'The FeatureCollection has no features');
    return features.map((value: unknown, index) => ({ path: at('features', index), value, bare: false }));
  }
  if (type === 'Feature') return [{ path: '', value: root, bare: false }];
  if (typeof type === 'string' && (GEOMETRY_TYPES as readonly string[]).includes(type)) {
    return [{ path: '', value: root, bare: true }];
  }
  errors.add('type', Code.UnknownType, `Expected FeatureCollection, Feature, Polygon or MultiPolygon, got ${describe(type)}`);
  return [];
}

function checkEntry(entry: Entry, settings: ResolvedOptions, errors: ErrorList): AreaImportCandidate | null {
  const before = errors.items.length;
  let name: string | null;
  let kind: string | null;
  let geometryValue: unknown;
  let geometryPath: string;

  if (entry.bare) {
    geometryValue = entry.value;
    geometryPath = entry.path;
    kind = settings.defaultKind;
    name =
      settings.bareGeometryName === undefined
        ? (errors.add(entry.path, Code.NameMissing, 'A bare geometry has no name: upload a Feature with a "name" property, or give the name in the form'), null)
        : checkName(settings.bareGeometryName, entry.path, errors);
  } else {
    const feature = entry.value;
    if (!isObject(feature) || feature['type'] !== 'Feature') {
      errors.add(entry.path, Code.FeatureInvalid, `Expected a Feature, got ${describeFeature(feature)}`);
      return null;
    }
    // A Feature at the root had its crs checked with the root already.
    if (entry.path !== '') checkCrs(feature, entry.path, errors);
    const propertiesPath = member(entry.path, 'properties');
    const properties = feature['properties'];
    let props: JsonObject = {};
    if (isObject(properties)) {
      props = properties;
    } else if (properties !== undefined && properties !== null) {
      errors.add(propertiesPath, Code.PropertiesInvalid, `properties must be an object, got ${describe(properties)}`);
    }
    name = checkName(props['name'], member(propertiesPath, 'name'), errors);
    kind = checkKind(props['kind'], member(propertiesPath, 'kind'), settings, errors);
    geometryValue = feature['geometry'];
    geometryPath = member(entry.path, 'geometry');
    if (isObject(geometryValue)) checkCrs(geometryValue, geometryPath, errors);
  }

  const geometry = checkGeometry(geometryValue, geometryPath, errors);
  if (errors.items.length > before || name === null || kind === null || geometry === null) return null;
  return { path: entry.path, name, kind, geometry };
}

function checkName(value: unknown, path: string, errors: ErrorList): string | null {
  if (value === undefined || value === null) {
    errors.add(path, Code.NameMissing, 'name is required');
    return null;
  }
  if (typeof value !== 'string') {
    errors.add(path, Code.NameInvalid, `name must be text, got ${describe(value)}`);
    return null;
  }
  const name = value.trim();
  if (name.length === 0) {
    errors.add(path, Code.NameMissing, 'name is empty');
    return null;
  }
  // Counted in code points, as a person would count characters (not UTF-16 units).
  const length = [...name].length;
  if (length > AREA_IMPORT_DEFAULTS.nameMaxLength) {
    errors.add(path, Code.NameTooLong, `name has ${length} characters; at most ${AREA_IMPORT_DEFAULTS.nameMaxLength} are allowed`);
    return null;
  }
  return name;
}

function checkKind(value: unknown, path: string, settings: ResolvedOptions, errors: ErrorList): string | null {
  if (value === undefined || value === null) return settings.defaultKind;
  if (typeof value !== 'string' || !settings.allowedKinds.includes(value)) {
    errors.add(path, Code.KindInvalid, `kind must be one of ${settings.allowedKinds.join(', ')}; got ${describe(value)}`);
    return null;
  }
  return value;
}

function checkCrs(object: JsonObject, path: string, errors: ErrorList): void {
  if (!('crs' in object) || isWgs84Crs(object['crs'])) return;
  const name = crsName(object['crs']);
  const what = name === null ? describe(object['crs']) : `"${name}"`;
  errors.add(
    member(path, 'crs'),
    Code.CrsNotWgs84,
    `Coordinates must be WGS84 longitude/latitude (RFC 7946); the file declares crs ${what}. Export it again as EPSG:4326`,
  );
}

function checkGeometry(value: unknown, path: string, errors: ErrorList): MultiPolygon | null {
  if (value === undefined || value === null) {
    errors.add(path, Code.GeometryMissing, 'The feature has no geometry');
    return null;
  }
  if (!isObject(value)) {
    errors.add(path, Code.GeometryMissing, `geometry must be a GeoJSON geometry object, got ${describe(value)}`);
    return null;
  }
  const type = value['type'];
  const coordinatesPath = member(path, 'coordinates');
  const before = errors.items.length;
  if (type === 'Polygon') {
    checkPolygon(value['coordinates'], coordinatesPath, errors);
  } else if (type === 'MultiPolygon') {
    const polygons = value['coordinates'];
    if (!Array.isArray(polygons) || polygons.length === 0) {
      errors.add(coordinatesPath, Code.CoordinatesInvalid, 'A MultiPolygon needs a non-empty array of polygons');
    } else {
      polygons.forEach((polygon: unknown, index) => checkPolygon(polygon, at(coordinatesPath, index), errors));
    }
  } else {
    const named = typeof type === 'string' ? type : describe(type);
    errors.add(member(path, 'type'), Code.GeometryTypeNotAllowed, `Geometry type ${named} is not accepted; areas must be Polygon or MultiPolygon`);
    return null;
  }
  if (errors.items.length > before) return null;
  return toMultiPolygon(value as unknown as Polygon | MultiPolygon);
}

function checkPolygon(rings: unknown, path: string, errors: ErrorList): void {
  if (!Array.isArray(rings) || rings.length === 0) {
    errors.add(path, Code.CoordinatesInvalid, 'A polygon needs a non-empty array of rings (the outline first, then holes)');
    return;
  }
  rings.forEach((ring: unknown, index) => checkRing(ring, at(path, index), errors));
}

function checkRing(ring: unknown, path: string, errors: ErrorList): void {
  if (!Array.isArray(ring)) {
    errors.add(path, Code.CoordinatesInvalid, `A ring must be an array of positions, got ${describe(ring)}`);
    return;
  }
  let positionsValid = true;
  for (let index = 0; index < ring.length && !errors.full; index++) {
    if (!checkPosition(ring[index], at(path, index), errors)) positionsValid = false;
  }
  if (!positionsValid) return;
  const positions = ring as number[][];
  if (positions.length < 4) {
    errors.add(path, Code.RingTooShort, `A ring needs at least 4 positions (a triangle plus the closing position), got ${positions.length}`);
  } else if (!isRingClosed(positions)) {
    errors.add(path, Code.RingNotClosed, 'The ring is not closed: its last position must equal its first');
  } else {
    const crossing = findRingSelfIntersection(positions);
    if (crossing) {
      errors.add(
        path,
        Code.RingSelfIntersection,
        `The ring crosses itself: the edge from position ${crossing.segmentA} meets the edge from position ${crossing.segmentB}`,
      );
    }
  }
}

function checkPosition(position: unknown, path: string, errors: ErrorList): boolean {
  if (!Array.isArray(position) || position.length < 2) {
    errors.add(path, Code.PositionInvalid, `A position must be [longitude, latitude], got ${describe(position)}`);
    return false;
  }
  let numeric = true;
  // Altitude, if present, must be a number too, though it is dropped on import.
  for (let axis = 0; axis < Math.min(position.length, 3); axis++) {
    const value: unknown = position[axis];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.add(at(path, axis), Code.PositionInvalid, `Coordinates must be numbers, got ${describe(value)}`);
      numeric = false;
    }
  }
  if (!numeric) return false;
  const [lon, lat] = position as [number, number];
  let inRange = true;
  if (lon < -180 || lon > 180) {
    errors.add(path, Code.LongitudeOutOfRange, `Longitude ${lon} is outside -180..180${projectedHint(lon)}`);
    inRange = false;
  }
  if (lat < -90 || lat > 90) {
    errors.add(path, Code.LatitudeOutOfRange, `Latitude ${lat} is outside -90..90${projectedHint(lat)}`);
    inRange = false;
  }
  return inRange;
}

/** The most common cause in Germany: an export in UTM metres (EPSG:25832/25833) without a crs member. */
function projectedHint(value: number): string {
  return Math.abs(value) > 1000 ? ' (this looks like projected metres, e.g. EPSG:25832; export as WGS84 / EPSG:4326)' : '';
}

function countPositions(entry: Entry): number {
  const geometry = entry.bare ? entry.value : isObject(entry.value) ? entry.value['geometry'] : undefined;
  if (!isObject(geometry)) return 0;
  const coordinates = geometry['coordinates'];
  if (!Array.isArray(coordinates)) return 0;
  const countRings = (rings: unknown): number =>
    Array.isArray(rings) ? rings.reduce((sum: number, ring: unknown) => sum + (Array.isArray(ring) ? ring.length : 0), 0) : 0;
  if (geometry['type'] === 'Polygon') return countRings(coordinates);
  if (geometry['type'] === 'MultiPolygon') return coordinates.reduce((sum: number, rings: unknown) => sum + countRings(rings), 0);
  return 0;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function member(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function at(path: string, index: number): string {
  return `${path}[${index}]`;
}

function describeFeature(value: unknown): string {
  return isObject(value) && typeof value['type'] === 'string' ? `type ${value['type']}` : describe(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
