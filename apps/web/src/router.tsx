// A tiny router over the History API: path matching, navigation and links.
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'start' }
  | { name: 'map'; slug: string }
  | { name: 'list'; slug: string }
  | { name: 'report-new'; slug: string }
  | { name: 'report-confirm'; slug: string }
  | { name: 'report'; slug: string; id: string }
  /** The staff back office; `path` is what follows /verwaltung (its own sub-routes, see src/staff/). */
  | { name: 'staff'; slug: string; path: string[] }
  /** The participatory budget; `parts` is what follows /buergerhaushalt (sub-routes in src/budget/routes.ts). */
  | { name: 'budget'; slug: string; parts: string[] }
  | { name: 'not-found' };

export const paths = {
  start: () => '/',
  map: (slug: string) => `/${enc(slug)}`,
  list: (slug: string) => `/${enc(slug)}/meldungen`,
  newReport: (slug: string) => `/${enc(slug)}/melden`,
  confirm: (slug: string) => `/${enc(slug)}/melden/danke`,
  report: (slug: string, id: string) => `/${enc(slug)}/meldungen/${enc(id)}`,
  staff: (slug: string, ...rest: string[]) => [`/${enc(slug)}/verwaltung`, ...rest.map(enc)].join('/'),
};

function enc(s: string): string {
  return encodeURIComponent(s);
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export function matchRoute(pathname: string): Route {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts.length === 0) return { name: 'start' };
  const [slug, a, b, ...rest] = parts;
  if (SLUG.test(slug) && a === 'verwaltung') return { name: 'staff', slug, path: parts.slice(2) };
  if (SLUG.test(slug) && a === 'buergerhaushalt') return { name: 'budget', slug, parts: parts.slice(2) };
  if (!SLUG.test(slug) || rest.length) return { name: 'not-found' };
  if (a === undefined) return { name: 'map', slug };
  if ((a === 'meldungen' || a === 'reports') && b === undefined) return { name: 'list', slug };
  if ((a === 'meldungen' || a === 'reports') && b) return { name: 'report', slug, id: b };
  if (a === 'melden' && b === undefined) return { name: 'report-new', slug };
  if (a === 'melden' && b === 'danke') return { name: 'report-confirm', slug };
  return { name: 'not-found' };
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

/** Current path and query string, re-rendering on every navigation. */
export function useLocationKey(): string {
  return useSyncExternalStore(subscribe, snapshot);
}

export function useLocation(): { pathname: string; search: URLSearchParams } {
  const key = useLocationKey();
  const q = key.indexOf('?');
  return {
    pathname: q < 0 ? key : key.slice(0, q),
    search: new URLSearchParams(q < 0 ? '' : key.slice(q)),
  };
}

/** Maps an absolute or relative URL to an in-app path, or null if it leaves this origin. */
export function toAppPath(url: string): string | null {
  try {
    const u = new URL(url, window.location.origin);
    // The API builds tracking links from its configured public URL, which may name another
    // host for the same app (proxy, test port): a report path still opens in this app.
    if (u.origin !== window.location.origin && matchRoute(u.pathname).name !== 'report') return null;
    return u.pathname + u.search;
  } catch {
    return null;
  }
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
