import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tenant } from '../api/types';
import { ErrorView, Loading } from '../common/error-view';
import { withSearch } from '../common/filters';
import { Link, paths, type Route, useLocation } from '../router';
import { useTenant } from './tenant-data';

interface Props {
  slug: string;
  route: Route;
  children: (tenant: Tenant) => ReactNode;
}

/** Loads the tenant and frames its pages with its name and navigation. */
export function TenantLayout({ slug, route, children }: Props) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { data: tenant, error, reload } = useTenant(slug);
  if (error) {
    return (
      <div className="page">
        <h1>{t('tenant.unavailable')}</h1>
        <ErrorView error={error} onRetry={reload} />
      </div>
    );
  }
  if (!tenant) return <Loading />;
  // Map and list share their filters through the query string.
  const filterSearch = new URLSearchParams();
  for (const key of ['status', 'category', 'maxAgeDays']) {
    const v = search.get(key);
    if (v) filterSearch.set(key, v);
  }
  const items = [
    { to: withSearch(paths.map(slug), filterSearch), label: t('nav.map'), active: route.name === 'map' },
    { to: withSearch(paths.list(slug), filterSearch), label: t('nav.list'), active: route.name === 'list' },
    { to: paths.newReport(slug), label: t('nav.report'), active: route.name === 'report-new', primary: true },
  ];
  return (
    <div className="tenant">
      <div className="tenant-bar">
        <p className="tenant-name">
          <span className="tenant-kind">{t(`tenant.kind.${tenant.kind}`)}</span> {tenant.name}
        </p>
        <nav aria-label={t('nav.tenant', { name: tenant.name })}>
          <ul className="tenant-nav">
            {items.map((item) => (
              <li key={item.label}>
                <Link to={item.to} aria-current={item.active ? 'page' : undefined} className={item.primary ? 'nav-primary' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {children(tenant)}
    </div>
  );
}
