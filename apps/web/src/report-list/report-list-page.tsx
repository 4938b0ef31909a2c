import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { BBox, Tenant } from '../api/types';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView, Loading } from '../common/error-view';
import { filtersFromSearch, filtersToSearch, withSearch } from '../common/filters';
import { ReportCard } from '../common/report-card';
import { ReportFiltersForm } from '../common/report-filters';
import { useAsync } from '../common/use-async';
import { formatNumber } from '../format';
import { useLocale } from '../i18n';
import { Link, navigate, paths, useLocation } from '../router';
import { useCategories } from '../tenant/tenant-data';

const PAGE_SIZE = 20;

function parseBbox(value: string | null): BBox | null {
  if (!value) return null;
  const n = value.split(',').map(Number);
  return n.length === 4 && n.every(Number.isFinite) ? (n as BBox) : null;
}

/** The complete non-map way to browse reports, with the same filters as the map. */
export default function ReportListPage({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const bbox = parseBbox(search.get('bbox'));
  const categories = useCategories(tenant.slug);
  useDocumentTitle(t('list.title'), tenant.name);
  const key = `${tenant.slug}|${JSON.stringify(filters)}|${page}|${bbox?.join(',') ?? ''}`;
  const { data, error, loading, reload } = useAsync(
    (signal) => api.reports(tenant.slug, { filters, page, pageSize: PAGE_SIZE, bbox }, signal),
    [key],
  );
  // Paging keeps the path, so the app-wide focus handling does not run: do it here.
  const heading = useRef<HTMLHeadingElement>(null);
  const firstPage = useRef(page);
  useEffect(() => {
    if (firstPage.current === page) return;
    firstPage.current = page;
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, [page]);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const pageLink = (p: number) => {
    const s = new URLSearchParams(search);
    if (p > 1) s.set('page', String(p));
    else s.delete('page');
    return withSearch(paths.list(tenant.slug), s);
  };
  const withoutBbox = () => {
    const s = new URLSearchParams(search);
    s.delete('bbox');
    s.delete('page');
    return withSearch(paths.list(tenant.slug), s);
  };

  return (
    <div className="page">
      <h1 ref={heading} tabIndex={-1}>{t('list.heading', { name: tenant.name })}</h1>
      <p>
        <Link to={withSearch(paths.map(tenant.slug), filtersToSearch(filters))}>{t('list.toMap')}</Link>
      </p>
      <ReportFiltersForm
        filters={filters}
        categories={categories.data ?? []}
        onChange={(f) => {
          const s = filtersToSearch(f, search);
          s.delete('page');
          navigate(withSearch(paths.list(tenant.slug), s), { replace: true });
        }}
      />
      {bbox && (
        <p className="notice">
          {t('list.bboxActive')} <Link to={withoutBbox()}>{t('list.bboxClear')}</Link>
        </p>
      )}
      <p role="status" className="list-status">
        {data && !loading ? t('list.count', { count: data.total, formatted: formatNumber(data.total, locale) }) : loading ? t('app.loading') : ''}
      </p>
      {error ? (
        <ErrorView error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <ol className="report-list" aria-busy={loading}>
          {data.items.map((r) => (
            <li key={r.id}>
              <ReportCard report={r} slug={tenant.slug} timeZone={tenant.timeZone} />
            </li>
          ))}
        </ol>
      )}
      {data && pages > 1 && (
        <nav className="pager" aria-label={t('list.pages')}>
          {page > 1 ? (
            <Link to={pageLink(page - 1)} rel="prev" className="button">
              {t('list.prev')}
            </Link>
          ) : (
            <span />
          )}
          <span>{t('list.pageOf', { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} rel="next" className="button">
              {t('list.next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
