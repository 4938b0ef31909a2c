import { BadRequestException } from '@nestjs/common';
import type { StandardSchemaV1 } from '@standard-schema/spec';

export type Language = 'de' | 'en';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** Messages for the issue codes our schemas produce, in both UI languages. */
const MESSAGES: Record<string, { de: string; en: string }> = {
  required: { de: 'Pflichtfeld', en: 'This field is required' },
  invalid_type: { de: 'Ungültiger Wert', en: 'Invalid value' },
  too_big: { de: 'Zu groß oder zu lang', en: 'Too large or too long' },
  too_small: { de: 'Zu klein oder zu kurz', en: 'Too small or too short' },
  invalid_format: { de: 'Ungültiges Format', en: 'Invalid format' },
  invalid_value: { de: 'Unzulässiger Wert', en: 'Value not allowed' },
  unrecognized_keys: { de: 'Unbekanntes Feld', en: 'Unknown field' },
  custom: { de: 'Ungültiger Wert', en: 'Invalid value' },
};

export function pathToField(path: ReadonlyArray<PropertyKey | StandardSchemaV1.PathSegment> | undefined): string {
  if (!path || path.length === 0) return '(body)';
  return path
    .map((segment) => (typeof segment === 'object' && segment !== null && 'key' in segment ? segment.key : segment))
    .reduce<string>((field, key) => (typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${String(key)}` : String(key)), '');
}

/**
 * Custom refinements put a message key (e.g. `outside_tenant`) or a
 * `{ de, en }` pair in the issue; zod's built-in issues map by code.
 */
export function translateIssue(issue: StandardSchemaV1.Issue & { code?: string; input?: unknown }, language: Language): FieldError {
  const field = pathToField(issue.path);
  let code = issue.code ?? 'invalid';
  if (code === 'invalid_type' && issue.input === undefined) code = 'required';
  const known = MESSAGES[code];
  let message = issue.message;
  if (issue.message.startsWith('{')) {
    try {
      const parsed = JSON.parse(issue.message) as { code?: string; de: string; en: string };
      code = parsed.code ?? code;
      message = parsed[language];
    } catch {
      // not a translated message
    }
  } else if (known) {
    message = `${known[language]}: ${issue.message}`;
  }
  return { field, code, message };
}

/** A refinement message in both languages, for `.refine(fn, i18nMessage(...))`. */
export function i18nMessage(code: string, de: string, en: string): string {
  return JSON.stringify({ code, de, en });
}

export class FieldValidationException extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[], language: Language) {
    super({
      statusCode: 400,
      message: language === 'de' ? 'Die Eingabe ist ungültig.' : 'The input is invalid.',
      errors: fieldErrors,
    });
  }
}

/** Field errors built by services (after the schema passed), in both languages. */
export interface LocalizedFieldError {
  field: string;
  code: string;
  message: { de: string; en: string };
}

export function fieldErrors(errors: LocalizedFieldError[], language: Language): FieldValidationException {
  return new FieldValidationException(errors.map((error) => ({ field: error.field, code: error.code, message: error.message[language] })), language);
}
