import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorView, Loading } from '../../common/error-view';
import { useAsync } from '../../common/use-async';
import { STAFF_ROLES, type StaffRole, type StaffUser, staffApi } from '../staff-api';
import { useStaff } from '../staff-data';
import { ActionMessages, Checkbox, Field, fieldError, useAction } from '../ui';

/** Staff accounts: create (a password link is mailed), change role, departments, active; resend the link. */
export function UsersSection() {
  const { t } = useTranslation();
  const { slug, can } = useStaff();
  const data = useAsync(
    async (signal) => {
      const [users, departments] = await Promise.all([staffApi.users(slug, signal), can('admin.catalog') ? staffApi.departments(slug, signal) : Promise.resolve([])]);
      return { users, departments };
    },
    [slug],
  );
  const [editing, setEditing] = useState<StaffUser | 'new' | null>(null);
  const link = useAction();
  if (data.error) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { users, departments } = data.data;
  const depName = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
  return (
    <>
      <button type="button" className="button" onClick={() => setEditing('new')}>
        {t('staff.admin.users.new')}
      </button>
      {editing && (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? null : editing}
          departments={departments}
          onDone={() => {
            setEditing(null);
            data.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ActionMessages error={link.error} done={link.done} />
      <div className="table-scroll" role="region" tabIndex={0} aria-label={t('staff.admin.section.benutzer')}>
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">{t('staff.admin.users.email')}</th>
              <th scope="col">{t('staff.admin.users.role')}</th>
              <th scope="col">{t('staff.admin.users.departments')}</th>
              <th scope="col">{t('staff.admin.users.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.email}
                  {u.displayName && <span className="cell-sub">{u.displayName}</span>}
                </td>
                <td>{t(`staff.role.${u.role}`)}</td>
                <td>{u.departmentIds.map(depName).join(', ') || '–'}</td>
                <td>
                  {u.active ? t('staff.admin.active') : t('staff.admin.inactive')}
                  {u.totpEnabled && <span className="tag">{t('staff.admin.users.totp')}</span>}
                  {u.sso && <span className="tag">SSO</span>}
                </td>
                <td>
                  <div className="button-row">
                    <button type="button" className="button button-small" onClick={() => setEditing(u)}>
                      {t('staff.admin.edit')} <span className="visually-hidden">{u.email}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      disabled={link.busy}
                      onClick={() => void link.run(() => staffApi.sendPasswordLink(slug, u.id), t('staff.admin.users.linkSent', { email: u.email }))}
                    >
                      {t('staff.admin.users.sendLink')} <span className="visually-hidden">{u.email}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function UserForm({ user, departments, onDone, onCancel }: { user: StaffUser | null; departments: { id: string; name: string }[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const [draft, setDraft] = useState({
    email: user?.email ?? '',
    displayName: user?.displayName ?? '',
    role: (user?.role ?? 'department') as StaffRole,
    departmentIds: user?.departmentIds ?? [],
    active: user?.active ?? true,
  });
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
            if (user) await staffApi.updateUser(slug, user.id, { displayName: draft.displayName, role: draft.role, departmentIds: draft.departmentIds, active: draft.active });
            else await staffApi.createUser(slug, { email: draft.email, displayName: draft.displayName, role: draft.role, departmentIds: draft.departmentIds });
            return true;
          })
          .then((ok) => ok && onDone());
      }}
    >
      <h2>{user ? t('staff.admin.users.edit', { email: user.email }) : t('staff.admin.users.new')}</h2>
      {!user && (
        <Field label={t('staff.admin.users.email')} hint={t('staff.admin.users.emailHint')} error={err('email')}>
          {(p) => <input {...p} type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />}
        </Field>
      )}
      <Field label={t('staff.admin.users.name')} error={err('displayName')}>
        {(p) => <input {...p} type="text" value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />}
      </Field>
      <Field label={t('staff.admin.users.role')} error={err('role')}>
        {(p) => (
          <select {...p} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as StaffRole })}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`staff.role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {departments.length > 0 && (
        <fieldset className="field">
          <legend>{t('staff.admin.users.departments')}</legend>
          {err('departmentIds') && <p className="field-error">{err('departmentIds')}</p>}
          {departments.map((d) => (
            <Checkbox
              key={d.id}
              label={d.name}
              checked={draft.departmentIds.includes(d.id)}
              onChange={(on) => setDraft({ ...draft, departmentIds: on ? [...draft.departmentIds, d.id] : draft.departmentIds.filter((x) => x !== d.id) })}
            />
          ))}
        </fieldset>
      )}
      {user && <Checkbox label={t('staff.admin.active')} checked={draft.active} onChange={(active) => setDraft({ ...draft, active })} />}
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
