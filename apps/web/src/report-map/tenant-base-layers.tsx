import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, TileLayer, ZoomControl } from 'react-leaflet';
import type { PathOptions } from 'leaflet';
import type { Feature } from 'geojson';
import type { BBox, Tenant } from '../api/types';

/**
 * Tiles from the tenant's settings (never a hard-coded host), the tenant's boundary and its areas.
 * Without configured tiles the boundary sits on a plain background.
 */
export function TenantBaseLayers({ tenant }: { tenant: Tenant }) {
  const { t, i18n } = useTranslation();
  const hasTiles = Boolean(tenant.map.tileUrl);
  const boundaryStyle = useMemo<PathOptions>(
    () => ({ color: '#1d3f72', weight: 3, fill: !hasTiles, fillColor: '#ffffff', fillOpacity: 1, interactive: false }),
    [hasTiles],
  );
  const areaStyle = (feature?: Feature): PathOptions => {
    const kind = (feature?.properties as { kind?: string } | null)?.kind;
    return kind === 'municipality'
      ? { color: '#1d3f72', weight: 2, fill: false, interactive: false }
      : { color: '#4f5d6b', weight: 1, dashArray: '4 4', fill: false, interactive: false };
  };
  return (
    <>
      {/* Keyed by language so the zoom buttons' labels follow a language switch. */}
      <ZoomControl key={i18n.language} position="topleft" zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
      {tenant.map.tileUrl && (
        <TileLayer url={tenant.map.tileUrl} attribution={tenant.map.attribution ?? undefined} maxZoom={tenant.map.maxZoom} />
      )}
      {tenant.boundary && <GeoJSON data={tenant.boundary} style={boundaryStyle} />}
      {tenant.areas && <GeoJSON data={tenant.areas} style={areaStyle} />}
    </>
  );
}

/** The tenant's bbox, else the boundary's extent, else a box around the centre (Thuringia as last resort). */
export function tenantBounds(tenant: Tenant): [[number, number], [number, number]] {
  const [minLon, minLat, maxLon, maxLat] = tenant.map.bbox ?? boundaryBbox(tenant) ?? centreBox(tenant);
  return [
    [minLat, minLon],
    [maxLat, maxLon],
  ];
}

function boundaryBbox(tenant: Tenant): BBox | null {
  const geometry = tenant.boundary?.geometry;
  if (!geometry || geometry.type !== 'MultiPolygon' || !geometry.coordinates.length) return null;
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of geometry.coordinates)
    for (const ring of polygon)
      for (const [lon, lat] of ring) {
        box[0] = Math.min(box[0], lon);
        box[1] = Math.min(box[1], lat);
        box[2] = Math.max(box[2], lon);
        box[3] = Math.max(box[3], lat);
      }
  return Number.isFinite(box[0]) ? box : null;
}

function centreBox(tenant: Tenant): BBox {
  const c = tenant.map.centre ?? { lat: 50.98, lon: 11.03 };
  const d = tenant.map.centre ? 0.05 : 1.2;
  return [c.lon - d, c.lat - d, c.lon + d, c.lat + d];
}
