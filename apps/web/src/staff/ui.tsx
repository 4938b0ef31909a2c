// Small building blocks of the staff pages: fields with API field errors, a submit helper.
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { FieldError } from '../api/types';
import { errorText } from '../common/error-view';
import { OPEN_STATUSES } from './staff-data';

/** Moves focus to the page's visible h1 once it is rendered (after a change without navigation, e.g. sign-in). */
export function focusHeading(): void {
  let tries = 0;
  const timer = window.setInterval(() => {
    const h1 = [...document.querySelectorAll<HTMLElement>('#main h1')].find((h) => h.getClientRects().length > 0);
    if (h1 || ++tries > 60) {
      window.clearInterval(timer);
      if (h1) {
        if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
        h1.focus();
      }
    }
  }, 50);
}

/** The API's field error for a field (exact path, or a path below it like `name.de`). */
export function fieldError(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))?.message;
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean | undefined; 'aria-describedby': string | undefined }) => ReactNode;
  className?: string;
}

/** A labelled control with an optional hint and an error linked by aria-describedby. */
export function Field({ label, error, hint, children, className }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
    </div>
  );
}

export function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="field check-field">
      <label className="check">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    </div>
  );
}

/** Runs an API action: busy flag, the error message, field errors and a success message (role=status). */
export function useAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  async function run<T>(action: () => Promise<T>, success?: string): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    setDone(null);
    setFieldErrors([]);
    try {
      const result = await action();
      if (success) setDone(success);
      return result;
    } catch (e) {
      setFieldErrors(e instanceof ApiError ? e.fieldErrors : []);
      setError(e instanceof ApiError && e.status === 403 && e.code === 'csrf' ? t('staff.error.csrf') : errorText(e, t));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, fieldErrors, done, run, setDone };
}

/** Error and success messages of a form: the error is an alert, success a polite status. */
export function ActionMessages({ error, done, fieldErrors = [] }: { error: string | null; done: string | null; fieldErrors?: FieldError[] }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="alert" className="alert-slot">
        {error && (
          <div className="notice notice-error">
            <p>{error}</p>
            {fieldErrors.length > 0 && (
              <>
                <p>{t('staff.form.fieldErrors')}</p>
                <ul>
                  {fieldErrors.map((e, i) => (
                    <li key={`${e.field}-${i}`}>
                      <code>{e.field}</code>: {e.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
      <div role="status" className="status-slot">
        {done && (
          <div className="notice notice-success">
            <p>{done}</p>
          </div>
        )}
      </div>
    </>
  );
}

/** Status as text with a glyph (open "!", closed "✓"), as on the citizen pages. */
export function StaffStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  const open = (OPEN_STATUSES as readonly string[]).includes(status);
  return (
    <span className={`status-badge status-${open ? 'open' : 'closed'}`}>
      <span className="status-glyph" aria-hidden="true">
        {open ? '!' : '✓'}
      </span>
      {t(`status.${status}`, { defaultValue: status })}
    </span>
  );
}
