// Proposals or projects on the tenant's map. Every marker is a link-like button (Enter opens it);
// shape and glyph carry the meaning, colour repeats it. The lists beside are the complete non-map path.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, Marker } from 'react-leaflet';
import type { Tenant } from '../api/types';
import { TenantBaseLayers, tenantBounds } from '../report-map/tenant-base-layers';
import { navigate } from '../router';

export interface MapItem {
  id: string;
  lat: number;
  lon: number;
  label: string;
  to: string;
  kind: 'funded' | 'feasible' | 'not_feasible' | 'merged' | 'submitted' | 'lost';
}

export const MARK_GLYPH: Record<MapItem['kind'], string> = { funded: '★', feasible: '✓', not_feasible: '✕', merged: '⇄', submitted: '•', lost: '–' };

function icon(kind: MapItem['kind']): L.DivIcon {
  return L.divIcon({
    className: 'mk-target',
    iconSize: [44, 44],
    iconAnchor: [22, 22],
    html: `<span class="mk bh-mk bh-mk-${kind}" aria-hidden="true">${MARK_GLYPH[kind]}</span>`,
  });
}

export default function ProposalsMap({ tenant, items, label }: { tenant: Tenant; items: MapItem[]; label: string }) {
  const { t } = useTranslation();
  const bounds = useMemo(() => tenantBounds(tenant), [tenant]);
  const icons = useMemo(() => new Map<MapItem['kind'], L.DivIcon>(), []);
  const iconFor = (kind: MapItem['kind']) => {
    let i = icons.get(kind);
    if (!i) icons.set(kind, (i = icon(kind)));
    return i;
  };
  const kinds = [...new Set(items.map((i) => i.kind))];
  return (
    <div className="bh-map">
      <div className="map-frame" role="region" aria-label={label}>
        <MapContainer className={tenant.map.tileUrl ? 'map map-small' : 'map map-small map-plain'} bounds={bounds} maxZoom={tenant.map.maxZoom} minZoom={6} zoomControl={false} keyboard>
          <TenantBaseLayers tenant={tenant} />
          {items.map((item) => (
            <Marker
              key={item.id}
              position={[item.lat, item.lon]}
              icon={iconFor(item.kind)}
              keyboard
              title={item.label}
              eventHandlers={{
                click: () => navigate(item.to),
                add: (e) => (e.target as L.Marker).getElement()?.setAttribute('aria-label', item.label),
              }}
            />
          ))}
        </MapContainer>
      </div>
      {kinds.length > 0 && (
        <ul className="bh-legend" aria-label={t('budget.map.legend')}>
          {kinds.map((k) => (
            <li key={k}>
              <span className={`mk bh-mk bh-mk-${k}`} aria-hidden="true">
                {MARK_GLYPH[k]}
              </span>{' '}
              {t(`budget.mapKind.${k}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
