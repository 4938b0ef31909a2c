import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView, Loading } from '../common/error-view';
import { Photo } from '../common/photo';
import { useAsync } from '../common/use-async';
import { formatCoordinate, formatDate, formatNumber } from '../format';
import { useLocale } from '../i18n';
import { Link, useLocation } from '../router';
import { budgetApi } from './api';
import type { PageProps } from './budget-area';
import { EmailForm, ProposalStatusBadge, useMoney } from './common';
import { budgetPaths } from './routes';

const ProposalsMap = lazy(() => import('./proposals-map'));

export default function ProposalPage({ tenant, cycle, id }: PageProps & { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const { search } = useLocation();
  const { data: p, error, reload } = useAsync((signal) => budgetApi.proposal(tenant.slug, id, signal), [tenant.slug, id]);
  useDocumentTitle(p?.title ?? t('budget.proposal.title'), cycle.title);
  if (error) {
    return (
      <div className="page">
        <h1>{t('budget.proposal.title')}</h1>
        <ErrorView error={error} onRetry={reload} />
      </div>
    );
  }
  if (!p) return <Loading />;
  const budget = cycle.budgets.find((b) => b.id === p.budgetId);
  const photos = p.photos.filter((ph) => !ph.milestoneId);
  return (
    <div className="page">
      <p className="eyebrow">{t('budget.proposal.number', { number: p.number })}</p>
      <h1>{p.title}</h1>
      <p>
        <ProposalStatusBadge status={p.status} funded={p.funded} />
      </p>
      {search.get('unterstuetzt') === '1' && (
        <p className="notice notice-success" role="status">
          {t('budget.support.confirmed')}
        </p>
      )}
      <section aria-labelledby="bh-review" className={`notice ${p.status === 'not_feasible' ? 'notice-error' : p.status === 'feasible' ? 'notice-success' : ''}`}>
        <h2 id="bh-review">{t('budget.proposal.review')}</h2>
        {p.status === 'submitted' && <p>{t('budget.proposal.reviewPending')}</p>}
        {p.status === 'feasible' && <p>{t('budget.proposal.reviewFeasible', { cost: money(p.officialCostCents ?? p.estimatedCostCents) })}</p>}
        {p.status === 'not_feasible' && <p>{t('budget.proposal.reviewNotFeasible')}</p>}
        {p.status === 'merged' && (
          <p>
            {t('budget.proposal.reviewMerged')}{' '}
            {p.mergedInto && <Link to={budgetPaths.proposal(tenant.slug, cycle.id, p.mergedInto)}>{t('budget.proposal.mergedLink')}</Link>}
          </p>
        )}
        {p.reviewReason && (
          <p>
            <strong>{t('budget.proposal.reason')}:</strong> <span className="prewrap">{p.reviewReason}</span>
          </p>
        )}
      </section>
      <dl className="facts">
        <div>
          <dt>{t('budget.proposal.budget')}</dt>
          <dd>{budget?.name ?? '–'}</dd>
        </div>
        {p.category && (
          <div>
            <dt>{t('budget.propose.category')}</dt>
            <dd>{t(`budget.category.${p.category}`, { defaultValue: p.category })}</dd>
          </div>
        )}
        <div>
          <dt>{t('budget.proposal.estimatedCost')}</dt>
          <dd>{money(p.estimatedCostCents)}</dd>
        </div>
        <div>
          <dt>{t('budget.proposal.officialCost')}</dt>
          <dd>{p.officialCostCents !== null ? money(p.officialCostCents) : t('budget.proposal.notYet')}</dd>
        </div>
        <div>
          <dt>{t('budget.proposal.supports')}</dt>
          <dd>{formatNumber(p.supports, locale)}</dd>
        </div>
        <div>
          <dt>{t('budget.proposal.submitted')}</dt>
          <dd>
            <time dateTime={p.createdAt}>{formatDate(p.createdAt, locale, tenant.timeZone)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('budget.proposal.place')}</dt>
          <dd>{p.location ? `${formatCoordinate(p.location.lat, locale)}, ${formatCoordinate(p.location.lon, locale)}` : t('budget.proposal.noPlace')}</dd>
        </div>
      </dl>
      {p.location && (
        <Suspense fallback={<Loading />}>
          <ProposalsMap
            tenant={tenant}
            label={t('budget.impl.placeLabel', { title: p.title })}
            items={[{ id: p.id, lat: p.location.lat, lon: p.location.lon, label: p.title, to: budgetPaths.proposal(tenant.slug, cycle.id, p.id), kind: p.funded ? 'funded' : p.status }]}
          />
        </Suspense>
      )}
      <h2>{t('budget.proposal.description')}</h2>
      <p className="prewrap">{p.description}</p>
      {photos.length > 0 && (
        <>
          <h2>{t('budget.proposal.photos')}</h2>
          <ul className="photo-grid">
            {photos.map((ph, i) => (
              <li key={ph.large}>
                <a href={budgetApi.photoUrl(tenant.slug, ph.large)}>
                  <Photo src={budgetApi.photoUrl(tenant.slug, ph.thumb)} alt={t('budget.proposal.photoAlt', { n: i + 1, title: p.title })} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.funded && (
        <p>
          <Link className="button" to={budgetPaths.project(tenant.slug, p.id)}>
            {t('budget.proposal.toImplementation')}
          </Link>
        </p>
      )}
      {cycle.phase === 'proposals' && p.status !== 'merged' && p.status !== 'not_feasible' && (
        <section aria-labelledby="bh-support">
          <h2 id="bh-support">{t('budget.support.heading')}</h2>
          <EmailForm
            label={t('budget.support.email')}
            hint={t('budget.support.hint')}
            submit={t('budget.support.submit')}
            sending={t('budget.support.sending')}
            done={t('budget.support.done')}
            onSubmit={(email) => budgetApi.support(tenant.slug, p.id, { email, locale })}
          />
        </section>
      )}
      <p>
        <Link to={budgetPaths.proposals(tenant.slug, cycle.id)}>{t('budget.proposal.back')}</Link>
      </p>
    </div>
  );
}
