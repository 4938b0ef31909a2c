import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { Tenant } from '../api/types';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView, Loading } from '../common/error-view';
import { Photo } from '../common/photo';
import { StatusBadge } from '../common/status-badge';
import { useAsync } from '../common/use-async';
import { formatCoordinate, formatDateTime, formatNumber, pick } from '../format';
import { useLocale } from '../i18n';
import { Link, paths, useLocation } from '../router';
import { FollowForm } from './follow-form';

/** A report's public page: status timeline with notes, photos, forwarding trail, follow by e-mail. */
export default function ReportPage({ tenant, id }: { tenant: Tenant; id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  // The API's e-mail links redirect here with a flag saying what just happened.
  const outcome = search.get('bestaetigt') === '1'
    ? t('report.outcome.confirmed')
    : search.get('bestaetigt') === '0'
      ? t('report.outcome.alreadyConfirmed')
      : search.get('folgen') === '1'
        ? t('report.outcome.following')
        : search.get('abgemeldet') === '1'
          ? t('report.outcome.unsubscribed')
          : null;
  const { data: report, error, reload } = useAsync((signal) => api.report(tenant.slug, id, signal), [tenant.slug, id]);
  const title = report ? pick(report.category.name, locale) : t('report.title');
  useDocumentTitle(title, tenant.name);
  const tz = tenant.timeZone;

  if (error) {
    return (
      <div className="page">
        <h1>{t('report.title')}</h1>
        <ErrorView error={error} onRetry={reload} />
        {error instanceof ApiError && error.status === 404 && <p>{t('report.notFoundHint')}</p>}
      </div>
    );
  }
  if (!report) {
    return (
      <div className="page">
        <h1>{t('report.title')}</h1>
        <Loading />
      </div>
    );
  }
  const history = [...report.history].sort((a, b) => a.at.localeCompare(b.at));
  const mapLink = `${paths.map(tenant.slug)}?lat=${report.lat}&lon=${report.lon}&zoom=${Math.min(18, tenant.map.maxZoom)}`;
  return (
    <div className="page report-page">
      <p className="eyebrow">{t('report.number', { id: report.number ?? report.id })}</p>
      <h1>{title}</h1>
      {outcome && (
        <div className="notice notice-success" role="status">
          <p>{outcome}</p>
        </div>
      )}
      <p className="report-status-line">
        <StatusBadge status={report.status} group={report.statusGroup} />
      </p>

      {report.forwardedTo && (
        <div className="notice notice-info">
          <p>
            {t('report.forwardedTo', { name: report.forwardedTo.name })}{' '}
            <Link to={paths.map(report.forwardedTo.slug)}>{t('report.toMunicipality', { name: report.forwardedTo.name })}</Link>
          </p>
        </div>
      )}
      {report.forwardedFrom && (
        <div className="notice notice-info">
          <p>{t('report.forwardedFrom', { name: report.forwardedFrom.name })}</p>
        </div>
      )}
      {report.duplicateOf && (
        <div className="notice notice-info">
          <p>
            {t('report.duplicateOf')} <Link to={paths.report(tenant.slug, report.duplicateOf)}>{t('report.toOriginal')}</Link>
          </p>
        </div>
      )}

      <dl className="facts">
        <div>
          <dt>{t('report.created')}</dt>
          <dd>
            <time dateTime={report.createdAt}>{formatDateTime(report.createdAt, locale, tz)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('report.updated')}</dt>
          <dd>
            <time dateTime={report.updatedAt}>{formatDateTime(report.updatedAt, locale, tz)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('report.place')}</dt>
          <dd>
            {report.address && <span className="block">{report.address}</span>}
            <span className="block">
              {formatCoordinate(report.lat, locale)}, {formatCoordinate(report.lon, locale)}
            </span>
            <Link to={mapLink}>{t('report.showOnMap')}</Link>
          </dd>
        </div>
        {report.department && (
          <div>
            <dt>{t('report.department')}</dt>
            <dd>{report.department}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="desc-h">
        <h2 id="desc-h">{t('report.description')}</h2>
        <p className="prewrap">{report.description || t('report.noDescription')}</p>
      </section>

      {report.photos.length > 0 && (
        <section aria-labelledby="photos-h">
          <h2 id="photos-h">{t('report.photos')}</h2>
          <ul className="photo-grid">
            {report.photos.map((p, i) => (
              <li key={p.thumbnailUrl}>
                <a href={p.largeUrl} target="_blank" rel="noopener">
                  <Photo src={p.thumbnailUrl} alt={t('report.photoAlt', { n: i + 1, count: report.photos.length })} loading="lazy" />
                  <span className="visually-hidden">{t('app.opensNewWindow')}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('report.history')}</h2>
        <ol className="timeline">
          {history.map((h, i) => (
            <li key={`${h.at}-${i}`} className={i === history.length - 1 ? 'timeline-current' : undefined}>
              <p className="timeline-head">
                <strong>{t(`status.${h.status}`, { defaultValue: h.status })}</strong>{' '}
                <time dateTime={h.at}>{formatDateTime(h.at, locale, tz)}</time>
              </p>
              {h.note && <p className="timeline-note prewrap">{h.note}</p>}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="follow-h" className="follow">
        <h2 id="follow-h">{t('follow.title')}</h2>
        <p>{t('follow.followers', { count: report.followers, formatted: formatNumber(report.followers, locale) })}</p>
        <FollowForm slug={tenant.slug} reportId={report.id} />
      </section>
    </div>
  );
}
