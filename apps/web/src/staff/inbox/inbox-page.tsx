import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../api/types';
import { useDocumentTitle } from '../../common/document-title';
import { ErrorView, Loading } from '../../common/error-view';
import { useAsync } from '../../common/use-async';
import { formatDate, formatDateTime, formatNumber, pick } from '../../format';
import { useLocale } from '../../i18n';
import { Link, navigate, paths, useLocation } from '../../router';
import { staffApi } from '../staff-api';
import { filterQuery, filterSearch, optionName, SORTS, useLookups, useStaff } from '../staff-data';
import { ActionMessages, Field, StaffStatus, useAction } from '../ui';
import { ExportLinks } from './export-links';
import { InboxFilters } from './inbox-filters';

const PAGE_SIZE = 25;

/** The inbox: filters, sorting and paging in the URL; bulk status change or assignment for triage. */
export default function InboxPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug, tenant, can, session } = useStaff();
  const { search } = useLocation();
  useDocumentTitle(t('staff.inbox.title'), tenant.name);
  const sort = (SORTS as readonly string[]).includes(search.get('sort') ?? '') ? search.get('sort')! : '-created';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const key = search.toString();
  const inbox = useAsync((signal) => staffApi.inbox(slug, { ...filterQuery(search), sort, page, pageSize: PAGE_SIZE }, signal), [slug, key]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const base = paths.staff(slug);
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const qs = next.toString();
    navigate(qs ? `${base}?${qs}` : base);
  };
  const sortId = useId();
  const data = inbox.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const items = data?.items ?? [];
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  const mapLink = `${paths.staff(slug, 'karte')}${filterSearch(search).toString() ? `?${filterSearch(search)}` : ''}`;
  const scope = session.user.role === 'department' ? t('staff.inbox.scopeDepartments') : null;

  return (
    <div className="page page-wide">
      <h1>{t('staff.inbox.title')}</h1>
      {scope && <p className="lead">{scope}</p>}
      <InboxFilters path={base} />
      <div className="button-row">
        <div className="field inline-field">
          <label htmlFor={sortId}>{t('staff.inbox.sort')}</label>
          <select id={sortId} value={sort} onChange={(e) => go({ sort: e.target.value === '-created' ? null : e.target.value, page: null })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`staff.sort.${s.replace('-', 'desc_')}`)}
              </option>
            ))}
          </select>
        </div>
        <Link to={mapLink} className="button">
          {t('staff.inbox.showMap')}
        </Link>
        {can('reports.export') && <ExportLinks search={search} />}
      </div>
      <p role="status" className="list-status">
        {data ? t('staff.inbox.count', { count: data.total, formatted: formatNumber(data.total, locale) }) : inbox.loading ? t('app.loading') : ''}
      </p>
      {inbox.error ? <ErrorView error={inbox.error} onRetry={inbox.reload} /> : null}
      {!data && !inbox.error && <Loading />}
      {data && items.length > 0 && (
        <>
          {can('reports.triage') && (
            <BulkActions
              ids={[...selected]}
              onDone={() => {
                setSelected(new Set());
                inbox.reload();
              }}
            />
          )}
          <div className="table-scroll" role="region" aria-labelledby={`${sortId}-caption`} tabIndex={0}>
            <table className="staff-table">
              <caption id={`${sortId}-caption`}>{t('staff.inbox.caption', { page, pages })}</caption>
              <thead>
                <tr>
                  {can('reports.triage') && (
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label={t('staff.inbox.selectAll')}
                        checked={allSelected}
                        onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())}
                      />
                    </th>
                  )}
                  <th scope="col">{t('staff.inbox.col.number')}</th>
                  <th scope="col">{t('staff.inbox.col.category')}</th>
                  <th scope="col">{t('staff.inbox.col.status')}</th>
                  <th scope="col">{t('staff.inbox.col.department')}</th>
                  <th scope="col">{t('staff.inbox.col.created')}</th>
                  <th scope="col">{t('staff.inbox.col.due')}</th>
                  <th scope="col">{t('staff.inbox.col.priority')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} className={item.overdue ? 'row-overdue' : undefined}>
                    {can('reports.triage') && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('staff.inbox.select', { number: item.number })}
                          checked={selected.has(item.id)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.target.checked) next.add(item.id);
                            else next.delete(item.id);
                            setSelected(next);
                          }}
                        />
                      </td>
                    )}
                    <td>
                      <Link to={paths.staff(slug, 'meldungen', item.id)}>{t('staff.report.number', { number: item.number })}</Link>
                      {item.hidden && <span className="tag">{t('staff.inbox.hidden')}</span>}
                    </td>
                    <td>
                      {pick(item.category.name, locale)}
                      <span className="cell-sub">{item.address ?? item.area?.name ?? ''}</span>
                    </td>
                    <td>
                      <StaffStatus status={item.status} />
                    </td>
                    <td>{item.department?.name ?? t('staff.inbox.noDepartment')}</td>
                    <td>
                      <time dateTime={item.createdAt}>{formatDate(item.createdAt, locale, tenant.timeZone)}</time>
                    </td>
                    <td>
                      {item.dueAt ? <time dateTime={item.dueAt}>{formatDateTime(item.dueAt, locale, tenant.timeZone)}</time> : '–'}
                      {item.overdue && <span className="tag tag-overdue">{t('staff.inbox.overdue')}</span>}
                    </td>
                    <td>{t(`staff.priority.${item.priority}`, { defaultValue: String(item.priority) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('staff.inbox.pages')}>
            {page > 1 ? (
              <button type="button" className="button" onClick={() => go({ page: page > 2 ? String(page - 1) : null })}>
                {t('staff.inbox.prev')}
              </button>
            ) : (
              <span />
            )}
            <span>{t('staff.inbox.pageOf', { page, pages })}</span>
            {page < pages ? (
              <button type="button" className="button" onClick={() => go({ page: String(page + 1) })}>
                {t('staff.inbox.next')}
              </button>
            ) : (
              <span />
            )}
          </nav>
        </>
      )}
      {data && items.length === 0 && <p>{t('staff.inbox.empty')}</p>}
    </div>
  );
}

function BulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug } = useStaff();
  const lookups = useLookups().data;
  const [action, setAction] = useState<'status' | 'assign'>('status');
  const [status, setStatus] = useState<ReportStatus>('in_progress');
  const [departmentId, setDepartmentId] = useState('');
  const [note, setNote] = useState('');
  const act = useAction();
  const apply = async () => {
    const result = await act.run(() =>
      staffApi.bulk(slug, {
        ids,
        action,
        ...(action === 'status' ? { status } : { departmentId }),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
    if (result) {
      const ok = result.results.filter((r) => r.ok).length;
      act.setDone(t('staff.bulk.result', { ok, failed: result.results.length - ok }));
      setNote('');
      onDone();
    }
  };
  return (
    <details className="bulk">
      <summary>{t('staff.bulk.title', { count: ids.length })}</summary>
      <div className="bulk-body">
        <Field label={t('staff.bulk.action')}>
          {(p) => (
            <select {...p} value={action} onChange={(e) => setAction(e.target.value as 'status' | 'assign')}>
              <option value="status">{t('staff.bulk.setStatus')}</option>
              <option value="assign">{t('staff.bulk.assign')}</option>
            </select>
          )}
        </Field>
        {action === 'status' ? (
          <Field label={t('staff.bulk.newStatus')}>
            {(p) => (
              <select {...p} value={status} onChange={(e) => setStatus(e.target.value as ReportStatus)}>
                {(['in_review', 'in_progress', 'fixed', 'closed_not_fixed', 'rejected'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field label={t('staff.bulk.department')}>
            {(p) => (
              <select {...p} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
                <option value="">{t('staff.form.choose')}</option>
                {(lookups?.departments ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {optionName(d, locale)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('staff.bulk.note')} hint={t('staff.bulk.noteHint')}>
          {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="button" className="button button-primary" disabled={act.busy || ids.length === 0 || (action === 'assign' && !departmentId)} onClick={() => void apply()}>
          {t('staff.bulk.apply', { count: ids.length })}
        </button>
        <ActionMessages error={act.error} done={act.done} fieldErrors={act.fieldErrors} />
      </div>
    </details>
  );
}
