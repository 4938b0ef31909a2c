// Implementation tracking of funded projects: a list (complete) and a map, and a page per project.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tenant } from '../api/types';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView, Loading } from '../common/error-view';
import { Photo } from '../common/photo';
import { useAsync } from '../common/use-async';
import { formatDate, formatDateTime } from '../format';
import { useLocale } from '../i18n';
import { Link, useLocation } from '../router';
import { budgetApi } from './api';
import type { PageProps } from './budget-area';
import { EmailForm, Progress, useMoney, useProposals } from './common';
import { budgetPaths } from './routes';

const ProposalsMap = lazy(() => import('./proposals-map'));

export function ImplementationListPage({ tenant, cycle, view }: PageProps & { view: 'list' | 'map' }) {
  const { t } = useTranslation();
  const money = useMoney();
  useDocumentTitle(t('budget.impl.title'), cycle.title);
  const { data, error, reload } = useProposals(tenant.slug, cycle.id);
  const funded = (data ?? []).filter((p) => p.funded);
  return (
    <div className="page page-wide">
      <h1>{view === 'map' ? t('budget.impl.mapHeading') : t('budget.impl.heading')}</h1>
      <p>
        <Link to={view === 'map' ? budgetPaths.implementation(tenant.slug, cycle.id) : budgetPaths.implementationMap(tenant.slug, cycle.id)}>
          {view === 'map' ? t('budget.impl.toList') : t('budget.impl.toMap')}
        </Link>
      </p>
      {error ? <ErrorView error={error} onRetry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && funded.length === 0 && <p className="notice">{t('budget.impl.none')}</p>}
      {data && view === 'map' && (
        <Suspense fallback={<Loading />}>
          <ProposalsMap
            tenant={tenant}
            label={t('budget.impl.mapLabel')}
            items={funded
              .filter((p) => p.location)
              .map((p) => ({ id: p.id, lat: p.location!.lat, lon: p.location!.lon, label: `${p.title} (${t(`budget.implStatus.${p.implementation?.status ?? 'planned'}`)})`, to: budgetPaths.project(tenant.slug, p.id), kind: 'funded' }))}
          />
        </Suspense>
      )}
      {data && view === 'list' && (
        <ul className="bh-list">
          {funded.map((p) => (
            <li key={p.id} className="bh-card">
              <h2 className="bh-card-title">
                <Link to={budgetPaths.project(tenant.slug, p.id)}>{p.title}</Link>
              </h2>
              <p>
                {t(`budget.implStatus.${p.implementation?.status ?? 'planned'}`)} · {money(p.officialCostCents ?? p.estimatedCostCents)}
              </p>
              <Progress value={p.implementation?.progress ?? 0} label={t('budget.impl.progressOf', { title: p.title })} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ProjectPage({ tenant, id }: { tenant: Tenant; id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  const proposal = useAsync((signal) => budgetApi.proposal(tenant.slug, id, signal), [tenant.slug, id]);
  const impl = useAsync((signal) => budgetApi.implementation(tenant.slug, id, signal), [tenant.slug, id]);
  useDocumentTitle(proposal.data?.title ?? t('budget.impl.title'), tenant.name);
  const error = proposal.error ?? impl.error;
  if (error) {
    return (
      <div className="page">
        <h1>{t('budget.impl.title')}</h1>
        <ErrorView error={error} onRetry={() => (proposal.reload(), impl.reload())} />
      </div>
    );
  }
  if (!proposal.data || !impl.data) return <Loading />;
  const p = proposal.data;
  const im = impl.data;
  const photos = im.photos;
  return (
    <div className="page">
      <p className="eyebrow">{t('budget.impl.eyebrow')}</p>
      <h1>{p.title}</h1>
      {search.get('folgen') === '1' && <p className="notice notice-success">{t('budget.impl.followConfirmed')}</p>}
      {search.get('abgemeldet') === '1' && <p className="notice">{t('budget.impl.unsubscribed')}</p>}
      <dl className="facts">
        <div>
          <dt>{t('budget.impl.status')}</dt>
          <dd>{t(`budget.implStatus.${im.status ?? 'planned'}`)}</dd>
        </div>
        <div>
          <dt>{t('budget.impl.progress')}</dt>
          <dd>
            <Progress value={im.progress} label={t('budget.impl.progressOf', { title: p.title })} />
          </dd>
        </div>
      </dl>
      <p>
        <Link to={budgetPaths.proposal(tenant.slug, p.cycleId, p.id)}>{t('budget.impl.toProposal')}</Link> ·{' '}
        <Link to={budgetPaths.implementation(tenant.slug, p.cycleId)}>{t('budget.impl.allProjects')}</Link>
      </p>
      {p.location && (
        <Suspense fallback={<Loading />}>
          <ProposalsMap
            tenant={tenant}
            label={t('budget.impl.placeLabel', { title: p.title })}
            items={[{ id: p.id, lat: p.location.lat, lon: p.location.lon, label: p.title, to: budgetPaths.project(tenant.slug, p.id), kind: 'funded' }]}
          />
        </Suspense>
      )}
      <h2>{t('budget.impl.milestones')}</h2>
      {im.milestones.length === 0 ? (
        <p>{t('budget.impl.noMilestones')}</p>
      ) : (
        <ol className="timeline">
          {im.milestones.map((m) => (
            <li key={m.id}>
              <p className="timeline-head">
                <strong>{m.title}</strong> · {t(`budget.implStatus.${m.status}`)}
                {m.dueDate && (
                  <>
                    {' '}
                    · {t('budget.impl.due')} <time dateTime={m.dueDate}>{formatDate(m.dueDate, locale)}</time>
                  </>
                )}
              </p>
              <Progress value={m.progress} label={t('budget.impl.progressOf', { title: m.title })} />
              {m.description && <p className="timeline-note prewrap">{m.description}</p>}
              {photos.filter((ph) => ph.milestoneId === m.id).length > 0 && (
                <ul className="photo-grid">
                  {photos
                    .filter((ph) => ph.milestoneId === m.id)
                    .map((ph, i) => (
                      <li key={ph.large}>
                        <a href={budgetApi.photoUrl(tenant.slug, ph.large)}>
                          <Photo src={budgetApi.photoUrl(tenant.slug, ph.thumb)} alt={t('budget.impl.photoAlt', { n: i + 1, title: m.title })} loading="lazy" />
                        </a>
                      </li>
                    ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {im.updates.length > 0 && (
        <>
          <h2>{t('budget.impl.updates')}</h2>
          <ol className="timeline">
            {[...im.updates].reverse().map((u, i) => (
              <li key={i}>
                <p className="timeline-head">
                  <time dateTime={u.at}>{formatDateTime(u.at, locale, tenant.timeZone)}</time>: {t(`budget.implStatus.${u.status}`)}, {u.progress} %
                </p>
                {u.note && <p className="timeline-note prewrap">{u.note}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
      {photos.filter((ph) => !ph.milestoneId).length > 0 && (
        <>
          <h2>{t('budget.impl.photos')}</h2>
          <ul className="photo-grid">
            {photos
              .filter((ph) => !ph.milestoneId)
              .map((ph, i) => (
                <li key={ph.large}>
                  <a href={budgetApi.photoUrl(tenant.slug, ph.large)}>
                    <Photo src={budgetApi.photoUrl(tenant.slug, ph.thumb)} alt={t('budget.impl.photoAlt', { n: i + 1, title: p.title })} loading="lazy" />
                  </a>
                </li>
              ))}
          </ul>
        </>
      )}
      <section aria-labelledby="bh-follow">
        <h2 id="bh-follow">{t('budget.impl.follow')}</h2>
        <EmailForm
          label={t('follow.email')}
          hint={t('budget.impl.followHint')}
          submit={t('follow.submit')}
          sending={t('follow.sending')}
          done={t('follow.done')}
          onSubmit={(email) => budgetApi.follow(tenant.slug, id, { email, locale })}
        />
      </section>
    </div>
  );
}
