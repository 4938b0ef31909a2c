import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Marker, useMap } from 'react-leaflet';
import type { LeafletEventHandlerFnMap } from 'leaflet';
import { api, isAbort } from '../api/client';
import type { BBox, Cluster, ReportFilters } from '../api/types';
import { formatNumber } from '../format';
import { useLocale } from '../i18n';
import { clusterIcon } from './markers';

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
  const open = useCallback((c: Cluster) => openRef.current(c), []);
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

  return (
    <>
      {clusters.map((c) => (
        <ClusterMarker key={`${c.lat},${c.lon},${c.count},${c.reportId ?? ''}`} cluster={c} onOpen={open} />
      ))}
    </>
  );
}

const ClusterMarker = memo(function ClusterMarker({ cluster, onOpen }: { cluster: Cluster; onOpen: (c: Cluster) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const countText = formatNumber(cluster.count, locale, { notation: cluster.count >= 10000 ? 'compact' : 'standard' });
  const label =
    cluster.count === 1
      ? t(cluster.open > 0 ? 'map.marker.singleOpen' : 'map.marker.singleClosed')
      : t('map.marker.group', {
          count: cluster.count,
          formatted: formatNumber(cluster.count, locale),
          open: formatNumber(cluster.open, locale),
          closed: formatNumber(cluster.closed, locale),
        });
  const icon = useMemo(() => clusterIcon(cluster, countText, label), [cluster, countText, label]);
  // Leaflet gives markers role=button and a tab stop but does not activate them with Enter or Space.
  const handlers = useMemo<LeafletEventHandlerFnMap>(
    () => ({
      click: () => onOpen(cluster),
      keydown: (e) => {
        const key = (e.originalEvent as KeyboardEvent).key;
        if (key === 'Enter' || key === ' ') {
          e.originalEvent.preventDefault();
          onOpen(cluster);
        }
      },
    }),
    [cluster, onOpen],
  );
  return (
    <Marker
      position={[cluster.lat, cluster.lon]}
      icon={icon}
      keyboard
      title={label}
      zIndexOffset={cluster.open > 0 ? 1000 : 0}
      eventHandlers={handlers}
    />
  );
});
