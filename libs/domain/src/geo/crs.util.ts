// RFC 7946 dropped `crs`: coordinates are always WGS84 lon/lat. Files written to
// the 2008 GeoJSON spec (older QGIS, ogr2ogr) may still carry one. Only names for
// WGS84 are accepted; anything else means the numbers are in some other system
// (often EPSG:25832 metres in Germany) and would land in the wrong place.
// EPSG:4326 officially has latitude first, but every GeoJSON writer that labels a
// file EPSG:4326 still writes longitude first, so it is read as lon/lat too.
const WGS84_CRS_NAMES = new Set(
  [
    'urn:ogc:def:crs:OGC:1.3:CRS84',
    'urn:ogc:def:crs:OGC::CRS84',
    'EPSG:4326',
    'urn:ogc:def:crs:EPSG::4326',
    'urn:ogc:def:crs:EPSG:4326',
  ].map((name) => name.toLowerCase()),
);

/** The CRS name of a 2008-style `crs` member, or null if it is not a named CRS. */
export function crsName(crs: unknown): string | null {
  if (typeof crs !== 'object' || crs === null) return null;
  const { type, properties } = crs as { type?: unknown; properties?: unknown };
  if (type !== 'name' || typeof properties !== 'object' || properties === null) return null;
  const { name } = properties as { name?: unknown };
  return typeof name === 'string' ? name : null;
}

/** True when a `crs` member names WGS84 lon/lat. A null `crs` means "unknown" in the 2008 spec, so it is refused. */
export function isWgs84Crs(crs: unknown): boolean {
  const name = crsName(crs);
  return name !== null && WGS84_CRS_NAMES.has(name.trim().toLowerCase());
}
