import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Tenant } from '../../api/types';
import { useDocumentTitle } from '../../common/document-title';
import { errorText } from '../../common/error-view';
import { Link, paths, useLocation } from '../../router';
import { staffApi } from '../staff-api';
import { Field, fieldError } from '../ui';

/** The target of the set/reset link (/{slug}/verwaltung/passwort?token=…): choose a password, then sign in. */
export function PasswordPage({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  useDocumentTitle(t('staff.password.title'), tenant.name);
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ field: string; code: string; message: string }[]>([]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setErrors([]);
    if (password.length < 12) {
      setErrors([{ field: 'password', code: 'short', message: t('staff.password.tooShort') }]);
      return;
    }
    if (password !== repeat) {
      setErrors([{ field: 'repeat', code: 'mismatch', message: t('staff.password.mismatch') }]);
      return;
    }
    setBusy(true);
    try {
      await staffApi.setPassword(tenant.slug, { token, password });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) setErrors(err.fieldErrors);
      else setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const tokenError = fieldError(errors, 'token');
  return (
    <div className="page staff-sign-in">
      <p className="eyebrow">
        {t('staff.title')} · {tenant.name}
      </p>
      <h1>{t('staff.password.title')}</h1>
      <div role="alert">
        {(error || tokenError || !token) && (
          <div className="notice notice-error">
            <p>{error ?? tokenError ?? t('staff.password.noToken')}</p>
          </div>
        )}
      </div>
      {done ? (
        <div className="notice notice-success" role="status">
          <p>{t('staff.password.done')}</p>
          <p>
            <Link to={paths.staff(tenant.slug)}>{t('staff.password.toSignIn')}</Link>
          </p>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="hint">{t('staff.password.rules')}</p>
          <Field label={t('staff.password.new')} error={fieldError(errors, 'password')}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <Field label={t('staff.password.repeat')} error={fieldError(errors, 'repeat')}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
          </Field>
          <button type="submit" className="button button-primary" disabled={busy || !token}>
            {t('staff.password.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
