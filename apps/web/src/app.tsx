import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from './common/error-view';
import { LanguageSwitch } from './common/language-switch';
import { Link, matchRoute, paths, type Route, useLocation } from './router';
import { TenantLayout } from './tenant/tenant-layout';

// Each page is its own chunk: the map page never pays for the report form and vice versa.
const TenantStartPage = lazy(() => import('./tenant-start/tenant-start-page'));
const ReportMapPage = lazy(() => import('./report-map/report-map-page'));
const ReportListPage = lazy(() => import('./report-list/report-list-page'));
const ReportFormPage = lazy(() => import('./report-form/report-form-page'));
const ConfirmationPage = lazy(() => import('./report-form/confirmation-page'));
const ReportPage = lazy(() => import('./report-page/report-page'));
// The participatory budget (citizen and staff pages) is one lazy chunk with its own sub-routes.
const BudgetArea = lazy(() => import('./budget/budget-area'));
// The staff back office ("Verwaltung") is one lazy chunk with its own layout and sub-routes.
const StaffApp = lazy(() => import('./staff/staff-app'));

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'start':
      return <TenantStartPage />;
    case 'map':
      return <TenantLayout slug={route.slug} route={route}>{(tenant) => <ReportMapPage tenant={tenant} />}</TenantLayout>;
    case 'list':
      return <TenantLayout slug={route.slug} route={route}>{(tenant) => <ReportListPage tenant={tenant} />}</TenantLayout>;
    case 'report-new':
      return <TenantLayout slug={route.slug} route={route}>{(tenant) => <ReportFormPage tenant={tenant} />}</TenantLayout>;
    case 'report-confirm':
      return <TenantLayout slug={route.slug} route={route}>{(tenant) => <ConfirmationPage tenant={tenant} />}</TenantLayout>;
    case 'report':
      return (
        <TenantLayout slug={route.slug} route={route}>
          {(tenant) => <ReportPage key={route.id} tenant={tenant} id={route.id} />}
        </TenantLayout>
      );
    case 'staff':
      return <StaffApp slug={route.slug} path={route.path} />;
    case 'budget':
      return <BudgetArea slug={route.slug} parts={route.parts} />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('error.pageNotFound')}</h1>
      <p>
        <Link to={paths.start()}>{t('nav.allMunicipalities')}</Link>
      </p>
    </div>
  );
}

export function App() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  const first = useRef(true);

  // After an in-app navigation move focus to the new page's heading, as a page load would for a screen reader.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    let tries = 0;
    const timer = window.setInterval(() => {
      // Suspense keeps the previous page mounted but hidden while the next one loads: take a visible h1.
      const h1 = [...document.querySelectorAll<HTMLElement>('#main h1')].find((h) => h.getClientRects().length > 0);
      if (h1 || ++tries > 40) {
        window.clearInterval(timer);
        const target = h1 ?? document.getElementById('main');
        if (target) {
          if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
          target.focus({ preventScroll: true });
        }
      }
    }, 50);
    return () => window.clearInterval(timer);
  }, [pathname]);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={paths.start()} className="brand">
            <span className="brand-name">mitreden</span>
            <span className="brand-sub">{t('app.product')}</span>
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Page route={route} />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
