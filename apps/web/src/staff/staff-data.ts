// Session context, lookup lists and the inbox filter ⇄ query-string mapping of the staff pages.
import { createContext, useContext } from 'react';
import type { Localized, ReportStatus, Tenant } from '../api/types';
import type { Query } from '../api/client';
import { useAsync } from '../common/use-async';
import { type Permission, type ReplyTemplate, type StaffSession, staffApi } from './staff-api';

export const OPEN_STATUSES = ['received', 'in_review', 'in_progress'] as const;

/** Which status changes staff may make (mirror of canTransition in libs/domain). */
export const ALLOWED: Record<ReportStatus, ReportStatus[]> = {
  received: ['in_review', 'in_progress', 'fixed', 'closed_not_fixed', 'forwarded', 'rejected', 'duplicate'],
  in_review: ['in_progress', 'fixed', 'closed_not_fixed', 'forwarded', 'rejected', 'duplicate'],
  in_progress: ['in_review', 'fixed', 'closed_not_fixed', 'forwarded', 'rejected', 'duplicate'],
  fixed: ['in_progress', 'in_review'],
  closed_not_fixed: ['in_progress', 'in_review'],
  forwarded: ['in_review'],
  rejected: ['in_review'],
  duplicate: ['in_review'],
};
/** Statuses that need a public reason. */
export const REASON_REQUIRED = new Set<ReportStatus>(['rejected', 'closed_not_fixed', 'forwarded']);

export interface StaffContextValue {
  slug: string;
  tenant: Tenant;
  session: StaffSession;
  can: (permission: Permission) => boolean;
  signOut: () => void;
}

export const StaffContext = createContext<StaffContextValue | null>(null);

export function useStaff(): StaffContextValue {
  const value = useContext(StaffContext);
  if (!value) throw new Error('useStaff outside the staff area');
  return value;
}

export interface Option {
  id: string;
  name: string | Localized;
}

export interface Lookups {
  categories: Option[];
  departments: Option[];
  areas: Option[];
  templates: ReplyTemplate[];
}

const lookupCache = new Map<string, Promise<Lookups>>();

/**
 * Categories, departments, areas and reply templates for filters and forms. The API lists them
 * with ids only under the administration permissions; other roles get departments from the
 * statistics and areas from the tenant's public data (see the report's API gaps).
 */
export async function loadLookups(ctx: Pick<StaffContextValue, 'slug' | 'tenant' | 'can' | 'session'>): Promise<Lookups> {
  const key = `${ctx.slug}|${ctx.session.user.id}`;
  let promise = lookupCache.get(key);
  if (!promise) {
    promise = (async () => {
      const catalog = ctx.can('admin.catalog');
      const [categories, departments, templates] = await Promise.all([
        catalog ? staffApi.categories(ctx.slug).then((list) => list.map((c) => ({ id: c.id, name: c.name }))) : Promise.resolve([] as Option[]),
        catalog
          ? staffApi.departments(ctx.slug).then((list) => list.map((d) => ({ id: d.id, name: d.name })))
          : ctx.can('stats.read')
            ? staffApi.counts(ctx.slug, 'department').then((c) => c.items.filter((i) => i.key).map((i) => ({ id: i.key!, name: i.label ?? i.key! })))
            : Promise.resolve([] as Option[]),
        ctx.can('admin.settings') ? staffApi.templates(ctx.slug) : Promise.resolve([] as ReplyTemplate[]),
      ]);
      const areas = (ctx.tenant.areas?.features ?? []).map((f) => ({ id: f.properties.id, name: f.properties.name }));
      return { categories, departments, areas, templates: templates.filter((tpl) => tpl.active) };
    })();
    lookupCache.set(key, promise);
    promise.catch(() => lookupCache.delete(key));
  }
  return promise;
}

export function invalidateLookups(): void {
  lookupCache.clear();
}

export function useLookups() {
  const ctx = useStaff();
  return useAsync(() => loadLookups(ctx), [ctx.slug, ctx.session.user.id]);
}

export function optionName(option: Option, locale: 'de' | 'en'): string {
  return typeof option.name === 'string' ? option.name : option.name[locale] || option.name.de;
}

// Inbox filters: kept in the query string, so inbox, map, dashboard exports and links share them.
export const FILTER_KEYS = ['status', 'categoryId', 'areaId', 'departmentId', 'unassigned', 'priority', 'minAgeDays', 'maxAgeDays', 'overdue', 'createdFrom', 'createdTo'] as const;
export const SORTS = ['-created', 'created', 'due', '-due', '-priority', 'priority', '-updated', 'updated'] as const;

/** The filter part of the URL as an API query (unknown keys dropped; "open" expands to the open statuses). */
export function filterQuery(search: URLSearchParams): Query {
  const query: Query = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (!value) continue;
    query[key] = key === 'status' && value === 'open' ? OPEN_STATUSES.join(',') : value;
  }
  return query;
}

export function filterSearch(search: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value) out.set(key, value);
  }
  return out;
}

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
