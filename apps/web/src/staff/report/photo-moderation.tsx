import { type PointerEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type StaffPhoto, type StaffReport, staffApi } from '../staff-api';
import { useStaff } from '../staff-data';
import { ActionMessages, Field, useAction } from '../ui';

type Region = { x: number; y: number; width: number; height: number };
const clamp = (n: number) => Math.min(1, Math.max(0, n));

/** Photos for staff (also hidden ones): hide/show, and blur a region by dragging or with numeric inputs. */
export function PhotoModeration({ report, onChanged }: { report: StaffReport; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useStaff();
  return (
    <section aria-labelledby="photos-h">
      <h2 id="photos-h">{t('staff.photos.title')}</h2>
      <ul className="staff-photos">
        {report.photos.map((photo, index) => (
          <li key={photo.id}>
            <PhotoItem report={report} photo={photo} index={index} moderate={can('reports.moderate')} onChanged={onChanged} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PhotoItem({ report, photo, index, moderate, onChanged }: { report: StaffReport; photo: StaffPhoto; index: number; moderate: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const [version, setVersion] = useState(0);
  const [region, setRegion] = useState<Region | null>(null);
  const [editing, setEditing] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const hide = useAction();
  const blur = useAction();
  const alt = t('staff.photos.alt', { n: index + 1, count: report.photos.length });
  const src = photo.large ? staffApi.photoUrl(slug, report.id, photo.id, 'large') : null;

  const point = (e: PointerEvent) => {
    const box = frame.current!.getBoundingClientRect();
    return { x: clamp((e.clientX - box.left) / box.width), y: clamp((e.clientY - box.top) / box.height) };
  };
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!editing) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = point(e);
    setRegion({ ...drag.current, width: 0, height: 0 });
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const p = point(e);
    const start = drag.current;
    setRegion({ x: Math.min(start.x, p.x), y: Math.min(start.y, p.y), width: Math.abs(p.x - start.x), height: Math.abs(p.y - start.y) });
  };
  const onUp = () => {
    drag.current = null;
  };
  const pct = (n: number) => Math.round(n * 1000) / 10;
  const setPct = (key: keyof Region, value: string) => {
    const n = clamp(Number(value.replace(',', '.')) / 100);
    setRegion((r) => ({ ...(r ?? { x: 0, y: 0, width: 0.2, height: 0.2 }), [key]: Number.isFinite(n) ? n : 0 }));
  };
  const valid = region && region.width > 0 && region.height > 0 && region.x + region.width <= 1.0001 && region.y + region.height <= 1.0001;

  return (
    <figure className="staff-photo">
      {src ? (
        <div
          ref={frame}
          className={`blur-frame${editing ? ' blur-editing' : ''}`}
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerCancel={onUp}
        >
          <img key={version} src={src} alt={alt} draggable={false} />
          {editing && region && region.width > 0 && (
            <span
              className="blur-region"
              aria-hidden="true"
              style={{ left: `${region.x * 100}%`, top: `${region.y * 100}%`, width: `${region.width * 100}%`, height: `${region.height * 100}%` }}
            />
          )}
        </div>
      ) : (
        <p>{t('staff.photos.processing')}</p>
      )}
      <figcaption>
        {alt}
        {photo.hidden && <span className="tag">{t('staff.photos.hidden')}</span>}
        {photo.blurred && <span className="tag">{t('staff.photos.blurred')}</span>}
      </figcaption>
      {moderate && (
        <div className="button-row">
          <button
            type="button"
            className="button button-small"
            disabled={hide.busy}
            onClick={() => void hide.run(() => staffApi.photoVisibility(slug, report.id, photo.id, !photo.hidden), t('staff.form.saved')).then(() => onChanged())}
          >
            {photo.hidden ? t('staff.photos.show') : t('staff.photos.hide')}
          </button>
          {src && (
            <button type="button" className="button button-small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
              {t('staff.photos.blur')}
            </button>
          )}
        </div>
      )}
      <ActionMessages error={hide.error} done={hide.done} />
      {editing && (
        <form
          className="blur-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!valid) return;
            void blur.run(() => staffApi.blur(slug, report.id, photo.id, region!), t('staff.photos.blurDone')).then((r) => {
              if (r) {
                setVersion((v) => v + 1);
                setRegion(null);
                setEditing(false);
                onChanged();
              }
            });
          }}
        >
          <p className="hint">{t('staff.photos.blurHint')}</p>
          <fieldset>
            <legend>{t('staff.photos.region')}</legend>
            <div className="blur-inputs">
              {(['x', 'y', 'width', 'height'] as const).map((key) => (
                <Field key={key} label={t(`staff.photos.${key}`)} error={blur.fieldErrors.find((e) => e.field === key)?.message}>
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      min={0}
                      max={100}
                      step={0.1}
                      value={region ? pct(region[key]) : ''}
                      onChange={(e) => setPct(key, e.target.value)}
                    />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="button button-primary" disabled={blur.busy || !valid}>
            {t('staff.photos.blurSubmit')}
          </button>
          <ActionMessages error={blur.error} done={blur.done} />
        </form>
      )}
    </figure>
  );
}
