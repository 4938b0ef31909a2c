/** The Open311 service-definition attribute model. */
export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface CategoryAttribute {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  /** Open311 `variable=false`: shown to the citizen, never answered. */
  variable?: boolean;
  order: number;
  description: { de: string; en: string };
  values?: Array<{ key: string; name: { de: string; en: string } }>;
}

export interface AttributeError {
  field: string;
  code: 'required' | 'not_a_number' | 'not_a_datetime' | 'not_allowed' | 'too_long' | 'not_a_list';
  message: { de: string; en: string };
}

export type AttributeAnswer = string | string[];

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks a citizen's answers against the category's questions. Unknown codes
 * are ignored (clients in the wild send extra ones); empty counts as absent.
 */
export function validateAttributeAnswers(
  definitions: readonly CategoryAttribute[],
  answers: Record<string, AttributeAnswer | undefined>,
): { values: Record<string, AttributeAnswer>; errors: AttributeError[] } {
  const values: Record<string, AttributeAnswer> = {};
  const errors: AttributeError[] = [];
  for (const definition of [...definitions].sort((a, b) => a.order - b.order)) {
    if (definition.variable === false) continue;
    const field = `attributes.${definition.code}`;
    const raw = answers[definition.code];
    const list = Array.isArray(raw) ? raw.map((value) => String(value).trim()).filter(Boolean) : raw === undefined || raw === null ? [] : [String(raw).trim()].filter(Boolean);
    if (list.length === 0) {
      if (definition.required) errors.push({ field, code: 'required', message: { de: `Bitte beantworten: ${definition.description.de}`, en: `Please answer: ${definition.description.en}` } });
      continue;
    }
    const allowed = new Set((definition.values ?? []).map((value) => value.key));
    switch (definition.datatype) {
      case 'multivaluelist': {
        const wrong = list.filter((value) => !allowed.has(value));
        if (wrong.length) errors.push({ field, code: 'not_allowed', message: { de: `Unzulässige Auswahl: ${wrong.join(', ')}`, en: `Not an allowed choice: ${wrong.join(', ')}` } });
        else values[definition.code] = [...new Set(list)];
        break;
      }
      case 'singlevaluelist': {
        if (list.length > 1 || !allowed.has(list[0])) errors.push({ field, code: 'not_allowed', message: { de: `Unzulässige Auswahl: ${list.join(', ')}`, en: `Not an allowed choice: ${list.join(', ')}` } });
        else values[definition.code] = list[0];
        break;
      }
      case 'number': {
        if (list.length > 1 || !/^-?\d+(\.\d+)?$/.test(list[0])) errors.push({ field, code: 'not_a_number', message: { de: 'Bitte eine Zahl angeben', en: 'Please enter a number' } });
        else values[definition.code] = list[0];
        break;
      }
      case 'datetime': {
        if (list.length > 1 || !ISO_DATETIME.test(list[0]) || Number.isNaN(Date.parse(list[0]))) {
          errors.push({ field, code: 'not_a_datetime', message: { de: 'Bitte Datum und Uhrzeit mit Zeitzone angeben (ISO 8601)', en: 'Please give date and time with time zone (ISO 8601)' } });
        } else values[definition.code] = list[0];
        break;
      }
      default: {
        const limit = definition.datatype === 'text' ? 4000 : 1000;
        const value = list.join(', ');
        if (value.length > limit) errors.push({ field, code: 'too_long', message: { de: `Höchstens ${limit} Zeichen`, en: `At most ${limit} characters` } });
        else values[definition.code] = value;
      }
    }
  }
  return { values, errors };
}
