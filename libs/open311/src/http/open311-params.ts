import { Open311Error } from '../format/open311-error';

/**
 * Query strings and form bodies as Express hands them over: a value is a
 * string, or an array when the key repeats; multer's field parser turns
 * `a[b]` keys into nested objects. Everything here tolerates all three.
 */
export type RawParams = Record<string, unknown>;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  return [];
}

/** The first non-empty value of a parameter, trimmed; empty and absent are the same (G4). */
export function scalar(params: RawParams, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(params, name)) return undefined;
  return strings(params[name]).map((value) => value.trim()).find((value) => value !== '');
}

/** The first value untrimmed (descriptions keep their line breaks). */
export function rawScalar(params: RawParams, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(params, name)) return undefined;
  return strings(params[name]).find((value) => value.trim() !== '');
}

/** Every non-empty value of a repeatable parameter. */
export function repeated(params: RawParams, name: string): string[] {
  if (!Object.prototype.hasOwnProperty.call(params, name)) return [];
  return strings(params[name]).map((value) => value.trim()).filter(Boolean);
}

/** A comma list (values of a repeated key are joined first). */
export function commaList(params: RawParams, name: string): string[] {
  return repeated(params, name).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}

const ATTRIBUTE_KEY = /^attribute\[([^\]]{1,100})\](\[\])?$/;

/**
 * `attribute[CODE]=v`, `attribute[CODE][]=v1&attribute[CODE][]=v2`, and
 * `attribute[CODE]` repeated without `[]` (FixMyStreet) all work; a list
 * answer is an array. Empty values count as absent.
 */
export function attributeAnswers(params: RawParams): Record<string, string | string[]> {
  const collected = new Map<string, { values: string[]; list: boolean }>();
  const add = (code: string, value: unknown, list: boolean) => {
    const entry = collected.get(code) ?? { values: [], list: false };
    const values = strings(value);
    entry.values.push(...values);
    entry.list ||= list || values.length > 1;
    collected.set(code, entry);
  };
  for (const [key, value] of Object.entries(params)) {
    const match = ATTRIBUTE_KEY.exec(key);
    if (match) add(match[1], value, Boolean(match[2]));
  }
  const nested = params.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [code, value] of Object.entries(nested as Record<string, unknown>)) add(code, value, Array.isArray(value));
  }
  const answers: Array<[string, string | string[]]> = [];
  for (const [code, { values, list }] of collected) {
    const kept = values.map((value) => value.trim()).filter(Boolean);
    if (kept.length > 0) answers.push([code, list ? kept : kept[0]]);
  }
  // fromEntries defines own properties: a key like __proto__ stays a plain (ignored) answer.
  return Object.fromEntries(answers);
}

export function positiveInt(params: RawParams, name: string, { min, max }: { min: number; max: number }): number | undefined {
  const value = scalar(params, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw Open311Error.badRequest(name, `must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

/** A decimal number as Open311 clients send it ("50.68", "-0.5", "1e-3"). */
export function decimal(value: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
