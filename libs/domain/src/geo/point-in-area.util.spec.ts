import type { MultiPolygon, Polygon } from './geojson.model';
import { areaContains } from './point-in-area.util';

const withHole: Polygon = {
  type: 'Polygon',
  coordinates: [
    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
    [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
  ],
};
const twoIslands: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]],
};

describe('areaContains', () => {
  it.each<[string, Polygon | MultiPolygon, number, number, boolean]>([
    ['inside the shell', withHole, 2, 2, true],
    ['inside the hole', withHole, 5, 5, false],
    ['outside', withHole, 11, 5, false],
    ['first island', twoIslands, 0.5, 0.5, true],
    ['second island', twoIslands, 5.5, 5.5, true],
    ['between islands', twoIslands, 3, 3, false],
  ])('%s', (_label, area, lon, lat, expected) => {
    expect(areaContains(area, { lon, lat })).toBe(expected);
  });
});
