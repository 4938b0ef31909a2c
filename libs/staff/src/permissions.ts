/**
 * The permission matrix: one table, permission → roles that hold it. Every
 * staff route names exactly one permission (see apps/api/src/staff), the
 * e2e suite tries every role on every route from this table, and
 * docs/roles.md renders the same table for people.
 */
export const STAFF_ROLES = ['tenant_admin', 'triage', 'department', 'budget_reviewer', 'read_only'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = {
  /** Own account: who am I, sign out, own password and second factor. */
  'account.self': ['tenant_admin', 'triage', 'department', 'budget_reviewer', 'read_only'],
  /** Inbox, map data and report detail (department staff: their departments' reports only). */
  'reports.read': ['tenant_admin', 'triage', 'department', 'read_only'],
  /** Reporter's name, e-mail and phone in the detail and the export. */
  'reports.contact': ['tenant_admin', 'triage', 'department'],
  /** Status changes, public replies, internal notes, priority. */
  'reports.work': ['tenant_admin', 'triage', 'department'],
  /** Change category or area (re-routing), reassign to another department, bulk actions. */
  'reports.triage': ['tenant_admin', 'triage'],
  /** Duplicates and merge, forwarding to another tenant. */
  'reports.merge_forward': ['tenant_admin', 'triage'],
  /** Edit or hide description text, hide or blur photos, hide reports. */
  'reports.moderate': ['tenant_admin', 'triage'],
  /** See the original text behind a moderated description. */
  'reports.moderation_original': ['tenant_admin'],
  /** Statistics for charts. */
  'stats.read': ['tenant_admin', 'triage', 'department', 'read_only'],
  /** CSV and GeoJSON export of reports. */
  'reports.export': ['tenant_admin', 'triage', 'read_only'],
  /** Categories with extra questions, departments, responsibility rules, areas. */
  'admin.catalog': ['tenant_admin'],
  /** Staff accounts and roles. */
  'admin.users': ['tenant_admin'],
  /** Reply templates, retention, single sign-on, Open311 API keys. */
  'admin.settings': ['tenant_admin'],
  /** Browse and export the audit log. */
  'audit.read': ['tenant_admin'],
  /** Participatory budget: review proposals, voting codes, paper ballots, tallies, exports, implementation updates. */
  'budget.review': ['tenant_admin', 'budget_reviewer'],
  /** Participatory budget set-up: cycles, phases, budgets and their rules, publishing results, pabulib import. */
  'budget.admin': ['tenant_admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

export function permissionsOf(role: StaffRole): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => hasPermission(role, permission));
}
