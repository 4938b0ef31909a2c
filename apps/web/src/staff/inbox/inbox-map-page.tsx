import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { MapContainer, useMap } from 'react-leaflet';
import { useDocumentTitle } from '../../common/document-title';
import { ErrorView } from '../../common/error-view';
import { useAsync } from '../../common/use-async';
import { formatNumber } from '../../format';
import { useLocale } from '../../i18n';
import { Link, navigate, paths, useLocation } from '../../router';
import { labelMarker } from '../../report-map/markers';
import { TenantBaseLayers, tenantBounds } from '../../report-map/tenant-base-layers';
import { staffApi } from '../staff-api';
import { filterQuery, filterSearch, OPEN_STATUSES, useStaff } from '../staff-data';
import { InboxFilters } from './inbox-filters';

type Point = { id: string; lat: number; lon: number; status: string; overdue: boolean };

/** One focusable marker per report (shape and glyph carry open/closed/overdue, colour repeats it). */
function Points({ points, label, onOpen }: { points: Point[]; label: (p: Point) => string; onOpen: (id: string) => void }) {
  const map = useMap();
  useEffect(() => {
    const group = L.layerGroup();
    for (const p of points) {
      const open = (OPEN_STATUSES as readonly string[]).includes(p.status);
      const cls = `mk mk-report ${open ? 'mk-open' : 'mk-closed'}${p.overdue ? ' mk-overdue' : ''}`;
      const glyph = p.overdue ? '⏱' : open ? '!' : '✓';
      const visual = open ? 30 : 22;
      const icon = L.divIcon({
        className: 'mk-target',
        iconSize: [44, 44],
        iconAnchor: [22, 22],
        html: `<span class="${cls}" style="width:${visual}px;height:${visual}px" aria-hidden="true">${glyph}</span>`,
      });
      const marker = L.marker([p.lat, p.lon], { icon, keyboard: true, title: label(p) });
      marker.on('click', () => onOpen(p.id));
      marker.on('add', () => labelMarker(marker, label(p)));
      marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
        if (e.originalEvent.key === 'Enter' || e.originalEvent.key === ' ') onOpen(p.id);
      });
      group.addLayer(marker);
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, points, label, onOpen]);
  return null;
}

/** The inbox selection on a map (same filters as the list; at most 5000 points from the API). */
export default function InboxMapPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug, tenant } = useStaff();
  const { search } = useLocation();
  useDocumentTitle(t('staff.map.title'), tenant.name);
  const key = filterSearch(search).toString();
  const data = useAsync((signal) => staffApi.inboxMap(slug, filterQuery(search), signal), [slug, key]);
  const bounds = useMemo(() => tenantBounds(tenant), [tenant]);
  const label = useMemo(() => (p: Point) => `${t(`status.${p.status}`)}${p.overdue ? `, ${t('staff.inbox.overdue')}` : ''} – ${t('staff.map.open')}`, [t]);
  const onOpen = useMemo(() => (id: string) => navigate(paths.staff(slug, 'meldungen', id)), [slug]);
  const points = data.data?.items ?? [];
  const listLink = `${paths.staff(slug)}${key ? `?${key}` : ''}`;
  return (
    <div className="page page-wide map-page">
      <h1>{t('staff.map.title')}</h1>
      <p>
        {t('staff.map.intro')} <Link to={listLink}>{t('staff.map.toList')}</Link>
      </p>
      <InboxFilters path={paths.staff(slug, 'karte')} />
      {data.error ? <ErrorView error={data.error} onRetry={data.reload} /> : null}
      <p className="map-status" role="status">
        {data.data ? t('staff.map.count', { count: points.length, formatted: formatNumber(points.length, locale) }) : t('app.loading')}
        {data.data?.truncated ? ` ${t('staff.map.truncated')}` : ''}
      </p>
      <section className="map-frame" aria-label={t('staff.map.region')}>
        <p className="visually-hidden">{t('staff.map.keyboardHelp')}</p>
        <MapContainer className={tenant.map.tileUrl ? 'map' : 'map map-plain'} bounds={bounds} boundsOptions={{ padding: [8, 8] }} maxZoom={tenant.map.maxZoom} minZoom={6} zoomSnap={0.5} zoomControl={false} keyboard>
          <TenantBaseLayers tenant={tenant} />
          <Points points={points} label={label} onOpen={onOpen} />
        </MapContainer>
      </section>
    </div>
  );
}
