import { type ReactNode, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { Locale, Tenant } from '../api/types';
import { errorText } from '../common/error-view';
import { formatDate, formatNumber } from '../format';
import { useLocale } from '../i18n';
import { Link } from '../router';
import { useAsync } from '../common/use-async';
import { type Budget, budgetApi, type Cycle, PHASES, type ProposalStatus } from './api';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function formatMoney(cents: number, locale: Locale, currency = 'EUR'): string {
  const whole = cents % 100 === 0;
  return formatNumber(cents / 100, locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
}

/** "1.234,50" or "1234.5" → cents; null when not a non-negative amount. */
export function parseMoney(text: string, locale: Locale): number | null {
  let s = text.replace(/[\s€]|EUR/gi, '');
  if (!s) return null;
  if (locale === 'de') s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

export function useMoney(): (cents: number) => string {
  const locale = useLocale();
  return (cents) => formatMoney(cents, locale);
}

/** The rules of a ballot in one plain sentence, shown wherever the ballot is. */
export function ballotRuleText(budget: Budget, t: (key: string, o?: Record<string, unknown>) => string, money: (c: number) => string): string {
  const r = budget.ballotRules;
  switch (budget.ballotType) {
    case 'approval': {
      const min = r.minProjects ?? 1;
      return r.maxProjects !== undefined ? t('budget.rules.approvalMinMax', { min, max: r.maxProjects }) : t('budget.rules.approvalMin', { min });
    }
    case 'knapsack':
      return t('budget.rules.knapsack', { amount: money(r.maxCostCents ?? budget.amountCents) });
    case 'cumulative':
      return t('budget.rules.cumulative', { total: r.totalPoints ?? 0, max: r.maxPointsPerProject ?? r.totalPoints ?? 0 });
    case 'ranked':
      return t('budget.rules.ranked', { k: Math.min(r.rankLength ?? Infinity, r.maxProjects ?? Infinity), min: r.minProjects ?? 1 });
  }
}

export function aggregationText(budget: Pick<Budget, 'aggregation'>, t: (key: string) => string): string {
  return t(`budget.aggregation.${budget.aggregation.rule}`);
}

export function PhaseSteps({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const current = PHASES.indexOf(cycle.phase);
  return (
    <ol className="bh-phases" aria-label={t('budget.phases.label')}>
      {PHASES.map((phase, i) => {
        const start = phase === 'preparation' ? null : cycle.schedule[phase];
        const state = i < current ? 'done' : i === current ? 'current' : 'next';
        return (
          <li key={phase} className={`bh-phase bh-phase-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="bh-phase-mark" aria-hidden="true">{state === 'done' ? '✓' : i + 1}</span>
            <span>
              <strong>{t(`budget.phase.${phase}`)}</strong>
              <span className="visually-hidden"> ({t(`budget.phaseState.${state}`)})</span>
              {start && (
                <span className="bh-phase-date">
                  {' '}
                  {t('budget.phases.from')} <time dateTime={start}>{formatDate(start, locale)}</time>
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function ProposalStatusBadge({ status, funded }: { status: ProposalStatus; funded?: boolean }) {
  const { t } = useTranslation();
  const key = funded ? 'funded' : status;
  const glyph = { funded: '★', feasible: '✓', not_feasible: '✕', merged: '⇄', submitted: '…' }[key];
  return (
    <span className={`status-badge bh-status bh-status-${key}`}>
      <span className="status-glyph" aria-hidden="true">
        {glyph}
      </span>
      {t(`budget.status.${key}`)}
    </span>
  );
}

export function Progress({ value, label }: { value: number; label: string }) {
  const locale = useLocale();
  return (
    <span className="bh-progress">
      <progress max={100} value={value} aria-label={label} />
      <span>{formatNumber(value / 100, locale, { style: 'percent' })}</span>
    </span>
  );
}

/** The budget area's navigation below the tenant name. */
export function BudgetNav({ slug, cycle, active, tenant }: { slug: string; cycle?: Cycle | null; active: string; tenant: Tenant }) {
  const { t } = useTranslation();
  const items: { key: string; to: string; label: string }[] = [];
  if (cycle) {
    const id = cycle.id;
    const base = `/${encodeURIComponent(slug)}/buergerhaushalt/${encodeURIComponent(id)}`;
    items.push({ key: 'cycle', to: base, label: t('budget.nav.overview') });
    items.push({ key: 'proposals', to: `${base}/vorschlaege`, label: t('budget.nav.proposals') });
    if (cycle.phase === 'voting') items.push({ key: 'vote', to: `${base}/abstimmen`, label: t('budget.nav.vote') });
    if (cycle.phase === 'results' || cycle.phase === 'implementation') items.push({ key: 'results', to: `${base}/ergebnisse`, label: t('budget.nav.results') });
    if (cycle.phase === 'results' || cycle.phase === 'implementation') items.push({ key: 'implementation', to: `${base}/umsetzung`, label: t('budget.nav.implementation') });
  } else {
    items.push({ key: 'start', to: `/${encodeURIComponent(slug)}/buergerhaushalt`, label: t('budget.nav.start') });
  }
  items.push({ key: 'receipt', to: `/${encodeURIComponent(slug)}/buergerhaushalt/quittung`, label: t('budget.nav.receipt') });
  return (
    <div className="tenant-bar">
      <p className="tenant-name">
        <span className="tenant-kind">{t(`tenant.kind.${tenant.kind}`)}</span> {tenant.name} · {t('budget.name')}
      </p>
      <nav aria-label={t('budget.nav.label', { name: tenant.name })}>
        <ul className="tenant-nav">
          {items.map((item) => (
            <li key={item.key}>
              <Link to={item.to} aria-current={item.key === active ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
          <li>
            <Link to={`/${encodeURIComponent(slug)}`}>{t('budget.nav.reports')}</Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}

/** An e-mail form with one field (support, follow, register to vote). */
export function EmailForm({
  label,
  hint,
  submit,
  sending,
  done,
  onSubmit,
  children,
}: {
  label: string;
  hint: string;
  submit: string;
  sending: string;
  done: string;
  onSubmit: (email: string) => Promise<unknown>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'sending' | 'done'>('idle');
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!EMAIL.test(email.trim())) {
      setError(t('validation.email'));
      document.getElementById(`${id}-email`)?.focus();
      return;
    }
    setError(null);
    setState('sending');
    try {
      await onSubmit(email.trim());
      setState('done');
    } catch (err) {
      setState('idle');
      const fieldError = err instanceof ApiError ? err.fieldErrors.find((f) => f.field === 'email') : undefined;
      setError(fieldError?.message ?? errorText(err, t));
      document.getElementById(`${id}-email`)?.focus();
    }
  };
  if (state === 'done') {
    return (
      <p className="notice notice-success" role="status">
        {done}
      </p>
    );
  }
  return (
    <form className="follow-form" onSubmit={send} noValidate>
      <div className="field">
        <label htmlFor={`${id}-email`}>{label}</label>
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
        {error && (
          <p className="field-error" id={`${id}-error`}>
            <span aria-hidden="true">⚠ </span>
            {error}
          </p>
        )}
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
      </div>
      {children}
      <button type="submit" className="button button-primary" disabled={state === 'sending'}>
        {state === 'sending' ? sending : submit}
      </button>
    </form>
  );
}

/** A cycle's proposals (public fields), for list, map, ballot and results. */
export function useProposals(slug: string, cycleId: string) {
  return useAsync((signal) => budgetApi.proposals(slug, cycleId, {}, signal), [slug, cycleId]);
}
