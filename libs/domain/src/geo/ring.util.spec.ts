import type { Position } from './geojson.model';
import { findRingSelfIntersection, isRingClosed, RING_SELF_INTERSECTION_MAX_POSITIONS } from './ring.util';

describe('isRingClosed', () => {
  it.each<[string, Position[], boolean]>([
    ['closed', [[0, 0], [1, 0], [1, 1], [0, 0]], true],
    ['closed, altitude differs', [[0, 0, 1], [1, 0], [1, 1], [0, 0, 2]], true],
    ['open', [[0, 0], [1, 0], [1, 1], [0, 1]], false],
    ['empty', [], false],
  ])('%s', (_label, ring, expected) => {
    expect(isRingClosed(ring)).toBe(expected);
  });
});

describe('findRingSelfIntersection', () => {
  it.each<[string, Position[], { segmentA: number; segmentB: number } | null]>([
    ['square', [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], null],
    ['triangle', [[0, 0], [1, 0], [0, 1], [0, 0]], null],
    ['bow-tie', [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]], { segmentA: 0, segmentB: 2 }],
    ['repeated positions are legal', [[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 1], [0, 0]], null],
    // The ring visits (1,1) twice: an "inverted" ring, invalid as an OGC polygon shell.
    ['ring touching itself at a vertex', [[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]], { segmentA: 1, segmentB: 4 }],
    ['spike back along an edge', [[0, 0], [2, 0], [2, 2], [2, 1], [0, 2], [0, 0]], { segmentA: 1, segmentB: 3 }],
    ['concave but simple', [[0, 0], [4, 0], [4, 4], [2, 1], [0, 4], [0, 0]], null],
  ])('%s', (_label, ring, expected) => {
    expect(findRingSelfIntersection(ring)).toEqual(expected);
  });

  it('does not search rings longer than the limit', () => {
    const count = RING_SELF_INTERSECTION_MAX_POSITIONS;
    const zigzag: Position[] = Array.from({ length: count }, (_, i) => [i, i % 2]);
    // A bow-tie at the start, then enough positions to pass the limit.
    const ring: Position[] = [[0, 0], [1, 1], [1, 0], [0, 1], ...zigzag.map(([x, y]) => [-(x as number) - 1, (y as number) + 2]), [0, 0]];
    expect(findRingSelfIntersection(ring)).toBeNull();
  });
});
