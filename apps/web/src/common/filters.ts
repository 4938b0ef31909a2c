import type { ReportFilters, StatusFilter } from '../api/types';

export const AGE_OPTIONS = [7, 30, 90, 365] as const;

/** Filters live in the query string so map and list share them and links keep them. */
export function filtersFromSearch(search: URLSearchParams): ReportFilters {
  const s = search.get('status');
  const status: StatusFilter = s === 'open' || s === 'closed' ? s : 'all';
  const category = (search.get('category') ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const age = Number(search.get('maxAgeDays'));
  return { status, category, maxAgeDays: Number.isInteger(age) && age > 0 ? age : null };
}

export function filtersToSearch(filters: ReportFilters, base?: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(base);
  out.delete('status');
  out.delete('category');
  out.delete('maxAgeDays');
  if (filters.status !== 'all') out.set('status', filters.status);
  if (filters.category.length) out.set('category', filters.category.join(','));
  if (filters.maxAgeDays) out.set('maxAgeDays', String(filters.maxAgeDays));
  return out;
}

export function withSearch(path: string, search: URLSearchParams): string {
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
