// The one typed client for the mitreden API. Every request carries Accept-Language.
import type {
  BBox,
  Category,
  ClusterResponse,
  CreateReportResult,
  DuplicateCandidate,
  FieldError,
  Locale,
  Page,
  ReportDetail,
  ReportFilters,
  ReportSummary,
  Tenant,
  TenantSummary,
} from './types';

const BASE = '/api/v1';

let currentLocale: () => Locale = () => 'de';
/** Wired up by the i18n module so the client never imports UI code. */
export function setLocaleSource(source: () => Locale): void {
  currentLocale = source;
}

/** The server answered with an error status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** The API's machine-readable error code (e.g. totp_required, locked, csrf), when given. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, server down, proxy error page). */
export class NetworkError extends Error {
  constructor(message = 'network') {
    super(message);
    this.name = 'NetworkError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export type Query = Record<string, string | number | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Shared with the staff client (src/staff/staff-api.ts), which adds the CSRF header. */
export async function request<T>(path: string, init: RequestInit & { query?: Query } = {}): Promise<T> {
  const { query, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(withQuery(BASE + path, query), {
      ...rest,
      headers: { Accept: 'application/json', 'Accept-Language': currentLocale(), ...headers },
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const text = await response.text().catch(() => '');
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) {
    // A gateway without the API behind it (502/503/504 without a JSON body) counts as a lost connection.
    if (body === undefined && response.status >= 502 && response.status <= 504) throw new NetworkError(`HTTP ${response.status}`);
    const b = (body ?? {}) as { message?: unknown; errors?: unknown; code?: unknown };
    const message = typeof b.message === 'string' ? b.message : Array.isArray(b.message) ? b.message.join(', ') : `HTTP ${response.status}`;
    const errors = Array.isArray(b.errors) ? (b.errors as FieldError[]).filter((e) => e && typeof e.field === 'string') : [];
    throw new ApiError(response.status, message, errors, typeof b.code === 'string' ? b.code : undefined);
  }
  return body as T;
}

function filterQuery(filters: ReportFilters): Query {
  return {
    status: filters.status,
    category: filters.category.length ? filters.category.join(',') : null,
    maxAgeDays: filters.maxAgeDays,
  };
}

const t = (slug: string) => `/t/${encodeURIComponent(slug)}`;

export const api = {
  tenants: (signal?: AbortSignal) => request<TenantSummary[]>('/tenants', { signal }),
  tenant: (slug: string, signal?: AbortSignal) => request<Tenant>(t(slug), { signal }),
  categories: (slug: string, signal?: AbortSignal) => request<Category[]>(`${t(slug)}/categories`, { signal }),
  clusters: (slug: string, q: { bbox: BBox; zoom: number; filters: ReportFilters }, signal?: AbortSignal) =>
    request<ClusterResponse>(`${t(slug)}/reports/clusters`, {
      signal,
      query: { bbox: q.bbox.map((n) => n.toFixed(6)).join(','), zoom: q.zoom, ...filterQuery(q.filters) },
    }),
  reports: (slug: string, q: { filters: ReportFilters; page: number; pageSize: number; bbox?: BBox | null }, signal?: AbortSignal) =>
    request<Page<ReportSummary>>(`${t(slug)}/reports`, {
      signal,
      query: { bbox: q.bbox ? q.bbox.join(',') : null, ...filterQuery(q.filters), page: q.page, pageSize: q.pageSize },
    }),
  duplicates: (slug: string, q: { lat: number; lon: number; category: string; description: string }, signal?: AbortSignal) =>
    request<DuplicateCandidate[]>(`${t(slug)}/reports/duplicates`, { signal, query: q }),
  createReport: (slug: string, form: FormData) =>
    request<CreateReportResult>(`${t(slug)}/reports`, { method: 'POST', body: form }),
  report: (slug: string, id: string, signal?: AbortSignal) =>
    request<ReportDetail>(`${t(slug)}/reports/${encodeURIComponent(id)}`, { signal }),
  follow: (slug: string, id: string, body: { email: string; locale: Locale }) =>
    request<{ confirmationRequired: boolean }>(`${t(slug)}/reports/${encodeURIComponent(id)}/followers`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    }),
};
