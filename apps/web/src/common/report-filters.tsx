import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, ReportFilters } from '../api/types';
import { useLocale } from '../i18n';
import { pick } from '../format';
import { AGE_OPTIONS } from './filters';

interface Props {
  filters: ReportFilters;
  categories: Category[];
  onChange: (filters: ReportFilters) => void;
}

/** Category, status and age filters shared by the map and the list. */
export function ReportFiltersForm({ filters, categories, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const locale = useLocale();
  const groups = groupCategories(categories, locale);
  return (
    <form className="filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-cat`}>{t('filters.category')}</label>
        <select
          id={`${id}-cat`}
          value={filters.category[0] ?? ''}
          onChange={(e) => onChange({ ...filters, category: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">{t('filters.allCategories')}</option>
          {groups.map(([group, cats]) => (
            <optgroup key={group} label={group}>
              {cats.map((c) => (
                <option key={c.code} value={c.code}>
                  {pick(c.name, locale)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
        <select
          id={`${id}-status`}
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value as ReportFilters['status'] })}
        >
          <option value="all">{t('filters.statusAll')}</option>
          <option value="open">{t('filters.statusOpen')}</option>
          <option value="closed">{t('filters.statusClosed')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-age`}>{t('filters.age')}</label>
        <select
          id={`${id}-age`}
          value={filters.maxAgeDays ?? ''}
          onChange={(e) => onChange({ ...filters, maxAgeDays: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">{t('filters.ageAny')}</option>
          {AGE_OPTIONS.map((d) => (
            <option key={d} value={d}>
              {t('filters.ageDays', { count: d })}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

export function groupCategories(categories: Category[], locale: 'de' | 'en'): [string, Category[]][] {
  const groups = new Map<string, Category[]>();
  for (const c of categories) {
    const g = pick(c.group, locale) || '—';
    const list = groups.get(g) ?? [];
    list.push(c);
    groups.set(g, list);
  }
  const collator = new Intl.Collator(locale);
  return [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([g, cats]) => [g, [...cats].sort((a, b) => collator.compare(pick(a.name, locale), pick(b.name, locale)))]);
}
