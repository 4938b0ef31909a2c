import { useTranslation } from 'react-i18next';
import type { Category, CategoryAttribute } from '../api/types';
import { formatNumber, pick } from '../format';
import { useLocale } from '../i18n';
import type { Draft } from './draft';
import { describedBy, FieldError, RequiredMark } from './fields';
import { type Errors, MAX_DESCRIPTION } from './validation';

interface Props {
  category: Category | undefined;
  draft: Draft;
  errors: Errors;
  update: (patch: Partial<Draft>, touched?: string[]) => void;
}

/** One Open311 attribute as a form control matching its datatype. */
function AttributeField({
  attr,
  value,
  error,
  onChange,
}: {
  attr: CategoryAttribute;
  value: string | string[] | undefined;
  error?: string;
  onChange: (v: string | string[]) => void;
}) {
  const locale = useLocale();
  const { t } = useTranslation();
  const id = `f-attr-${attr.code}`;
  const label = pick(attr.description, locale) || attr.code;
  const str = typeof value === 'string' ? value : '';
  const aria = describedBy(id, { error });
  const values = attr.values ?? [];

  if (attr.variable === false) {
    return <p className="notice notice-info attribute-info">{label}</p>;
  }

  if (attr.datatype === 'multivaluelist' || attr.datatype === 'singlevaluelist') {
    const multi = attr.datatype === 'multivaluelist';
    const list = Array.isArray(value) ? value : [];
    if (!multi && values.length > 6) {
      return (
        <div className="field">
          <label htmlFor={id}>
            {label} <RequiredMark required={attr.required} />
          </label>
          <FieldError id={id} message={error} />
          <select id={id} value={str} onChange={(e) => onChange(e.target.value)} {...aria}>
            <option value="">{t('form.choose')}</option>
            {values.map((v) => (
              <option key={v.key} value={v.key}>
                {pick(v.name, locale)}
              </option>
            ))}
          </select>
        </div>
      );
    }
    return (
      <fieldset className="choice-group field" id={id} tabIndex={-1} aria-describedby={error ? `${id}-error` : undefined}>
        <legend>
          {label} <RequiredMark required={attr.required} />
          {multi && <span className="hint block">{t('form.multiHint')}</span>}
        </legend>
        <FieldError id={id} message={error} />
        {values.map((v) => (
          <label key={v.key} className="choice">
            <input
              type={multi ? 'checkbox' : 'radio'}
              name={id}
              value={v.key}
              checked={multi ? list.includes(v.key) : str === v.key}
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                if (!multi) onChange(v.key);
                else onChange(e.target.checked ? [...list, v.key] : list.filter((k) => k !== v.key));
              }}
            />
            {pick(v.name, locale)}
          </label>
        ))}
      </fieldset>
    );
  }

  const common = { id, value: str, ...aria, required: attr.required };
  let control;
  switch (attr.datatype) {
    case 'number':
      control = <input type="text" inputMode="decimal" {...common} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'datetime':
      control = <input type="datetime-local" {...common} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'text':
      control = <textarea rows={3} maxLength={4000} {...common} onChange={(e) => onChange(e.target.value)} />;
      break;
    default:
      control = <input type="text" maxLength={1000} {...common} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <RequiredMark required={attr.required} />
      </label>
      <FieldError id={id} message={error} />
      {control}
    </div>
  );
}

export function StepDetails({ category, draft, errors, update }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const attributes = [...(category?.attributes ?? [])].sort((a, b) => a.order - b.order);
  const left = MAX_DESCRIPTION - draft.description.length;
  return (
    <>
      {attributes.length > 0 && (
        <section className="attributes" aria-labelledby="attributes-h">
          <h3 id="attributes-h">{t('details.questions', { category: category ? pick(category.name, locale) : '' })}</h3>
          {attributes.map((a) => (
            <AttributeField
              key={a.code}
              attr={a}
              value={draft.attributes[a.code]}
              error={errors[`attributes.${a.code}`]}
              onChange={(v) => update({ attributes: { ...draft.attributes, [a.code]: v } }, [`attributes.${a.code}`])}
            />
          ))}
        </section>
      )}
      <div className="field">
        <label htmlFor="f-description">
          {t('details.description')} <RequiredMark required />
        </label>
        <p className="hint" id="f-description-hint">
          {t('details.descriptionHint')}
        </p>
        <FieldError id="f-description" message={errors.description} />
        <textarea
          id="f-description"
          rows={6}
          maxLength={MAX_DESCRIPTION}
          value={draft.description}
          onChange={(e) => update({ description: e.target.value }, ['description'])}
          {...describedBy('f-description', { hint: true, error: errors.description, extra: 'f-description-count' })}
        />
        <p id="f-description-count" className={left < 200 ? 'counter counter-low' : 'counter'}>
          {t('details.counter', { count: left, formatted: formatNumber(left, locale), max: formatNumber(MAX_DESCRIPTION, locale) })}
        </p>
        {/* Announce only near the limit, so typing is not interrupted on every key. */}
        <p className="visually-hidden" aria-live="polite">
          {left <= 200 && left % 50 === 0 ? t('details.counter', { count: left, formatted: formatNumber(left, locale), max: formatNumber(MAX_DESCRIPTION, locale) }) : ''}
        </p>
      </div>
    </>
  );
}
