// Dates, numbers and localised API strings, always through Intl in the chosen locale.
import type { Locale, Localized } from './api/types';

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'de-DE');
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dtf(locale: Locale, options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  const key = `d|${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(intlLocale(locale), options);
    }
    cache.set(key, f);
  }
  return f;
}

function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), options);
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dtf(locale, { dateStyle: 'medium', timeStyle: 'short' }, timeZone).format(d);
}

export function formatDate(iso: string, locale: Locale, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dtf(locale, { dateStyle: 'medium' }, timeZone).format(d);
}

export function formatNumber(n: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return nf(locale, options).format(n);
}

export function formatDistance(metres: number, locale: Locale): string {
  if (metres >= 1000) return nf(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(metres / 1000);
  return nf(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(Math.round(metres));
}

export function formatCoordinate(n: number, locale: Locale): string {
  return nf(locale, { minimumFractionDigits: 5, maximumFractionDigits: 5 }).format(n);
}

export function formatFileSize(bytes: number, locale: Locale): string {
  if (bytes >= 1024 * 1024) return nf(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
  return nf(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)));
}

export function pick(text: Localized | null | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text.de || text.en || '';
}
