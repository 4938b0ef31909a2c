import { PERMISSIONS, STAFF_ROLES, hasPermission, permissionsOf } from './permissions';

describe('permission matrix', () => {
  it('names only known roles and gives the tenant admin everything', () => {
    for (const roles of Object.values(PERMISSIONS)) for (const role of roles) expect(STAFF_ROLES).toContain(role);
    expect(permissionsOf('tenant_admin')).toEqual(Object.keys(PERMISSIONS));
  });
  it('keeps contact data from read-only staff and reports from budget reviewers', () => {
    expect(hasPermission('read_only', 'reports.contact')).toBe(false);
    expect(hasPermission('budget_reviewer', 'reports.read')).toBe(false);
    expect(hasPermission('department', 'reports.triage')).toBe(false);
  });
});
