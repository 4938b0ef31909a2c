import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView, Loading } from '../common/error-view';
import { excerpt } from '../common/report-card';
import { withSearch } from '../common/filters';
import { formatNumber } from '../format';
import { useLocale } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import type { Proposal } from './api';
import type { PageProps } from './budget-area';
import { ProposalStatusBadge, useMoney, useProposals } from './common';
import type { MapItem } from './proposals-map';
import { budgetPaths } from './routes';

const ProposalsMap = lazy(() => import('./proposals-map'));

export function ProposalCard({ proposal, slug, budgetName, headingLevel = 2 }: { proposal: Proposal; slug: string; budgetName?: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const cost = proposal.officialCostCents ?? proposal.estimatedCostCents;
  return (
    <article className="bh-card">
      <H className="bh-card-title">
        <Link to={budgetPaths.proposal(slug, proposal.cycleId, proposal.id)}>{proposal.title}</Link>
      </H>
      <p className="report-card-meta">
        <ProposalStatusBadge status={proposal.status} funded={proposal.funded} /> · {t('budget.proposal.number', { number: proposal.number })}
        {budgetName && <> · {budgetName}</>}
      </p>
      <p>
        {proposal.officialCostCents !== null ? t('budget.proposal.officialCost') : t('budget.proposal.estimatedCost')}: {money(cost)} ·{' '}
        {t('budget.proposal.supportsCount', { count: proposal.supports, n: formatNumber(proposal.supports, locale) })}
      </p>
      <p className="report-card-text">{excerpt(proposal.description)}</p>
    </article>
  );
}

export function mapKind(p: Proposal): MapItem['kind'] {
  return p.funded ? 'funded' : p.status;
}

export default function ProposalListPage({ tenant, cycle, view }: PageProps & { view: 'list' | 'map' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const { search } = useLocation();
  const { data, error, reload } = useProposals(tenant.slug, cycle.id);
  useDocumentTitle(view === 'map' ? t('budget.proposals.mapTitle') : t('budget.proposals.title'), cycle.title);
  const budgetFilter = search.get('budget') ?? '';
  const statusFilter = search.get('status') ?? '';
  const budgets = new Map(cycle.budgets.map((b) => [b.id, b.name]));
  const shown = (data ?? []).filter((p) => (!budgetFilter || p.budgetId === budgetFilter) && (!statusFilter || (statusFilter === 'funded' ? p.funded : p.status === statusFilter)));
  const base = view === 'map' ? budgetPaths.proposalsMap(tenant.slug, cycle.id) : budgetPaths.proposals(tenant.slug, cycle.id);
  const setFilter = (key: string, value: string) => {
    const s = new URLSearchParams(search);
    if (value) s.set(key, value);
    else s.delete(key);
    navigate(withSearch(base, s), { replace: true });
  };
  const other = withSearch(view === 'map' ? budgetPaths.proposals(tenant.slug, cycle.id) : budgetPaths.proposalsMap(tenant.slug, cycle.id), search);
  const placed = shown.filter((p) => p.location);
  return (
    <div className="page page-wide">
      <h1>{view === 'map' ? t('budget.proposals.mapHeading') : t('budget.proposals.heading')}</h1>
      <p className="button-row">
        <Link to={other}>{view === 'map' ? t('budget.proposals.toList') : t('budget.proposals.toMap')}</Link>
        {cycle.phase === 'proposals' && (
          <Link className="button button-primary" to={budgetPaths.propose(tenant.slug, cycle.id)}>
            {t('budget.now.propose')}
          </Link>
        )}
      </p>
      <form className="filters" aria-label={t('budget.proposals.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-b`}>{t('budget.proposals.budget')}</label>
          <select id={`${id}-b`} value={budgetFilter} onChange={(e) => setFilter('budget', e.target.value)}>
            <option value="">{t('budget.proposals.allBudgets')}</option>
            {cycle.budgets.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>{t('budget.proposals.status')}</label>
          <select id={`${id}-s`} value={statusFilter} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t('budget.proposals.allStatuses')}</option>
            {['submitted', 'feasible', 'not_feasible', 'merged', 'funded'].map((s) => (
              <option key={s} value={s}>
                {t(`budget.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error ? <ErrorView error={error} onRetry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && (
        <p className="list-status" role="status">
          {t('budget.proposals.count', { count: shown.length, n: formatNumber(shown.length, locale) })}
          {view === 'map' && shown.length > placed.length && <> {t('budget.proposals.withoutPlace', { count: shown.length - placed.length })}</>}
        </p>
      )}
      {data && view === 'map' && (
        <Suspense fallback={<Loading />}>
          <ProposalsMap
            tenant={tenant}
            label={t('budget.proposals.mapLabel')}
            items={placed.map((p) => ({
              id: p.id,
              lat: p.location!.lat,
              lon: p.location!.lon,
              label: `${p.title} (${t(`budget.status.${p.funded ? 'funded' : p.status}`)})`,
              to: budgetPaths.proposal(tenant.slug, cycle.id, p.id),
              kind: mapKind(p),
            }))}
          />
        </Suspense>
      )}
      {data && view === 'list' && (
        <ul className="bh-list">
          {shown.map((p) => (
            <li key={p.id}>
              <ProposalCard proposal={p} slug={tenant.slug} budgetName={budgets.get(p.budgetId)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
