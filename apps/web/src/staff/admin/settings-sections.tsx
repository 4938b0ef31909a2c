import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_STATUSES, type ReportStatus } from '../../api/types';
import { ErrorView, Loading } from '../../common/error-view';
import { useAsync } from '../../common/use-async';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n';
import { type ReplyTemplate, type Retention, STAFF_ROLES, type StaffRole, staffApi } from '../staff-api';
import { invalidateLookups, useStaff } from '../staff-data';
import { ActionMessages, Checkbox, Field, fieldError, useAction } from '../ui';

export function TemplatesSection() {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const list = useAsync((signal) => staffApi.templates(slug, signal), [slug]);
  const [editing, setEditing] = useState<ReplyTemplate | 'new' | null>(null);
  const remove = useAction();
  if (list.error) return <ErrorView error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const changed = () => {
    invalidateLookups();
    list.reload();
  };
  return (
    <>
      <button type="button" className="button" onClick={() => setEditing('new')}>
        {t('staff.admin.templates.new')}
      </button>
      {editing && (
        <TemplateForm
          key={editing === 'new' ? 'new' : editing.id}
          template={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            changed();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ActionMessages error={remove.error} done={remove.done} />
      <ul className="admin-list">
        {list.data.map((tpl) => (
          <li key={tpl.id}>
            <strong>{tpl.name}</strong> {tpl.status && <span className="tag">→ {t(`status.${tpl.status}`)}</span>}
            {!tpl.active && <span className="tag">{t('staff.admin.inactive')}</span>}
            <p className="prewrap cell-sub">{tpl.body}</p>
            <div className="button-row">
              <button type="button" className="button button-small" onClick={() => setEditing(tpl)}>
                {t('staff.admin.edit')} <span className="visually-hidden">{tpl.name}</span>
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={remove.busy}
                onClick={() => void remove.run(() => staffApi.deleteTemplate(slug, tpl.id), t('staff.admin.templates.removed')).then(changed)}
              >
                {t('staff.admin.remove')} <span className="visually-hidden">{tpl.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function TemplateForm({ template, onDone, onCancel }: { template: ReplyTemplate | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const [draft, setDraft] = useState({ name: template?.name ?? '', body: template?.body ?? '', status: template?.status ?? null, active: template?.active ?? true });
  const act = useAction();
  const err = (f: string) => fieldError(act.fieldErrors, f);
  return (
    <form
      className="panel admin-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(async () => {
            if (template) await staffApi.updateTemplate(slug, template.id, draft);
            else await staffApi.createTemplate(slug, draft);
            return true;
          })
          .then((ok) => ok && onDone());
      }}
    >
      <h2>{template ? t('staff.admin.templates.edit', { name: template.name }) : t('staff.admin.templates.new')}</h2>
      <Field label={t('staff.admin.templates.name')} error={err('name')}>
        {(p) => <input {...p} type="text" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </Field>
      <Field label={t('staff.admin.templates.body')} error={err('body')}>
        {(p) => <textarea {...p} rows={5} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />}
      </Field>
      <Field label={t('staff.admin.templates.status')} error={err('status')}>
        {(p) => (
          <select {...p} value={draft.status ?? ''} onChange={(e) => setDraft({ ...draft, status: (e.target.value || null) as ReportStatus | null })}>
            <option value="">{t('staff.admin.templates.noStatus')}</option>
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Checkbox label={t('staff.admin.active')} checked={draft.active} onChange={(active) => setDraft({ ...draft, active })} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={act.busy}>
          {t('staff.form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('staff.form.cancel')}
        </button>
      </div>
      <ActionMessages error={act.error} done={act.done} fieldErrors={act.fieldErrors} />
    </form>
  );
}

export function RetentionSection() {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const current = useAsync((signal) => staffApi.retention(slug, signal), [slug]);
  const [draft, setDraft] = useState<Retention | null>(null);
  const act = useAction();
  useEffect(() => {
    if (current.data) setDraft(current.data);
  }, [current.data]);
  if (current.error) return <ErrorView error={current.error} onRetry={current.reload} />;
  if (!draft) return <Loading />;
  return (
    <form
      className="admin-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(() => staffApi.setRetention(slug, draft), t('staff.form.saved'));
      }}
    >
      <Field label={t('staff.admin.retention.days')} hint={t('staff.admin.retention.daysHint')} error={fieldError(act.fieldErrors, 'contactRetentionDaysAfterClose')}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={1}
            max={3650}
            value={draft.contactRetentionDaysAfterClose}
            onChange={(e) => setDraft({ ...draft, contactRetentionDaysAfterClose: Number(e.target.value) })}
          />
        )}
      </Field>
      <Field label={t('staff.admin.retention.hours')} hint={t('staff.admin.retention.hoursHint')} error={fieldError(act.fieldErrors, 'unconfirmedExpiryHours')}>
        {(p) => (
          <input {...p} type="number" min={1} max={720} value={draft.unconfirmedExpiryHours} onChange={(e) => setDraft({ ...draft, unconfirmedExpiryHours: Number(e.target.value) })} />
        )}
      </Field>
      <button type="submit" className="button button-primary" disabled={act.busy}>
        {t('staff.form.save')}
      </button>
      <ActionMessages error={act.error} done={act.done} />
    </form>
  );
}

export function ApiKeysSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug, tenant } = useStaff();
  const list = useAsync((signal) => staffApi.apiKeys(slug, signal), [slug]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const act = useAction();
  const revoke = useAction();
  return (
    <>
      {list.error ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {created && (
        <div className="notice notice-success" role="status">
          <p>{t('staff.admin.apiKeys.created', { name: created.name })}</p>
          <p>
            <code className="api-key">{created.key}</code>
          </p>
        </div>
      )}
      {list.data ? (
        <ul className="admin-list">
          {list.data.map((k) => (
            <li key={k.id}>
              <strong>{k.name}</strong>{' '}
              <span className="cell-sub">
                {t('staff.admin.apiKeys.since', { date: formatDateTime(k.createdAt, locale, tenant.timeZone) })}
                {k.revokedAt ? ` · ${t('staff.admin.apiKeys.revokedAt', { date: formatDateTime(k.revokedAt, locale, tenant.timeZone) })}` : ''}
              </span>{' '}
              {!k.revokedAt && (
                <button
                  type="button"
                  className="button button-small"
                  disabled={revoke.busy}
                  onClick={() => void revoke.run(() => staffApi.revokeApiKey(slug, k.id), t('staff.admin.apiKeys.revoked')).then(() => list.reload())}
                >
                  {t('staff.admin.apiKeys.revoke')} <span className="visually-hidden">{k.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        !list.error && <Loading />
      )}
      <ActionMessages error={revoke.error} done={revoke.done} />
      <form
        className="panel admin-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(() => staffApi.createApiKey(slug, name)).then((r) => {
            if (r) {
              setCreated(r);
              setName('');
              list.reload();
            }
          });
        }}
      >
        <h2>{t('staff.admin.apiKeys.new')}</h2>
        <Field label={t('staff.admin.apiKeys.name')} hint={t('staff.admin.apiKeys.hint')} error={fieldError(act.fieldErrors, 'name')}>
          {(p) => <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" className="button button-primary" disabled={act.busy}>
          {t('staff.admin.apiKeys.create')}
        </button>
        <ActionMessages error={act.error} done={act.done} />
      </form>
    </>
  );
}

export function SsoSection() {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const current = useAsync((signal) => staffApi.sso(slug, signal), [slug]);
  const [draft, setDraft] = useState({ enabled: false, issuer: '', clientId: '', clientSecret: '', roleClaim: 'roles', mapping: '' });
  const [redirectUri, setRedirectUri] = useState<string | null>(null);
  const act = useAction();
  useEffect(() => {
    const s = current.data;
    if (s) setDraft({ enabled: s.enabled, issuer: s.issuer, clientId: s.clientId, clientSecret: '', roleClaim: s.roleClaim, mapping: Object.entries(s.roleMapping ?? {}).map(([k, v]) => `${k}=${v}`).join('\n') });
  }, [current.data]);
  if (current.error) return <ErrorView error={current.error} onRetry={current.reload} />;
  if (current.loading && current.data === undefined) return <Loading />;
  const mapping = () =>
    Object.fromEntries(
      draft.mapping
        .split('\n')
        .map((line) => line.split('='))
        .filter((parts) => parts.length === 2 && parts[0].trim())
        .map(([k, v]) => [k.trim(), v.trim() as StaffRole]),
    );
  const err = (f: string) => fieldError(act.fieldErrors, f);
  return (
    <form
      className="admin-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(() =>
            staffApi.saveSso(slug, {
              enabled: draft.enabled,
              issuer: draft.issuer,
              clientId: draft.clientId,
              ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
              roleClaim: draft.roleClaim,
              roleMapping: mapping(),
            }),
          )
          .then((r) => {
            if (r) {
              setRedirectUri(r.redirectUri);
              act.setDone(t('staff.form.saved'));
            }
          });
      }}
    >
      <p className="hint">{t('staff.admin.sso.hint')}</p>
      <Checkbox label={t('staff.admin.sso.enabled')} checked={draft.enabled} onChange={(enabled) => setDraft({ ...draft, enabled })} />
      <Field label={t('staff.admin.sso.issuer')} error={err('issuer')}>
        {(p) => <input {...p} type="url" value={draft.issuer} onChange={(e) => setDraft({ ...draft, issuer: e.target.value })} />}
      </Field>
      <Field label={t('staff.admin.sso.clientId')} error={err('clientId')}>
        {(p) => <input {...p} type="text" value={draft.clientId} onChange={(e) => setDraft({ ...draft, clientId: e.target.value })} />}
      </Field>
      <Field label={t('staff.admin.sso.clientSecret')} hint={t('staff.admin.sso.secretHint')} error={err('clientSecret')}>
        {(p) => <input {...p} type="password" autoComplete="off" value={draft.clientSecret} onChange={(e) => setDraft({ ...draft, clientSecret: e.target.value })} />}
      </Field>
      <Field label={t('staff.admin.sso.roleClaim')} error={err('roleClaim')}>
        {(p) => <input {...p} type="text" value={draft.roleClaim} onChange={(e) => setDraft({ ...draft, roleClaim: e.target.value })} />}
      </Field>
      <Field label={t('staff.admin.sso.mapping')} hint={t('staff.admin.sso.mappingHint', { roles: STAFF_ROLES.join(', ') })} error={err('roleMapping')}>
        {(p) => <textarea {...p} className="code-input" rows={4} value={draft.mapping} onChange={(e) => setDraft({ ...draft, mapping: e.target.value })} />}
      </Field>
      <button type="submit" className="button button-primary" disabled={act.busy}>
        {t('staff.form.save')}
      </button>
      {redirectUri && (
        <p>
          {t('staff.admin.sso.redirect')} <code>{redirectUri}</code>
        </p>
      )}
      <ActionMessages error={act.error} done={act.done} fieldErrors={act.fieldErrors} />
    </form>
  );
}
