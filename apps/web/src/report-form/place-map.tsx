import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, Marker, useMapEvents } from 'react-leaflet';
import type { LeafletEventHandlerFnMap, Map as LeafletMap, Marker as LeafletMarker } from 'leaflet';
import type { Tenant } from '../api/types';
import { pinIcon } from '../report-map/markers';
import { TenantBaseLayers, tenantBounds } from '../report-map/tenant-base-layers';

interface Props {
  tenant: Tenant;
  lat: number | null;
  lon: number | null;
  pinLabel: string;
  onChange: (lat: number, lon: number) => void;
  onStatus: (message: string) => void;
  invalid: boolean;
}

function ClickToPlace({ onChange }: { onChange: (lat: number, lon: number) => void }) {
  useMapEvents({
    click(e) {
      onChange(e.latlng.lat, e.latlng.lng);
    },
  });
  return null;
}

/** Place the report: click or tap, drag the pin, move it with the arrow keys, or use the device's location. */
export default function PlaceMap({ tenant, lat, lon, pinLabel, onChange, onStatus, invalid }: Props) {
  const { t } = useTranslation();
  const [map, setMap] = useState<LeafletMap | null>(null);
  const [locating, setLocating] = useState(false);
  const markerRef = useRef<LeafletMarker | null>(null);
  const focusPin = useRef(false);
  const bounds = useMemo(() => tenantBounds(tenant), [tenant]);
  const hasPin = lat !== null && lon !== null;
  const icon = useMemo(() => pinIcon(pinLabel), [pinLabel]);

  // Arrow keys move the focused pin (Shift for bigger steps) instead of panning the map. The
  // listener sits on the map container in the capture phase, so it does not depend on when
  // Leaflet (re)creates the marker's element, and runs before Leaflet's own keyboard panning.
  const latest = useRef({ lat, lon, onChange });
  latest.current = { lat, lon, onChange };
  useEffect(() => {
    if (!map) return;
    const container = map.getContainer();
    const onKey = (e: KeyboardEvent) => {
      if (!(e.target instanceof HTMLElement) || !e.target.classList.contains('mk-pin-target')) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const step = e.shiftKey ? 50 : 10;
      const delta: Record<string, [number, number]> = {
        ArrowUp: [0, -step],
        ArrowDown: [0, step],
        ArrowLeft: [-step, 0],
        ArrowRight: [step, 0],
      };
      const d = delta[e.key];
      const { lat: pinLat, lon: pinLon, onChange: change } = latest.current;
      if (!d || pinLat === null || pinLon === null) return;
      e.preventDefault();
      e.stopPropagation();
      const zoom = map.getZoom();
      const next = map.unproject(map.project([pinLat, pinLon], zoom).add(d), zoom);
      latest.current = { ...latest.current, lat: next.lat, lon: next.lng };
      map.panInside(next, { padding: [40, 40] });
      change(next.lat, next.lng);
    };
    container.addEventListener('keydown', onKey, true);
    return () => container.removeEventListener('keydown', onKey, true);
  }, [map]);

  useEffect(() => {
    if (focusPin.current && hasPin) {
      focusPin.current = false;
      window.setTimeout(() => markerRef.current?.getElement()?.focus(), 0);
    }
  }, [hasPin, lat, lon]);

  const handlers = useMemo<LeafletEventHandlerFnMap>(
    () => ({
      dragend: (e) => {
        const ll = (e.target as LeafletMarker).getLatLng();
        onChange(ll.lat, ll.lng);
      },
    }),
    [onChange],
  );

  const placeAtCentre = () => {
    if (!map) return;
    const c = map.getCenter();
    // Zoom in so that arrow-key steps (10 px) are a few metres, not hundreds.
    if (map.getZoom() < 16) map.setView(c, Math.min(16, tenant.map.maxZoom));
    focusPin.current = true;
    onChange(c.lat, c.lng);
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      onStatus(t('place.locateUnsupported'));
      return;
    }
    setLocating(true);
    onStatus(t('place.locating'));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const { latitude, longitude } = pos.coords;
        map?.setView([latitude, longitude], Math.max(map.getZoom(), Math.min(17, tenant.map.maxZoom)));
        focusPin.current = true;
        onChange(latitude, longitude);
      },
      (err) => {
        setLocating(false);
        onStatus(err.code === err.PERMISSION_DENIED ? t('place.locateDenied') : err.code === err.TIMEOUT ? t('place.locateTimeout') : t('place.locateFailed'));
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  return (
    <div className="place-map">
      <div className="button-row">
        <button type="button" className="button" onClick={locate} disabled={locating}>
          <span aria-hidden="true">◎ </span>
          {locating ? t('place.locating') : t('place.useLocation')}
        </button>
        <button type="button" className="button" onClick={placeAtCentre} disabled={!map} id="f-place">
          <span aria-hidden="true">✚ </span>
          {hasPin ? t('place.moveToCentre') : t('place.placeAtCentre')}
        </button>
      </div>
      <div className={invalid ? 'map-frame map-frame-invalid' : 'map-frame'}>
        <MapContainer
          ref={setMap}
          className={tenant.map.tileUrl ? 'map map-small' : 'map map-small map-plain'}
          {...(hasPin ? { center: [lat, lon] as [number, number], zoom: Math.min(17, tenant.map.maxZoom) } : { bounds })}
          maxZoom={tenant.map.maxZoom}
          minZoom={6}
          zoomSnap={0.5}
          zoomControl={false}
          keyboard
        >
          <TenantBaseLayers tenant={tenant} />
          <ClickToPlace onChange={onChange} />
          {hasPin && (
            <Marker ref={markerRef} position={[lat, lon]} icon={icon} draggable keyboard autoPan title={pinLabel} eventHandlers={handlers} />
          )}
        </MapContainer>
      </div>
    </div>
  );
}
