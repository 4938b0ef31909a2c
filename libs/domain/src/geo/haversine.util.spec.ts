import { EARTH_MEAN_RADIUS_M, haversineMetres } from './haversine.util';

describe('haversineMetres', () => {
  it.each([
    ['same point', { lon: 11.5899, lat: 50.92878 }, { lon: 11.5899, lat: 50.92878 }, 0, 0],
    ['one degree of latitude', { lon: 0, lat: 0 }, { lon: 0, lat: 1 }, 111_195, 1],
    ['one degree of longitude at the equator', { lon: 0, lat: 0 }, { lon: 1, lat: 0 }, 111_195, 1],
    // PostGIS ST_Distance(geography, use_spheroid => false) gives 34 916.288 m for the same pair
    // (its sphere radius differs by 0.2 m); on the ellipsoid it is 35 024 m, 0.3 % more.
    ['Jena to Gera', { lon: 11.5899, lat: 50.92878 }, { lon: 12.08187, lat: 50.88029 }, 34_916.3, 1],
    ['antipodes', { lon: 0, lat: 0 }, { lon: 180, lat: 0 }, Math.PI * EARTH_MEAN_RADIUS_M, 1],
    ['pole to pole', { lon: 0, lat: 90 }, { lon: 0, lat: -90 }, Math.PI * EARTH_MEAN_RADIUS_M, 1],
  ])('%s', (_label, a, b, expected, tolerance) => {
    expect(Math.abs(haversineMetres(a, b) - expected)).toBeLessThanOrEqual(tolerance);
  });

  it('is symmetric', () => {
    const a = { lon: 10.91858, lat: 50.68322 };
    const b = { lon: 11.11524, lat: 51.15914 };
    expect(haversineMetres(a, b)).toBeCloseTo(haversineMetres(b, a), 9);
  });
});
