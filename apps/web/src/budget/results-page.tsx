// Published results: per budget the rule, the ballots, what was funded, and why – round by
// round who paid how much and with what effective support, and why each other project lost.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../common/document-title';
import { ErrorView, Loading } from '../common/error-view';
import { useAsync } from '../common/use-async';
import { formatDateTime, formatNumber } from '../format';
import { useLocale } from '../i18n';
import { Link } from '../router';
import { budgetApi, type BudgetResult, type Proposal } from './api';
import type { PageProps } from './budget-area';
import { useMoney, useProposals } from './common';
import { budgetPaths } from './routes';

const ProposalsMap = lazy(() => import('./proposals-map'));

const num = (v: unknown) => Number(v);

/** The API's sentence for a project that lost starts with the project's name; we show the name as a link before it. */
function reasonText(sentence: string | undefined, name: string): string | undefined {
  if (!sentence) return undefined;
  const rest = sentence.startsWith(name) ? sentence.slice(name.length).replace(/^\s*[:,–-]\s*/, '') : sentence;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function ResultSection({ result, proposals, slug, cycleId, tenant }: { result: BudgetResult; proposals: Proposal[]; slug: string; cycleId: string; tenant: PageProps['tenant'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const unit = (v: unknown) => money(Math.round(num(v) * result.unitCents));
  const n = (v: unknown, digits = 2) => formatNumber(num(v), locale, { maximumFractionDigits: digits });
  const inBudget = proposals.filter((p) => p.budgetId === result.budget.id);
  const byPid = new Map(inBudget.map((p) => [p.number, p]));
  const selected = new Set(result.selected.map((s) => s.id));
  const name = (pid: string) => byPid.get(pid)?.title ?? result.selected.find((s) => s.id === pid)?.title ?? pid;
  const link = (pid: string) => {
    const p = byPid.get(pid);
    return p ? <Link to={budgetPaths.proposal(slug, cycleId, p.id)}>{p.title}</Link> : <>{name(pid)}</>;
  };
  const ex = result.explanation;
  const sentences = result.text[locale] ?? result.text.de;
  const mes = ex.steps.some((s) => s.effectiveSupport !== undefined);
  const id = `bh-r-${result.budget.id.slice(0, 8)}`;
  return (
    <section aria-labelledby={id} className="bh-result">
      <h2 id={id}>{result.budget.name}</h2>
      <dl className="facts">
        <div>
          <dt>{t('budget.results.rule')}</dt>
          <dd>{t(`budget.aggregation.${result.rule}`, { defaultValue: result.rule })}</dd>
        </div>
        <div>
          <dt>{t('budget.results.ballots')}</dt>
          <dd>{formatNumber(result.ballotsCount, locale)}</dd>
        </div>
        <div>
          <dt>{t('budget.results.budget')}</dt>
          <dd>{money(result.budget.amountCents)}</dd>
        </div>
        <div>
          <dt>{t('budget.results.spent')}</dt>
          <dd>{money(result.totalCostCents)}</dd>
        </div>
        <div>
          <dt>{t('budget.results.published')}</dt>
          <dd>{formatDateTime(result.publishedAt, locale, tenant.timeZone)}</dd>
        </div>
      </dl>
      <h3>{t('budget.results.funded', { count: result.selected.length })}</h3>
      <ul>
        {result.selected.map((s) => {
          const p = inBudget.find((x) => x.id === s.id);
          return <li key={s.id}>{p ? <Link to={budgetPaths.proposal(slug, cycleId, p.id)}>{p.title}</Link> : s.title}</li>;
        })}
      </ul>
      <h3>{t('budget.results.rounds')}</h3>
      <p>{mes ? t('budget.results.mesIntro') : t('budget.results.greedyIntro')}</p>
      <div className="bh-table-wrap" role="region" aria-labelledby={`${id}-cap`} tabIndex={0}>
        <table className="bh-table">
          <caption id={`${id}-cap`} className="visually-hidden">{t('budget.results.tableCaption', { name: result.budget.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('budget.results.step')}</th>
              <th scope="col">{t('budget.results.project')}</th>
              <th scope="col">{t('budget.results.cost')}</th>
              <th scope="col">{t('budget.results.votes')}</th>
              {mes && <th scope="col">{t('budget.results.paidEach')}</th>}
              {mes && <th scope="col">{t('budget.results.effective')}</th>}
              {mes && <th scope="col">{t('budget.results.payments')}</th>}
              <th scope="col">{t('budget.results.left')}</th>
            </tr>
          </thead>
          <tbody>
            {ex.steps.map((s) => (
              <tr key={s.step}>
                <td>{s.step}</td>
                <th scope="row">{link(s.projectId)}</th>
                <td>{unit(s.cost)}</td>
                <td>{n(s.score, 0)}</td>
                {mes && <td>{s.perVoterPayment !== undefined ? unit(s.perVoterPayment) : '–'}</td>}
                {mes && <td>{s.effectiveSupport !== undefined ? n(s.effectiveSupport) : '–'}</td>}
                {mes && (
                  <td>
                    {s.payments
                      ? t('budget.results.paymentSplit', {
                          full: s.payments.fullShare.voters,
                          each: unit(s.payments.fullShare.each),
                          all: s.payments.allTheyHad.voters,
                          allTotal: unit(s.payments.allTheyHad.total),
                          none: s.payments.nothingLeft,
                        })
                      : t(`budget.results.phase.${s.phase}`, { defaultValue: '–' })}
                  </td>
                )}
                <td>{unit(s.remainingBudget)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ex.rejected.length > 0 && (
        <>
          <h3>{t('budget.results.lost')}</h3>
          <ul className="bh-lost">
            {ex.rejected.map((r, i) => (
              <li key={r.projectId}>
                <strong>{link(r.projectId)}</strong>: {reasonText(sentences[ex.steps.length + i], name(r.projectId)) ?? t(`budget.results.reason.${r.reason.kind}`, { defaultValue: r.reason.kind })}
              </li>
            ))}
          </ul>
        </>
      )}
      {ex.notes.length > 0 && (
        <>
          <h3>{t('budget.results.notes')}</h3>
          <ul>
            {ex.notes.map((_, i) => (
              <li key={i}>{sentences[ex.steps.length + ex.rejected.length + i]}</li>
            ))}
          </ul>
        </>
      )}
      <details className="bh-details">
        <summary>{t('budget.results.reproduce')}</summary>
        <p>{t('budget.results.reproduceText')}</p>
        <p>
          {t('budget.results.hash')}: <code className="bh-hash">{result.ballotSetHash}</code>
        </p>
        <p>
          <a href={budgetApi.exportUrl(slug, cycleId, result.budget.id)} download>
            {t('budget.results.download', { name: result.budget.name })}
          </a>
        </p>
      </details>
      {inBudget.some((p) => p.location && p.status === 'feasible') && (
        <Suspense fallback={<Loading />}>
          <h3>{t('budget.results.map')}</h3>
          <ProposalsMap
            tenant={tenant}
            label={t('budget.results.mapLabel', { name: result.budget.name })}
            items={inBudget
              .filter((p) => p.location && (p.status === 'feasible' || selected.has(p.id)))
              .map((p) => ({
                id: p.id,
                lat: p.location!.lat,
                lon: p.location!.lon,
                label: `${p.title} (${selected.has(p.id) ? t('budget.mapKind.funded') : t('budget.mapKind.lost')})`,
                to: budgetPaths.proposal(slug, cycleId, p.id),
                kind: selected.has(p.id) ? 'funded' : 'lost',
              }))}
          />
        </Suspense>
      )}
    </section>
  );
}

export default function ResultsPage({ tenant, cycle }: PageProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('budget.results.title'), cycle.title);
  const { data, error, reload } = useAsync((signal) => budgetApi.results(tenant.slug, cycle.id, signal), [tenant.slug, cycle.id]);
  const proposals = useProposals(tenant.slug, cycle.id);
  return (
    <div className="page page-wide">
      <h1>{t('budget.results.heading')}</h1>
      {error ? <ErrorView error={error} onRetry={reload} /> : null}
      {(!data || !proposals.data) && !error && <Loading />}
      {data && proposals.data && data.results.length === 0 && <p className="notice">{t('budget.results.none')}</p>}
      {data && proposals.data && data.results.map((r) => <ResultSection key={r.budget.id} result={r} proposals={proposals.data!} slug={tenant.slug} cycleId={cycle.id} tenant={tenant} />)}
    </div>
  );
}
