import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { api, isAbort } from '../api/client';
import type { BBox, Cluster, ReportFilters } from '../api/types';
import { formatNumber } from '../format';
import { useLocale } from '../i18n';
import { clusterIcon, labelMarker } from './markers';

interface Props {
  slug: string;
  filters: ReportFilters;
  onLoaded: (info: { total: number; groups: number; bbox: BBox }) => void;
  onError: (error: unknown) => void;
  onOpenReport: (id: string) => void;
  onOpenArea: (bbox: BBox) => void;
  reloadKey: number;
}

/**
 * Server-side clusters for the visible box and zoom. Only clusters travel, never all reports,
 * so the map stays light with hundreds of thousands of reports.
 */
export function ClusterLayer({ slug, filters, onLoaded, onError, onOpenReport, onOpenArea, reloadKey }: Props) {
  const map = useMap();
  const { t } = useTranslation();
  const locale = useLocale();
  const [clusters, setClusters] = useState<Cluster[]>([]);
  const filterKey = JSON.stringify(filters);

  useEffect(() => {
    let controller: AbortController | null = null;
    let timer: number | undefined;
    const load = () => {
      controller?.abort();
      controller = new AbortController();
      const b = map.getBounds();
      const bbox: BBox = [
        Math.max(-180, b.getWest()),
        Math.max(-90, b.getSouth()),
        Math.min(180, b.getEast()),
        Math.min(90, b.getNorth()),
      ];
      api
        .clusters(slug, { bbox, zoom: Math.round(map.getZoom()), filters: JSON.parse(filterKey) as ReportFilters }, controller.signal)
        .then((res) => {
          setClusters(res.clusters);
          onLoaded({ total: res.clusters.reduce((s, c) => s + c.count, 0), groups: res.clusters.length, bbox });
        })
        .catch((error: unknown) => {
          if (!isAbort(error)) onError(error);
        });
    };
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, 120);
    };
    map.on('moveend', schedule);
    load();
    return () => {
      map.off('moveend', schedule);
      window.clearTimeout(timer);
      controller?.abort();
    };
    // Deliberately not keyed on the callbacks: reloading on their identity would refetch on every render.
  }, [map, slug, filterKey, reloadKey]);

  const maxZoom = map.getMaxZoom();
  const openRef = useRef<(c: Cluster) => void>(() => undefined);
  openRef.current = (c: Cluster) => {
    if (c.count === 1 && c.reportId) {
      onOpenReport(c.reportId);
      return;
    }
    const [minLon, minLat, maxLon, maxLat] = c.bbox;
    const degenerate = Math.abs(maxLon - minLon) < 1e-7 && Math.abs(maxLat - minLat) < 1e-7;
    if (degenerate || map.getZoom() >= maxZoom) {
      // All at one spot: zooming cannot split them, so show them as a list.
      onOpenArea(c.bbox);
      return;
    }
    map.fitBounds(
      [
        [minLat, minLon],
        [maxLat, maxLon],
      ],
      { padding: [40, 40], maxZoom },
    );
    // Keep keyboard users on the map after the group they chose disappears.
    map.getContainer().focus({ preventScroll: true });
  };

  // Markers are managed imperatively in one layer group: at street level the API may send
  // thousands of single reports, and a React component per marker made panning stutter.
  // Markers whose cluster did not change are kept, so a pan only touches the edges.
  const layer = useMemo(() => L.layerGroup(), []);
  const markers = useRef(new Map<string, L.Marker>());
  useEffect(() => {
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, layer]);

  useEffect(() => {
    const next = new Map<string, L.Marker>();
    for (const c of clusters) {
      const key = `${locale}|${c.lat}|${c.lon}|${c.count}|${c.open}|${c.reportId ?? ''}`;
      let marker = markers.current.get(key);
      if (!marker) {
        const label =
          c.count === 1
            ? t(c.open > 0 ? 'map.marker.singleOpen' : 'map.marker.singleClosed')
            : t('map.marker.group', {
                count: c.count,
                formatted: formatNumber(c.count, locale),
                open: formatNumber(c.open, locale),
                closed: formatNumber(c.closed, locale),
              });
        const countText = formatNumber(c.count, locale, { notation: c.count >= 10000 ? 'compact' : 'standard' });
        marker = L.marker([c.lat, c.lon], { icon: clusterIcon(c, countText), keyboard: true, title: label, zIndexOffset: c.open > 0 ? 1000 : 0 });
        marker.on('click', () => openRef.current(c));
        // Leaflet gives markers role=button and a tab stop but does not activate them with Enter or Space.
        marker.on('keydown', (e: L.LeafletKeyboardEvent) => {
          if (e.originalEvent.key === 'Enter' || e.originalEvent.key === ' ') {
            e.originalEvent.preventDefault();
            openRef.current(c);
          }
        });
        layer.addLayer(marker);
        labelMarker(marker, label);
      }
      next.set(key, marker);
    }
    for (const [key, marker] of markers.current) if (!next.has(key)) layer.removeLayer(marker);
    markers.current = next;
  }, [clusters, layer, locale, t]);

  return null;
}
