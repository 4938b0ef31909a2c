import { useTranslation } from 'react-i18next';
import type { Tenant } from '../api/types';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView, Loading } from '../common/error-view';
import { useAsync } from '../common/use-async';
import { formatDate } from '../format';
import { useLocale } from '../i18n';
import { Link } from '../router';
import { budgetApi, type CycleDetail } from './api';
import type { PageProps } from './budget-area';
import { aggregationText, ballotRuleText, PhaseSteps, useMoney } from './common';
import { budgetPaths } from './routes';

/** All cycles of the municipality, newest first. */
export function StartPage({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const { data, error, reload } = useAsync((signal) => budgetApi.cycles(tenant.slug, signal), [tenant.slug]);
  useDocumentTitle(t('budget.name'), tenant.name);
  const cycles = [...(data ?? [])].sort((a, b) => (a.kind === b.kind ? b.year - a.year : a.kind === 'official' ? -1 : 1));
  return (
    <div className="page">
      <h1>{t('budget.start.heading', { name: tenant.name })}</h1>
      <p className="lead">{t('budget.start.lead')}</p>
      {error ? <ErrorView error={error} onRetry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && cycles.length === 0 && <p>{t('budget.start.none')}</p>}
      {cycles.length > 0 && (
        <ul className="bh-cards">
          {cycles.map((c) => (
            <li key={c.id} className="bh-card">
              <h2 className="bh-card-title">
                <Link to={budgetPaths.cycle(tenant.slug, c.id)}>{c.title}</Link>
              </h2>
              <p>
                {t('budget.phaseNow')}: <strong>{t(`budget.phase.${c.phase}`)}</strong>
                {c.kind === 'simulation' && <> · {t('budget.simulation')}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={budgetPaths.receipt(tenant.slug)}>{t('budget.receipt.link')}</Link>
      </p>
      <p>
        <Link to={budgetPaths.staff(tenant.slug)}>{t('budget.staff.link')}</Link>
      </p>
    </div>
  );
}

function WhatNow({ tenant, cycle }: { tenant: Tenant; cycle: CycleDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const slug = tenant.slug;
  const next = (phase: keyof CycleDetail['schedule']) => {
    const at = cycle.schedule[phase];
    return at ? t('budget.now.startsOn', { phase: t(`budget.phase.${phase}`), date: formatDate(at, locale, tenant.timeZone) }) : null;
  };
  let body;
  switch (cycle.phase) {
    case 'preparation':
      body = <p>{next('proposals') ?? t('budget.now.preparation')}</p>;
      break;
    case 'proposals':
      body = (
        <>
          <p>{t('budget.now.proposals')}</p>
          <p className="button-row">
            <Link className="button button-primary" to={budgetPaths.propose(slug, cycle.id)}>
              {t('budget.now.propose')}
            </Link>
            <Link className="button" to={budgetPaths.proposals(slug, cycle.id)}>
              {t('budget.now.support')}
            </Link>
          </p>
          {next('review') && <p>{next('review')}</p>}
        </>
      );
      break;
    case 'review':
      body = (
        <>
          <p>{t('budget.now.review')}</p>
          <p>
            <Link to={budgetPaths.proposals(slug, cycle.id)}>{t('budget.now.seeProposals')}</Link>
          </p>
          {next('voting') && <p>{next('voting')}</p>}
        </>
      );
      break;
    case 'voting':
      body = (
        <>
          <p>{t('budget.now.voting')}</p>
          <p className="button-row">
            <Link className="button button-primary" to={budgetPaths.vote(slug, cycle.id)}>
              {t('budget.now.vote')}
            </Link>
            <Link className="button" to={budgetPaths.proposals(slug, cycle.id)}>
              {t('budget.now.seeProposals')}
            </Link>
          </p>
          {next('results') && <p>{t('budget.now.votingUntil', { date: formatDate(cycle.schedule.results!, locale, tenant.timeZone) })}</p>}
        </>
      );
      break;
    case 'results':
    case 'implementation':
      body = (
        <>
          <p>{cycle.phase === 'results' ? t('budget.now.results') : t('budget.now.implementation')}</p>
          <p className="button-row">
            <Link className="button button-primary" to={budgetPaths.results(slug, cycle.id)}>
              {t('budget.now.seeResults')}
            </Link>
            <Link className="button" to={budgetPaths.implementation(slug, cycle.id)}>
              {t('budget.now.seeImplementation')}
            </Link>
            <Link className="button" to={budgetPaths.receipt(slug)}>
              {t('budget.receipt.link')}
            </Link>
          </p>
        </>
      );
      break;
  }
  return (
    <section className="bh-now notice" aria-labelledby="bh-now-heading">
      <h2 id="bh-now-heading">{t('budget.now.heading')}</h2>
      {body}
    </section>
  );
}

/** A cycle: the current phase, what one can do now, and each budget with its ballot rules. */
export function CyclePage({ tenant, cycle }: PageProps) {
  const { t } = useTranslation();
  const money = useMoney();
  useDocumentTitle(cycle.title, tenant.name);
  return (
    <div className="page">
      <h1>{cycle.title}</h1>
      <p className="lead">
        {t('budget.phaseNow')}: <strong>{t(`budget.phase.${cycle.phase}`)}</strong>
      </p>
      {cycle.kind === 'simulation' && <p className="notice">{t('budget.simulationNote')}</p>}
      <WhatNow tenant={tenant} cycle={cycle} />
      <h2>{t('budget.phases.heading')}</h2>
      <PhaseSteps cycle={cycle} />
      <h2>{t('budget.budgets.heading')}</h2>
      <ul className="bh-cards">
        {cycle.budgets.map((b) => (
          <li key={b.id} className="bh-card">
            <h3 className="bh-card-title">{b.name}</h3>
            <dl className="facts">
              <div>
                <dt>{t('budget.budgets.amount')}</dt>
                <dd>{money(b.amountCents)}</dd>
              </div>
              <div>
                <dt>{t('budget.budgets.area')}</dt>
                <dd>{b.areaName ?? t('budget.budgets.cityWide')}</dd>
              </div>
              <div>
                <dt>{t('budget.budgets.ballot')}</dt>
                <dd>
                  {t(`budget.ballotType.${b.ballotType}`)}: {ballotRuleText(b, t, money)}
                </dd>
              </div>
              <div>
                <dt>{t('budget.budgets.rule')}</dt>
                <dd>{aggregationText(b, t)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <h2>{t('budget.eligibility.heading')}</h2>
      <ul>
        {cycle.eligibility.email && <li>{t('budget.eligibility.email')}</li>}
        {cycle.eligibility.codes && <li>{t('budget.eligibility.codes')}</li>}
        {cycle.eligibility.residencyRequired && <li>{t('budget.eligibility.residency')}</li>}
      </ul>
    </div>
  );
}
