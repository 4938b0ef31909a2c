import { CategoryAttribute, validateAttributeAnswers } from './category-attributes';

const d = (de: string) => ({ de, en: de });
const definitions: CategoryAttribute[] = [
  { code: 'size', datatype: 'singlevaluelist', required: true, order: 1, description: d('Größe'), values: [{ key: 'small', name: d('klein') }, { key: 'large', name: d('groß') }] },
  { code: 'kinds', datatype: 'multivaluelist', required: false, order: 2, description: d('Art'), values: [{ key: 'glass', name: d('Glas') }, { key: 'paper', name: d('Papier') }] },
  { code: 'count', datatype: 'number', required: false, order: 3, description: d('Anzahl') },
  { code: 'seen', datatype: 'datetime', required: false, order: 4, description: d('Gesehen') },
  { code: 'note', datatype: 'string', required: false, order: 5, description: d('Notiz') },
  { code: 'info', datatype: 'text', required: false, variable: false, order: 6, description: d('Hinweis') },
];

describe('validateAttributeAnswers', () => {
  it('accepts valid answers and ignores unknown codes', () => {
    const result = validateAttributeAnswers(definitions, { size: 'large', kinds: ['glass', 'paper', 'glass'], count: '3', seen: '2026-11-20T08:00:00+01:00', note: ' x ', fixmystreet_id: '42' });
    expect(result.errors).toEqual([]);
    expect(result.values).toEqual({ size: 'large', kinds: ['glass', 'paper'], count: '3', seen: '2026-11-20T08:00:00+01:00', note: 'x' });
  });

  it.each([
    [{}, 'attributes.size', 'required'],
    [{ size: '' }, 'attributes.size', 'required'],
    [{ size: 'huge' }, 'attributes.size', 'not_allowed'],
    [{ size: ['small', 'large'] }, 'attributes.size', 'not_allowed'],
    [{ size: 'small', kinds: ['glass', 'metal'] }, 'attributes.kinds', 'not_allowed'],
    [{ size: 'small', count: 'three' }, 'attributes.count', 'not_a_number'],
    [{ size: 'small', seen: '2026-11-20 08:00' }, 'attributes.seen', 'not_a_datetime'],
    [{ size: 'small', note: 'x'.repeat(1001) }, 'attributes.note', 'too_long'],
  ])('refuses %j at %s (%s)', (answers, field, code) => {
    const result = validateAttributeAnswers(definitions, answers as never);
    expect(result.errors).toEqual([expect.objectContaining({ field, code })]);
  });

  it('never asks for display-only attributes', () => {
    expect(validateAttributeAnswers(definitions, { size: 'small', info: 'x' }).values.info).toBeUndefined();
  });
});
