import 'leaflet/dist/leaflet.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, useMapEvents } from 'react-leaflet';
import type { Map as LeafletMap } from 'leaflet';
import type { BBox, Tenant } from '../api/types';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView } from '../common/error-view';
import { filtersFromSearch, filtersToSearch, withSearch } from '../common/filters';
import { ReportFiltersForm } from '../common/report-filters';
import { formatNumber } from '../format';
import { useLocale } from '../i18n';
import { Link, navigate, paths, useLocation } from '../router';
import { useCategories } from '../tenant/tenant-data';
import { ClusterLayer } from './cluster-layer';
import { MapLegend } from './map-legend';
import { TenantBaseLayers, tenantBounds } from './tenant-base-layers';

type View = { lat: number; lon: number; zoom: number };

function viewKey(slug: string) {
  return `mitreden.mapView.${slug}`;
}

function initialView(slug: string, search: URLSearchParams): View | null {
  const lat = Number(search.get('lat'));
  const lon = Number(search.get('lon'));
  const zoom = Number(search.get('zoom') ?? 17);
  if (search.has('lat') && search.has('lon') && Number.isFinite(lat) && Number.isFinite(lon)) return { lat, lon, zoom };
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(viewKey(slug)) ?? 'null') as View | null;
    if (saved && Number.isFinite(saved.lat) && Number.isFinite(saved.lon) && Number.isFinite(saved.zoom)) return saved;
  } catch {
    // Ignore a broken saved view.
  }
  return null;
}

function RememberView({ slug }: { slug: string }) {
  useMapEvents({
    moveend(e) {
      const m = e.target as LeafletMap;
      const c = m.getCenter();
      try {
        window.sessionStorage.setItem(viewKey(slug), JSON.stringify({ lat: c.lat, lon: c.lng, zoom: m.getZoom() }));
      } catch {
        // Storage full or disabled: the map simply starts at the default view next time.
      }
    },
  });
  return null;
}

export default function ReportMapPage({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const categories = useCategories(tenant.slug);
  const [info, setInfo] = useState<{ total: number; groups: number; bbox: BBox } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloadKey, setReloadKey] = useState(0);
  useDocumentTitle(t('map.title'), tenant.name);

  // The initial view is read once; later URL changes (filters) must not move the map.
  const view = useRef(initialView(tenant.slug, search)).current;
  const bounds = useMemo(() => tenantBounds(tenant), [tenant]);

  const onLoaded = useCallback((i: { total: number; groups: number; bbox: BBox }) => {
    setError(null);
    setInfo(i);
  }, []);
  const onOpenReport = useCallback((id: string) => navigate(paths.report(tenant.slug, id)), [tenant.slug]);
  const onOpenArea = useCallback(
    (bbox: BBox) => {
      const s = filtersToSearch(filters);
      s.set('bbox', bbox.join(','));
      navigate(withSearch(paths.list(tenant.slug), s));
    },
    [tenant.slug, filters],
  );

  const listLink = withSearch(paths.list(tenant.slug), filtersToSearch(filters));
  // The reports of the current map view as a list: the same information without the map.
  const viewListLink = (bbox: BBox) => {
    const s = filtersToSearch(filters);
    s.set('bbox', bbox.map((n) => n.toFixed(5)).join(','));
    return withSearch(paths.list(tenant.slug), s);
  };
  return (
    <div className="page page-wide map-page">
      <div className="page-head">
        <h1>{t('map.heading', { name: tenant.name })}</h1>
        <p>
          {t('map.intro')} <Link to={listLink}>{t('map.toList')}</Link>
        </p>
        <p>
          <Link to={paths.newReport(tenant.slug)} className="button button-primary">
            {t('nav.report')}
          </Link>
        </p>
      </div>
      <ReportFiltersForm
        filters={filters}
        categories={categories.data ?? []}
        onChange={(f) => navigate(withSearch(paths.map(tenant.slug), filtersToSearch(f, search)), { replace: true })}
      />
      {error ? <ErrorView error={error} onRetry={() => setReloadKey((k) => k + 1)} /> : null}
      <p className="map-status">
        <span role="status">
          {info ? t('map.status', { count: info.total, formatted: formatNumber(info.total, locale) }) : t('app.loading')}
        </span>
        {info && info.total > 0 && (
          <>
            {' '}
            <Link to={viewListLink(info.bbox)}>{t('map.viewAsList')}</Link>
          </>
        )}
      </p>
      <div className="map-layout">
        <section className="map-frame" aria-label={t('map.regionLabel')}>
          <p className="visually-hidden">{t('map.keyboardHelp')}</p>
          <MapContainer
            className={tenant.map.tileUrl ? 'map' : 'map map-plain'}
            {...(view ? { center: [view.lat, view.lon] as [number, number], zoom: view.zoom } : { bounds, boundsOptions: { padding: [8, 8] } })}
            maxZoom={tenant.map.maxZoom}
            minZoom={6}
            zoomSnap={0.5}
            zoomControl={false}
            keyboard
          >
            <TenantBaseLayers tenant={tenant} />
            <RememberView slug={tenant.slug} />
            <ClusterLayer
              slug={tenant.slug}
              filters={filters}
              reloadKey={reloadKey}
              onLoaded={onLoaded}
              onError={setError}
              onOpenReport={onOpenReport}
              onOpenArea={onOpenArea}
            />
          </MapContainer>
        </section>
        <MapLegend />
      </div>
    </div>
  );
}
