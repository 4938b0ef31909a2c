import { AreaImportErrorCode as Code } from './area-import.model';
import { parseAreaImport, parseAreaImportText, validateAreaImport } from './area-import.validator';

// A small square in Ilmenau, counter-clockwise and closed.
const ring = [[10.91, 50.68], [10.92, 50.68], [10.92, 50.69], [10.91, 50.69], [10.91, 50.68]];
const polygon = { type: 'Polygon', coordinates: [ring] };
const multiPolygon = { type: 'MultiPolygon', coordinates: [[ring]] };
const feature = (properties: unknown, geometry: unknown = polygon): Record<string, unknown> => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (...features: unknown[]): Record<string, unknown> => ({ type: 'FeatureCollection', features });
const named = (geometry: unknown): Record<string, unknown> => feature({ name: 'Manebach' }, geometry);
const withRing = (positions: unknown): Record<string, unknown> => named({ type: 'Polygon', coordinates: [positions] });

/** [path, code] pairs: what a caller maps onto the form. Messages are checked separately. */
type Expected = Array<[string, Code]>;

describe('validateAreaImport', () => {
  it.each<[string, unknown, Expected]>([
    // accepted shapes
    ['feature collection of polygons', collection(named(polygon), named(multiPolygon)), []],
    ['single feature', named(polygon), []],
    ['CRS84 named the old way', { ...collection(named(polygon)), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } }, []],
    ['EPSG:4326 named the old way', { ...collection(named(polygon)), crs: { type: 'name', properties: { name: 'EPSG:4326' } } }, []],
    ['altitude present', withRing(ring.map(([x, y]) => [x, y, 480])), []],
    ['kind given', collection(feature({ name: 'Ilmenau', kind: 'municipality' })), []],

    // the upload itself
    ['not an object', 'hello', [['', Code.NotAnObject]]],
    ['array', [polygon], [['', Code.NotAnObject]]],
    ['unknown type', { type: 'Topology' }, [['type', Code.UnknownType]]],
    ['features not an array', { type: 'FeatureCollection', features: {} }, [['features', Code.FeaturesNotArray]]],
    ['empty collection', collection(), [['features', Code.NoFeatures]]],
    ['member not a feature', collection(named(polygon), polygon), [['features[1]', Code.FeatureInvalid]]],

    // crs
    ['projected crs at the root', { ...collection(named(polygon)), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } } }, [['crs', Code.CrsNotWgs84]]],
    ['linked crs', { ...named(polygon), crs: { type: 'link', properties: { href: 'http://example.org/crs' } } }, [['crs', Code.CrsNotWgs84]]],
    ['null crs', { ...named(polygon), crs: null }, [['crs', Code.CrsNotWgs84]]],
    ['crs on a geometry', collection(named({ ...polygon, crs: { type: 'name', properties: { name: 'EPSG:31468' } } })), [['features[0].geometry.crs', Code.CrsNotWgs84]]],

    // geometry type
    ['point refused', collection(named({ type: 'Point', coordinates: [10.9, 50.7] })), [['features[0].geometry.type', Code.GeometryTypeNotAllowed]]],
    ['line refused', collection(named(polygon), named({ type: 'LineString', coordinates: ring })), [['features[1].geometry.type', Code.GeometryTypeNotAllowed]]],
    ['collection refused', named({ type: 'GeometryCollection', geometries: [polygon] }), [['geometry.type', Code.GeometryTypeNotAllowed]]],
    ['geometry null', collection(named(null)), [['features[0].geometry', Code.GeometryMissing]]],
    ['geometry a string', collection(named('POLYGON((...))')), [['features[0].geometry', Code.GeometryMissing]]],

    // coordinates
    ['polygon without rings', named({ type: 'Polygon', coordinates: [] }), [['geometry.coordinates', Code.CoordinatesInvalid]]],
    ['multipolygon without polygons', named({ type: 'MultiPolygon', coordinates: [] }), [['geometry.coordinates', Code.CoordinatesInvalid]]],
    ['ring not an array', named({ type: 'Polygon', coordinates: [5] }), [['geometry.coordinates[0]', Code.CoordinatesInvalid]]],
    ['position too short', withRing([...ring.slice(0, 2), [10.9], ...ring.slice(3)]), [['geometry.coordinates[0][2]', Code.PositionInvalid]]],
    ['coordinate as text', withRing([ring[0], ['10.92', 50.68], ...ring.slice(2)]), [['geometry.coordinates[0][1][0]', Code.PositionInvalid]]],
    ['altitude as text', withRing([ring[0], [10.92, 50.68, 'high'], ...ring.slice(2)]), [['geometry.coordinates[0][1][2]', Code.PositionInvalid]]],
    ['longitude out of range', withRing([ring[0], [190.5, 50.68], ...ring.slice(2)]), [['geometry.coordinates[0][1]', Code.LongitudeOutOfRange]]],
    ['latitude out of range', withRing([ring[0], [10.92, -91], ...ring.slice(2)]), [['geometry.coordinates[0][1]', Code.LatitudeOutOfRange]]],
    [
      'metres (UTM) everywhere: one error per position, both axes',
      collection(named(polygon), named({ type: 'Polygon', coordinates: [[[640000, 5616000], [641000, 5616000], [641000, 5617000], [640000, 5616000]]] })),
      [0, 1, 2, 3].flatMap((i): Expected => [
        [`features[1].geometry.coordinates[0][${i}]`, Code.LongitudeOutOfRange],
        [`features[1].geometry.coordinates[0][${i}]`, Code.LatitudeOutOfRange],
      ]),
    ],
    ['ring of three positions', withRing([ring[0], ring[1], ring[0]]), [['geometry.coordinates[0]', Code.RingTooShort]]],
    ['ring not closed', withRing(ring.slice(0, 4)), [['geometry.coordinates[0]', Code.RingNotClosed]]],
    ['ring of five, not closed', withRing([...ring.slice(0, 4), [10.905, 50.685]]), [['geometry.coordinates[0]', Code.RingNotClosed]]],
    ['bow-tie', withRing([[10.91, 50.68], [10.92, 50.69], [10.92, 50.68], [10.91, 50.69], [10.91, 50.68]]), [['geometry.coordinates[0]', Code.RingSelfIntersection]]],
    [
      'bow-tie in the hole of the second polygon of a multipolygon',
      collection(named(polygon), named({ type: 'MultiPolygon', coordinates: [[ring], [ring, [[10.912, 50.682], [10.918, 50.688], [10.918, 50.682], [10.912, 50.688], [10.912, 50.682]]]] })),
      [['features[1].geometry.coordinates[1][1]', Code.RingSelfIntersection]],
    ],

    // properties
    ['no properties', collection(feature(null)), [['features[0].properties.name', Code.NameMissing]]],
    ['properties an array', collection(feature(['Manebach'])), [['features[0].properties', Code.PropertiesInvalid], ['features[0].properties.name', Code.NameMissing]]],
    ['name blank', collection(feature({ name: '   ' })), [['features[0].properties.name', Code.NameMissing]]],
    ['name a number', collection(feature({ name: 42 })), [['features[0].properties.name', Code.NameInvalid]]],
    ['name too long', collection(feature({ name: 'x'.repeat(201) })), [['features[0].properties.name', Code.NameTooLong]]],
    ['kind unknown', collection(feature({ name: 'Manebach', kind: 'county' })), [['features[0].properties.kind', Code.KindInvalid]]],
    ['bare geometry has no name', polygon, [['', Code.NameMissing]]],

    // several problems are reported together
    [
      'errors from different features',
      collection(feature({ name: '' }), named({ type: 'Point', coordinates: [0, 0] }), withRing(ring.slice(0, 3))),
      [
        ['features[0].properties.name', Code.NameMissing],
        ['features[1].geometry.type', Code.GeometryTypeNotAllowed],
        ['features[2].geometry.coordinates[0]', Code.RingTooShort],
      ],
    ],
  ])('%s', (_label, input, expected) => {
    const errors = validateAreaImport(input);
    expect(errors.map((error) => [error.path, error.code])).toEqual(expected);
    for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
  });

  it('names the refused geometry type in the message', () => {
    const [error] = validateAreaImport(named({ type: 'MultiLineString', coordinates: [] }));
    expect(error?.message).toContain('MultiLineString');
  });

  it('hints at projected metres', () => {
    const [error] = validateAreaImport(withRing([ring[0], [640000, 50.68], ...ring.slice(2)]));
    expect(error?.message).toContain('EPSG:25832');
  });

  it('accepts a 200-character name, counting umlauts and emoji as one character each', () => {
    const name = 'ü'.repeat(199) + '🏛';
    expect(validateAreaImport(collection(feature({ name })))).toEqual([]);
  });

  it('refuses too many vertices with one error and no others', () => {
    const big = Array.from({ length: 1001 }, (_, i) => [10 + i / 10_000, 50 + (i % 2) / 10_000]);
    const errors = validateAreaImport(collection(withRing(big), feature({ name: '' })), { maxVertices: 1000 });
    expect(errors.map((error) => [error.path, error.code])).toEqual([['', Code.TooManyVertices]]);
  });

  it('accepts 200,000 vertices by default and refuses 200,001', () => {
    const square = (offset: number): number[][] => [[offset, 0], [offset + 0.001, 0], [offset + 0.001, 0.001], [offset, 0]];
    const polygons = Array.from({ length: 50_000 }, (_, i) => [square(i / 1000)]);
    const atLimit = named({ type: 'MultiPolygon', coordinates: polygons });
    expect(validateAreaImport(atLimit)).toEqual([]);
    const overLimit = named({ type: 'MultiPolygon', coordinates: [...polygons, [square(100)]] });
    // 50 000 squares of 4 positions, plus one ring of 4: 200 004 positions.
    expect(validateAreaImport(overLimit).map((error) => error.code)).toEqual([Code.TooManyVertices]);
  });

  it('stops collecting after maxErrors and says so', () => {
    const bad = Array.from({ length: 50 }, () => feature({}));
    const errors = validateAreaImport(collection(...bad), { maxErrors: 10 });
    expect(errors).toHaveLength(11);
    expect(errors[10]?.code).toBe(Code.TooManyErrors);
  });

  it.each([undefined, null, 0, true, 'text', [], {}])('never throws, even for %p', (input) => {
    expect(() => validateAreaImport(input)).not.toThrow();
    expect(validateAreaImport(input).length).toBeGreaterThan(0);
  });
});

describe('parseAreaImport', () => {
  it('returns areas with trimmed names, default kind and MultiPolygon geometry', () => {
    const result = parseAreaImport(
      collection(feature({ name: '  Manebach ', population: 1800 }), feature({ name: 'Ilmenau', kind: 'municipality' }, multiPolygon)),
    );
    expect(result).toEqual({
      ok: true,
      areas: [
        { path: 'features[0]', name: 'Manebach', kind: 'district', geometry: { type: 'MultiPolygon', coordinates: [[ring]] } },
        { path: 'features[1]', name: 'Ilmenau', kind: 'municipality', geometry: { type: 'MultiPolygon', coordinates: [[ring]] } },
      ],
    });
  });

  it('takes the name of a bare geometry from the options', () => {
    const result = parseAreaImport(polygon, { bareGeometryName: 'Gehren' });
    expect(result).toEqual({ ok: true, areas: [{ path: '', name: 'Gehren', kind: 'district', geometry: { type: 'MultiPolygon', coordinates: [[ring]] } }] });
  });

  it('honours allowed kinds and default kind from the options', () => {
    const options = { allowedKinds: ['zone'], defaultKind: 'zone' };
    expect(parseAreaImport(named(polygon), options)).toMatchObject({ ok: true, areas: [{ kind: 'zone' }] });
    expect(validateAreaImport(collection(feature({ name: 'A', kind: 'district' })), options).map((e) => e.code)).toEqual([Code.KindInvalid]);
  });
});

describe('parseAreaImportText', () => {
  it.each<[string, string, boolean, Code | undefined]>([
    ['valid text', JSON.stringify(named(polygon)), true, undefined],
    ['byte order mark', `\uFEFF${JSON.stringify(named(polygon))}`, true, undefined],
    ['broken JSON', '{"type": "Feature",', false, Code.InvalidJson],
    ['empty file', '', false, Code.InvalidJson],
    ['valid JSON, wrong content', '[]', false, Code.NotAnObject],
  ])('%s', (_label, text, ok, code) => {
    const result = parseAreaImportText(text);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.errors[0]?.code).toBe(code);
  });
});
