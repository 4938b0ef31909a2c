import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Tenant } from '../../api/types';
import { useDocumentTitle } from '../../common/document-title';
import { errorText } from '../../common/error-view';
import { Link, paths } from '../../router';
import { type StaffSession, staffApi } from '../staff-api';
import { Field, focusHeading } from '../ui';

/**
 * E-mail and password; when the account has a second factor the API answers 401 totp_required
 * and the code field appears. Lockout (423) and the rate limit (429) get their own messages.
 */
export function SignInPage({ tenant, reason, onSignedIn }: { tenant: Tenant; reason?: 'expired' | 'signed-out'; onSignedIn: (s: StaffSession) => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('staff.signIn.title'), tenant.name);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<'credentials' | 'code' | null>(null);
  const [resetMode, setResetMode] = useState(false);
  const [resetSent, setResetSent] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (needsCode) codeRef.current?.focus();
  }, [needsCode]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setInvalid(null);
    if (!email.trim() || !password) {
      setError(t('staff.signIn.missing'));
      setInvalid('credentials');
      return;
    }
    if (needsCode && !/^\d{6}$/.test(code)) {
      setError(t('staff.signIn.codeFormat'));
      setInvalid('code');
      return;
    }
    setBusy(true);
    try {
      const session = await staffApi.signIn(tenant.slug, { email: email.trim(), password, ...(needsCode ? { totpCode: code } : {}) });
      onSignedIn(session);
      // The page changes without a navigation: move focus to the new heading as the router does.
      focusHeading();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        if (needsCode) {
          setError(t('staff.signIn.codeWrong'));
          setInvalid('code');
        } else {
          setNeedsCode(true);
        }
      } else if (err instanceof ApiError && err.status === 423) {
        setError(t('staff.signIn.locked'));
      } else if (err instanceof ApiError && err.status === 429) {
        setError(t('staff.signIn.tooMany'));
      } else if (err instanceof ApiError && err.status === 401) {
        setError(needsCode ? t('staff.signIn.codeOrPasswordWrong') : t('staff.signIn.wrong'));
        setInvalid(needsCode ? 'code' : 'credentials');
      } else {
        setError(errorText(err, t));
      }
    } finally {
      setBusy(false);
    }
  }

  async function requestReset(e: FormEvent) {
    e.preventDefault();
    if (!email.trim()) {
      setError(t('staff.signIn.missingEmail'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await staffApi.requestPasswordReset(tenant.slug, email.trim());
      setResetSent(true);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page staff-sign-in">
      <p className="eyebrow">{t('staff.title')} · {tenant.name}</p>
      <h1>{resetMode ? t('staff.signIn.resetTitle') : t('staff.signIn.title')}</h1>
      {reason === 'expired' && (
        <div className="notice" role="status">
          <p>{t('staff.signIn.expired')}</p>
        </div>
      )}
      {reason === 'signed-out' && (
        <div className="notice notice-success" role="status">
          <p>{t('staff.signIn.signedOut')}</p>
        </div>
      )}
      <div role="alert" ref={alertRef}>
        {error && (
          <div className="notice notice-error">
            <p>{error}</p>
          </div>
        )}
      </div>
      {resetMode ? (
        <form onSubmit={requestReset} noValidate>
          {resetSent ? (
            <div className="notice notice-success" role="status">
              <p>{t('staff.signIn.resetSent')}</p>
            </div>
          ) : (
            <>
              <Field label={t('staff.signIn.email')}>
                {(p) => <input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />}
              </Field>
              <button type="submit" className="button button-primary" disabled={busy}>
                {t('staff.signIn.resetSend')}
              </button>
            </>
          )}
          <p>
            <button type="button" className="button" onClick={() => { setResetMode(false); setResetSent(false); setError(null); }}>
              {t('staff.signIn.backToSignIn')}
            </button>
          </p>
        </form>
      ) : (
        <form onSubmit={submit} noValidate>
          <Field label={t('staff.signIn.email')}>
            {(p) => (
              <input
                {...p}
                aria-invalid={invalid === 'credentials' || undefined}
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                disabled={needsCode}
              />
            )}
          </Field>
          <Field label={t('staff.signIn.password')}>
            {(p) => (
              <input
                {...p}
                aria-invalid={invalid === 'credentials' || undefined}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                disabled={needsCode}
              />
            )}
          </Field>
          {needsCode && (
            <Field label={t('staff.signIn.code')} hint={t('staff.signIn.codeHint')}>
              {(p) => (
                <input
                  {...p}
                  ref={codeRef}
                  aria-invalid={invalid === 'code' || undefined}
                  type="text"
                  inputMode="numeric"
                  pattern="[0-9]{6}"
                  maxLength={6}
                  autoComplete="one-time-code"
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                />
              )}
            </Field>
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('staff.signIn.busy') : t('staff.signIn.submit')}
            </button>
            {needsCode && (
              <button type="button" className="button" onClick={() => { setNeedsCode(false); setCode(''); setError(null); }}>
                {t('staff.signIn.otherAccount')}
              </button>
            )}
          </div>
          <p>
            <button type="button" className="button" onClick={() => { setResetMode(true); setError(null); }}>
              {t('staff.signIn.forgot')}
            </button>
          </p>
        </form>
      )}
      <p>
        <Link to={paths.map(tenant.slug)}>{t('staff.toCitizenPages', { name: tenant.name })}</Link>
      </p>
    </div>
  );
}
