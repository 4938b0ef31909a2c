import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ReportStatus } from '../../api/types';
import { useDocumentTitle } from '../../common/document-title';
import { ErrorView, Loading } from '../../common/error-view';
import { useAsync } from '../../common/use-async';
import { formatCoordinate, formatDateTime, pick } from '../../format';
import { useLocale } from '../../i18n';
import { Link, paths } from '../../router';
import { type StaffReport, staffApi } from '../staff-api';
import { ALLOWED, optionName, REASON_REQUIRED, useLookups, useStaff } from '../staff-data';
import { ActionMessages, Checkbox, Field, StaffStatus, useAction } from '../ui';
import { PhotoModeration } from './photo-moderation';

/** A report for staff: facts, contact, routing, history with internal notes, and every action the role allows. */
export default function ReportDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug, tenant, can } = useStaff();
  const { data: report, error, reload } = useAsync((signal) => staffApi.report(slug, id, signal), [slug, id]);
  useDocumentTitle(report ? t('staff.report.number', { number: report.number }) : t('staff.report.title'), tenant.name);
  const tz = tenant.timeZone;
  // One h1 element in every state, so the focus the router puts on it survives loading.
  if (error || !report) {
    return (
      <div className="page page-wide staff-report">
        <p className="eyebrow">{t('staff.title')}</p>
        <h1>{t('staff.report.title')}</h1>
        {error ? <ErrorView error={error} onRetry={reload} /> : <Loading />}
        <p>
          <Link to={paths.staff(slug)}>{t('staff.report.backToInbox')}</Link>
        </p>
      </div>
    );
  }
  const dt = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso, locale, tz)}</time> : '–');
  return (
    <div className="page page-wide staff-report">
      <p className="eyebrow">{pick(report.category.name, locale)}</p>
      <h1>{t('staff.report.number', { number: report.number })}</h1>
      <p>
        <Link to={paths.staff(slug)}>{t('staff.report.backToInbox')}</Link>
      </p>
      <p className="report-status-line">
        <StaffStatus status={report.status} /> {report.overdue && <span className="tag tag-overdue">{t('staff.inbox.overdue')}</span>}
        {report.hidden && <span className="tag">{t('staff.inbox.hidden')}</span>}
      </p>
      <p>
        <Link to={paths.report(slug, report.id)}>{t('staff.report.publicPage')}</Link>
      </p>
      <div className="staff-columns">
        <div>
          <section aria-labelledby="facts-h">
            <h2 id="facts-h">{t('staff.report.facts')}</h2>
            <dl className="facts">
              <div>
                <dt>{t('staff.report.created')}</dt>
                <dd>{dt(report.createdAt)}</dd>
              </div>
              <div>
                <dt>{t('staff.report.due')}</dt>
                <dd>{dt(report.dueAt)}</dd>
              </div>
              <div>
                <dt>{t('staff.report.firstResponse')}</dt>
                <dd>{dt(report.firstResponseAt)}</dd>
              </div>
              {report.closedAt && (
                <div>
                  <dt>{t('staff.report.closed')}</dt>
                  <dd>{dt(report.closedAt)}</dd>
                </div>
              )}
              <div>
                <dt>{t('staff.report.place')}</dt>
                <dd>
                  {report.address && <span className="block">{report.address}</span>}
                  <span className="block">
                    {formatCoordinate(report.lat, locale)}, {formatCoordinate(report.lon, locale)}
                  </span>
                  {report.area && <span className="block">{report.area.name}</span>}
                </dd>
              </div>
              <div>
                <dt>{t('staff.report.department')}</dt>
                <dd>{report.department?.name ?? t('staff.inbox.noDepartment')}</dd>
              </div>
              <div>
                <dt>{t('staff.report.routing')}</dt>
                <dd>
                  {report.routing.reason ?? '–'}
                  {report.routing.routedAt && <span className="block cell-sub">{dt(report.routing.routedAt)}</span>}
                </dd>
              </div>
              <div>
                <dt>{t('staff.report.priority')}</dt>
                <dd>{t(`staff.priority.${report.priority}`, { defaultValue: String(report.priority) })}</dd>
              </div>
              <div>
                <dt>{t('staff.report.source')}</dt>
                <dd>{report.source}</dd>
              </div>
              <div>
                <dt>{t('staff.report.followers')}</dt>
                <dd>{report.followers}</dd>
              </div>
              {report.duplicateOf && (
                <div>
                  <dt>{t('staff.report.duplicateOf')}</dt>
                  <dd>
                    <Link to={paths.staff(slug, 'meldungen', report.duplicateOf)}>{t('staff.report.toOriginal')}</Link>
                  </dd>
                </div>
              )}
              {report.duplicates.length > 0 && (
                <div>
                  <dt>{t('staff.report.duplicates')}</dt>
                  <dd>
                    {report.duplicates.map((d) => (
                      <Link key={d.id} className="block" to={paths.staff(slug, 'meldungen', d.id)}>
                        {t('staff.report.number', { number: d.number })}
                      </Link>
                    ))}
                  </dd>
                </div>
              )}
              {report.forwardedTo && (
                <div>
                  <dt>{t('staff.report.forwardedTo')}</dt>
                  <dd>{report.forwardedTo.tenant}</dd>
                </div>
              )}
              {report.forwardedFrom && (
                <div>
                  <dt>{t('staff.report.forwardedFrom')}</dt>
                  <dd>{report.forwardedFrom.tenant}</dd>
                </div>
              )}
            </dl>
          </section>

          {report.contact !== undefined && (
            <section aria-labelledby="contact-h">
              <h2 id="contact-h">{t('staff.report.contact')}</h2>
              {report.contact.anonymizedAt ? (
                <p>{t('staff.report.anonymized', { date: formatDateTime(report.contact.anonymizedAt, locale, tz) })}</p>
              ) : report.contact.email || report.contact.name || report.contact.phone ? (
                <dl className="facts">
                  <div>
                    <dt>{t('staff.report.contactName')}</dt>
                    <dd>{report.contact.name ?? '–'}</dd>
                  </div>
                  <div>
                    <dt>{t('staff.report.contactEmail')}</dt>
                    <dd>{report.contact.email ? <a href={`mailto:${report.contact.email}`}>{report.contact.email}</a> : '–'}</dd>
                  </div>
                  <div>
                    <dt>{t('staff.report.contactPhone')}</dt>
                    <dd>{report.contact.phone ? <a href={`tel:${report.contact.phone}`}>{report.contact.phone}</a> : '–'}</dd>
                  </div>
                </dl>
              ) : (
                <p>{t('staff.report.anonymous')}</p>
              )}
            </section>
          )}

          <section aria-labelledby="desc-h">
            <h2 id="desc-h">{t('staff.report.description')}</h2>
            <p className="prewrap">{report.description || t('staff.report.noDescription')}</p>
            {report.descriptionOriginal && report.descriptionOriginal !== report.description && (
              <details>
                <summary>{t('staff.report.original')}</summary>
                <p className="prewrap">{report.descriptionOriginal}</p>
              </details>
            )}
            {report.attributes && Object.keys(report.attributes).length > 0 && (
              <dl className="facts">
                {Object.entries(report.attributes).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>

          {report.photos.length > 0 && <PhotoModeration report={report} onChanged={reload} />}

          <section aria-labelledby="history-h">
            <h2 id="history-h">{t('staff.report.history')}</h2>
            <ol className="timeline staff-history">
              {[...report.history]
                .sort((a, b) => a.at.localeCompare(b.at))
                .map((h) => (
                  <li key={h.id} className={h.internal ? 'history-internal' : undefined}>
                    <p className="timeline-head">
                      <strong>{t(`status.${h.status}`, { defaultValue: h.status })}</strong> {dt(h.at)} · {h.actor}
                      {h.internal && <span className="tag">{t('staff.report.internal')}</span>}
                    </p>
                    {h.note && <p className="timeline-note prewrap">{h.note}</p>}
                  </li>
                ))}
            </ol>
          </section>
        </div>
        <div>
          {can('reports.work') && <ReplyForm report={report} onDone={reload} />}
          {can('reports.work') && <NoteForm report={report} onDone={reload} />}
          {can('reports.work') && <PriorityForm report={report} onDone={reload} />}
          {can('reports.triage') && <RoutingForms report={report} onDone={reload} />}
          {can('reports.merge_forward') && <MergeForwardForms report={report} onDone={reload} />}
          {can('reports.moderate') && <ModerationForm report={report} onDone={reload} />}
        </div>
      </div>
    </div>
  );
}

type FormProps = { report: StaffReport; onDone: () => void };

function ReplyForm({ report, onDone }: FormProps) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const lookups = useLookups().data;
  const templates = lookups?.templates ?? [];
  const [templateId, setTemplateId] = useState('');
  const [status, setStatus] = useState<ReportStatus | ''>('');
  const [note, setNote] = useState('');
  const act = useAction();
  const allowed = ALLOWED[report.status] ?? [];
  const reasonNeeded = status !== '' && REASON_REQUIRED.has(status);
  const chooseTemplate = (value: string) => {
    setTemplateId(value);
    const template = templates.find((x) => x.id === value);
    if (template) {
      setNote(template.body);
      setStatus(template.status && allowed.includes(template.status) ? template.status : '');
    }
  };
  const submit = async () => {
    const result = await act.run(
      () => staffApi.respond(slug, report.id, { ...(status ? { status } : {}), ...(note.trim() ? { note: note.trim() } : {}), ...(templateId ? { templateId } : {}) }),
      t('staff.reply.done'),
    );
    if (result) {
      setNote('');
      setStatus('');
      setTemplateId('');
      onDone();
    }
  };
  return (
    <section aria-labelledby="reply-h" className="panel">
      <h2 id="reply-h">{t('staff.reply.title')}</h2>
      <p className="hint">{t('staff.reply.hint')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {templates.length > 0 && (
          <Field label={t('staff.reply.template')} hint={t('staff.reply.templateHint')}>
            {(p) => (
              <select {...p} value={templateId} onChange={(e) => chooseTemplate(e.target.value)}>
                <option value="">{t('staff.reply.noTemplate')}</option>
                {templates.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                    {x.status ? ` → ${t(`status.${x.status}`)}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('staff.reply.status')} error={act.fieldErrors.find((e) => e.field === 'status')?.message}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => setStatus(e.target.value as ReportStatus | '')}>
              <option value="">{t('staff.reply.keepStatus', { status: t(`status.${report.status}`) })}</option>
              {allowed.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                  {REASON_REQUIRED.has(s) ? ` (${t('staff.reply.needsReason')})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={reasonNeeded ? t('staff.reply.reason') : t('staff.reply.note')}
          hint={reasonNeeded ? t('staff.reply.reasonHint') : t('staff.reply.noteHint')}
          error={act.fieldErrors.find((e) => e.field === 'note')?.message}
        >
          {(p) => <textarea {...p} rows={5} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} aria-required={reasonNeeded || undefined} />}
        </Field>
        <button type="submit" className="button button-primary" disabled={act.busy || (!status && !note.trim())}>
          {t('staff.reply.submit')}
        </button>
        <ActionMessages error={act.error} done={act.done} />
      </form>
    </section>
  );
}

function NoteForm({ report, onDone }: FormProps) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const [note, setNote] = useState('');
  const act = useAction();
  return (
    <section aria-labelledby="note-h" className="panel">
      <h2 id="note-h">{t('staff.note.title')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(() => staffApi.note(slug, report.id, note.trim()), t('staff.note.done')).then((r) => {
            if (r) {
              setNote('');
              onDone();
            }
          });
        }}
      >
        <Field label={t('staff.note.label')} hint={t('staff.note.hint')} error={act.fieldErrors.find((e) => e.field === 'note')?.message}>
          {(p) => <textarea {...p} rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="submit" className="button" disabled={act.busy || !note.trim()}>
          {t('staff.note.submit')}
        </button>
        <ActionMessages error={act.error} done={act.done} />
      </form>
    </section>
  );
}

function PriorityForm({ report, onDone }: FormProps) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const [priority, setPriority] = useState(report.priority);
  const act = useAction();
  return (
    <section aria-labelledby="prio-h" className="panel">
      <h2 id="prio-h">{t('staff.report.priority')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(() => staffApi.priority(slug, report.id, priority), t('staff.form.saved')).then(() => onDone());
        }}
      >
        <Field label={t('staff.report.priority')}>
          {(p) => (
            <select {...p} value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
              {[1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {t(`staff.priority.${n}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button" disabled={act.busy || priority === report.priority}>
          {t('staff.form.save')}
        </button>
        <ActionMessages error={act.error} done={act.done} />
      </form>
    </section>
  );
}

function RoutingForms({ report, onDone }: FormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug } = useStaff();
  const lookups = useLookups().data;
  const [departmentId, setDepartmentId] = useState('');
  const [assignNote, setAssignNote] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [areaId, setAreaId] = useState('');
  const assign = useAction();
  const reroute = useAction();
  return (
    <section aria-labelledby="routing-h" className="panel">
      <h2 id="routing-h">{t('staff.routing.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void assign
            .run(() => staffApi.assign(slug, report.id, { departmentId, ...(assignNote.trim() ? { note: assignNote.trim() } : {}) }), t('staff.routing.assigned'))
            .then(() => onDone());
        }}
      >
        <h3>{t('staff.routing.assign')}</h3>
        <Field label={t('staff.routing.department')} error={assign.fieldErrors.find((e) => e.field === 'departmentId')?.message}>
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
        <Field label={t('staff.routing.note')} hint={t('staff.routing.noteHint')}>
          {(p) => <textarea {...p} rows={2} value={assignNote} onChange={(e) => setAssignNote(e.target.value)} />}
        </Field>
        <button type="submit" className="button" disabled={assign.busy || !departmentId}>
          {t('staff.routing.assignSubmit')}
        </button>
        <ActionMessages error={assign.error} done={assign.done} />
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void reroute
            .run(() => staffApi.reroute(slug, report.id, { ...(categoryId ? { categoryId } : {}), ...(areaId ? { areaId } : {}) }))
            .then((r) => {
              if (r) {
                reroute.setDone(t('staff.routing.rerouted', { reason: r.reason }));
                onDone();
              }
            });
        }}
      >
        <h3>{t('staff.routing.reroute')}</h3>
        <p className="hint">{t('staff.routing.rerouteHint')}</p>
        {(lookups?.categories.length ?? 0) > 0 ? (
          <Field label={t('staff.routing.category')} error={reroute.fieldErrors.find((e) => e.field === 'categoryId')?.message}>
            {(p) => (
              <select {...p} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
                <option value="">{t('staff.routing.unchanged', { value: pick(report.category.name, locale) })}</option>
                {lookups!.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {optionName(c, locale)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <p className="hint">{t('staff.routing.noCategories')}</p>
        )}
        <Field label={t('staff.routing.area')} error={reroute.fieldErrors.find((e) => e.field === 'areaId')?.message}>
          {(p) => (
            <select {...p} value={areaId} onChange={(e) => setAreaId(e.target.value)}>
              <option value="">{t('staff.routing.unchanged', { value: report.area?.name ?? '–' })}</option>
              {(lookups?.areas ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {optionName(a, locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button" disabled={reroute.busy || (!categoryId && !areaId)}>
          {t('staff.routing.rerouteSubmit')}
        </button>
        <ActionMessages error={reroute.error} done={reroute.done} />
      </form>
    </section>
  );
}

function MergeForwardForms({ report, onDone }: FormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug } = useStaff();
  // Candidates for "duplicate of": open reports of the same category (the API has no search by number).
  const candidates = useAsync(
    (signal) => staffApi.inbox(slug, { categoryId: report.category.id, status: 'received,in_review,in_progress', pageSize: 100, sort: '-created' }, signal),
    [slug, report.category.id],
  );
  const tenants = useAsync((signal) => api.tenants(signal), []);
  const [originalId, setOriginalId] = useState('');
  const [mergeNote, setMergeNote] = useState('');
  const [target, setTarget] = useState('');
  const [forwardNote, setForwardNote] = useState('');
  const merge = useAction();
  const forward = useAction();
  const others = (candidates.data?.items ?? []).filter((i) => i.id !== report.id);
  return (
    <section aria-labelledby="merge-h" className="panel">
      <h2 id="merge-h">{t('staff.merge.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void merge.run(() => staffApi.merge(slug, report.id, { originalId, ...(mergeNote.trim() ? { note: mergeNote.trim() } : {}) }), t('staff.merge.done')).then((r) => {
            if (r) onDone();
          });
        }}
      >
        <h3>{t('staff.merge.duplicate')}</h3>
        <Field label={t('staff.merge.original')} hint={t('staff.merge.originalHint')} error={merge.fieldErrors.find((e) => e.field === 'originalId')?.message}>
          {(p) => (
            <select {...p} value={originalId} onChange={(e) => setOriginalId(e.target.value)}>
              <option value="">{t('staff.form.choose')}</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {t('staff.report.number', { number: o.number })} – {o.address ?? pick(o.category.name, locale)} – {o.description.slice(0, 60)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('staff.merge.note')}>{(p) => <textarea {...p} rows={2} value={mergeNote} onChange={(e) => setMergeNote(e.target.value)} />}</Field>
        <button type="submit" className="button" disabled={merge.busy || !originalId}>
          {t('staff.merge.submit')}
        </button>
        <ActionMessages error={merge.error} done={merge.done} fieldErrors={merge.fieldErrors} />
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void forward
            .run(() => staffApi.forward(slug, report.id, { tenantSlug: target, ...(forwardNote.trim() ? { note: forwardNote.trim() } : {}) }))
            .then((r) => {
              if (r) {
                forward.setDone(t('staff.forward.done', { tenant: r.tenant, number: r.number }));
                onDone();
              }
            });
        }}
      >
        <h3>{t('staff.forward.title')}</h3>
        <Field label={t('staff.forward.target')} error={forward.fieldErrors.find((e) => e.field === 'tenantSlug')?.message}>
          {(p) => (
            <select {...p} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t('staff.form.choose')}</option>
              {(tenants.data ?? [])
                .filter((x) => x.slug !== slug)
                .map((x) => (
                  <option key={x.slug} value={x.slug}>
                    {x.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('staff.forward.note')}>{(p) => <textarea {...p} rows={2} value={forwardNote} onChange={(e) => setForwardNote(e.target.value)} />}</Field>
        <button type="submit" className="button" disabled={forward.busy || !target || !report.isOpen}>
          {t('staff.forward.submit')}
        </button>
        <ActionMessages error={forward.error} done={forward.done} fieldErrors={forward.fieldErrors} />
      </form>
    </section>
  );
}

function ModerationForm({ report, onDone }: FormProps) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const [description, setDescription] = useState(report.description ?? '');
  const [hideText, setHideText] = useState(false);
  const [reason, setReason] = useState('');
  const [visibilityReason, setVisibilityReason] = useState('');
  const text = useAction();
  const visibility = useAction();
  return (
    <section aria-labelledby="moderation-h" className="panel">
      <h2 id="moderation-h">{t('staff.moderation.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void text
            .run(() => staffApi.description(slug, report.id, { description: hideText ? null : description, ...(reason.trim() ? { reason: reason.trim() } : {}) }), t('staff.form.saved'))
            .then(() => onDone());
        }}
      >
        <h3>{t('staff.moderation.text')}</h3>
        <Field label={t('staff.moderation.description')} error={text.fieldErrors.find((e) => e.field === 'description')?.message}>
          {(p) => <textarea {...p} rows={4} maxLength={4000} value={description} disabled={hideText} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Checkbox label={t('staff.moderation.hideText')} checked={hideText} onChange={setHideText} />
        <Field label={t('staff.moderation.reason')}>{(p) => <input {...p} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
        <button type="submit" className="button" disabled={text.busy}>
          {t('staff.moderation.saveText')}
        </button>
        <ActionMessages error={text.error} done={text.done} />
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void visibility
            .run(() => staffApi.visibility(slug, report.id, { hidden: !report.hidden, ...(visibilityReason.trim() ? { reason: visibilityReason.trim() } : {}) }), t('staff.form.saved'))
            .then(() => onDone());
        }}
      >
        <h3>{t('staff.moderation.visibility')}</h3>
        <p>{report.hidden ? t('staff.moderation.isHidden') : t('staff.moderation.isVisible')}</p>
        <Field label={t('staff.moderation.reason')}>
          {(p) => <input {...p} type="text" value={visibilityReason} onChange={(e) => setVisibilityReason(e.target.value)} />}
        </Field>
        <button type="submit" className="button" disabled={visibility.busy}>
          {report.hidden ? t('staff.moderation.show') : t('staff.moderation.hide')}
        </button>
        <ActionMessages error={visibility.error} done={visibility.done} />
      </form>
    </section>
  );
}
