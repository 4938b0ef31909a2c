import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, NetworkError } from '../api/client';
import type { Category, Tenant } from '../api/types';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView, errorText, Loading } from '../common/error-view';
import { useLocale } from '../i18n';
import { navigate, paths } from '../router';
import { useCategories } from '../tenant/tenant-data';
import { clearDraft, type Draft, emptyDraft, isBlank, loadDraft, saveDraft, saveResult, type StepId, STEPS } from './draft';
import { ErrorSummary } from './fields';
import { StepCategory } from './step-category';
import { StepContact } from './step-contact';
import { StepDetails } from './step-details';
import { type PhotoItem, StepPhotos } from './step-photos';
import { StepPlace } from './step-place';
import { StepReview } from './step-review';
import { type Errors, fieldKey, stepOfField, validateStep } from './validation';

type SubmitState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'offline' } | { kind: 'failed'; message: string };

function buildForm(draft: Draft, category: Category | undefined, photos: PhotoItem[], locale: string): FormData {
  const form = new FormData();
  form.set('category', draft.category);
  if (draft.placeMode === 'map' && draft.lat !== null && draft.lon !== null) {
    form.set('lat', draft.lat.toFixed(7));
    form.set('lon', draft.lon.toFixed(7));
  } else if (draft.placeMode === 'address' && draft.areaId) {
    form.set('areaId', draft.areaId);
  }
  if (draft.address.trim()) form.set('address', draft.address.trim());
  form.set('description', draft.description.trim());
  const attributes: Record<string, string | string[]> = {};
  for (const a of category?.attributes ?? []) {
    if (a.variable === false) continue;
    const v = draft.attributes[a.code];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length) attributes[a.code] = v;
    } else if (v.trim()) {
      if (a.datatype === 'number') attributes[a.code] = v.trim().replace(',', '.');
      else if (a.datatype === 'datetime') attributes[a.code] = new Date(v).toISOString();
      else attributes[a.code] = v.trim();
    }
  }
  form.set('attributes', JSON.stringify(attributes));
  if (draft.contactEmail.trim()) form.set('contactEmail', draft.contactEmail.trim());
  if (draft.contactName.trim()) form.set('contactName', draft.contactName.trim());
  if (draft.contactPhone.trim()) form.set('contactPhone', draft.contactPhone.trim());
  form.set('locale', locale);
  for (const p of photos) form.append('photos', p.file, p.file.name);
  return form;
}

/** The report form in steps: place, category, details, photos, contact, then duplicates and sending. */
export default function ReportFormPage({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const slug = tenant.slug;
  const categories = useCategories(slug);
  const [initial] = useState(() => loadDraft(slug));
  const [draft, setDraft] = useState<Draft>(() => initial ?? emptyDraft());
  const [restored, setRestored] = useState(() => Boolean(initial && !isBlank(initial)));
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [submit, setSubmit] = useState<SubmitState>({ kind: 'idle' });
  const [focusTarget, setFocusTarget] = useState<{ what: 'heading' | 'summary' | 'alert'; n: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const step = draft.step;
  const stepIndex = STEPS.indexOf(step);
  const category = categories.data?.find((c) => c.code === draft.category);
  useDocumentTitle(t(`steps.${step}`), t('form.title'), tenant.name);

  useEffect(() => saveDraft(slug, draft), [slug, draft]);

  useEffect(() => {
    if (!focusTarget) return;
    const el = focusTarget.what === 'heading' ? heading.current : focusTarget.what === 'summary' ? summary.current : alertRef.current;
    (el ?? heading.current)?.focus();
  }, [focusTarget]);
  const focus = (what: 'heading' | 'summary' | 'alert') => setFocusTarget((f) => ({ what, n: (f?.n ?? 0) + 1 }));

  const update = useCallback((patch: Partial<Draft>, touched: string[] = []) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (touched.length) {
      const keys = new Set(touched.map(fieldKey));
      const strip = (e: Errors) => (Object.keys(e).some((k) => keys.has(k)) ? Object.fromEntries(Object.entries(e).filter(([k]) => !keys.has(k))) : e);
      setClientErrors(strip);
      setServerErrors(strip);
    }
  }, []);

  const goTo = (next: StepId) => {
    setClientErrors({});
    update({ step: next });
    focus('heading');
  };

  const next = () => {
    const errors = validateStep(step, draft, tenant, category, t, locale);
    if (Object.keys(errors).length) {
      setClientErrors(errors);
      focus('summary');
      return;
    }
    goTo(STEPS[stepIndex + 1]);
  };

  const send = async () => {
    for (const s of STEPS) {
      const errors = validateStep(s, draft, tenant, category, t, locale);
      if (Object.keys(errors).length) {
        setClientErrors(errors);
        update({ step: s });
        focus('summary');
        return;
      }
    }
    setSubmit({ kind: 'sending' });
    try {
      const result = await api.createReport(slug, buildForm(draft, category, photos, locale));
      photos.forEach((p) => URL.revokeObjectURL(p.url));
      clearDraft(slug);
      saveResult(slug, result);
      navigate(paths.confirm(slug));
    } catch (error) {
      if (error instanceof NetworkError) {
        setSubmit({ kind: 'offline' });
        focus('alert');
      } else if (error instanceof ApiError && error.status === 400 && error.fieldErrors.length) {
        const byKey: Errors = {};
        for (const fe of error.fieldErrors) byKey[fieldKey(fe.field)] ??= fe.message;
        setServerErrors(byKey);
        setSubmit({ kind: 'idle' });
        const first = STEPS.find((s) => Object.keys(byKey).some((k) => stepOfField(k) === s)) ?? 'review';
        setClientErrors({});
        update({ step: first });
        focus('summary');
      } else {
        setSubmit({ kind: 'failed', message: errorText(error, t) });
        focus('alert');
      }
    }
  };

  const restart = () => {
    photos.forEach((p) => URL.revokeObjectURL(p.url));
    setPhotos([]);
    clearDraft(slug);
    setDraft(emptyDraft());
    setClientErrors({});
    setServerErrors({});
    setRestored(false);
    setSubmit({ kind: 'idle' });
    focus('heading');
  };

  const discard = () => {
    clearDraft(slug);
    navigate(paths.map(slug));
  };

  // Errors of the current step: client checks first, the server's answer otherwise.
  const allErrors: Errors = { ...serverErrors, ...clientErrors };
  const stepErrors: Errors = Object.fromEntries(Object.entries(allErrors).filter(([k]) => stepOfField(k) === step));
  const isReview = step === 'review';
  const Wrapper = isReview ? 'div' : 'form';

  return (
    <div className="page report-form">
      <h1>{t('form.heading', { name: tenant.name })}</h1>
      {restored && (
        <div className="notice notice-info">
          <p>{t('form.restored')}</p>
          <button type="button" className="button" onClick={restart}>
            {t('form.restart')}
          </button>
        </div>
      )}
      <ol className="steps" aria-label={t('form.progress')}>
        {STEPS.map((s, i) => (
          <li key={s} className={i < stepIndex ? 'done' : i === stepIndex ? 'current' : undefined} aria-current={i === stepIndex ? 'step' : undefined}>
            <span className="step-no" aria-hidden="true">
              {i < stepIndex ? '✓' : i + 1}
            </span>
            <span className="step-label">{t(`steps.${s}`)}</span>
            {i < stepIndex && <span className="visually-hidden"> ({t('form.stepDone')})</span>}
          </li>
        ))}
      </ol>
      <Wrapper
        className="step"
        aria-labelledby="step-heading"
        {...(isReview
          ? {}
          : {
              noValidate: true,
              onSubmit: (e: React.FormEvent) => {
                e.preventDefault();
                next();
              },
            })}
      >
        <h2 id="step-heading" ref={heading} tabIndex={-1}>
          {t('form.stepOf', { n: stepIndex + 1, total: STEPS.length })} {t(`steps.${step}`)}
        </h2>
        <ErrorSummary ref={summary} errors={stepErrors} />
        {step === 'place' && <StepPlace tenant={tenant} draft={draft} errors={stepErrors} update={update} />}
        {step === 'category' &&
          (categories.error ? (
            <ErrorView error={categories.error} onRetry={categories.reload} />
          ) : !categories.data ? (
            <Loading />
          ) : (
            <StepCategory
              categories={categories.data}
              value={draft.category}
              errors={stepErrors}
              onChange={(code) => {
                const keep = categories.data?.find((c) => c.code === code)?.attributes.map((a) => a.code) ?? [];
                update(
                  { category: code, attributes: Object.fromEntries(Object.entries(draft.attributes).filter(([k]) => keep.includes(k))) },
                  ['category'],
                );
              }}
            />
          ))}
        {step === 'details' && <StepDetails category={category} draft={draft} errors={stepErrors} update={update} />}
        {step === 'photos' && (
          <StepPhotos
            photos={photos}
            errors={stepErrors}
            restored={restored}
            onChange={(p, touched) => {
              setPhotos(p);
              // Indexes shift after a removal, so per-photo server errors no longer fit.
              if (touched) setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('photos'))));
            }}
          />
        )}
        {step === 'contact' && <StepContact tenant={tenant} draft={draft} errors={stepErrors} update={update} />}
        {isReview && <StepReview tenant={tenant} draft={draft} category={category} photos={photos} goTo={goTo} onDiscard={discard} />}

        <div ref={alertRef} tabIndex={-1} className="submit-alerts">
          {submit.kind === 'offline' && (
            <div className="notice notice-error" role="alert">
              <p>{t('form.offline')}</p>
              <button type="button" className="button button-primary" onClick={() => void send()}>
                {t('form.retry')}
              </button>
            </div>
          )}
          {submit.kind === 'failed' && (
            <div className="notice notice-error" role="alert">
              <p>{submit.message}</p>
              <button type="button" className="button" onClick={() => void send()}>
                {t('form.retry')}
              </button>
            </div>
          )}
        </div>

        <div className="form-nav">
          {stepIndex > 0 && (
            <button type="button" className="button" onClick={() => goTo(STEPS[stepIndex - 1])}>
              <span aria-hidden="true">← </span>
              {t('form.back')}
            </button>
          )}
          {isReview ? (
            <button type="button" className="button button-primary" onClick={() => void send()} disabled={submit.kind === 'sending'}>
              {submit.kind === 'sending' ? t('form.sending') : t('form.send')}
            </button>
          ) : (
            <button type="submit" className="button button-primary">
              {t('form.next')}
              <span aria-hidden="true"> →</span>
            </button>
          )}
        </div>
        {submit.kind === 'sending' && (
          <p role="status" className="visually-hidden">
            {t('form.sending')}
          </p>
        )}
      </Wrapper>
    </div>
  );
}
