// The staff back office ("Verwaltung") under /{slug}/verwaltung/…: one lazy chunk with its own
// session handling, navigation and sub-routes.
import './staff.css';
import { lazy, Suspense, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorView, Loading } from '../common/error-view';
import { Link, paths } from '../router';
import { useTenant } from '../tenant/tenant-data';
import { type Permission, type StaffSession, setCsrfToken, setSessionExpiredHandler, staffApi } from './staff-api';
import { invalidateLookups, StaffContext, type StaffContextValue } from './staff-data';
import { PasswordPage } from './sign-in/password-page';
import { SignInPage } from './sign-in/sign-in-page';

const InboxPage = lazy(() => import('./inbox/inbox-page'));
const InboxMapPage = lazy(() => import('./inbox/inbox-map-page'));
const ReportDetailPage = lazy(() => import('./report/report-detail-page'));
const DashboardPage = lazy(() => import('./dashboard/dashboard-page'));
const AdminPage = lazy(() => import('./admin/admin-page'));
const AuditPage = lazy(() => import('./audit/audit-page'));
const AccountPage = lazy(() => import('./account/account-page'));

type SessionState = { state: 'loading' } | { state: 'signed-out'; reason?: 'expired' | 'signed-out' } | { state: 'signed-in'; session: StaffSession } | { state: 'error'; error: unknown };

export default function StaffApp({ slug, path }: { slug: string; path: string[] }) {
  const { t } = useTranslation();
  const tenant = useTenant(slug);
  const [session, setSession] = useState<SessionState>({ state: 'loading' });
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    staffApi.session(slug, controller.signal).then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession({ state: 'signed-in', session: s });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setSession({ state: 'signed-out' });
        else setSession({ state: 'error', error });
      },
    );
    return () => controller.abort();
  }, [slug, nonce]);

  useEffect(() => {
    setSessionExpiredHandler(() => {
      setCsrfToken('');
      invalidateLookups();
      setSession({ state: 'signed-out', reason: 'expired' });
    });
    return () => setSessionExpiredHandler(null);
  }, []);

  const signedIn = useCallback((s: StaffSession) => {
    setCsrfToken(s.csrfToken);
    invalidateLookups();
    setSession({ state: 'signed-in', session: s });
  }, []);

  const signOut = useCallback(() => {
    void staffApi.signOut(slug).catch(() => undefined).finally(() => {
      setCsrfToken('');
      invalidateLookups();
      setSession({ state: 'signed-out', reason: 'signed-out' });
    });
  }, [slug]);

  const context = useMemo<StaffContextValue | null>(() => {
    if (session.state !== 'signed-in' || !tenant.data) return null;
    const permissions = new Set<string>(session.session.permissions);
    return { slug, tenant: tenant.data, session: session.session, can: (p: Permission) => permissions.has(p), signOut };
  }, [slug, tenant.data, session, signOut]);

  if (tenant.error) {
    return (
      <div className="page">
        <h1>{t('tenant.unavailable')}</h1>
        <ErrorView error={tenant.error} onRetry={tenant.reload} />
      </div>
    );
  }
  if (session.state === 'error') {
    return (
      <div className="page">
        <h1>{t('staff.title')}</h1>
        <ErrorView error={session.error} onRetry={() => setNonce((n) => n + 1)} />
      </div>
    );
  }
  if (!tenant.data) return <Loading />;
  // The set/reset link from the mail works without a session.
  if (path[0] === 'passwort' && path.length === 1) return <PasswordPage tenant={tenant.data} />;
  if (session.state === 'loading') return <Loading />;
  if (session.state === 'signed-out' || !context) {
    return <SignInPage tenant={tenant.data} reason={session.state === 'signed-out' ? session.reason : undefined} onSignedIn={signedIn} />;
  }
  return (
    <StaffContext.Provider value={context}>
      <StaffLayout path={path}>
        <Suspense fallback={<Loading />}>
          <StaffRoute path={path} />
        </Suspense>
      </StaffLayout>
    </StaffContext.Provider>
  );
}

function StaffRoute({ path }: { path: string[] }) {
  const [a, b, ...rest] = path;
  const { can } = useContext(StaffContext)!;
  if (a === undefined) return can('reports.read') ? <InboxPage /> : <NoReports />;
  if (a === 'karte' && b === undefined) return <InboxMapPage />;
  if (a === 'meldungen' && b && rest.length === 0) return <ReportDetailPage key={b} id={b} />;
  if (a === 'statistik' && b === undefined) return <DashboardPage />;
  if (a === 'einstellungen' && rest.length === 0) return <AdminPage section={b} />;
  if (a === 'protokoll' && b === undefined) return <AuditPage />;
  if (a === 'konto' && b === undefined) return <AccountPage />;
  return <StaffNotFound />;
}

/** Roles without report access (e.g. budget review) land here instead of an inbox they may not read. */
function NoReports() {
  const { t } = useTranslation();
  const { slug } = useContext(StaffContext)!;
  return (
    <div className="page">
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.noReports')}</p>
      <p>
        <Link to={paths.staff(slug, 'konto')}>{t('staff.account.link')}</Link>
      </p>
    </div>
  );
}

function StaffNotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('error.pageNotFound')}</h1>
    </div>
  );
}

function StaffLayout({ path, children }: { path: string[]; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <StaffContext.Consumer>
      {(ctx) => {
        if (!ctx) return null;
        const { slug, tenant, session, can, signOut } = ctx;
        const section = path[0] ?? '';
        const items = [
          { to: paths.staff(slug), label: t('staff.nav.inbox'), active: section === '' || section === 'meldungen' || section === 'karte', show: can('reports.read') },
          { to: paths.staff(slug, 'statistik'), label: t('staff.nav.dashboard'), active: section === 'statistik', show: can('stats.read') },
          {
            to: paths.staff(slug, 'einstellungen'),
            label: t('staff.nav.admin'),
            active: section === 'einstellungen',
            show: can('admin.catalog') || can('admin.users') || can('admin.settings'),
          },
          { to: paths.staff(slug, 'protokoll'), label: t('staff.nav.audit'), active: section === 'protokoll', show: can('audit.read') },
        ].filter((item) => item.show);
        return (
          <div className="staff">
            <div className="tenant-bar staff-bar">
              <p className="tenant-name">
                <span className="tenant-kind">{t('staff.title')}</span> {tenant.name}
              </p>
              <nav aria-label={t('staff.nav.label')}>
                <ul className="tenant-nav">
                  {items.map((item) => (
                    <li key={item.to}>
                      <Link to={item.to} aria-current={item.active ? 'page' : undefined}>
                        {item.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
              <div className="staff-user">
                <span>
                  {t('staff.signedInAs', { email: session.user.email, role: t(`staff.role.${session.user.role}`) })}
                </span>
                <Link to={paths.staff(slug, 'konto')} aria-current={section === 'konto' ? 'page' : undefined}>
                  {t('staff.account.link')}
                </Link>
                <button type="button" className="button button-small" onClick={signOut}>
                  {t('staff.signOut')}
                </button>
              </div>
            </div>
            {children}
          </div>
        );
      }}
    </StaffContext.Consumer>
  );
}
