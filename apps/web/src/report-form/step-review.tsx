import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Category, Tenant } from '../api/types';
import { ReportCard } from '../common/report-card';
import { useAsync } from '../common/use-async';
import { formatCoordinate, formatDateTime, formatDistance, pick } from '../format';
import { useLocale } from '../i18n';
import { FollowForm } from '../report-page/follow-form';
import { Link, paths } from '../router';
import type { Draft, StepId } from './draft';
import type { PhotoItem } from './step-photos';

interface Props {
  tenant: Tenant;
  draft: Draft;
  category: Category | undefined;
  photos: PhotoItem[];
  goTo: (step: StepId) => void;
  onDiscard: () => void;
}

/** "Ist es eines davon?" – similar reports nearby, then a summary to check before sending. */
export function StepReview({ tenant, draft, category, photos, goTo, onDiscard }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [following, setFollowing] = useState<string | null>(null);
  const canSearch = draft.lat !== null && draft.lon !== null && Boolean(draft.category);
  const duplicates = useAsync(
    (signal) =>
      canSearch
        ? api.duplicates(tenant.slug, { lat: draft.lat!, lon: draft.lon!, category: draft.category, description: draft.description.slice(0, 1000) }, signal)
        : Promise.resolve([]),
    [tenant.slug, draft.lat, draft.lon, draft.category, draft.description],
  );
  const candidates = (duplicates.data ?? []).slice(0, 5);

  const attributes = [...(category?.attributes ?? [])].sort((a, b) => a.order - b.order);
  const attrText = (code: string): string => {
    const a = attributes.find((x) => x.code === code);
    const v = draft.attributes[code];
    if (!a || v === undefined) return '';
    const values = Array.isArray(v) ? v : [v];
    if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
      return values.map((k) => pick((a.values ?? []).find((x) => x.key === k)?.name, locale) || k).join(', ');
    }
    if (a.datatype === 'datetime' && typeof v === 'string' && v) return formatDateTime(v, locale);
    return values.join(', ');
  };
  const area = (tenant.areas?.features ?? []).find((f) => f.properties.id === draft.areaId)?.properties.name;

  return (
    <>
      {canSearch && duplicates.loading && <p role="status">{t('review.searchingDuplicates')}</p>}
      {candidates.length > 0 && (
        <section className="duplicates" aria-labelledby="dup-h">
          <h3 id="dup-h">{t('review.duplicatesTitle')}</h3>
          <p>{t('review.duplicatesIntro')}</p>
          <ul className="report-list">
            {candidates.map((c) => (
              <li key={c.id}>
                <ReportCard
                  report={c}
                  slug={tenant.slug}
                  timeZone={tenant.timeZone}
                  headingLevel={3}
                  extra={<span>{t('review.distance', { distance: formatDistance(c.distanceM, locale) })}</span>}
                >
                  {following === c.id ? (
                    <div className="follow-inline">
                      <FollowForm slug={tenant.slug} reportId={c.id} initialEmail={draft.contactEmail} compact />
                      <p className="button-row">
                        <Link to={paths.report(tenant.slug, c.id)}>{t('review.openReport')}</Link>
                        <button type="button" className="button" onClick={onDiscard}>
                          {t('review.discard')}
                        </button>
                      </p>
                    </div>
                  ) : (
                    <button type="button" className="button" onClick={() => setFollowing(c.id)}>
                      {t('review.thisOne')}
                    </button>
                  )}
                </ReportCard>
              </li>
            ))}
          </ul>
          <p className="hint">{t('review.noneOfThem')}</p>
        </section>
      )}

      <section aria-labelledby="summary-h">
        <h3 id="summary-h">{t('review.summary')}</h3>
        <dl className="summary">
          <div>
            <dt>{t('steps.place')}</dt>
            <dd>
              {draft.placeMode === 'map' && draft.lat !== null && draft.lon !== null && (
                <span className="block">
                  {t('place.coordinates', { lat: formatCoordinate(draft.lat, locale), lon: formatCoordinate(draft.lon, locale) })}
                </span>
              )}
              {draft.address && <span className="block">{draft.address}</span>}
              {draft.placeMode === 'address' && area && <span className="block">{area}</span>}
              <ChangeButton step="place" label={t('steps.place')} goTo={goTo} />
            </dd>
          </div>
          <div>
            <dt>{t('steps.category')}</dt>
            <dd>
              {category ? pick(category.name, locale) : '—'}
              <ChangeButton step="category" label={t('steps.category')} goTo={goTo} />
            </dd>
          </div>
          {attributes
            .filter((a) => attrText(a.code))
            .map((a) => (
              <div key={a.code}>
                <dt>{pick(a.description, locale)}</dt>
                <dd>{attrText(a.code)}</dd>
              </div>
            ))}
          <div>
            <dt>{t('details.description')}</dt>
            <dd>
              <span className="block prewrap">{draft.description}</span>
              <ChangeButton step="details" label={t('steps.details')} goTo={goTo} />
            </dd>
          </div>
          <div>
            <dt>{t('steps.photos')}</dt>
            <dd>
              {photos.length ? photos.map((p) => p.file.name).join(', ') : t('review.noPhotos')}
              <ChangeButton step="photos" label={t('steps.photos')} goTo={goTo} />
            </dd>
          </div>
          <div>
            <dt>{t('steps.contact')}</dt>
            <dd>
              {[draft.contactEmail, draft.contactName, draft.contactPhone].filter(Boolean).join(', ') || t('review.anonymous')}
              <ChangeButton step="contact" label={t('steps.contact')} goTo={goTo} />
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}

function ChangeButton({ step, label, goTo }: { step: StepId; label: string; goTo: (s: StepId) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="link-button" onClick={() => goTo(step)}>
      {t('review.change')}
      <span className="visually-hidden">: {label}</span>
    </button>
  );
}
