import { mapRole } from './staff-oidc.service';

describe('role from the identity provider’s claim', () => {
  const mapping = { 'mitreden-admins': 'tenant_admin', leitstelle: 'triage', lesen: 'read_only', unknown: 'emperor' };
  it.each([
    ['an array of groups, most privileged wins', ['lesen', 'leitstelle'], 'triage'],
    ['a space-separated string', 'staff mitreden-admins', 'tenant_admin'],
    ['a comma-separated string', 'x,lesen', 'read_only'],
    ['no mapped value', ['visitors'], null],
    ['a value mapped to no real role', ['unknown'], null],
    ['a missing claim', undefined, null],
  ])('%s', (_name, claim, role) => {
    expect(mapRole(claim, mapping)).toBe(role);
  });
});
