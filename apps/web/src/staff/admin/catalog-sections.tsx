import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorView, Loading } from '../../common/error-view';
import { useAsync } from '../../common/use-async';
import { pick } from '../../format';
import { useLocale } from '../../i18n';
import { type AdminCategory, type Department, staffApi } from '../staff-api';
import { invalidateLookups, useStaff } from '../staff-data';
import { ActionMessages, Checkbox, Field, fieldError, useAction } from '../ui';
import { AttributeEditor, type AttributeDraft, fromDrafts, toDrafts } from './attribute-editor';

type CategoryDraft = Omit<AdminCategory, 'id'>;
const emptyCategory = (): CategoryDraft => ({
  code: '',
  name: { de: '', en: '' },
  description: { de: '', en: '' },
  group: { de: '', en: '' },
  keywords: [],
  attributes: [],
  active: true,
  sortOrder: 0,
  firstResponseHours: null,
});

/** Categories with their extra questions (edited as JSON, checked by the API with field errors). */
export function CategoriesSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug } = useStaff();
  const list = useAsync((signal) => staffApi.categories(slug, signal), [slug]);
  const [editing, setEditing] = useState<AdminCategory | 'new' | null>(null);
  if (list.error) return <ErrorView error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <button type="button" className="button" onClick={() => setEditing('new')}>
        {t('staff.admin.categories.new')}
      </button>
      {editing && (
        <CategoryForm
          key={editing === 'new' ? 'new' : editing.id}
          category={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            invalidateLookups();
            list.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <div className="table-scroll" role="region" tabIndex={0} aria-label={t('staff.admin.section.kategorien')}>
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">{t('staff.admin.categories.name')}</th>
              <th scope="col">{t('staff.admin.categories.code')}</th>
              <th scope="col">{t('staff.admin.categories.questions')}</th>
              <th scope="col">{t('staff.admin.categories.hours')}</th>
              <th scope="col">{t('staff.admin.active')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => (
              <tr key={c.id}>
                <td>{pick(c.name, locale)}</td>
                <td>
                  <code>{c.code}</code>
                </td>
                <td>{c.attributes.length}</td>
                <td>{c.firstResponseHours ?? '–'}</td>
                <td>{c.active ? t('staff.admin.yes') : t('staff.admin.no')}</td>
                <td>
                  <button type="button" className="button button-small" onClick={() => setEditing(c)}>
                    {t('staff.admin.edit')} <span className="visually-hidden">{pick(c.name, locale)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CategoryForm({ category, onDone, onCancel }: { category: AdminCategory | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const [draft, setDraft] = useState<CategoryDraft>(() => {
    if (!category) return emptyCategory();
    const { id: _id, ...rest } = category;
    return rest;
  });
  const [attributes, setAttributes] = useState<AttributeDraft[]>(() => toDrafts(draft.attributes));
  const [keywords, setKeywords] = useState(draft.keywords.join(', '));
  const act = useAction();
  const err = (field: string) => fieldError(act.fieldErrors, field);
  const submit = async () => {
    const body = { ...draft, attributes: fromDrafts(attributes), keywords: keywords.split(',').map((k) => k.trim()).filter(Boolean) };
    const ok = await act.run(async () => {
      if (category) await staffApi.updateCategory(slug, category.id, body);
      else await staffApi.createCategory(slug, body);
      return true;
    });
    if (ok) onDone();
  };
  const bi = (key: 'name' | 'description' | 'group', lang: 'de' | 'en', label: string, multiline = false) => (
    <Field label={`${label} (${lang.toUpperCase()})`} error={err(`${key}.${lang}`)}>
      {(p) =>
        multiline ? (
          <textarea {...p} rows={2} value={draft[key][lang]} onChange={(e) => setDraft({ ...draft, [key]: { ...draft[key], [lang]: e.target.value } })} />
        ) : (
          <input {...p} type="text" value={draft[key][lang]} onChange={(e) => setDraft({ ...draft, [key]: { ...draft[key], [lang]: e.target.value } })} />
        )
      }
    </Field>
  );
  return (
    <form
      className="panel admin-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{category ? t('staff.admin.categories.edit', { code: category.code }) : t('staff.admin.categories.new')}</h2>
      <Field label={t('staff.admin.categories.code')} hint={t('staff.admin.categories.codeHint')} error={err('code')}>
        {(p) => <input {...p} type="text" value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} />}
      </Field>
      <div className="two-col">
        {bi('name', 'de', t('staff.admin.categories.name'))}
        {bi('name', 'en', t('staff.admin.categories.name'))}
        {bi('group', 'de', t('staff.admin.categories.group'))}
        {bi('group', 'en', t('staff.admin.categories.group'))}
        {bi('description', 'de', t('staff.admin.categories.description'), true)}
        {bi('description', 'en', t('staff.admin.categories.description'), true)}
      </div>
      <Field label={t('staff.admin.categories.keywords')} hint={t('staff.admin.categories.keywordsHint')} error={err('keywords')}>
        {(p) => <input {...p} type="text" value={keywords} onChange={(e) => setKeywords(e.target.value)} />}
      </Field>
      <Field label={t('staff.admin.categories.hours')} hint={t('staff.admin.categories.hoursHint')} error={err('firstResponseHours')}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={1}
            value={draft.firstResponseHours ?? ''}
            onChange={(e) => setDraft({ ...draft, firstResponseHours: e.target.value ? Number(e.target.value) : null })}
          />
        )}
      </Field>
      <Field label={t('staff.admin.categories.sortOrder')} error={err('sortOrder')}>
        {(p) => <input {...p} type="number" min={0} value={draft.sortOrder} onChange={(e) => setDraft({ ...draft, sortOrder: Number(e.target.value) || 0 })} />}
      </Field>
      {act.fieldErrors.some((e) => e.field === 'attributes') && <p className="field-error">{act.fieldErrors.find((e) => e.field === 'attributes')?.message}</p>}
      <AttributeEditor value={attributes} onChange={setAttributes} errors={act.fieldErrors} />
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

export function DepartmentsSection() {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const list = useAsync((signal) => staffApi.departments(slug, signal), [slug]);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  if (list.error) return <ErrorView error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <button type="button" className="button" onClick={() => setEditing('new')}>
        {t('staff.admin.departments.new')}
      </button>
      {editing && (
        <DepartmentForm
          key={editing === 'new' ? 'new' : editing.id}
          department={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            invalidateLookups();
            list.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ul className="admin-list">
        {list.data.map((d) => (
          <li key={d.id}>
            <strong>{d.name}</strong> <span className="cell-sub">{d.email}</span> {!d.active && <span className="tag">{t('staff.admin.inactive')}</span>}{' '}
            <button type="button" className="button button-small" onClick={() => setEditing(d)}>
              {t('staff.admin.edit')} <span className="visually-hidden">{d.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function DepartmentForm({ department, onDone, onCancel }: { department: Department | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const [draft, setDraft] = useState({ name: department?.name ?? '', email: department?.email ?? '', active: department?.active ?? true });
  const act = useAction();
  return (
    <form
      className="panel admin-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(async () => {
            if (department) await staffApi.updateDepartment(slug, department.id, draft);
            else await staffApi.createDepartment(slug, draft);
            return true;
          })
          .then((ok) => ok && onDone());
      }}
    >
      <h2>{department ? t('staff.admin.departments.edit', { name: department.name }) : t('staff.admin.departments.new')}</h2>
      <Field label={t('staff.admin.departments.name')} error={fieldError(act.fieldErrors, 'name')}>
        {(p) => <input {...p} type="text" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </Field>
      <Field label={t('staff.admin.departments.email')} error={fieldError(act.fieldErrors, 'email')}>
        {(p) => <input {...p} type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />}
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
      <ActionMessages error={act.error} done={act.done} />
    </form>
  );
}

export function RulesSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug } = useStaff();
  const data = useAsync(
    async (signal) => {
      const [rules, categories, departments, areas] = await Promise.all([
        staffApi.rules(slug, signal),
        staffApi.categories(slug, signal),
        staffApi.departments(slug, signal),
        staffApi.areas(slug, signal),
      ]);
      return { rules, categories, departments, areas };
    },
    [slug],
  );
  const [draft, setDraft] = useState({ categoryId: '', areaId: '', departmentId: '' });
  const act = useAction();
  const remove = useAction();
  if (data.error) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { rules, categories, departments, areas } = data.data;
  const cat = (id: string) => pick(categories.find((c) => c.id === id)?.name, locale) || id;
  const dep = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
  const area = (id: string | null) => (id ? (areas.find((a) => a.id === id)?.name ?? id) : t('staff.admin.rules.anyArea'));
  return (
    <>
      <p className="hint">{t('staff.admin.rules.hint')}</p>
      <div className="table-scroll" role="region" tabIndex={0} aria-label={t('staff.admin.section.zustaendigkeiten')}>
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">{t('staff.admin.rules.category')}</th>
              <th scope="col">{t('staff.admin.rules.area')}</th>
              <th scope="col">{t('staff.admin.rules.department')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td>{cat(r.categoryId)}</td>
                <td>{area(r.areaId)}</td>
                <td>{dep(r.departmentId)}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={remove.busy}
                    onClick={() => void remove.run(() => staffApi.deleteRule(slug, r.id), t('staff.admin.rules.removed')).then(() => data.reload())}
                  >
                    {t('staff.admin.remove')} <span className="visually-hidden">{`${cat(r.categoryId)} – ${area(r.areaId)}`}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ActionMessages error={remove.error} done={remove.done} />
      <form
        className="panel admin-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void act
            .run(() => staffApi.createRule(slug, { categoryId: draft.categoryId, areaId: draft.areaId || null, departmentId: draft.departmentId }), t('staff.form.saved'))
            .then((r) => {
              if (r) {
                setDraft({ categoryId: '', areaId: '', departmentId: '' });
                data.reload();
              }
            });
        }}
      >
        <h2>{t('staff.admin.rules.new')}</h2>
        <Field label={t('staff.admin.rules.category')} error={fieldError(act.fieldErrors, 'categoryId')}>
          {(p) => (
            <select {...p} value={draft.categoryId} onChange={(e) => setDraft({ ...draft, categoryId: e.target.value })}>
              <option value="">{t('staff.form.choose')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {pick(c.name, locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('staff.admin.rules.area')} error={fieldError(act.fieldErrors, 'areaId')}>
          {(p) => (
            <select {...p} value={draft.areaId} onChange={(e) => setDraft({ ...draft, areaId: e.target.value })}>
              <option value="">{t('staff.admin.rules.anyArea')}</option>
              {areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('staff.admin.rules.department')} error={fieldError(act.fieldErrors, 'departmentId')}>
          {(p) => (
            <select {...p} value={draft.departmentId} onChange={(e) => setDraft({ ...draft, departmentId: e.target.value })}>
              <option value="">{t('staff.form.choose')}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button-primary" disabled={act.busy || !draft.categoryId || !draft.departmentId}>
          {t('staff.admin.rules.add')}
        </button>
        <ActionMessages error={act.error} done={act.done} fieldErrors={act.fieldErrors} />
      </form>
    </>
  );
}

export function AreasSection() {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const list = useAsync((signal) => staffApi.areas(slug, signal), [slug]);
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [parseError, setParseError] = useState<string | null>(null);
  const act = useAction();
  const upload = async () => {
    if (!file) return;
    let geojson: unknown;
    try {
      geojson = JSON.parse(await file.text());
      setParseError(null);
    } catch {
      setParseError(t('staff.admin.areas.notJson'));
      return;
    }
    const result = await act.run(() => staffApi.importAreas(slug, { geojson, replace }));
    if (result) {
      act.setDone(t('staff.admin.areas.imported', { municipalities: result.municipalities, districts: result.districts }));
      invalidateLookups();
      list.reload();
    }
  };
  return (
    <>
      {list.error ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        <ul className="admin-list">
          {list.data.map((a) => (
            <li key={a.id}>
              <strong>{a.name}</strong> <span className="cell-sub">{t(`staff.admin.areas.kind.${a.kind}`, { defaultValue: a.kind })}</span>
            </li>
          ))}
        </ul>
      ) : (
        !list.error && <Loading />
      )}
      <form
        className="panel admin-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <h2>{t('staff.admin.areas.upload')}</h2>
        <p className="hint">{t('staff.admin.areas.hint')}</p>
        <Field label={t('staff.admin.areas.file')} error={parseError ?? fieldError(act.fieldErrors, 'geojson')}>
          {(p) => <input {...p} type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <Checkbox label={t('staff.admin.areas.replace')} checked={replace} onChange={setReplace} />
        <button type="submit" className="button button-primary" disabled={act.busy || !file}>
          {t('staff.admin.areas.submit')}
        </button>
        <ActionMessages error={act.error} done={act.done} fieldErrors={act.fieldErrors} />
      </form>
    </>
  );
}
