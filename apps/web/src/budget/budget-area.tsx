// The participatory budget (Bürgerhaushalt): one lazily loaded area below /{slug}/buergerhaushalt.
// Its pages are chunks of their own again; Leaflet is only loaded by the map views.
import './budget.css';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tenant } from '../api/types';
import { ErrorView, Loading } from '../common/error-view';
import { useAsync } from '../common/use-async';
import { Link, paths } from '../router';
import { useTenant } from '../tenant/tenant-data';
import { budgetApi, type CycleDetail } from './api';
import { BudgetNav } from './common';
import { type BudgetRoute, matchBudgetRoute } from './routes';

const StartPage = lazy(() => import('./cycle-pages').then((m) => ({ default: m.StartPage })));
const CyclePage = lazy(() => import('./cycle-pages').then((m) => ({ default: m.CyclePage })));
const ProposalListPage = lazy(() => import('./proposal-list-page'));
const ProposalPage = lazy(() => import('./proposal-page'));
const ProposePage = lazy(() => import('./propose-page'));
const VotePage = lazy(() => import('./vote-page'));
const ReceiptPage = lazy(() => import('./receipt-page'));
const ResultsPage = lazy(() => import('./results-page'));
const ImplementationListPage = lazy(() => import('./implementation-pages').then((m) => ({ default: m.ImplementationListPage })));
const ProjectPage = lazy(() => import('./implementation-pages').then((m) => ({ default: m.ProjectPage })));
const StaffStartPage = lazy(() => import('./staff-pages').then((m) => ({ default: m.StaffStartPage })));
const StaffCyclePage = lazy(() => import('./staff-pages').then((m) => ({ default: m.StaffCyclePage })));

export interface PageProps {
  tenant: Tenant;
  cycle: CycleDetail;
  reload: () => void;
}

function cycleIdOf(route: BudgetRoute): string | null {
  return 'cycleId' in route ? route.cycleId : null;
}

function CycleFrame({ tenant, route, cycleId }: { tenant: Tenant; route: BudgetRoute; cycleId: string }) {
  const { t } = useTranslation();
  const { data: cycle, error, reload } = useAsync((signal) => budgetApi.cycle(tenant.slug, cycleId, signal), [tenant.slug, cycleId]);
  if (error) {
    return (
      <div className="page">
        <h1>{t('budget.cycleUnavailable')}</h1>
        <ErrorView error={error} onRetry={reload} />
        <p>
          <Link to={`/${encodeURIComponent(tenant.slug)}/buergerhaushalt`}>{t('budget.nav.start')}</Link>
        </p>
      </div>
    );
  }
  if (!cycle || cycle.id !== cycleId) return <Loading />;
  const props: PageProps = { tenant, cycle, reload };
  const staff = route.name === 'staff-cycle';
  const active = route.name === 'proposal' || route.name === 'propose' ? 'proposals' : route.name;
  return (
    <>
      {!staff && <BudgetNav slug={tenant.slug} cycle={cycle} active={active} tenant={tenant} />}
      <Suspense fallback={<Loading />}>
        {route.name === 'cycle' && <CyclePage {...props} />}
        {route.name === 'proposals' && <ProposalListPage {...props} view={route.view} />}
        {route.name === 'proposal' && <ProposalPage key={route.id} {...props} id={route.id} />}
        {route.name === 'propose' && <ProposePage {...props} />}
        {route.name === 'vote' && <VotePage {...props} />}
        {route.name === 'results' && <ResultsPage {...props} />}
        {route.name === 'implementation' && <ImplementationListPage {...props} view={route.view} />}
        {route.name === 'staff-cycle' && <StaffCyclePage {...props} section={route.section} />}
      </Suspense>
    </>
  );
}

export default function BudgetArea({ slug, parts }: { slug: string; parts: string[] }) {
  const { t } = useTranslation();
  const { data: tenant, error, reload } = useTenant(slug);
  const route = matchBudgetRoute(parts);
  if (error) {
    return (
      <div className="page">
        <h1>{t('tenant.unavailable')}</h1>
        <ErrorView error={error} onRetry={reload} />
      </div>
    );
  }
  if (!tenant) return <Loading />;
  const cycleId = cycleIdOf(route);
  return (
    <div className="tenant bh">
      {cycleId ? (
        <CycleFrame tenant={tenant} route={route} cycleId={cycleId} />
      ) : (
        <>
          {route.name !== 'staff' && <BudgetNav slug={slug} active={route.name} tenant={tenant} />}
          <Suspense fallback={<Loading />}>
            {route.name === 'start' && <StartPage tenant={tenant} />}
            {route.name === 'receipt' && <ReceiptPage tenant={tenant} />}
            {route.name === 'project' && <ProjectPage key={route.id} tenant={tenant} id={route.id} />}
            {route.name === 'staff' && <StaffStartPage tenant={tenant} />}
            {route.name === 'not-found' && (
              <div className="page">
                <h1>{t('error.pageNotFound')}</h1>
                <p>
                  <Link to={paths.start()}>{t('nav.allMunicipalities')}</Link>
                </p>
              </div>
            )}
          </Suspense>
        </>
      )}
    </div>
  );
}
