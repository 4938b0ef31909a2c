import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_STATUSES } from '../../api/types';
import { useLocale } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { FILTER_KEYS, optionName, useLookups } from '../staff-data';

const AGES = [
  { value: '', label: 'any' },
  { value: 'max:2', label: 'max2' },
  { value: 'max:7', label: 'max7' },
  { value: 'min:8', label: 'min8' },
  { value: 'min:31', label: 'min31' },
  { value: 'min:90', label: 'min90' },
] as const;

/** The inbox filters, kept in the query string of `path` (changes replace the history entry). */
export function InboxFilters({ path }: { path: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const { search } = useLocation();
  const lookups = useLookups().data;

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete('page');
    const qs = next.toString();
    navigate(qs ? `${path}?${qs}` : path, { replace: true });
  };
  const age = search.get('maxAgeDays') ? `max:${search.get('maxAgeDays')}` : search.get('minAgeDays') ? `min:${search.get('minAgeDays')}` : '';
  const anyFilter = FILTER_KEYS.some((k) => search.has(k));

  return (
    <form className="filters staff-filters" aria-label={t('staff.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('staff.filters.status')}</label>
        <select id={`${id}-status`} value={search.get('status') ?? ''} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t('staff.filters.all')}</option>
          <option value="open">{t('staff.filters.open')}</option>
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {lookups && lookups.categories.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-cat`}>{t('staff.filters.category')}</label>
          <select id={`${id}-cat`} value={search.get('categoryId') ?? ''} onChange={(e) => set({ categoryId: e.target.value })}>
            <option value="">{t('staff.filters.all')}</option>
            {lookups.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {optionName(c, locale)}
              </option>
            ))}
          </select>
        </div>
      )}
      {lookups && lookups.areas.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-area`}>{t('staff.filters.area')}</label>
          <select id={`${id}-area`} value={search.get('areaId') ?? ''} onChange={(e) => set({ areaId: e.target.value })}>
            <option value="">{t('staff.filters.all')}</option>
            {lookups.areas.map((a) => (
              <option key={a.id} value={a.id}>
                {optionName(a, locale)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-dep`}>{t('staff.filters.department')}</label>
        <select
          id={`${id}-dep`}
          value={search.get('unassigned') === 'true' ? 'none' : (search.get('departmentId') ?? '')}
          onChange={(e) => set(e.target.value === 'none' ? { departmentId: null, unassigned: 'true' } : { departmentId: e.target.value, unassigned: null })}
        >
          <option value="">{t('staff.filters.all')}</option>
          <option value="none">{t('staff.filters.unassigned')}</option>
          {(lookups?.departments ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {optionName(d, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-age`}>{t('staff.filters.age')}</label>
        <select
          id={`${id}-age`}
          value={age}
          onChange={(e) => {
            const [kind, days] = e.target.value.split(':');
            set({ maxAgeDays: kind === 'max' ? days : null, minAgeDays: kind === 'min' ? days : null });
          }}
        >
          {AGES.map((a) => (
            <option key={a.value} value={a.value}>
              {t(`staff.filters.ages.${a.label}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-prio`}>{t('staff.filters.priority')}</label>
        <select id={`${id}-prio`} value={search.get('priority') ?? ''} onChange={(e) => set({ priority: e.target.value })}>
          <option value="">{t('staff.filters.all')}</option>
          {[1, 2, 3].map((p) => (
            <option key={p} value={p}>
              {t(`staff.priority.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field check-field">
        <label className="check">
          <input type="checkbox" checked={search.get('overdue') === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : null })} />{' '}
          {t('staff.filters.overdue')}
        </label>
      </div>
      {anyFilter && (
        <div className="field">
          <button type="button" className="button" onClick={() => set(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))}>
            {t('staff.filters.reset')}
          </button>
        </div>
      )}
    </form>
  );
}
