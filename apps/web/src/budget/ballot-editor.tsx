// One ballot of one budget, for each ballot type. Used by citizens (online) and by staff (paper
// sheets). The rules are stated above the choices, the running state (chosen, money or points
// left) is announced politely, and the same checks as the API run before anything is sent.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import { useLocale } from '../i18n';
import type { Budget, Proposal } from './api';
import { ballotRuleText, useMoney } from './common';

export interface BallotValue {
  projects: string[];
  points: Record<string, number>;
}
export const emptyBallot = (): BallotValue => ({ projects: [], points: {} });

export interface BallotErrors {
  ballot?: string;
  project: Record<string, string>;
}
export const noErrors = (): BallotErrors => ({ project: {} });

type T = (key: string, o?: Record<string, unknown>) => string;

export const costOf = (p: Proposal) => p.officialCostCents ?? p.estimatedCostCents;

export function maxProjects(budget: Budget): number {
  const r = budget.ballotRules;
  const max = budget.ballotType === 'ranked' ? Math.min(r.rankLength ?? Infinity, r.maxProjects ?? Infinity) : (r.maxProjects ?? Infinity);
  return max;
}

/** The API's checks (libs/budgets ballot.validator), in the reader's language, before sending. */
export function validateBallot(budget: Budget, projects: Proposal[], value: BallotValue, t: T, money: (c: number) => string): BallotErrors {
  const errors = noErrors();
  const r = budget.ballotRules;
  const count = value.projects.length;
  const min = r.minProjects ?? 1;
  const max = maxProjects(budget);
  if (count < min) errors.ballot = t('budget.ballot.errTooFew', { count: min });
  else if (count > max) errors.ballot = budget.ballotType === 'ranked' ? t('budget.ballot.errTooManyRanked', { count: max }) : t('budget.ballot.errTooMany', { count: max });
  if (budget.ballotType === 'knapsack') {
    const cap = r.maxCostCents ?? budget.amountCents;
    const byId = new Map(projects.map((p) => [p.id, p]));
    const total = value.projects.reduce((s, id) => s + (byId.get(id) ? costOf(byId.get(id)!) : 0), 0);
    if (total > cap) errors.ballot = t('budget.ballot.errOverBudget', { total: money(total), cap: money(cap), over: money(total - cap) });
  }
  if (budget.ballotType === 'cumulative') {
    const perProject = r.maxPointsPerProject ?? r.totalPoints ?? Infinity;
    let total = 0;
    for (const id of value.projects) {
      const v = value.points[id] ?? 0;
      total += v;
      if (!Number.isInteger(v) || v < 1) errors.project[id] = t('budget.ballot.errPointsMin');
      else if (v > perProject) errors.project[id] = t('budget.ballot.errPointsPerProject', { count: perProject });
    }
    if (r.totalPoints !== undefined && total > r.totalPoints) errors.ballot = t('budget.ballot.errPointsTotal', { given: total, count: r.totalPoints });
  }
  return errors;
}

export function hasErrors(e: BallotErrors): boolean {
  return Boolean(e.ballot) || Object.keys(e.project).length > 0;
}

/** The projects and points as the API wants them (cumulative: only projects with points). */
export function toSubmission(budget: Budget, value: BallotValue): { projects: string[]; points?: number[] } {
  if (budget.ballotType !== 'cumulative') return { projects: value.projects };
  return { projects: value.projects, points: value.projects.map((id) => value.points[id] ?? 0) };
}

interface Props {
  idPrefix: string;
  budget: Budget;
  projects: Proposal[];
  value: BallotValue;
  errors: BallotErrors;
  onChange: (value: BallotValue) => void;
}

export function BallotEditor(props: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  const { budget, idPrefix, errors } = props;
  return (
    <div className="bh-ballot">
      <p className="bh-rules" id={`${idPrefix}-rules`}>
        <strong>{t(`budget.ballotType.${budget.ballotType}`)}:</strong> {ballotRuleText(budget, t, money)}
      </p>
      {errors.ballot && (
        <p className="field-error" id={`${idPrefix}-error`} role="alert">
          <span aria-hidden="true">⚠ </span>
          {errors.ballot}
        </p>
      )}
      {budget.ballotType === 'ranked' ? <RankedEditor {...props} /> : budget.ballotType === 'cumulative' ? <PointsEditor {...props} /> : <ChoiceEditor {...props} />}
    </div>
  );
}

function ProjectText({ p }: { p: Proposal }) {
  const money = useMoney();
  return (
    <span>
      <span className="choice-title">{p.title}</span>
      <span className="choice-desc">{money(costOf(p))}</span>
    </span>
  );
}

function ChoiceEditor({ idPrefix, budget, projects, value, errors, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const chosen = new Set(value.projects);
  const max = maxProjects(budget);
  const knapsack = budget.ballotType === 'knapsack';
  const cap = budget.ballotRules.maxCostCents ?? budget.amountCents;
  const spent = projects.filter((p) => chosen.has(p.id)).reduce((s, p) => s + costOf(p), 0);
  const left = cap - spent;
  const full = !knapsack && value.projects.length >= max;
  const toggle = (id: string, on: boolean) => onChange({ ...value, projects: on ? [...value.projects, id] : value.projects.filter((x) => x !== id) });
  return (
    <fieldset aria-describedby={`${idPrefix}-rules ${idPrefix}-state${errors.ballot ? ` ${idPrefix}-error` : ''}`}>
      <legend>{t('budget.ballot.choose', { name: budget.name })}</legend>
      <p className={left < 0 ? 'bh-state bh-state-over' : 'bh-state'} id={`${idPrefix}-state`} aria-live="polite" aria-atomic="true">
        {knapsack
          ? left >= 0
            ? t('budget.ballot.moneyLeft', { left: money(left), cap: money(cap) })
            : t('budget.ballot.moneyOver', { over: money(-left), cap: money(cap) })
          : Number.isFinite(max)
            ? t('budget.ballot.chosenOfMax', { n: formatNumber(value.projects.length, locale), max })
            : t('budget.ballot.chosen', { n: formatNumber(value.projects.length, locale) })}
        {full && <> {t('budget.ballot.full')}</>}
      </p>
      <ul className="bh-choices">
        {projects.map((p) => {
          const on = chosen.has(p.id);
          const tooExpensive = knapsack && !on && costOf(p) > left;
          return (
            <li key={p.id}>
              <label className="choice choice-rich">
                <input type="checkbox" checked={on} disabled={!on && full} onChange={(e) => toggle(p.id, e.target.checked)} aria-describedby={errors.project[p.id] ? `${idPrefix}-${p.id}-error` : undefined} />
                <span>
                  <ProjectText p={p} />
                  {tooExpensive && <span className="choice-desc bh-warn">{t('budget.ballot.doesNotFit')}</span>}
                </span>
              </label>
              {errors.project[p.id] && (
                <p className="field-error" id={`${idPrefix}-${p.id}-error`}>
                  {errors.project[p.id]}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function PointsEditor({ idPrefix, budget, projects, value, errors, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const total = budget.ballotRules.totalPoints ?? 0;
  const perProject = budget.ballotRules.maxPointsPerProject ?? total;
  const given = value.projects.reduce((s, id) => s + (value.points[id] ?? 0), 0);
  const left = total - given;
  const set = (id: string, n: number) => {
    const points = { ...value.points, [id]: n };
    const ids = projects.map((p) => p.id).filter((x) => (x === id ? n !== 0 : value.projects.includes(x)));
    if (n === 0) delete points[id];
    onChange({ projects: ids, points });
  };
  return (
    <fieldset aria-describedby={`${idPrefix}-rules ${idPrefix}-state${errors.ballot ? ` ${idPrefix}-error` : ''}`}>
      <legend>{t('budget.ballot.distribute', { name: budget.name })}</legend>
      <p className={left < 0 ? 'bh-state bh-state-over' : 'bh-state'} id={`${idPrefix}-state`} aria-live="polite" aria-atomic="true">
        {left >= 0 ? t('budget.ballot.pointsLeft', { left: formatNumber(left, locale), total }) : t('budget.ballot.pointsOver', { over: formatNumber(-left, locale), total })}
      </p>
      <ul className="bh-choices">
        {projects.map((p) => {
          const v = value.points[p.id] ?? 0;
          const inputId = `${idPrefix}-pts-${p.id}`;
          const err = errors.project[p.id];
          return (
            <li key={p.id} className="bh-points-row">
              <label htmlFor={inputId}>
                <ProjectText p={p} />
              </label>
              <span className="bh-stepper">
                <button type="button" className="button button-small" disabled={v <= 0} onClick={() => set(p.id, Math.max(0, v - 1))} aria-label={t('budget.ballot.minus', { title: p.title })}>
                  −
                </button>
                <input
                  id={inputId}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={perProject}
                  step={1}
                  value={v === 0 ? '' : String(v)}
                  placeholder="0"
                  onChange={(e) => set(p.id, e.target.value === '' ? 0 : Math.trunc(Number(e.target.value)) || 0)}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={`${inputId}-hint${err ? ` ${inputId}-error` : ''}`}
                />
                <button type="button" className="button button-small" disabled={v >= perProject || left <= 0} onClick={() => set(p.id, v + 1)} aria-label={t('budget.ballot.plus', { title: p.title })}>
                  +
                </button>
              </span>
              <span className="hint" id={`${inputId}-hint`}>
                {t('budget.ballot.pointsHint', { max: perProject })}
              </span>
              {err && (
                <p className="field-error" id={`${inputId}-error`}>
                  <span aria-hidden="true">⚠ </span>
                  {err}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function RankedEditor({ idPrefix, budget, projects, value, errors, onChange }: Props) {
  const { t } = useTranslation();
  const max = maxProjects(budget);
  const byId = new Map(projects.map((p) => [p.id, p]));
  const [announce, setAnnounce] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const ranked = value.projects.filter((id) => byId.has(id));
  const unranked = projects.filter((p) => !ranked.includes(p.id));
  const full = ranked.length >= max;
  /** Focus the first element matching one of the selectors, in the order given, once React has rendered. */
  const focusLater = (...selectors: string[]) =>
    window.setTimeout(() => {
      for (const s of selectors) {
        const el = root.current?.querySelector<HTMLElement>(s);
        if (el) return el.focus();
      }
    }, 0);
  const move = (index: number, to: number) => {
    const next = [...ranked];
    const [id] = next.splice(index, 1);
    next.splice(to, 0, id);
    onChange({ ...value, projects: next });
    setAnnounce(t('budget.ballot.movedTo', { title: byId.get(id)!.title, rank: to + 1 }));
    focusLater(`[data-rank-id="${id}"][data-dir="${to < index ? 'up' : 'down'}"]:not(:disabled)`, `[data-rank-id="${id}"]:not(:disabled)`);
  };
  const add = (id: string) => {
    onChange({ ...value, projects: [...ranked, id] });
    setAnnounce(t('budget.ballot.addedAt', { title: byId.get(id)!.title, rank: ranked.length + 1 }));
    focusLater('[data-add]:not(:disabled)', `[data-rank-id="${id}"]:not(:disabled)`);
  };
  const remove = (index: number) => {
    const id = ranked[index];
    onChange({ ...value, projects: ranked.filter((x) => x !== id) });
    setAnnounce(t('budget.ballot.removed', { title: byId.get(id)!.title }));
    focusLater(`[data-add="${id}"]:not(:disabled)`, '[data-add]:not(:disabled)');
  };
  return (
    <div ref={root} aria-describedby={`${idPrefix}-rules`}>
      <h3 className="bh-subhead">{t('budget.ballot.yourRanking', { count: ranked.length, max })}</h3>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announce}
      </p>
      <p className="bh-state" id={`${idPrefix}-state`}>
        {t('budget.ballot.rankHelp', { max })}
      </p>
      {ranked.length === 0 ? (
        <p className="hint">{t('budget.ballot.rankEmpty')}</p>
      ) : (
        <ol className="bh-ranking">
          {ranked.map((id, i) => {
            const p = byId.get(id)!;
            return (
              <li key={id}>
                <span className="bh-rank" aria-hidden="true">
                  {i + 1}
                </span>
                <ProjectText p={p} />
                <span className="bh-rank-actions">
                  <button type="button" className="button button-small" data-rank-id={id} data-dir="up" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('budget.ballot.up', { title: p.title, rank: i + 1 })}>
                    ↑
                  </button>
                  <button type="button" className="button button-small" data-rank-id={id} data-dir="down" disabled={i === ranked.length - 1} onClick={() => move(i, i + 1)} aria-label={t('budget.ballot.down', { title: p.title, rank: i + 1 })}>
                    ↓
                  </button>
                  <button type="button" className="button button-small" onClick={() => remove(i)} aria-label={t('budget.ballot.remove', { title: p.title })}>
                    ✕
                  </button>
                </span>
                {errors.project[id] && <p className="field-error">{errors.project[id]}</p>}
              </li>
            );
          })}
        </ol>
      )}
      <h3 className="bh-subhead">{t('budget.ballot.notRanked')}</h3>
      <ul className="bh-choices">
        {unranked.map((p) => (
          <li key={p.id} className="bh-unranked">
            <ProjectText p={p} />
            <button type="button" className="button button-small" data-add={p.id} disabled={full} onClick={() => add(p.id)}>
              {t('budget.ballot.add')}
              <span className="visually-hidden">: {p.title}</span>
            </button>
          </li>
        ))}
      </ul>
      {full && unranked.length > 0 && <p className="hint">{t('budget.ballot.rankFull', { max })}</p>}
    </div>
  );
}
