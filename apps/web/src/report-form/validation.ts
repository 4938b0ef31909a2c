import type { Category, Locale, Tenant } from '../api/types';
import { pick } from '../format';
import type { Draft, StepId } from './draft';

export const MAX_DESCRIPTION = 4000;
/** The API's number format (a comma is accepted here and sent as a dot). */
export const NUMBER = /^-?\d+(\.\d+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Errors = Record<string, string>;
type T = (key: string, options?: Record<string, unknown>) => string;

/** Which step shows the error for an API field name ('photos[2]', 'attributes.tree_type', …). */
export function stepOfField(field: string): StepId {
  if (field === 'lat' || field === 'lon' || field === 'address' || field === 'areaId' || field === 'location') return 'place';
  if (field === 'category') return 'category';
  if (field === 'description' || field === 'attributes' || field.startsWith('attributes.') || field.startsWith('attributes[')) return 'details';
  if (field.startsWith('photos')) return 'photos';
  if (field.startsWith('contact')) return 'contact';
  return 'review';
}

/** Normalises an API field name to the key the form uses for it. */
export function fieldKey(field: string): string {
  const attr = /^attributes[.[]([^\]]+)\]?$/.exec(field);
  if (attr) return `attributes.${attr[1]}`;
  if (field === 'lon') return 'lat';
  return field;
}

/** The element to focus for a field's error. */
export function fieldDomId(field: string): string {
  const key = fieldKey(field);
  if (key.startsWith('attributes.')) return `f-attr-${key.slice('attributes.'.length)}`;
  if (key.startsWith('photos')) return 'f-photos';
  if (key === 'lat' || key === 'location') return 'f-place';
  return `f-${key}`;
}

export function emailRequired(tenant: Tenant): boolean {
  return !tenant.settings.anonymousAllowed;
}

export function validateStep(step: StepId, draft: Draft, tenant: Tenant, category: Category | undefined, t: T, locale: Locale): Errors {
  const errors: Errors = {};
  if (step === 'place') {
    if (draft.placeMode === 'map') {
      if (draft.lat === null || draft.lon === null) errors.lat = t('validation.placeMissing');
    } else {
      if (!draft.address.trim()) errors.address = t('validation.addressMissing');
      if (!draft.areaId) errors.areaId = t('validation.areaMissing');
    }
    if (draft.address.length > 500) errors.address = t('validation.tooLong', { max: 500 });
  }
  if (step === 'category' && !category) errors.category = t('validation.categoryMissing');
  if (step === 'details') {
    for (const a of category?.attributes ?? []) {
      if (a.variable === false) continue;
      const v = draft.attributes[a.code];
      const empty = v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');
      const key = `attributes.${a.code}`;
      const name = pick(a.description, locale) || a.code;
      if (empty) {
        if (a.required) errors[key] = t('validation.required', { name });
        continue;
      }
      if (a.datatype === 'number' && !NUMBER.test(String(v).trim().replace(',', '.'))) errors[key] = t('validation.number', { name });
      if ((a.datatype === 'string' && String(v).length > 1000) || (a.datatype === 'text' && String(v).length > 4000))
        errors[key] = t('validation.tooLong', { max: a.datatype === 'text' ? 4000 : 1000 });
      if (a.datatype === 'datetime' && Number.isNaN(new Date(String(v)).getTime())) errors[key] = t('validation.datetime', { name });
    }
    if (!draft.description.trim()) errors.description = t('validation.descriptionMissing');
    else if (draft.description.length > MAX_DESCRIPTION) errors.description = t('validation.tooLong', { max: MAX_DESCRIPTION });
  }
  if (step === 'contact') {
    const email = draft.contactEmail.trim();
    if (!email && emailRequired(tenant)) errors.contactEmail = t('validation.emailRequired');
    else if (email && !EMAIL.test(email)) errors.contactEmail = t('validation.email');
    if (draft.contactName.length > 200) errors.contactName = t('validation.tooLong', { max: 200 });
    if (draft.contactPhone && !/^[0-9 +()/.-]{3,50}$/.test(draft.contactPhone.trim())) errors.contactPhone = t('validation.phone');
  }
  return errors;
}
