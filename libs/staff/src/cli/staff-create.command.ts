import { INestApplicationContext } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { StaffAuthService } from '../auth/staff-auth.service';
import { StaffUsersRepository } from '../auth/staff-users.repository';
import { StaffAudit } from '../audit/staff-audit.service';
import { STAFF_ROLES, StaffRole } from '../permissions';

/**
 * `staff:create <tenantSlug> <email> <role>`: the first admin of a fresh
 * deployment. Prints a one-time link to set the password (valid 72 hours);
 * nothing is mailed, the operator hands the link over.
 */
export const staffCreateCommand = {
  name: 'staff:create',
  usage: 'staff:create <slug> <email> <role>',
  description: `create a staff account and print its password link (roles: ${STAFF_ROLES.join(', ')})`,
  async run(app: INestApplicationContext, args: string[]): Promise<string> {
    const [slug, email, role] = args;
    if (!slug || !email || !role) throw new Error('usage: staff:create <tenantSlug> <email> <role>');
    if (!(STAFF_ROLES as readonly string[]).includes(role)) throw new Error(`unknown role ${role}; one of ${STAFF_ROLES.join(', ')}`);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`not an e-mail address: ${email}`);
    const scope = app.get(TenantScope);
    const tenants = await scope.asSystem({ actor: 'cli:staff:create', action: 'tenants.lookup', tenantIds: [], detail: { slug } }, (manager) =>
      manager.query(`SELECT id FROM tenants WHERE slug = $1`, [slug]),
    );
    if (tenants.length === 0) throw new Error(`no tenant with slug ${slug}`);
    const tenantId: string = tenants[0].id;
    const users = app.get(StaffUsersRepository);
    const auth = app.get(StaffAuthService);
    const audit = app.get(StaffAudit);
    return scope.withTenant(tenantId, async () => {
      if (await users.byEmail(email)) throw new Error(`${email} already has an account in ${slug}`);
      const userId = await users.insert({ tenantId, email, displayName: '', role: role as StaffRole });
      await audit.recordAs(tenantId, { userId: null, name: 'cli:staff:create' }, { action: 'staff_user.create', targetType: 'staff_user', targetId: userId, after: { email: email.toLowerCase(), role } });
      const link = await auth.issueSetPasswordLink(tenantId, userId, slug, false);
      return `created ${role} ${email.toLowerCase()} in ${slug}\nset the password within 72 hours (one-time link):\n${link}`;
    });
  }
};
