import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tenant } from '../api/types';
import { Loading } from '../common/error-view';
import { formatCoordinate } from '../format';
import { areaAt, insideTenant } from '../geo';
import { useLocale } from '../i18n';
import type { Draft } from './draft';
import { describedBy, FieldError, RequiredMark } from './fields';
import type { Errors } from './validation';

const PlaceMap = lazy(() => import('./place-map'));

interface Props {
  tenant: Tenant;
  draft: Draft;
  errors: Errors;
  update: (patch: Partial<Draft>, touched?: string[]) => void;
}

/** Areas as options, districts grouped under their municipality. */
function AreaOptions({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const collator = new Intl.Collator(locale);
  const features = (tenant.areas?.features ?? []).map((f) => f.properties);
  const ids = new Set(features.map((a) => a.id));
  const roots = features.filter((a) => !a.parentId || !ids.has(a.parentId)).sort((a, b) => collator.compare(a.name, b.name));
  return (
    <>
      {roots.map((root) => {
        const children = features.filter((a) => a.parentId === root.id).sort((a, b) => collator.compare(a.name, b.name));
        if (!children.length) {
          return (
            <option key={root.id} value={root.id}>
              {root.name}
            </option>
          );
        }
        return (
          <optgroup key={root.id} label={root.name}>
            <option value={root.id}>{t('place.wholeArea', { name: root.name })}</option>
            {children.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

export function StepPlace({ tenant, draft, errors, update }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [status, setStatus] = useState('');
  const onChange = useCallback(
    (lat: number, lon: number) => {
      update({ lat, lon }, ['lat', 'lon']);
    },
    [update],
  );

  let position = '';
  if (draft.lat !== null && draft.lon !== null) {
    const area = areaAt(tenant, draft.lat, draft.lon);
    const coords = t('place.coordinates', { lat: formatCoordinate(draft.lat, locale), lon: formatCoordinate(draft.lon, locale) });
    position = insideTenant(tenant, draft.lat, draft.lon)
      ? area
        ? t('place.positionIn', { coords, area: area.properties.name })
        : t('place.positionInTenant', { coords, name: tenant.name })
      : t('place.positionOutside', { coords, name: tenant.name });
  }
  const outside = draft.lat !== null && draft.lon !== null && !insideTenant(tenant, draft.lat, draft.lon);

  return (
    <>
      <fieldset className="choice-group">
        <legend>{t('place.modeLegend')}</legend>
        <label className="choice">
          <input type="radio" name="placeMode" checked={draft.placeMode === 'map'} onChange={() => update({ placeMode: 'map' })} />
          {t('place.modeMap')}
        </label>
        <label className="choice">
          <input type="radio" name="placeMode" checked={draft.placeMode === 'address'} onChange={() => update({ placeMode: 'address' })} />
          {t('place.modeAddress')}
        </label>
      </fieldset>

      {draft.placeMode === 'map' ? (
        <>
          <p id="f-place-hint" className="hint">
            {t('place.mapHelp')}
          </p>
          <FieldError id="f-place" message={errors.lat} />
          <Suspense fallback={<Loading />}>
            <PlaceMap
              tenant={tenant}
              lat={draft.lat}
              lon={draft.lon}
              pinLabel={t('place.pinLabel')}
              onChange={onChange}
              onStatus={setStatus}
              invalid={Boolean(errors.lat)}
            />
          </Suspense>
          <p className="place-position" aria-live="polite" aria-atomic="true">
            {status && <span className="block">{status}</span>}
            <span className="block">{position || t('place.noPin')}</span>
          </p>
          {outside && <p className="notice notice-info">{t('place.outsideHint', { name: tenant.name })}</p>}
          <div className="field">
            <label htmlFor="f-address">
              {t('place.addressOptional')} <RequiredMark required={false} />
            </label>
            <p className="hint" id="f-address-hint">
              {t('place.addressHintMap')}
            </p>
            <FieldError id="f-address" message={errors.address} />
            <input
              id="f-address"
              type="text"
              autoComplete="street-address"
              maxLength={500}
              value={draft.address}
              onChange={(e) => update({ address: e.target.value }, ['address'])}
              {...describedBy('f-address', { hint: true, error: errors.address })}
            />
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor="f-address">
              {t('place.address')} <RequiredMark required />
            </label>
            <p className="hint" id="f-address-hint">
              {t('place.addressHint')}
            </p>
            <FieldError id="f-address" message={errors.address} />
            <textarea
              id="f-address"
              rows={3}
              maxLength={500}
              autoComplete="street-address"
              value={draft.address}
              onChange={(e) => update({ address: e.target.value }, ['address'])}
              {...describedBy('f-address', { hint: true, error: errors.address })}
            />
          </div>
          <div className="field">
            <label htmlFor="f-areaId">
              {t('place.area')} <RequiredMark required />
            </label>
            <FieldError id="f-areaId" message={errors.areaId} />
            <select
              id="f-areaId"
              value={draft.areaId}
              onChange={(e) => update({ areaId: e.target.value }, ['areaId'])}
              {...describedBy('f-areaId', { error: errors.areaId })}
            >
              <option value="">{t('place.areaChoose')}</option>
              <AreaOptions tenant={tenant} />
            </select>
          </div>
        </>
      )}
    </>
  );
}
