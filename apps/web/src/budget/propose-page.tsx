// Submit a proposal: one form, checked like the API checks it, kept in sessionStorage while typing.
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useDocumentTitle } from '../common/document-title';
import { errorText, Loading } from '../common/error-view';
import { formatCoordinate, formatFileSize, formatNumber } from '../format';
import { areaAt, insideTenant } from '../geo';
import { useLocale } from '../i18n';
import { describedBy, ErrorSummary, FieldError, RequiredMark } from '../report-form/fields';
import { ACCEPTED_TYPES, checkPhoto, MAX_PHOTO_BYTES, MAX_PHOTOS, type PhotoProblem } from '../report-form/photo-check';
import { Link } from '../router';
import { budgetApi, type Proposal } from './api';
import type { PageProps } from './budget-area';
import { EMAIL, formatMoney, parseMoney } from './common';
import { budgetPaths } from './routes';

const PlaceMap = lazy(() => import('../report-form/place-map'));

export const CATEGORIES = ['green', 'mobility', 'play', 'culture', 'social', 'education', 'other'] as const;
const ORDER = ['title', 'description', 'estimatedCostCents', 'category', 'place', 'photos', 'contactEmail', 'contactName'];

interface Draft {
  title: string;
  description: string;
  cost: string;
  category: string;
  placeMode: 'map' | 'none';
  lat: number | null;
  lon: number | null;
  contactEmail: string;
  contactName: string;
}
const empty: Draft = { title: '', description: '', cost: '', category: '', placeMode: 'map', lat: null, lon: null, contactEmail: '', contactName: '' };
const key = (cycleId: string) => `mitreden.budgetProposal.${cycleId}`;

function load(cycleId: string): Draft {
  try {
    const raw = window.sessionStorage.getItem(key(cycleId));
    return raw ? { ...empty, ...(JSON.parse(raw) as Partial<Draft>) } : empty;
  } catch {
    return empty;
  }
}

interface PhotoItem {
  id: string;
  file: File;
  url: string;
}
let counter = 0;

export default function ProposePage({ tenant, cycle }: PageProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t('budget.propose.title'), cycle.title);
  const [draft, setDraft] = useState<Draft>(() => load(cycle.id));
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [rejections, setRejections] = useState<{ name: string; problem: PhotoProblem | 'count' }[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [done, setDone] = useState<Proposal | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    try {
      window.sessionStorage.setItem(key(cycle.id), JSON.stringify(draft));
    } catch {
      // storage off: the draft lives in memory only
    }
  }, [draft, cycle.id]);

  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const onPlace = useCallback((lat: number, lon: number) => setDraft((d) => ({ ...d, lat, lon })), []);

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    const title = draft.title.trim();
    if (title.length < 3) e.title = t('budget.propose.errTitle');
    if (draft.description.trim().length < 10) e.description = t('budget.propose.errDescription');
    if (parseMoney(draft.cost, locale) === null) e.estimatedCostCents = t('budget.propose.errCost');
    if (draft.placeMode === 'map') {
      if (draft.lat === null || draft.lon === null) e.place = t('budget.propose.errPlace');
      else if (!insideTenant(tenant, draft.lat, draft.lon)) e.place = t('budget.propose.errOutside', { name: tenant.name });
    }
    if (!EMAIL.test(draft.contactEmail.trim())) e.contactEmail = t('validation.email');
    return e;
  };

  const addPhotos = async (files: FileList | null) => {
    if (!files) return;
    const next = [...photos];
    const rejected: typeof rejections = [];
    for (const file of Array.from(files)) {
      if (next.length >= MAX_PHOTOS) {
        rejected.push({ name: file.name, problem: 'count' });
        continue;
      }
      const r = await checkPhoto(file);
      if (r.ok) next.push({ id: `bp${++counter}`, file, url: URL.createObjectURL(file) });
      else rejected.push({ name: file.name, problem: r.problem });
    }
    setPhotos(next);
    setRejections(rejected);
    if (fileInput.current) fileInput.current.value = '';
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    setSendError(null);
    if (Object.keys(e).length) {
      window.setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    const form = new FormData();
    form.set('title', draft.title.trim());
    form.set('description', draft.description.trim());
    form.set('estimatedCostCents', String(parseMoney(draft.cost, locale)));
    if (draft.category) form.set('category', draft.category);
    if (draft.placeMode === 'map' && draft.lat !== null && draft.lon !== null) {
      form.set('lat', draft.lat.toFixed(6));
      form.set('lon', draft.lon.toFixed(6));
    }
    form.set('contactEmail', draft.contactEmail.trim());
    if (draft.contactName.trim()) form.set('contactName', draft.contactName.trim());
    form.set('locale', locale);
    for (const p of photos) form.append('photos', p.file, p.file.name);
    setSending(true);
    try {
      const created = await budgetApi.submitProposal(tenant.slug, cycle.id, form);
      window.sessionStorage.removeItem(key(cycle.id));
      photos.forEach((p) => URL.revokeObjectURL(p.url));
      setDone(created);
      window.scrollTo(0, 0);
      window.setTimeout(() => document.getElementById('bh-done')?.focus(), 0);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        const mapped: Record<string, string> = {};
        for (const f of err.fieldErrors) mapped[f.field === 'lat' || f.field === 'lon' || f.field === 'location' ? 'place' : f.field.replace(/\[\d+\]$/, '')] = f.message;
        setErrors(mapped);
        window.setTimeout(() => summary.current?.focus(), 0);
      } else {
        setSendError(errorText(err, t));
        window.setTimeout(() => summary.current?.focus(), 0);
      }
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <div className="page">
        <h1 id="bh-done" tabIndex={-1}>
          {t('budget.propose.doneHeading')}
        </h1>
        <p className="notice notice-success">{t('budget.propose.done', { number: done.number })}</p>
        <p className="button-row">
          <Link className="button button-primary" to={budgetPaths.proposal(tenant.slug, cycle.id, done.id)}>
            {t('budget.propose.toProposal')}
          </Link>
          <Link className="button" to={budgetPaths.proposals(tenant.slug, cycle.id)}>
            {t('budget.proposals.heading')}
          </Link>
        </p>
      </div>
    );
  }

  if (cycle.phase !== 'proposals') {
    return (
      <div className="page">
        <h1>{t('budget.propose.title')}</h1>
        <p className="notice">{t('budget.propose.closed', { phase: t(`budget.phase.${cycle.phase}`) })}</p>
      </div>
    );
  }

  let position = t('place.noPin');
  if (draft.lat !== null && draft.lon !== null) {
    const coords = t('place.coordinates', { lat: formatCoordinate(draft.lat, locale), lon: formatCoordinate(draft.lon, locale) });
    const area = areaAt(tenant, draft.lat, draft.lon);
    position = !insideTenant(tenant, draft.lat, draft.lon)
      ? t('place.positionOutside', { coords, name: tenant.name })
      : area
        ? t('place.positionIn', { coords, area: area.properties.name })
        : t('place.positionInTenant', { coords, name: tenant.name });
  }
  const cents = parseMoney(draft.cost, locale);
  const size = formatFileSize(MAX_PHOTO_BYTES, locale);

  return (
    <div className="page">
      <h1>{t('budget.propose.heading')}</h1>
      <p className="lead">{t('budget.propose.lead')}</p>
      <p className="hint">{t('budget.propose.draftNote')}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary ref={summary} errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === 'place' ? 'location' : k, v]))} order={ORDER}>
          {sendError && <p>{sendError}</p>}
        </ErrorSummary>
        <div className="field">
          <label htmlFor="f-title">
            {t('budget.propose.titleLabel')} <RequiredMark required />
          </label>
          <FieldError id="f-title" message={errors.title} />
          <input id="f-title" type="text" maxLength={300} value={draft.title} onChange={(e) => update({ title: e.target.value })} {...describedBy('f-title', { error: errors.title })} />
        </div>
        <div className="field">
          <label htmlFor="f-description">
            {t('budget.propose.description')} <RequiredMark required />
          </label>
          <p className="hint" id="f-description-hint">
            {t('budget.propose.descriptionHint')}
          </p>
          <FieldError id="f-description" message={errors.description} />
          <textarea id="f-description" rows={6} maxLength={8000} value={draft.description} onChange={(e) => update({ description: e.target.value })} {...describedBy('f-description', { hint: true, error: errors.description })} />
        </div>
        <div className="field">
          <label htmlFor="f-estimatedCostCents">
            {t('budget.propose.cost')} <RequiredMark required />
          </label>
          <p className="hint" id="f-estimatedCostCents-hint">
            {t('budget.propose.costHint')}
            {cents !== null && <> {t('budget.propose.costRead', { amount: formatMoney(cents, locale) })}</>}
          </p>
          <FieldError id="f-estimatedCostCents" message={errors.estimatedCostCents} />
          <input
            id="f-estimatedCostCents"
            type="text"
            inputMode="decimal"
            className="bh-input-short"
            value={draft.cost}
            onChange={(e) => update({ cost: e.target.value })}
            {...describedBy('f-estimatedCostCents', { hint: true, error: errors.estimatedCostCents })}
          />
        </div>
        <div className="field">
          <label htmlFor="f-category">
            {t('budget.propose.category')} <RequiredMark required={false} />
          </label>
          <select id="f-category" value={draft.category} onChange={(e) => update({ category: e.target.value })}>
            <option value="">{t('budget.propose.categoryNone')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`budget.category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('budget.propose.place')}</legend>
          <label className="choice">
            <input type="radio" name="placeMode" checked={draft.placeMode === 'map'} onChange={() => update({ placeMode: 'map' })} />
            {t('budget.propose.placeMap')}
          </label>
          <label className="choice">
            <input type="radio" name="placeMode" checked={draft.placeMode === 'none'} onChange={() => update({ placeMode: 'none' })} />
            {t('budget.propose.placeNone')}
          </label>
        </fieldset>
        {draft.placeMode === 'map' && (
          <>
            <p className="hint">{t('place.mapHelp')}</p>
            <FieldError id="f-place" message={errors.place} />
            <Suspense fallback={<Loading />}>
              <PlaceMap tenant={tenant} lat={draft.lat} lon={draft.lon} pinLabel={t('budget.propose.pinLabel')} onChange={onPlace} onStatus={setStatus} invalid={Boolean(errors.place)} />
            </Suspense>
            <p className="place-position" aria-live="polite" aria-atomic="true">
              {status && <span className="block">{status}</span>}
              <span className="block">{position}</span>
            </p>
          </>
        )}
        <h2>{t('budget.propose.photos')}</h2>
        <p className="hint" id="f-photos-hint">
          {t('photos.hint', { max: MAX_PHOTOS, size })}
        </p>
        <FieldError id="f-photos" message={errors.photos} />
        <div className="field">
          <input ref={fileInput} id="f-photos" className="file-input" type="file" accept={ACCEPTED_TYPES} multiple disabled={photos.length >= MAX_PHOTOS} aria-describedby="f-photos-hint f-photos-count" onChange={(e) => void addPhotos(e.target.files)} />
          <label htmlFor="f-photos" className={photos.length >= MAX_PHOTOS ? 'button file-button disabled' : 'button file-button'}>
            {t('photos.choose')}
          </label>
          <p id="f-photos-count" className="hint">
            {t('photos.count', { count: photos.length, n: formatNumber(photos.length, locale), max: MAX_PHOTOS })}
          </p>
        </div>
        <div aria-live="polite">
          {rejections.length > 0 && (
            <ul className="notice notice-error">
              {rejections.map((r, i) => (
                <li key={`${r.name}-${i}`}>{t(`photos.problem.${r.problem}`, { name: r.name, max: MAX_PHOTOS, size })}</li>
              ))}
            </ul>
          )}
        </div>
        {photos.length > 0 && (
          <ul className="photo-previews" aria-label={t('photos.selected')}>
            {photos.map((p, i) => (
              <li key={p.id}>
                <img src={p.url} alt={t('photos.previewAlt', { n: i + 1, name: p.file.name })} />
                <span className="photo-meta">
                  {p.file.name} · {formatFileSize(p.file.size, locale)}
                </span>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    URL.revokeObjectURL(p.url);
                    setPhotos(photos.filter((x) => x.id !== p.id));
                    window.setTimeout(() => fileInput.current?.focus(), 0);
                  }}
                >
                  {t('photos.remove', { n: i + 1 })}
                  <span className="visually-hidden">: {p.file.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <h2>{t('budget.propose.contact')}</h2>
        <p className="hint">{t('budget.propose.contactHint')}</p>
        <div className="field">
          <label htmlFor="f-contactEmail">
            {t('contact.email')} <RequiredMark required />
          </label>
          <FieldError id="f-contactEmail" message={errors.contactEmail} />
          <input id="f-contactEmail" type="email" autoComplete="email" inputMode="email" value={draft.contactEmail} onChange={(e) => update({ contactEmail: e.target.value })} {...describedBy('f-contactEmail', { error: errors.contactEmail })} />
        </div>
        <div className="field">
          <label htmlFor="f-contactName">
            {t('contact.name')} <RequiredMark required={false} />
          </label>
          <FieldError id="f-contactName" message={errors.contactName} />
          <input id="f-contactName" type="text" autoComplete="name" maxLength={200} value={draft.contactName} onChange={(e) => update({ contactName: e.target.value })} {...describedBy('f-contactName', { error: errors.contactName })} />
        </div>
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? t('budget.propose.sending') : t('budget.propose.submit')}
        </button>
      </form>
    </div>
  );
}

