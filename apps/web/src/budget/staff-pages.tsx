// The budget's back office: cycles and budgets, phases, review, voting codes, paper ballots,
// tallies and publishing, implementation updates. Needs a staff session of this municipality;
// signing in is the back office's page (see routes.ts staffSignInPath).
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { Tenant } from '../api/types';
import { useDocumentTitle } from '../common/document-title';
import { errorText, ErrorView, Loading } from '../common/error-view';
import { useAsync } from '../common/use-async';
import { useLocale } from '../i18n';
import { Link } from '../router';
import { type BallotType, budgetApi, IMPLEMENTATION_STATUSES, type ImplementationStatus, PHASES, type Proposal, staffApi, type StaffSession } from './api';
import { BallotEditor, type BallotErrors, type BallotValue, emptyBallot, hasErrors, noErrors, toSubmission, validateBallot } from './ballot-editor';
import type { PageProps } from './budget-area';
import { ballotRuleText, formatMoney, parseMoney, ProposalStatusBadge, useMoney, useProposals } from './common';
import { budgetPaths, STAFF_SECTIONS, type StaffSection, staffSignInPath } from './routes';

function useStaffSession(slug: string) {
  return useAsync((signal) => staffApi.session(slug, signal), [slug]);
}

function StaffGate({ tenant, children }: { tenant: Tenant; children: (session: StaffSession) => ReactNode }) {
  const { t } = useTranslation();
  const { data, error, reload } = useStaffSession(tenant.slug);
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    return (
      <div className="page">
        <h1>{t('budget.staff.heading')}</h1>
        <p className="notice">{t('budget.staff.signInFirst')}</p>
        <p>
          <a className="button button-primary" href={staffSignInPath(tenant.slug)}>
            {t('budget.staff.signIn')}
          </a>
        </p>
      </div>
    );
  }
  if (error) return <ErrorView error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  return <>{children(data)}</>;
}

/** A small form runner: busy state, message after success, API field errors by field. */
function useAction() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: string; fields: Record<string, string> }>({ busy: false, fields: {} });
  const run = async (fn: () => Promise<string | void>) => {
    setState({ busy: true, fields: {} });
    try {
      const message = await fn();
      setState({ busy: false, message: message || t('budget.staff.saved'), fields: {} });
      return true;
    } catch (err) {
      const fields = err instanceof ApiError ? Object.fromEntries(err.fieldErrors.map((f) => [f.field, f.message])) : {};
      setState({ busy: false, error: errorText(err, t), fields });
      return false;
    }
  };
  const feedback = (
    <div aria-live="polite">
      {state.error && (
        <div className="notice notice-error" role="alert">
          <p>{state.error}</p>
          {Object.keys(state.fields).length > 0 && (
            <ul>
              {Object.entries(state.fields).map(([f, m]) => (
                <li key={f}>
                  {f}: {m}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state.message && <p className="notice notice-success">{state.message}</p>}
    </div>
  );
  return { busy: state.busy, run, feedback };
}

/** A labelled field; the control gets the id, and its hint is linked through aria-describedby. */
function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field" data-hint={hint ? `${id}-hint` : undefined}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <DescribedBy id={id} hint={hint ? `${id}-hint` : undefined}>
        {children(id)}
      </DescribedBy>
    </div>
  );
}

/** Adds aria-describedby for the hint to the single control rendered by a Field. */
function DescribedBy({ id, hint, children }: { id: string; hint?: string; children: ReactNode }) {
  useEffect(() => {
    if (!hint) return;
    document.getElementById(id)?.setAttribute('aria-describedby', hint);
  });
  return <>{children}</>;
}

const PHASE_STARTS = ['proposals', 'review', 'voting', 'results', 'implementation'] as const;

/** datetime-local value in the browser's time zone, and back to an ISO instant. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function ScheduleForm({ tenant, cycle, reload, csrf }: SectionProps) {
  const { t } = useTranslation();
  const [dates, setDates] = useState<Record<string, string>>(() => Object.fromEntries(PHASE_STARTS.map((p) => [p, toLocalInput(cycle.schedule[p])])));
  const [email, setEmail] = useState(cycle.eligibility.email);
  const [codes, setCodes] = useState(cycle.eligibility.codes);
  const [residency, setResidency] = useState(cycle.eligibility.residencyRequired);
  const action = useAction();
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const body: Record<string, unknown> = { eligibilityEmail: email, eligibilityCodes: codes, residencyRequired: residency };
      for (const p of PHASE_STARTS) body[`${p}Start`] = dates[p] ? new Date(dates[p]).toISOString() : null;
      await staffApi.updateCycle(tenant.slug, csrf, cycle.id, body);
      reload();
    });
  };
  return (
    <form onSubmit={save} noValidate>
      <h3>{t('budget.staff.schedule')}</h3>
      <p className="hint">{t('budget.staff.scheduleHint')}</p>
      {PHASE_STARTS.map((p) => (
        <Field key={p} label={t('budget.staff.startOf', { phase: t(`budget.phase.${p}`) })}>
          {(id) => <input id={id} type="datetime-local" value={dates[p]} onChange={(e) => setDates({ ...dates, [p]: e.target.value })} />}
        </Field>
      ))}
      <fieldset>
        <legend>{t('budget.eligibility.heading')}</legend>
        <label className="choice">
          <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} /> {t('budget.eligibility.email')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={codes} onChange={(e) => setCodes(e.target.checked)} /> {t('budget.eligibility.codes')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={residency} onChange={(e) => setResidency(e.target.checked)} /> {t('budget.eligibility.residency')}
        </label>
      </fieldset>
      <button type="submit" className="button" disabled={action.busy}>
        {t('budget.staff.saveSchedule')}
      </button>
      {action.feedback}
    </form>
  );
}

export function StaffStartPage({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  useDocumentTitle(t('budget.staff.heading'), tenant.name);
  return <StaffGate tenant={tenant}>{(session) => <StaffCycles tenant={tenant} session={session} />}</StaffGate>;
}

function StaffCycles({ tenant, session }: { tenant: Tenant; session: StaffSession }) {
  const { t } = useTranslation();
  const cycles = useAsync((signal) => budgetApi.cycles(tenant.slug, signal), [tenant.slug]);
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [title, setTitle] = useState('');
  const [email, setEmail] = useState(true);
  const [codes, setCodes] = useState(true);
  const [residency, setResidency] = useState(false);
  const action = useAction();
  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await staffApi.createCycle(tenant.slug, session.csrfToken, { year: Number(year), title: title.trim(), eligibilityEmail: email, eligibilityCodes: codes, residencyRequired: residency });
      cycles.reload();
    });
  };
  return (
    <div className="page">
      <h1>{t('budget.staff.heading')}</h1>
      <h2>{t('budget.staff.cycles')}</h2>
      {cycles.error ? <ErrorView error={cycles.error} onRetry={cycles.reload} /> : null}
      <ul className="bh-cards">
        {(cycles.data ?? []).map((c) => (
          <li key={c.id} className="bh-card">
            <Link to={budgetPaths.staffCycle(tenant.slug, c.id)}>{c.title}</Link> · {t(`budget.phase.${c.phase}`)}
          </li>
        ))}
      </ul>
      <h2>{t('budget.staff.newCycle')}</h2>
      <form onSubmit={create} noValidate>
        <Field label={t('budget.staff.year')}>{(id) => <input id={id} type="text" inputMode="numeric" className="bh-input-short" value={year} onChange={(e) => setYear(e.target.value)} />}</Field>
        <Field label={t('budget.staff.cycleTitle')}>{(id) => <input id={id} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
        <fieldset>
          <legend>{t('budget.eligibility.heading')}</legend>
          <label className="choice">
            <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} /> {t('budget.eligibility.email')}
          </label>
          <label className="choice">
            <input type="checkbox" checked={codes} onChange={(e) => setCodes(e.target.checked)} /> {t('budget.eligibility.codes')}
          </label>
          <label className="choice">
            <input type="checkbox" checked={residency} onChange={(e) => setResidency(e.target.checked)} /> {t('budget.eligibility.residency')}
          </label>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('budget.staff.createCycle')}
        </button>
        {action.feedback}
      </form>
    </div>
  );
}

export function StaffCyclePage({ tenant, cycle, reload, section }: PageProps & { section: StaffSection }) {
  const { t } = useTranslation();
  useDocumentTitle(t(`budget.staff.section.${section}`), cycle.title);
  return (
    <StaffGate tenant={tenant}>
      {(session) => (
        <div className="page page-wide">
          <p className="eyebrow">
            <Link to={budgetPaths.staff(tenant.slug)}>{t('budget.staff.heading')}</Link>
          </p>
          <h1>
            {cycle.title}: {t(`budget.staff.section.${section}`)}
          </h1>
          <nav aria-label={t('budget.staff.sections')}>
            <ul className="tenant-nav bh-tabs">
              {STAFF_SECTIONS.map((s) => (
                <li key={s}>
                  <Link to={budgetPaths.staffCycle(tenant.slug, cycle.id, s)} aria-current={s === section ? 'page' : undefined}>
                    {t(`budget.staff.section.${s}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <p>
            {t('budget.phaseNow')}: <strong>{t(`budget.phase.${cycle.phase}`)}</strong> · <Link to={budgetPaths.cycle(tenant.slug, cycle.id)}>{t('budget.staff.publicView')}</Link>
          </p>
          {section === 'einrichtung' && <SetupSection tenant={tenant} cycle={cycle} reload={reload} csrf={session.csrfToken} />}
          {section === 'pruefung' && <ReviewSection tenant={tenant} cycle={cycle} reload={reload} csrf={session.csrfToken} />}
          {section === 'codes' && <CodesSection tenant={tenant} cycle={cycle} reload={reload} csrf={session.csrfToken} />}
          {section === 'papier' && <PaperSection tenant={tenant} cycle={cycle} reload={reload} csrf={session.csrfToken} />}
          {section === 'ergebnisse' && <TallySection tenant={tenant} cycle={cycle} reload={reload} csrf={session.csrfToken} />}
          {section === 'umsetzung' && <ImplementationSection tenant={tenant} cycle={cycle} reload={reload} csrf={session.csrfToken} />}
        </div>
      )}
    </StaffGate>
  );
}

type SectionProps = PageProps & { csrf: string };

function SetupSection({ tenant, cycle, reload, csrf }: SectionProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const next = PHASES[PHASES.indexOf(cycle.phase) + 1];
  const phase = useAction();
  const add = useAction();
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState('');
  const [areaId, setAreaId] = useState('');
  const [amount, setAmount] = useState('');
  const [type, setType] = useState<BallotType>('approval');
  const [min, setMin] = useState('1');
  const [max, setMax] = useState('');
  const [points, setPoints] = useState('10');
  const [perProject, setPerProject] = useState('5');
  const [rank, setRank] = useState('3');
  const [rule, setRule] = useState<'greedy' | 'equal-shares' | 'phragmen'>('greedy');
  const districts = (tenant.areas?.features ?? []).map((f) => f.properties).filter((a) => (a as { kind?: string }).kind === 'district');
  const frozen = cycle.budgets.some((b) => b.rulesFrozenAt);
  const submitBudget = (e: FormEvent) => {
    e.preventDefault();
    void add.run(async () => {
      const cents = parseMoney(amount, locale);
      const int = (s: string) => (s.trim() ? Number.parseInt(s, 10) : undefined);
      const rules: Record<string, number | undefined> =
        type === 'cumulative' ? { totalPoints: int(points), maxPointsPerProject: int(perProject) } : type === 'ranked' ? { rankLength: int(rank), minProjects: int(min) } : { minProjects: int(min), maxProjects: int(max) };
      await staffApi.createBudget(tenant.slug, csrf, cycle.id, { name: name.trim(), areaId: areaId || null, amountCents: cents ?? -1, ballotType: type, ballotRules: rules, aggregation: { rule } });
      reload();
    });
  };
  return (
    <>
      <section aria-labelledby="bh-s-phase">
        <h2 id="bh-s-phase">{t('budget.staff.phaseHeading')}</h2>
        {next ? (
          <>
            <p>{t('budget.staff.phaseNext', { phase: t(`budget.phase.${next}`) })}</p>
            {next === 'voting' && <p className="notice">{t('budget.staff.freezeWarning')}</p>}
            {!confirming ? (
              <button type="button" className="button button-primary" onClick={() => (setConfirming(true), window.setTimeout(() => document.getElementById('bh-phase-confirm')?.focus(), 0))}>
                {t('budget.staff.openPhase', { phase: t(`budget.phase.${next}`) })}
              </button>
            ) : (
              <div className="notice" role="group" aria-labelledby="bh-phase-confirm">
                <p id="bh-phase-confirm" tabIndex={-1}>
                  <strong>{t('budget.staff.confirmPhase', { phase: t(`budget.phase.${next}`) })}</strong>
                </p>
                <p className="button-row">
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={phase.busy}
                    onClick={() => void phase.run(async () => void (await staffApi.phase(tenant.slug, csrf, cycle.id, next), setConfirming(false), reload()))}
                  >
                    {t('budget.staff.confirmYes', { phase: t(`budget.phase.${next}`) })}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(false)}>
                    {t('budget.staff.confirmNo')}
                  </button>
                </p>
              </div>
            )}
          </>
        ) : (
          <p>{t('budget.staff.lastPhase')}</p>
        )}
        {phase.feedback}
        {cycle.kind === 'official' && cycle.phase !== 'implementation' && <ScheduleForm tenant={tenant} cycle={cycle} reload={reload} csrf={csrf} />}
      </section>
      <section aria-labelledby="bh-s-budgets">
        <h2 id="bh-s-budgets">{t('budget.budgets.heading')}</h2>
        <ul className="bh-cards">
          {cycle.budgets.map((b) => (
            <li key={b.id} className="bh-card">
              <strong>{b.name}</strong> · {money(b.amountCents)} · {b.areaName ?? t('budget.budgets.cityWide')}
              <br />
              {t(`budget.ballotType.${b.ballotType}`)}: {ballotRuleText(b, t, money)} · {t(`budget.aggregation.${b.aggregation.rule}`)}
              {b.rulesFrozenAt && <> · {t('budget.staff.frozen')}</>}
            </li>
          ))}
        </ul>
        {!frozen && (
          <form onSubmit={submitBudget} noValidate>
            <h3>{t('budget.staff.newBudget')}</h3>
            <Field label={t('budget.staff.budgetName')}>{(id) => <input id={id} type="text" value={name} onChange={(e) => setName(e.target.value)} />}</Field>
            <Field label={t('budget.budgets.area')}>
              {(id) => (
                <select id={id} value={areaId} onChange={(e) => setAreaId(e.target.value)}>
                  <option value="">{t('budget.budgets.cityWide')}</option>
                  {districts.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('budget.budgets.amount')} hint={t('budget.staff.amountHint')}>
              {(id) => <input id={id} type="text" inputMode="decimal" className="bh-input-short" value={amount} onChange={(e) => setAmount(e.target.value)} />}
            </Field>
            <Field label={t('budget.budgets.ballot')}>
              {(id) => (
                <select id={id} value={type} onChange={(e) => setType(e.target.value as BallotType)}>
                  {(['approval', 'knapsack', 'cumulative', 'ranked'] as const).map((b) => (
                    <option key={b} value={b}>
                      {t(`budget.ballotType.${b}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {(type === 'approval' || type === 'knapsack' || type === 'ranked') && (
              <Field label={t('budget.staff.minProjects')}>{(id) => <input id={id} type="text" inputMode="numeric" className="bh-input-short" value={min} onChange={(e) => setMin(e.target.value)} />}</Field>
            )}
            {(type === 'approval' || type === 'knapsack') && (
              <Field label={t('budget.staff.maxProjects')}>{(id) => <input id={id} type="text" inputMode="numeric" className="bh-input-short" value={max} onChange={(e) => setMax(e.target.value)} />}</Field>
            )}
            {type === 'cumulative' && (
              <>
                <Field label={t('budget.staff.totalPoints')}>{(id) => <input id={id} type="text" inputMode="numeric" className="bh-input-short" value={points} onChange={(e) => setPoints(e.target.value)} />}</Field>
                <Field label={t('budget.staff.maxPointsPerProject')}>{(id) => <input id={id} type="text" inputMode="numeric" className="bh-input-short" value={perProject} onChange={(e) => setPerProject(e.target.value)} />}</Field>
              </>
            )}
            {type === 'ranked' && (
              <Field label={t('budget.staff.rankLength')}>{(id) => <input id={id} type="text" inputMode="numeric" className="bh-input-short" value={rank} onChange={(e) => setRank(e.target.value)} />}</Field>
            )}
            <Field label={t('budget.budgets.rule')}>
              {(id) => (
                <select id={id} value={rule} onChange={(e) => setRule(e.target.value as typeof rule)}>
                  {(['greedy', 'equal-shares', 'phragmen'] as const).map((r) => (
                    <option key={r} value={r}>
                      {t(`budget.aggregation.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" className="button button-primary" disabled={add.busy}>
              {t('budget.staff.addBudget')}
            </button>
            {add.feedback}
          </form>
        )}
      </section>
    </>
  );
}

function ReviewItem({ p, all, tenant, csrf, onDone }: { p: Proposal; all: Proposal[]; tenant: Tenant; csrf: string; onDone: (title: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const [decision, setDecision] = useState<'feasible' | 'not_feasible' | 'merge'>('feasible');
  const [cost, setCost] = useState(formatMoney(p.estimatedCostCents, locale).replace(/[^\d.,]/g, ''));
  const [reason, setReason] = useState('');
  const [into, setInto] = useState('');
  const action = useAction();
  const others = all.filter((o) => o.id !== p.id && o.budgetId === p.budgetId && o.status !== 'merged');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      if (decision === 'merge') await staffApi.merge(tenant.slug, csrf, p.id, { intoProposalId: into, reason: reason.trim() });
      else
        await staffApi.review(tenant.slug, csrf, p.id, {
          decision,
          reason: reason.trim() || undefined,
          officialCostCents: decision === 'feasible' ? (parseMoney(cost, locale) ?? undefined) : undefined,
        });
      onDone(p.title);
    });
  };
  return (
    <li className="bh-card">
      <h3 className="bh-card-title">
        {p.number}: {p.title}
      </h3>
      <p>
        <ProposalStatusBadge status={p.status} /> · {t('budget.proposal.estimatedCost')}: {money(p.estimatedCostCents)}
      </p>
      <p className="prewrap">{p.description}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('budget.staff.decision')}</legend>
          {(['feasible', 'not_feasible', 'merge'] as const).map((d) => (
            <label key={d} className="choice">
              <input type="radio" name={`d-${p.id}`} checked={decision === d} onChange={() => setDecision(d)} /> {t(`budget.staff.decide.${d}`)}
            </label>
          ))}
        </fieldset>
        {decision === 'feasible' && <Field label={t('budget.proposal.officialCost')}>{(id) => <input id={id} type="text" inputMode="decimal" className="bh-input-short" value={cost} onChange={(e) => setCost(e.target.value)} />}</Field>}
        {decision === 'merge' && (
          <Field label={t('budget.staff.mergeInto')}>
            {(id) => (
              <select id={id} value={into} onChange={(e) => setInto(e.target.value)}>
                <option value="">{t('budget.staff.choose')}</option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.number}: {o.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('budget.staff.publicReason')} hint={t('budget.staff.publicReasonHint')}>
          {(id) => <textarea id={id} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('budget.staff.saveDecision')}
        </button>
        {action.feedback}
      </form>
    </li>
  );
}

function ReviewSection({ tenant, cycle, csrf }: SectionProps) {
  const { t } = useTranslation();
  const list = useAsync((signal) => staffApi.reviewList(tenant.slug, cycle.id, signal), [tenant.slug, cycle.id]);
  const [showAll, setShowAll] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // A decided proposal leaves the queue: keep the message and the focus on the page, not on a removed form.
  const done = (title: string) => {
    setSaved(t('budget.staff.decisionSaved', { title }));
    list.reload();
    window.setTimeout(() => document.getElementById('bh-review-saved')?.focus(), 0);
  };
  if (list.error) return <ErrorView error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const shown = list.data.filter((p) => showAll || p.status === 'submitted');
  return (
    <section aria-labelledby="bh-s-review">
      <h2 id="bh-s-review">{t('budget.staff.queue', { count: list.data.filter((p) => p.status === 'submitted').length })}</h2>
      <div aria-live="polite">
        {saved && (
          <p className="notice notice-success" id="bh-review-saved" tabIndex={-1}>
            {saved}
          </p>
        )}
      </div>
      <label className="choice">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> {t('budget.staff.showReviewed')}
      </label>
      <ul className="bh-list">
        {shown.map((p) => (
          <ReviewItem key={p.id} p={p} all={list.data!} tenant={tenant} csrf={csrf} onDone={done} />
        ))}
      </ul>
    </section>
  );
}

function CodesSection({ tenant, cycle, csrf }: SectionProps) {
  const { t } = useTranslation();
  const [count, setCount] = useState('100');
  const [areaId, setAreaId] = useState('');
  const [csv, setCsv] = useState<string | null>(null);
  const action = useAction();
  const districts = cycle.budgets.filter((b) => b.areaId);
  const generate = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const text = await staffApi.votingCodes(tenant.slug, csrf, cycle.id, { count: Number.parseInt(count, 10), areaId: areaId || undefined });
      setCsv(text);
      return t('budget.staff.codesDone', { count: text.trim().split(/\r?\n/).length - 1 });
    });
  };
  const href = csv ? `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}` : '';
  return (
    <section aria-labelledby="bh-s-codes">
      <h2 id="bh-s-codes">{t('budget.staff.section.codes')}</h2>
      <p>{t('budget.staff.codesIntro')}</p>
      {!cycle.eligibility.codes && <p className="notice">{t('budget.staff.codesOff')}</p>}
      <form onSubmit={generate} noValidate>
        <Field label={t('budget.staff.codeCount')}>{(id) => <input id={id} type="text" inputMode="numeric" className="bh-input-short" value={count} onChange={(e) => setCount(e.target.value)} />}</Field>
        <Field label={t('budget.budgets.area')}>
          {(id) => (
            <select id={id} value={areaId} onChange={(e) => setAreaId(e.target.value)}>
              <option value="">{t('budget.staff.noDistrict')}</option>
              {districts.map((b) => (
                <option key={b.areaId!} value={b.areaId!}>
                  {b.areaName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('budget.staff.generate')}
        </button>
      </form>
      {action.feedback}
      {csv && (
        <p className="notice">
          {t('budget.staff.codesOnce')}{' '}
          <a className="button" href={href} download={`abstimmungscodes-${cycle.year}.csv`}>
            {t('budget.staff.downloadCsv')}
          </a>
        </p>
      )}
    </section>
  );
}

function PaperSection({ tenant, cycle, csrf }: SectionProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const proposals = useProposals(tenant.slug, cycle.id);
  const [budgetId, setBudgetId] = useState(cycle.budgets[0]?.id ?? '');
  const [sheet, setSheet] = useState('');
  const [value, setValue] = useState<BallotValue>(emptyBallot);
  const [errors, setErrors] = useState<BallotErrors>(noErrors);
  const action = useAction();
  const stats = useAsync((signal) => (budgetId ? staffApi.paperStats(tenant.slug, budgetId, signal) : Promise.resolve(null)), [tenant.slug, budgetId]);
  const budget = cycle.budgets.find((b) => b.id === budgetId);
  const projects = (proposals.data ?? []).filter((p) => p.budgetId === budgetId && p.status === 'feasible');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!budget) return;
    const found = validateBallot(budget, projects, value, t, money);
    setErrors(found);
    if (hasErrors(found)) return;
    void action.run(async () => {
      const r = await staffApi.paperBallot(tenant.slug, csrf, budget.id, { sheetNumber: sheet.trim(), ...toSubmission(budget, value) });
      setValue(emptyBallot());
      setSheet('');
      stats.reload();
      return r.state === 'counted' ? t('budget.staff.paperCounted') : t('budget.staff.paperAwaiting');
    });
  };
  return (
    <section aria-labelledby="bh-s-paper">
      <h2 id="bh-s-paper">{t('budget.staff.section.papier')}</h2>
      <p>{t('budget.staff.paperIntro')}</p>
      <Field label={t('budget.proposals.budget')}>
        {(id) => (
          <select id={id} value={budgetId} onChange={(e) => (setBudgetId(e.target.value), setValue(emptyBallot()))}>
            {cycle.budgets.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {stats.data && <p>{t('budget.staff.paperStats', { awaiting: stats.data.awaiting, counted: stats.data.counted })}</p>}
      {budget && (
        <form onSubmit={submit} noValidate>
          <Field label={t('budget.staff.sheet')}>{(id) => <input id={id} type="text" className="bh-input-short" value={sheet} onChange={(e) => setSheet(e.target.value)} />}</Field>
          <BallotEditor idPrefix="bh-paper" budget={budget} projects={projects} value={value} errors={errors} onChange={setValue} />
          <button type="submit" className="button button-primary" disabled={action.busy}>
            {t('budget.staff.enterSheet')}
          </button>
          {action.feedback}
        </form>
      )}
    </section>
  );
}

const tallyKey = (budgetId: string) => `mitreden.budgetTally.${budgetId}`;

function TallyRow({ tenant, budgetId, name, csrf }: { tenant: Tenant; budgetId: string; name: string; csrf: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [tallyId, setTallyId] = useState<string | null>(() => window.sessionStorage.getItem(tallyKey(budgetId)));
  const tally = useAsync((signal) => (tallyId ? staffApi.getTally(tenant.slug, tallyId, signal) : Promise.resolve(null)), [tenant.slug, tallyId]);
  const action = useAction();
  const count = () =>
    void action.run(async () => {
      const r = await staffApi.tally(tenant.slug, csrf, budgetId);
      window.sessionStorage.setItem(tallyKey(budgetId), r.tallyId);
      setTallyId(r.tallyId);
      return t('budget.staff.tallyRequested');
    });
  const d = tally.data;
  // A count runs in the worker: look again every second while it is pending.
  const pending = d?.state === 'pending';
  const reloadTally = tally.reload;
  useEffect(() => {
    if (!pending) return;
    const timer = window.setTimeout(reloadTally, 1000);
    return () => window.clearTimeout(timer);
  });
  return (
    <li className="bh-card">
      <h3 className="bh-card-title">{name}</h3>
      {d && (
        <p aria-live="polite">
          {t(`budget.staff.tallyState.${d.state}`)}
          {d.state === 'done' && d.result && <> · {t('budget.staff.tallyResult', { count: d.result.selected.length, total: money(d.result.totalCostCents), ballots: d.ballotsCount ?? 0 })}</>}
          {d.error && <> · {d.error}</>}
          {d.publishedAt && <> · {t('budget.staff.published')}</>}
        </p>
      )}
      <p className="button-row">
        <button type="button" className="button" onClick={count} disabled={action.busy}>
          {t('budget.staff.count')}
        </button>
        {d && d.state === 'pending' && (
          <button type="button" className="button" onClick={tally.reload}>
            {t('budget.staff.refresh')}
          </button>
        )}
        {d && d.state === 'done' && !d.publishedAt && (
          <button type="button" className="button button-primary" disabled={action.busy} onClick={() => void action.run(async () => void (await staffApi.publish(tenant.slug, csrf, d.id), tally.reload()))}>
            {t('budget.staff.publish')}
          </button>
        )}
      </p>
      {action.feedback}
    </li>
  );
}

function TallySection({ tenant, cycle, csrf }: SectionProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="bh-s-tally">
      <h2 id="bh-s-tally">{t('budget.staff.section.ergebnisse')}</h2>
      <p>{t('budget.staff.tallyIntro')}</p>
      <ul className="bh-list">
        {cycle.budgets.map((b) => (
          <TallyRow key={b.id} tenant={tenant} budgetId={b.id} name={b.name} csrf={csrf} />
        ))}
      </ul>
      <p>
        <Link to={budgetPaths.results(tenant.slug, cycle.id)}>{t('budget.staff.publicResults')}</Link>
      </p>
    </section>
  );
}

function ImplementationItem({ p, tenant, csrf }: { p: Proposal; tenant: Tenant; csrf: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ImplementationStatus>(p.implementation?.status ?? 'planned');
  const [progress, setProgress] = useState(String(p.implementation?.progress ?? 0));
  const [note, setNote] = useState('');
  const [milestone, setMilestone] = useState('');
  const [due, setDue] = useState('');
  const [files, setFiles] = useState<FileList | null>(null);
  const update = useAction();
  const ms = useAction();
  const photo = useAction();
  return (
    <li className="bh-card">
      <h3 className="bh-card-title">
        <Link to={budgetPaths.project(tenant.slug, p.id)}>{p.title}</Link>
      </h3>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void update.run(async () => void (await staffApi.implementation(tenant.slug, csrf, p.id, { status, progress: Number.parseInt(progress, 10) || 0, note: note.trim() || undefined })));
        }}
      >
        <Field label={t('budget.impl.status')}>
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.target.value as ImplementationStatus)}>
              {IMPLEMENTATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`budget.implStatus.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('budget.staff.progressPercent')}>{(id) => <input id={id} type="text" inputMode="numeric" className="bh-input-short" value={progress} onChange={(e) => setProgress(e.target.value)} />}</Field>
        <Field label={t('budget.staff.note')} hint={t('budget.staff.noteHint')}>
          {(id) => <textarea id={id} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="submit" className="button button-primary" disabled={update.busy}>
          {t('budget.staff.saveStatus')}
        </button>
        {update.feedback}
      </form>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void ms.run(async () => void (await staffApi.milestone(tenant.slug, csrf, p.id, { title: milestone.trim(), dueDate: due || undefined }), setMilestone('')));
        }}
      >
        <Field label={t('budget.staff.milestone')}>{(id) => <input id={id} type="text" value={milestone} onChange={(e) => setMilestone(e.target.value)} />}</Field>
        <Field label={t('budget.impl.due')}>{(id) => <input id={id} type="date" className="bh-input-short" value={due} onChange={(e) => setDue(e.target.value)} />}</Field>
        <button type="submit" className="button" disabled={ms.busy}>
          {t('budget.staff.addMilestone')}
        </button>
        {ms.feedback}
      </form>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData();
          for (const f of Array.from(files ?? [])) form.append('photos', f, f.name);
          void photo.run(async () => void (await staffApi.photos(tenant.slug, csrf, p.id, form)));
        }}
      >
        <Field label={t('budget.staff.photos')}>{(id) => <input id={id} type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(e) => setFiles(e.target.files)} />}</Field>
        <button type="submit" className="button" disabled={photo.busy || !files?.length}>
          {t('budget.staff.upload')}
        </button>
        {photo.feedback}
      </form>
    </li>
  );
}

function ImplementationSection({ tenant, cycle, csrf }: SectionProps) {
  const { t } = useTranslation();
  const proposals = useProposals(tenant.slug, cycle.id);
  const funded = (proposals.data ?? []).filter((p) => p.funded);
  return (
    <section aria-labelledby="bh-s-impl">
      <h2 id="bh-s-impl">{t('budget.staff.section.umsetzung')}</h2>
      {!proposals.data && <Loading />}
      {proposals.data && funded.length === 0 && <p>{t('budget.impl.none')}</p>}
      <ul className="bh-list">
        {funded.map((p) => (
          <ImplementationItem key={p.id} p={p} tenant={tenant} csrf={csrf} />
        ))}
      </ul>
    </section>
  );
}
