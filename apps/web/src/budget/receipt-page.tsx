import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tenant } from '../api/types';
import { useDocumentTitle } from '../common/document-title';
import { errorText } from '../common/error-view';
import { Link, navigate, useLocation } from '../router';
import { budgetApi } from './api';
import { useAsync } from '../common/use-async';
import { budgetPaths } from './routes';

const RECEIPT = /^[0-9A-Fa-f-]{32,40}$/;

/** Is the ballot with this receipt counted? The answer says nothing about its content. */
export default function ReceiptPage({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  useDocumentTitle(t('budget.receipt.title'), tenant.name);
  const { search } = useLocation();
  const code = (search.get('code') ?? '').trim();
  const [input, setInput] = useState(code);
  const [error, setError] = useState<string | null>(null);
  const valid = RECEIPT.test(code);
  const { data, error: loadError } = useAsync((signal) => (valid ? budgetApi.receipt(tenant.slug, code, signal) : Promise.resolve(null)), [tenant.slug, code]);
  const check = (e: FormEvent) => {
    e.preventDefault();
    const c = input.replace(/\s+/g, '');
    if (!RECEIPT.test(c)) {
      setError(t('budget.receipt.invalid'));
      document.getElementById('bh-receipt')?.focus();
      return;
    }
    setError(null);
    navigate(budgetPaths.receipt(tenant.slug, c), { replace: true });
  };
  return (
    <div className="page">
      <h1>{t('budget.receipt.heading')}</h1>
      <p className="lead">{t('budget.receipt.lead')}</p>
      <form onSubmit={check} noValidate>
        <div className="field">
          <label htmlFor="bh-receipt">{t('budget.receipt.code')}</label>
          {error && (
            <p className="field-error" id="bh-receipt-error">
              <span aria-hidden="true">⚠ </span>
              {error}
            </p>
          )}
          <input id="bh-receipt" type="text" spellCheck={false} value={input} onChange={(e) => setInput(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'bh-receipt-error' : undefined} />
        </div>
        <button type="submit" className="button button-primary">
          {t('budget.receipt.check')}
        </button>
      </form>
      <div aria-live="polite" aria-atomic="true">
        {valid && loadError ? <p className="notice notice-error">{errorText(loadError, t)}</p> : null}
        {valid && data && (
          <div className={data.counted ? 'notice notice-success' : 'notice notice-error'}>
            <p>
              <strong>{data.counted ? t('budget.receipt.counted', { name: data.budget?.name ?? '' }) : t('budget.receipt.notCounted')}</strong>
            </p>
            {data.counted && data.budget && (
              <p>
                <Link to={budgetPaths.cycle(tenant.slug, data.budget.cycleId)}>{t('budget.receipt.toCycle')}</Link>
              </p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
