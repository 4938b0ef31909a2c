import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, TileLayer, ZoomControl } from 'react-leaflet';
import type { PathOptions } from 'leaflet';
import type { Feature } from 'geojson';
import type { Tenant } from '../api/types';

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
      <GeoJSON data={tenant.boundary} style={boundaryStyle} />
      <GeoJSON data={tenant.areas} style={areaStyle} />
    </>
  );
}

export function tenantBounds(tenant: Tenant): [[number, number], [number, number]] {
  const [minLon, minLat, maxLon, maxLat] = tenant.map.bbox;
  return [
    [minLat, minLon],
    [maxLat, maxLon],
  ];
}
