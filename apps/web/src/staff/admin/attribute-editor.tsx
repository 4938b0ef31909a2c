import { useTranslation } from 'react-i18next';
import type { AttributeDatatype, CategoryAttribute, FieldError } from '../../api/types';
import { Checkbox, Field, fieldError } from '../ui';

const DATATYPES: AttributeDatatype[] = ['string', 'text', 'number', 'datetime', 'singlevaluelist', 'multivaluelist'];
const isList = (d: AttributeDatatype) => d === 'singlevaluelist' || d === 'multivaluelist';

/** Values of a list question as lines "key = Name DE | Name EN". */
export function valuesToText(values: CategoryAttribute['values']): string {
  return (values ?? []).map((v) => `${v.key} = ${v.name.de} | ${v.name.en}`).join('\n');
}

export function textToValues(text: string): CategoryAttribute['values'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [key, names = ''] = line.split('=').map((part) => part.trim());
      const [de = '', en = ''] = names.split('|').map((part) => part.trim());
      return { key, name: { de, en: en || de } };
    });
}

export interface AttributeDraft extends Omit<CategoryAttribute, 'values'> {
  valuesText: string;
}

export function toDrafts(attributes: CategoryAttribute[]): AttributeDraft[] {
  return attributes.map(({ values, ...rest }) => ({ ...rest, valuesText: valuesToText(values) }));
}

export function fromDrafts(drafts: AttributeDraft[]): CategoryAttribute[] {
  return drafts.map(({ valuesText, ...rest }) => ({ ...rest, ...(isList(rest.datatype) ? { values: textToValues(valuesText) } : {}) }));
}

/** The extra questions of a category (Open311 attributes), one fieldset each; errors by `attributes[i].field`. */
export function AttributeEditor({ value, onChange, errors }: { value: AttributeDraft[]; onChange: (v: AttributeDraft[]) => void; errors: FieldError[] }) {
  const { t } = useTranslation();
  const set = (index: number, changes: Partial<AttributeDraft>) => onChange(value.map((a, i) => (i === index ? { ...a, ...changes } : a)));
  const err = (index: number, field: string) => fieldError(errors, `attributes[${index}].${field}`) ?? fieldError(errors, `attributes.${index}.${field}`);
  return (
    <fieldset className="field attribute-editor">
      <legend>{t('staff.admin.categories.questions')}</legend>
      {value.length === 0 && <p className="hint">{t('staff.admin.questions.none')}</p>}
      {value.map((a, index) => (
        <fieldset key={index} className="panel">
          <legend>{t('staff.admin.questions.number', { n: index + 1 })}</legend>
          <div className="two-col">
            <Field label={t('staff.admin.questions.code')} error={err(index, 'code')}>
              {(p) => <input {...p} type="text" value={a.code} onChange={(e) => set(index, { code: e.target.value })} />}
            </Field>
            <Field label={t('staff.admin.questions.datatype')} error={err(index, 'datatype')}>
              {(p) => (
                <select {...p} value={a.datatype} onChange={(e) => set(index, { datatype: e.target.value as AttributeDatatype })}>
                  {DATATYPES.map((d) => (
                    <option key={d} value={d}>
                      {t(`staff.admin.questions.type.${d}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={`${t('staff.admin.questions.text')} (DE)`} error={err(index, 'description.de')}>
              {(p) => <input {...p} type="text" value={a.description.de} onChange={(e) => set(index, { description: { ...a.description, de: e.target.value } })} />}
            </Field>
            <Field label={`${t('staff.admin.questions.text')} (EN)`} error={err(index, 'description.en')}>
              {(p) => <input {...p} type="text" value={a.description.en} onChange={(e) => set(index, { description: { ...a.description, en: e.target.value } })} />}
            </Field>
            <Field label={t('staff.admin.questions.order')} error={err(index, 'order')}>
              {(p) => <input {...p} type="number" min={1} value={a.order} onChange={(e) => set(index, { order: Number(e.target.value) || 0 })} />}
            </Field>
            <Checkbox label={t('staff.admin.questions.required')} checked={a.required} onChange={(required) => set(index, { required })} />
          </div>
          {isList(a.datatype) && (
            <Field label={t('staff.admin.questions.values')} hint={t('staff.admin.questions.valuesHint')} error={err(index, 'values')}>
              {(p) => <textarea {...p} className="code-input" rows={4} value={a.valuesText} onChange={(e) => set(index, { valuesText: e.target.value })} />}
            </Field>
          )}
          <button type="button" className="button button-small" onClick={() => onChange(value.filter((_, i) => i !== index))}>
            {t('staff.admin.questions.remove', { n: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          onChange([
            ...value,
            { code: '', datatype: 'string', required: false, order: Math.max(0, ...value.map((a) => a.order)) + 1, description: { de: '', en: '' }, valuesText: '' },
          ])
        }
      >
        {t('staff.admin.questions.add')}
      </button>
    </fieldset>
  );
}
