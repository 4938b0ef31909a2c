import type { MultiPolygon, Polygon } from './geojson.model';
import { toMultiPolygon } from './multipolygon.normalizer';

const shell = [[0, 0], [1, 0], [1, 1], [0, 0]];
const hole = [[0.5, 0.2], [0.8, 0.2], [0.8, 0.5], [0.5, 0.2]];

describe('toMultiPolygon', () => {
  it.each<[string, Polygon | MultiPolygon, MultiPolygon]>([
    ['polygon becomes one member', { type: 'Polygon', coordinates: [shell, hole] }, { type: 'MultiPolygon', coordinates: [[shell, hole]] }],
    ['multipolygon keeps its members', { type: 'MultiPolygon', coordinates: [[shell], [hole]] }, { type: 'MultiPolygon', coordinates: [[shell], [hole]] }],
    [
      'altitude is dropped',
      { type: 'Polygon', coordinates: [[[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]]] },
      { type: 'MultiPolygon', coordinates: [[shell]] },
    ],
  ])('%s', (_label, input, expected) => {
    expect(toMultiPolygon(input)).toEqual(expected);
  });

  it('does not share arrays with its input', () => {
    const input: Polygon = { type: 'Polygon', coordinates: [shell.map((p) => [...p])] };
    const output = toMultiPolygon(input);
    expect(output.coordinates[0]?.[0]).not.toBe(input.coordinates[0]);
  });
});
