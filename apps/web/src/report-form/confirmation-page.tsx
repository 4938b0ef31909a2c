import { useTranslation } from 'react-i18next';
import type { CreateReportResult, Tenant } from '../api/types';
import { useDocumentTitle } from '../common/document-title';
import { Link, paths, toAppPath } from '../router';
import { loadResult } from './draft';

/** After sending: the tracking link, and what happens next. */
export default function ConfirmationPage({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  useDocumentTitle(t('confirm.title'), tenant.name);
  const result = loadResult<CreateReportResult>(tenant.slug);
  if (!result) {
    return (
      <div className="page">
        <h1>{t('confirm.title')}</h1>
        <p>{t('confirm.missing')}</p>
        <p>
          <Link to={paths.map(tenant.slug)}>{t('nav.map')}</Link>
        </p>
      </div>
    );
  }
  const absolute = new URL(result.trackingUrl, window.location.origin).toString();
  // Shown as the server wrote it, so the citizen can copy the canonical link.
  const inApp = toAppPath(result.trackingUrl);
  return (
    <div className="page">
      <h1>{t('confirm.title')}</h1>
      <div className="notice notice-success">
        <p>{t('confirm.received')}</p>
      </div>
      {result.confirmationRequired && (
        <div className="notice notice-info">
          <p>{t('confirm.confirmEmail')}</p>
        </div>
      )}
      {result.forwardedTo && (
        <div className="notice notice-info">
          <p>{t('confirm.forwarded', { name: result.forwardedTo.name })}</p>
        </div>
      )}
      <h2>{t('confirm.trackTitle')}</h2>
      <p>{t('confirm.trackText')}</p>
      <p className="tracking-link">
        {inApp ? <Link to={inApp}>{absolute}</Link> : <a href={absolute}>{absolute}</a>}
      </p>
      <p className="button-row">
        <Link to={paths.newReport(tenant.slug)} className="button">
          {t('confirm.another')}
        </Link>
        <Link to={paths.map(tenant.slug)} className="button">
          {t('nav.map')}
        </Link>
      </p>
    </div>
  );
}
