import { bboxOf } from './bbox.util';
import type { Geometry } from './geojson.model';

describe('bboxOf', () => {
  it.each<[string, Geometry, ReturnType<typeof bboxOf>]>([
    ['point', { type: 'Point', coordinates: [10.9, 50.7] }, [10.9, 50.7, 10.9, 50.7]],
    ['line', { type: 'LineString', coordinates: [[11, 51], [10, 52], [12, 50.5]] }, [10, 50.5, 12, 52]],
    [
      'polygon with altitude',
      { type: 'Polygon', coordinates: [[[0, 0, 300], [2, 0, 300], [2, 1, 300], [0, 0, 300]]] },
      [0, 0, 2, 1],
    ],
    [
      'multipolygon',
      { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[-5, -3], [-4, -3], [-4, -2], [-5, -3]]]] },
      [-5, -3, 1, 1],
    ],
    [
      'geometry collection',
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [3, 4] }, { type: 'MultiPoint', coordinates: [[-1, 7]] }] },
      [-1, 4, 3, 7],
    ],
    ['empty multipolygon', { type: 'MultiPolygon', coordinates: [] }, null],
    ['empty collection', { type: 'GeometryCollection', geometries: [] }, null],
  ])('%s', (_label, geometry, expected) => {
    expect(bboxOf(geometry)).toEqual(expected);
  });
});
