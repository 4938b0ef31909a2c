import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView, Loading } from '../common/error-view';
import { useAsync } from '../common/use-async';
import { useLocale } from '../i18n';
import { Link, paths } from '../router';

/** Start page: the municipalities of this deployment. */
export default function TenantStartPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t('start.title'));
  const { data, error, reload } = useAsync((signal) => api.tenants(signal), []);
  const collator = new Intl.Collator(locale);
  const tenants = data ? [...data].sort((a, b) => collator.compare(a.name, b.name)) : [];
  return (
    <div className="page">
      <h1>{t('start.title')}</h1>
      <p className="lead">{t('start.intro')}</p>
      {error ? (
        <ErrorView error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : tenants.length === 0 ? (
        <p>{t('start.none')}</p>
      ) : (
        <ul className="tenant-list">
          {tenants.map((tenant) => (
            <li key={tenant.slug}>
              <Link to={paths.map(tenant.slug)} className="tenant-card">
                <span className="tenant-card-name">{tenant.name}</span>
                <span className="tenant-card-kind">{t(`tenant.kind.${tenant.kind}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
