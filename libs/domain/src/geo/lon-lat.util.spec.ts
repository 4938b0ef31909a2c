import { isValidLonLat } from './lon-lat.util';

describe('isValidLonLat', () => {
  it.each([
    [10.91858, 50.68322, true],
    [-180, -90, true],
    [180, 90, true],
    [180.000001, 0, false],
    [0, -90.5, false],
    [NaN, 0, false],
    [0, Infinity, false],
    ['10.9', 50.6, false],
    [null, 50.6, false],
  ])('(%p, %p) -> %p', (lon, lat, expected) => {
    expect(isValidLonLat(lon, lat)).toBe(expected);
  });
});
