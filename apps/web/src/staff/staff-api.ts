// The staff API (/api/v1/t/{slug}/staff/…) on top of the shared client: the session cookie is
// httpOnly and sent by the browser; every write carries the session's CSRF token; a 401 on a
// signed-in request means the session ended (idle, 12 h, signed out elsewhere).
import { ApiError, type Query, request } from '../api/client';
import type { Localized, ReportStatus, CategoryAttribute } from '../api/types';

export type StaffRole = 'tenant_admin' | 'triage' | 'department' | 'budget_reviewer' | 'read_only';
export const STAFF_ROLES: StaffRole[] = ['tenant_admin', 'triage', 'department', 'budget_reviewer', 'read_only'];
export type Permission =
  | 'account.self'
  | 'reports.read'
  | 'reports.contact'
  | 'reports.work'
  | 'reports.triage'
  | 'reports.merge_forward'
  | 'reports.moderate'
  | 'reports.moderation_original'
  | 'stats.read'
  | 'reports.export'
  | 'admin.catalog'
  | 'admin.users'
  | 'admin.settings'
  | 'audit.read'
  | 'budget.review';

export interface StaffSession {
  user: { id: string; email: string; role: StaffRole; departmentIds: string[] };
  permissions: Permission[];
  csrfToken: string;
}

export interface InboxItem {
  id: string;
  number: string;
  status: ReportStatus;
  priority: number;
  category: { id: string; code: string; name: Localized };
  department: { id: string; name: string } | null;
  area: { id: string; name: string } | null;
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  createdAt: string;
  updatedAt: string;
  dueAt: string | null;
  overdue: boolean;
  hidden: boolean;
  duplicateOf: string | null;
}

export interface InboxPage {
  total: number;
  page: number;
  pageSize: number;
  items: InboxItem[];
}

export interface HistoryEntry {
  id: string;
  at: string;
  status: ReportStatus;
  note: string | null;
  internal: boolean;
  actor: string;
}

export interface StaffPhoto {
  id: string;
  position: number;
  state: string;
  hidden: boolean;
  blurred: boolean;
  thumb: string | null;
  large: string | null;
}

export interface StaffReport {
  id: string;
  number: string;
  status: ReportStatus;
  isOpen: boolean;
  priority: number;
  category: { id: string; code: string; name: Localized };
  department: { id: string; name: string } | null;
  area: { id: string; name: string } | null;
  routing: { reason: string | null; routedAt: string | null; departmentId: string | null };
  description: string | null;
  descriptionOriginal?: string | null;
  moderatedAt: string | null;
  attributes: Record<string, unknown> | null;
  address: string | null;
  lat: number;
  lon: number;
  locale: string;
  source: string;
  hidden: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  dueAt: string | null;
  firstResponseAt: string | null;
  overdue: boolean;
  escalatedAt: string | null;
  contact?: { email: string | null; name: string | null; phone: string | null; anonymizedAt: string | null };
  history: HistoryEntry[];
  photos: StaffPhoto[];
  followers: number;
  duplicateOf: string | null;
  duplicates: { id: string; number: string }[];
  forwardedTo: { tenant: string; reportId: string } | null;
  forwardedFrom: { tenant: string; reportId: string } | null;
}

export interface ReplyTemplate {
  id: string;
  name: string;
  body: string;
  status: ReportStatus | null;
  active: boolean;
}

export interface AdminCategory {
  id: string;
  code: string;
  name: Localized;
  description: Localized;
  group: Localized;
  keywords: string[];
  attributes: CategoryAttribute[];
  active: boolean;
  sortOrder: number;
  firstResponseHours: number | null;
}
export interface Department {
  id: string;
  name: string;
  email: string;
  active: boolean;
}
export interface Rule {
  id: string;
  categoryId: string;
  areaId: string | null;
  departmentId: string;
}
export interface AdminArea {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
}
export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  departmentIds: string[];
  active: boolean;
  totpEnabled: boolean;
  sso: boolean;
}
export interface ApiKey {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}
export interface Retention {
  contactRetentionDaysAfterClose: number;
  unconfirmedExpiryHours: number;
}

export interface SsoSettings {
  enabled: boolean;
  issuer: string;
  clientId: string;
  roleClaim: string;
  roleMapping: Record<string, StaffRole>;
}

export interface CountItem {
  key: string | null;
  label: string | null;
  count: number;
  open: number;
}
export interface Counts {
  by: string;
  total: number;
  items: CountItem[];
}
export interface ResponseTimes {
  departments: {
    departmentId: string | null;
    department: string | null;
    reports: number;
    responded: number;
    closed: number;
    medianFirstResponseHours: number | null;
    medianCloseHours: number | null;
  }[];
}
export interface Backlog {
  at: string;
  buckets: { bucket: string; count: number; overdue: number }[];
  byDepartment: { bucket: string; departmentId: string | null; department: string | null; count: number; overdue: number }[];
}
export interface AuditEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  detail: Record<string, unknown>;
}

let csrfToken = '';
let onExpired: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}
/** Called when a signed-in request answers 401: the session ended. */
export function setSessionExpiredHandler(handler: (() => void) | null): void {
  onExpired = handler;
}

export const staffBase = (slug: string) => `/api/v1/t/${encodeURIComponent(slug)}/staff`;

async function call<T>(slug: string, path: string, init: { method?: string; body?: unknown; query?: Query; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  try {
    return await request<T>(`/t/${encodeURIComponent(slug)}/staff${path}`, {
      method,
      signal: init.signal,
      query: init.query,
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !path.startsWith('/auth/')) onExpired?.();
    throw error;
  }
}

const id = (value: string) => encodeURIComponent(value);

export const staffApi = {
  session: (slug: string, signal?: AbortSignal) => call<StaffSession>(slug, '/auth/session', { signal }),
  signIn: (slug: string, body: { email: string; password: string; totpCode?: string }) => call<StaffSession>(slug, '/auth/sign-in', { method: 'POST', body }),
  signOut: (slug: string) => call<void>(slug, '/auth/sign-out', { method: 'POST' }),
  setPassword: (slug: string, body: { token: string; password: string }) => call<void>(slug, '/auth/password', { method: 'POST', body }),
  changePassword: (slug: string, body: { currentPassword: string; newPassword: string }) => call<void>(slug, '/auth/password/change', { method: 'POST', body }),
  totpSetup: (slug: string) => call<{ secret: string; otpauthUri: string }>(slug, '/auth/totp/setup', { method: 'POST' }),
  totpEnable: (slug: string, code: string) => call<void>(slug, '/auth/totp/enable', { method: 'POST', body: { code } }),
  totpDisable: (slug: string, password: string) => call<void>(slug, '/auth/totp/disable', { method: 'POST', body: { password } }),
  requestPasswordReset: (slug: string, email: string) => call<void>(slug, '/auth/password-reset', { method: 'POST', body: { email } }),

  inbox: (slug: string, query: Query, signal?: AbortSignal) => call<InboxPage>(slug, '/reports', { query, signal }),
  inboxMap: (slug: string, query: Query, signal?: AbortSignal) =>
    call<{ items: { id: string; lat: number; lon: number; status: ReportStatus; overdue: boolean }[]; truncated: boolean }>(slug, '/reports/map', { query, signal }),
  bulk: (slug: string, body: { ids: string[]; action: 'status' | 'assign'; status?: ReportStatus; note?: string; departmentId?: string }) =>
    call<{ results: { id: string; ok: boolean; error?: unknown }[] }>(slug, '/reports/bulk', { method: 'POST', body }),
  report: (slug: string, reportId: string, signal?: AbortSignal) => call<StaffReport>(slug, `/reports/${id(reportId)}`, { signal }),
  respond: (slug: string, reportId: string, body: { status?: ReportStatus; note?: string; templateId?: string }) =>
    call<{ historyId: string; status: ReportStatus }>(slug, `/reports/${id(reportId)}/responses`, { method: 'POST', body }),
  note: (slug: string, reportId: string, note: string) => call<{ historyId: string }>(slug, `/reports/${id(reportId)}/notes`, { method: 'POST', body: { note } }),
  priority: (slug: string, reportId: string, priority: number) => call<void>(slug, `/reports/${id(reportId)}/priority`, { method: 'PATCH', body: { priority } }),
  reroute: (slug: string, reportId: string, body: { categoryId?: string; areaId?: string }) =>
    call<{ departmentId: string | null; reason: string }>(slug, `/reports/${id(reportId)}/reroute`, { method: 'POST', body }),
  assign: (slug: string, reportId: string, body: { departmentId: string; note?: string }) => call<void>(slug, `/reports/${id(reportId)}/assign`, { method: 'POST', body }),
  merge: (slug: string, reportId: string, body: { originalId: string; note?: string }) => call<unknown>(slug, `/reports/${id(reportId)}/merge`, { method: 'POST', body }),
  forward: (slug: string, reportId: string, body: { tenantSlug: string; note?: string }) =>
    call<{ tenant: string; reportId: string; number: string }>(slug, `/reports/${id(reportId)}/forward`, { method: 'POST', body }),
  description: (slug: string, reportId: string, body: { description: string | null; reason?: string }) =>
    call<void>(slug, `/reports/${id(reportId)}/description`, { method: 'PATCH', body }),
  visibility: (slug: string, reportId: string, body: { hidden: boolean; reason?: string }) => call<void>(slug, `/reports/${id(reportId)}/visibility`, { method: 'PATCH', body }),
  photoVisibility: (slug: string, reportId: string, photoId: string, hidden: boolean) =>
    call<void>(slug, `/reports/${id(reportId)}/photos/${id(photoId)}/visibility`, { method: 'PATCH', body: { hidden } }),
  blur: (slug: string, reportId: string, photoId: string, body: { x: number; y: number; width: number; height: number }) =>
    call<{ large: string; thumb: string }>(slug, `/reports/${id(reportId)}/photos/${id(photoId)}/blur`, { method: 'POST', body }),
  photoUrl: (slug: string, reportId: string, photoId: string, variant: 'large' | 'thumb' | 'original' = 'large', version = '') =>
    `${staffBase(slug)}/reports/${id(reportId)}/photos/${id(photoId)}/file?variant=${variant}${version ? `&v=${encodeURIComponent(version)}` : ''}`,

  counts: (slug: string, by: 'category' | 'area' | 'month' | 'department' | 'status', query: Query = {}, signal?: AbortSignal) =>
    call<Counts>(slug, '/stats/reports', { query: { by, ...query }, signal }),
  responseTimes: (slug: string, query: Query = {}, signal?: AbortSignal) => call<ResponseTimes>(slug, '/stats/response-times', { query, signal }),
  backlog: (slug: string, signal?: AbortSignal) => call<Backlog>(slug, '/stats/backlog', { signal }),

  audit: (slug: string, query: Query, signal?: AbortSignal) => call<{ items: AuditEntry[]; nextBeforeId: string | null }>(slug, '/audit', { query, signal }),

  categories: (slug: string, signal?: AbortSignal) => call<AdminCategory[]>(slug, '/admin/categories', { signal }),
  createCategory: (slug: string, body: Omit<AdminCategory, 'id'>) => call<{ id: string }>(slug, '/admin/categories', { method: 'POST', body }),
  updateCategory: (slug: string, categoryId: string, body: Partial<Omit<AdminCategory, 'id'>>) => call<void>(slug, `/admin/categories/${id(categoryId)}`, { method: 'PATCH', body }),
  departments: (slug: string, signal?: AbortSignal) => call<Department[]>(slug, '/admin/departments', { signal }),
  createDepartment: (slug: string, body: Omit<Department, 'id'>) => call<{ id: string }>(slug, '/admin/departments', { method: 'POST', body }),
  updateDepartment: (slug: string, departmentId: string, body: Partial<Omit<Department, 'id'>>) =>
    call<void>(slug, `/admin/departments/${id(departmentId)}`, { method: 'PATCH', body }),
  rules: (slug: string, signal?: AbortSignal) => call<Rule[]>(slug, '/admin/responsibility-rules', { signal }),
  createRule: (slug: string, body: Omit<Rule, 'id'>) => call<{ id: string }>(slug, '/admin/responsibility-rules', { method: 'POST', body }),
  deleteRule: (slug: string, ruleId: string) => call<void>(slug, `/admin/responsibility-rules/${id(ruleId)}`, { method: 'DELETE' }),
  areas: (slug: string, signal?: AbortSignal) => call<AdminArea[]>(slug, '/admin/areas', { signal }),
  importAreas: (slug: string, body: { geojson: unknown; replace: boolean }) => call<{ municipalities: number; districts: number }>(slug, '/admin/areas/import', { method: 'POST', body }),
  users: (slug: string, signal?: AbortSignal) => call<StaffUser[]>(slug, '/admin/users', { signal }),
  createUser: (slug: string, body: { email: string; displayName: string; role: StaffRole; departmentIds: string[] }) =>
    call<{ id: string }>(slug, '/admin/users', { method: 'POST', body }),
  updateUser: (slug: string, userId: string, body: Partial<{ displayName: string; role: StaffRole; departmentIds: string[]; active: boolean }>) =>
    call<void>(slug, `/admin/users/${id(userId)}`, { method: 'PATCH', body }),
  sendPasswordLink: (slug: string, userId: string) => call<void>(slug, `/admin/users/${id(userId)}/password-link`, { method: 'POST' }),
  templates: (slug: string, signal?: AbortSignal) => call<ReplyTemplate[]>(slug, '/admin/reply-templates', { signal }),
  createTemplate: (slug: string, body: Omit<ReplyTemplate, 'id'>) => call<{ id: string }>(slug, '/admin/reply-templates', { method: 'POST', body }),
  updateTemplate: (slug: string, templateId: string, body: Partial<Omit<ReplyTemplate, 'id'>>) =>
    call<void>(slug, `/admin/reply-templates/${id(templateId)}`, { method: 'PATCH', body }),
  deleteTemplate: (slug: string, templateId: string) => call<void>(slug, `/admin/reply-templates/${id(templateId)}`, { method: 'DELETE' }),
  retention: (slug: string, signal?: AbortSignal) => call<Retention>(slug, '/admin/retention', { signal }),
  setRetention: (slug: string, body: Retention) => call<void>(slug, '/admin/retention', { method: 'PUT', body }),
  sso: (slug: string, signal?: AbortSignal) => call<SsoSettings | null>(slug, '/admin/sso', { signal }),
  saveSso: (slug: string, body: Omit<SsoSettings, 'clientSecret'> & { clientSecret?: string }) => call<{ redirectUri: string }>(slug, '/admin/sso', { method: 'PUT', body }),
  apiKeys: (slug: string, signal?: AbortSignal) => call<ApiKey[]>(slug, '/admin/api-keys', { signal }),
  createApiKey: (slug: string, name: string) => call<{ id: string; name: string; key: string }>(slug, '/admin/api-keys', { method: 'POST', body: { name } }),
  revokeApiKey: (slug: string, keyId: string) => call<void>(slug, `/admin/api-keys/${id(keyId)}`, { method: 'DELETE' }),
};
