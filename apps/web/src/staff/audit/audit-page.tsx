import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../common/document-title';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n';
import type { Query } from '../../api/client';
import { type AuditEntry, staffApi, staffBase } from '../staff-api';
import { queryString, useStaff } from '../staff-data';
import { Field, useAction } from '../ui';

type Filter = { action: string; targetId: string; from: string; to: string };
const EMPTY: Filter = { action: '', targetId: '', from: '', to: '' };

function toQuery(f: Filter): Query {
  return { action: f.action.trim() || null, targetId: f.targetId.trim() || null, from: f.from || null, to: f.to || null };
}

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/** The audit log, newest first, with filters, keyset paging ("older entries") and the CSV export. */
export default function AuditPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug, tenant } = useStaff();
  useDocumentTitle(t('staff.audit.title'), tenant.name);
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const act = useAction();

  const load = async (f: Filter, beforeId?: string) => {
    const page = await act.run(() => staffApi.audit(slug, { ...toQuery(f), limit: 50, beforeId: beforeId ?? null }));
    if (page) {
      setItems((old) => (beforeId && old ? [...old, ...page.items] : page.items));
      setNext(page.nextBeforeId);
    }
  };
  useEffect(() => {
    void load(EMPTY);
    // Loads the newest entries once; later loads come from the filter form and paging.
  }, [slug]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
    void load(draft);
  };
  return (
    <div className="page page-wide">
      <h1>{t('staff.audit.title')}</h1>
      <form className="filters staff-filters" onSubmit={submit} aria-label={t('staff.audit.filters')}>
        <Field label={t('staff.audit.action')} hint={t('staff.audit.actionHint')}>
          {(p) => <input {...p} type="text" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />}
        </Field>
        <Field label={t('staff.audit.target')}>{(p) => <input {...p} type="text" value={draft.targetId} onChange={(e) => setDraft({ ...draft, targetId: e.target.value })} />}</Field>
        <Field label={t('staff.audit.from')}>{(p) => <input {...p} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}</Field>
        <Field label={t('staff.audit.to')}>{(p) => <input {...p} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}</Field>
        <div className="field">
          <button type="submit" className="button button-primary">
            {t('staff.audit.apply')}
          </button>
        </div>
      </form>
      <p>
        <a className="button" href={`${staffBase(slug)}/audit/export.csv${queryString(toQuery(filter))}`} download>
          {t('staff.audit.export')}
        </a>
      </p>
      <div role="alert">
        {act.error && (
          <div className="notice notice-error">
            <p>{act.error}</p>
          </div>
        )}
      </div>
      <p role="status">{items ? t('staff.audit.count', { count: items.length }) : t('app.loading')}</p>
      {items && items.length > 0 && (
        <div className="table-scroll" role="region" tabIndex={0} aria-label={t('staff.audit.title')}>
          <table className="staff-table audit-table">
            <caption>{t('staff.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.audit.at')}</th>
                <th scope="col">{t('staff.audit.actor')}</th>
                <th scope="col">{t('staff.audit.action')}</th>
                <th scope="col">{t('staff.audit.target')}</th>
                <th scope="col">{t('staff.audit.change')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{formatDateTime(entry.at, locale, tenant.timeZone)}</time>
                  </td>
                  <td>{entry.actor}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.targetType ?? ''} <span className="cell-sub">{entry.targetId ?? ''}</span>
                  </td>
                  <td className="audit-change">
                    {entry.before !== null && entry.before !== undefined && (
                      <span className="block">
                        {t('staff.audit.before')}: <code>{json(entry.before)}</code>
                      </span>
                    )}
                    {entry.after !== null && entry.after !== undefined && (
                      <span className="block">
                        {t('staff.audit.after')}: <code>{json(entry.after)}</code>
                      </span>
                    )}
                    {entry.detail && Object.keys(entry.detail).length > 0 && <span className="block cell-sub">{json(entry.detail)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="button" disabled={act.busy} onClick={() => void load(filter, next)}>
          {t('staff.audit.older')}
        </button>
      )}
    </div>
  );
}
