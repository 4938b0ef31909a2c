import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '../api/types';
import { groupCategories } from '../common/report-filters';
import { formatNumber, pick } from '../format';
import { useLocale } from '../i18n';
import { FieldError } from './fields';
import type { Errors } from './validation';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase();

interface Props {
  categories: Category[];
  value: string;
  errors: Errors;
  onChange: (code: string) => void;
}

/** Categories grouped, searchable by name, description, group and keywords in the chosen language. */
export function StepCategory({ categories, value, errors, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const words = fold(query).split(/\s+/).filter(Boolean);
  const matches = (c: Category) => {
    if (!words.length) return true;
    const hay = fold([c.name.de, c.name.en, pick(c.description, locale), pick(c.group, locale), ...c.keywords].join(' '));
    return words.every((w) => hay.includes(w));
  };
  const visible = categories.filter((c) => matches(c) || c.code === value);
  const groups = groupCategories(visible, locale);
  const selected = categories.find((c) => c.code === value);
  const shown = visible.filter((c) => matches(c)).length;

  return (
    <>
      <div className="field">
        <label htmlFor="f-category-search">{t('category.search')}</label>
        <p className="hint" id="f-category-search-hint">
          {t('category.searchHint')}
        </p>
        <input
          id="f-category-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby="f-category-search-hint f-category-count"
          aria-controls="f-category"
        />
        <p id="f-category-count" className="hint" role="status">
          {t('category.found', { count: shown, formatted: formatNumber(shown, locale) })}
        </p>
      </div>
      {selected && (
        <p className="selected-note">
          {t('category.selected')} <strong>{pick(selected.name, locale)}</strong>
        </p>
      )}
      <FieldError id="f-category" message={errors.category} />
      <div id="f-category" className="category-groups" tabIndex={-1}>
        {groups.map(([group, cats]) => (
          <fieldset key={group} className="choice-group">
            <legend>{group}</legend>
            {cats.map((c) => (
              <label key={c.code} className="choice choice-rich">
                <input
                  type="radio"
                  name="category"
                  value={c.code}
                  checked={value === c.code}
                  onChange={() => onChange(c.code)}
                  aria-describedby={pick(c.description, locale) ? `cat-desc-${c.code}` : undefined}
                  aria-invalid={errors.category ? true : undefined}
                />
                <span>
                  <span className="choice-title">{pick(c.name, locale)}</span>
                  {pick(c.description, locale) && (
                    <span className="choice-desc" id={`cat-desc-${c.code}`}>
                      {pick(c.description, locale)}
                    </span>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </>
  );
}
