import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { errorText } from '../common/error-view';
import { useLocale } from '../i18n';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Follow a report by e-mail; the server sends a confirmation link first. */
export function FollowForm({ slug, reportId, initialEmail = '', compact = false }: { slug: string; reportId: string; initialEmail?: string; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [email, setEmail] = useState(initialEmail);
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'sending' | 'done'>('idle');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!EMAIL.test(email.trim())) {
      setError(t('validation.email'));
      document.getElementById(`${id}-email`)?.focus();
      return;
    }
    setError(null);
    setState('sending');
    try {
      await api.follow(slug, reportId, { email: email.trim(), locale });
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
        {t('follow.done')}
      </p>
    );
  }
  return (
    <form className={compact ? 'follow-form compact' : 'follow-form'} onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('follow.email')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('follow.hint')}
        </p>
        {error && (
          <p className="field-error" id={`${id}-error`}>
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
      <button type="submit" className="button button-primary" disabled={state === 'sending'}>
        {state === 'sending' ? t('follow.sending') : t('follow.submit')}
      </button>
    </form>
  );
}
