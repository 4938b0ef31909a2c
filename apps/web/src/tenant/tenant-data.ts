// Tenant and category data change rarely: fetch once per page load and share between pages.
import { api } from '../api/client';
import type { Category, Tenant } from '../api/types';
import { useAsync } from '../common/use-async';

const tenants = new Map<string, Promise<Tenant>>();
const categories = new Map<string, Promise<Category[]>>();

function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    p = load();
    map.set(key, p);
    p.catch(() => map.delete(key));
  }
  return p;
}

export function useTenant(slug: string) {
  return useAsync(() => cached(tenants, slug, () => api.tenant(slug)), [slug]);
}

export function useCategories(slug: string) {
  return useAsync(() => cached(categories, slug, () => api.categories(slug)), [slug]);
}
