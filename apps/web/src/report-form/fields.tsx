import { forwardRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldDomId } from './validation';

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** aria attributes linking an input with its hint and error. */
export function describedBy(id: string, opts: { hint?: boolean; error?: string; extra?: string }) {
  const ids = [opts.hint ? `${id}-hint` : '', opts.error ? `${id}-error` : '', opts.extra ?? ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': opts.error ? true : undefined } as const;
}

export function RequiredMark({ required }: { required: boolean }) {
  const { t } = useTranslation();
  return <span className="field-flag">{required ? t('form.required') : t('form.optional')}</span>;
}

export function focusField(field: string): void {
  const el = document.getElementById(fieldDomId(field));
  if (!el) return;
  const target = el.matches('input,select,textarea,button,[tabindex]') ? el : el.querySelector<HTMLElement>('input,select,textarea,button');
  (target ?? el).focus();
}

/** GOV.UK-style summary: the list of problems, each linking to its field. */
export const ErrorSummary = forwardRef<HTMLDivElement, { errors: Record<string, string>; order?: string[]; children?: ReactNode }>(
  function ErrorSummary({ errors, order, children }, ref) {
    const { t } = useTranslation();
    const keys = Object.keys(errors).sort((a, b) => (order ? order.indexOf(a) - order.indexOf(b) : 0));
    if (!keys.length && !children) return null;
    return (
      <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
        <h3 id="error-summary-title">{t('form.errorSummary')}</h3>
        {children}
        <ul>
          {keys.map((k) => (
            <li key={k}>
              <a
                href={`#${fieldDomId(k)}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusField(k);
                }}
              >
                {errors[k]}
              </a>
            </li>
          ))}
        </ul>
      </div>
    );
  },
);
