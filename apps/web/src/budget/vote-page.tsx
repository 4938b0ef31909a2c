// Voting. First the credential (personal link from the e-mail, or a voting code from the letter),
// then one ballot per budget with its rules on top and one explicit submit, answered by a receipt
// code. Choices are kept in sessionStorage until sent; nothing is "pending" on the server.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useDocumentTitle } from '../common/document-title';
import { errorText, ErrorView, Loading } from '../common/error-view';
import { useLocale } from '../i18n';
import { Link } from '../router';
import { type Budget, budgetApi, type Credential, type CycleDetail, errorCode, type Proposal } from './api';
import { BallotEditor, type BallotErrors, type BallotValue, emptyBallot, hasErrors, noErrors, toSubmission, validateBallot } from './ballot-editor';
import type { PageProps } from './budget-area';
import { EmailForm, useMoney, useProposals } from './common';
import { budgetPaths } from './routes';

const credKey = (cycleId: string) => `mitreden.budgetCredential.${cycleId}`;
const ballotKey = (budgetId: string) => `mitreden.budgetBallot.${budgetId}`;
/** Receipts belong to one credential: someone else voting on the same device starts with an empty ballot. */
const receiptKey = (budgetId: string, credentialId: string) => `mitreden.budgetReceipt.${budgetId}.${credentialId}`;
const credentialId = (c: Credential | null) => (c ? ('code' in c ? c.code : c.voterId) : 'none');

function read<T>(key: string): T | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
function write(key: string, value: unknown): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage off: kept in memory only
  }
}

/** The link in the mail ends in #voter=…&token=…; take it once and drop it from the address bar. */
function credentialFromHash(): Credential | null {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const voterId = hash.get('voter');
  const token = hash.get('token');
  if (!voterId || !token) return null;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return { voterId, token };
}

const CREDENTIAL_CODES = new Set(['not_eligible', 'email_not_verified', 'codes_disabled', 'email_voting_disabled']);

function CredentialSection({ cycle, credential, error, onSet, slug }: { cycle: CycleDetail; credential: Credential | null; error: string | null; onSet: (c: Credential | null) => void; slug: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [code, setCode] = useState(credential && 'code' in credential ? credential.code : '');
  const [codeError, setCodeError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (error) window.setTimeout(() => (input.current ?? document.getElementById('bh-cred-error'))?.focus(), 0);
  }, [error]);
  const useCode = (e: FormEvent) => {
    e.preventDefault();
    const c = code.replace(/\s+/g, '').trim();
    if (c.length < 8 || c.length > 40) {
      setCodeError(t('budget.vote.codeInvalid'));
      input.current?.focus();
      return;
    }
    setCodeError(null);
    onSet({ code: c });
  };
  const shownError = codeError ?? error;
  if (credential && !error) {
    return (
      <section className="bh-step" aria-labelledby="bh-cred">
        <h2 id="bh-cred">{t('budget.vote.step1')}</h2>
        <p className="notice notice-success">
          {'code' in credential ? t('budget.vote.withCode', { end: credential.code.slice(-4) }) : t('budget.vote.withLink')}{' '}
          <button type="button" className="link-button" onClick={() => onSet(null)}>
            {t('budget.vote.changeCredential')}
          </button>
        </p>
      </section>
    );
  }
  return (
    <section className="bh-step" aria-labelledby="bh-cred">
      <h2 id="bh-cred">{t('budget.vote.step1')}</h2>
      <p>{t('budget.vote.credentialIntro')}</p>
      {error && credential && 'voterId' in credential && (
        <p className="field-error" id="bh-cred-error" tabIndex={-1} role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {cycle.eligibility.codes && (
        <form onSubmit={useCode} noValidate className="bh-code-form">
          <div className="field">
            <label htmlFor="bh-code">{t('budget.vote.code')}</label>
            <p className="hint" id="bh-code-hint">
              {t('budget.vote.codeHint')}
            </p>
            {shownError && !(credential && 'voterId' in credential) && (
              <p className="field-error" id="bh-code-error" role="alert">
                <span aria-hidden="true">⚠ </span>
                {shownError}
              </p>
            )}
            <input
              ref={input}
              id="bh-code"
              type="text"
              autoComplete="one-time-code"
              spellCheck={false}
              autoCapitalize="characters"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-invalid={shownError ? true : undefined}
              aria-describedby={`bh-code-hint${shownError ? ' bh-code-error' : ''}`}
            />
          </div>
          <button type="submit" className="button button-primary">
            {t('budget.vote.useCode')}
          </button>
        </form>
      )}
      {cycle.eligibility.email && (
        <>
          <h3>{t('budget.vote.emailHeading')}</h3>
          <EmailForm
            label={t('budget.vote.email')}
            hint={t('budget.vote.emailHint')}
            submit={t('budget.vote.emailSubmit')}
            sending={t('budget.vote.emailSending')}
            done={t('budget.vote.emailDone')}
            onSubmit={(email) => budgetApi.registerVoter(slug, cycle.id, { email, locale })}
          />
        </>
      )}
    </section>
  );
}

interface BallotProps {
  slug: string;
  budget: Budget;
  projects: Proposal[];
  credential: Credential | null;
  onCredentialError: (message: string) => void;
}

function BallotSection({ slug, budget, projects, credential, onCredentialError }: BallotProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const [value, setValue] = useState<BallotValue>(() => read<BallotValue>(ballotKey(budget.id)) ?? emptyBallot());
  const [errors, setErrors] = useState<BallotErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(() => read<string>(receiptKey(budget.id, credentialId(credential))));
  const root = useRef<HTMLElement>(null);
  const prefix = `bh-b-${budget.id.slice(0, 8)}`;

  useEffect(() => write(ballotKey(budget.id), receipt ? null : value), [value, receipt, budget.id]);

  const focusProblem = () =>
    window.setTimeout(() => {
      const el = root.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field-error');
      if (el) {
        if (!el.matches('input,button,select,textarea')) el.setAttribute('tabindex', '-1');
        el.focus();
      }
    }, 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateBallot(budget, projects, value, t, money);
    setErrors(found);
    if (hasErrors(found)) {
      focusProblem();
      return;
    }
    if (!credential) {
      setErrors({ ...noErrors(), ballot: t('budget.vote.needCredential') });
      focusProblem();
      return;
    }
    setSending(true);
    try {
      const result = await budgetApi.cast(slug, budget.id, { credential, ...toSubmission(budget, value) });
      write(receiptKey(budget.id, credentialId(credential)), result.receipt);
      setReceipt(result.receipt);
      window.setTimeout(() => document.getElementById(`${prefix}-receipt`)?.focus(), 0);
    } catch (err) {
      const code = errorCode(err);
      if (err instanceof ApiError && err.status === 403 && code && CREDENTIAL_CODES.has(code)) {
        onCredentialError(err.message);
        setErrors({ ...noErrors(), ballot: t('budget.vote.credentialRefused') });
      } else if (err instanceof ApiError && err.fieldErrors.length) {
        const mapped = noErrors();
        const sent = toSubmission(budget, value).projects;
        for (const f of err.fieldErrors) {
          const m = /^(projects|points)\[(\d+)\]$/.exec(f.field);
          const id = m ? sent[Number(m[2])] : undefined;
          if (id) mapped.project[id] = f.message;
          else mapped.ballot = mapped.ballot ? `${mapped.ballot} ${f.message}` : f.message;
        }
        setErrors(mapped);
        focusProblem();
      } else {
        setErrors({ ...noErrors(), ballot: errorText(err, t) });
        focusProblem();
      }
    } finally {
      setSending(false);
    }
  };

  const headingId = `${prefix}-h`;
  if (receipt) {
    return (
      <section ref={root} className="bh-step bh-ballot-done" aria-labelledby={headingId}>
        <h2 id={headingId}>{budget.name}</h2>
        <div className="notice notice-success">
          <p id={`${prefix}-receipt`} tabIndex={-1}>
            <strong>{t('budget.vote.counted', { name: budget.name })}</strong>
          </p>
          <p>{t('budget.vote.receiptIntro')}</p>
          <p className="bh-receipt">
            <code>{receipt}</code>
          </p>
          <p>{t('budget.vote.receiptKeep')}</p>
          <p>
            <Link to={budgetPaths.receipt(slug, receipt)}>{t('budget.vote.checkReceipt')}</Link>
          </p>
        </div>
      </section>
    );
  }
  const chosen = projects.filter((p) => value.projects.includes(p.id));
  return (
    <section ref={root} className="bh-step" aria-labelledby={headingId}>
      <h2 id={headingId}>{budget.name}</h2>
      {budget.areaName && <p className="hint">{t('budget.vote.districtBudget', { area: budget.areaName })}</p>}
      {projects.length === 0 ? (
        <p>{t('budget.vote.noProjects')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <BallotEditor idPrefix={prefix} budget={budget} projects={projects} value={value} errors={errors} onChange={setValue} />
          <div className="bh-confirm">
            <p>
              {chosen.length === 0
                ? t('budget.vote.summaryEmpty')
                : t('budget.vote.summary', { list: (budget.ballotType === 'ranked' ? value.projects.map((id) => projects.find((p) => p.id === id)?.title) : chosen.map((p) => p.title)).join(', ') })}
            </p>
            <p className="hint">{t('budget.vote.final')}</p>
            <button type="submit" className="button button-primary" disabled={sending}>
              {sending ? t('budget.vote.sending') : t('budget.vote.submit', { name: budget.name })}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export default function VotePage({ tenant, cycle }: PageProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t('budget.vote.title'), cycle.title);
  const [credential, setCredential] = useState<Credential | null>(() => {
    const fromLink = credentialFromHash();
    if (fromLink) write(credKey(cycle.id), fromLink);
    return fromLink ?? read<Credential>(credKey(cycle.id));
  });
  const [credError, setCredError] = useState<string | null>(null);
  const { data: proposals, error, reload } = useProposals(tenant.slug, cycle.id);
  const setCred = (c: Credential | null) => {
    write(credKey(cycle.id), c);
    setCredential(c);
    setCredError(null);
    if (c) window.setTimeout(() => document.querySelector<HTMLElement>('.bh-step h2[id^="bh-b-"]')?.focus(), 0);
  };
  useEffect(() => {
    document.querySelectorAll<HTMLElement>('.bh-step h2').forEach((h) => h.setAttribute('tabindex', '-1'));
  });

  if (cycle.phase !== 'voting') {
    return (
      <div className="page">
        <h1>{t('budget.vote.heading')}</h1>
        <p className="notice">{cycle.phase === 'results' || cycle.phase === 'implementation' ? t('budget.vote.over') : t('budget.vote.notYet')}</p>
        {(cycle.phase === 'proposals' || cycle.phase === 'review') && cycle.eligibility.email && (
          <EmailForm
            label={t('budget.vote.email')}
            hint={t('budget.vote.emailHintEarly')}
            submit={t('budget.vote.emailSubmit')}
            sending={t('budget.vote.emailSending')}
            done={t('budget.vote.emailDone')}
            onSubmit={(email) => budgetApi.registerVoter(tenant.slug, cycle.id, { email, locale })}
          />
        )}
      </div>
    );
  }
  return (
    <div className="page">
      <h1>{t('budget.vote.heading')}</h1>
      <p className="lead">{t('budget.vote.lead', { count: cycle.budgets.length })}</p>
      <CredentialSection cycle={cycle} credential={credential} error={credError} onSet={setCred} slug={tenant.slug} />
      {error ? <ErrorView error={error} onRetry={reload} /> : null}
      {!proposals && !error && <Loading />}
      {proposals &&
        cycle.budgets.map((b) => (
          <BallotSection
            key={`${b.id}.${credentialId(credential)}`}
            slug={tenant.slug}
            budget={b}
            projects={proposals.filter((p) => p.budgetId === b.id && p.status === 'feasible')}
            credential={credential}
            onCredentialError={(message) => {
              setCredError(message);
              window.setTimeout(() => document.getElementById('bh-cred')?.scrollIntoView(), 0);
            }}
          />
        ))}
    </div>
  );
}
