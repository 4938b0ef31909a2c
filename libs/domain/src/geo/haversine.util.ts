import type { LonLat } from './geojson.model';

/** IUGG mean Earth radius. The sphere is off by up to ~0.5 % against the ellipsoid: fine for "nearby" and sorting, not for surveying. */
export const EARTH_MEAN_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine; stable for short distances, unlike the spherical law of cosines). */
export function haversineMetres(a: LonLat, b: LonLat): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  // min() guards against h creeping above 1 by rounding for antipodal points.
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
