import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { TenantsService } from '@app/tenants';
import { StaffAudit } from '../audit/staff-audit.service';
import { StaffAuthService } from '../auth/staff-auth.service';
import { StaffSessionsRepository } from '../auth/staff-sessions.repository';
import { StaffUsersRepository } from '../auth/staff-users.repository';
import { StaffRole } from '../permissions';
import { StaffContext } from '../staff-context';
import { StaffUser } from '../staff.types';
import { translateDbError } from './db-errors';

export interface StaffUserInput {
  email: string;
  displayName: string;
  role: StaffRole;
  departmentIds: string[];
}

/** Staff accounts of the tenant. A new account gets a password-set link by mail. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly scope: TenantScope,
    private readonly tenant: TenantContext,
    private readonly tenants: TenantsService,
    private readonly users: StaffUsersRepository,
    private readonly sessions: StaffSessionsRepository,
    private readonly auth: StaffAuthService,
    private readonly audit: StaffAudit,
    private readonly staff: StaffContext,
    private readonly language: RequestLanguage,
  ) {}

  list(): Promise<StaffUser[]> {
    return this.scope.transaction(() => this.users.list());
  }

  private checkDepartments(role: StaffRole, departmentIds: string[]): void {
    if (role === 'department' && departmentIds.length === 0) {
      throw fieldErrors([{ field: 'departmentIds', code: 'department_required', message: { de: 'Abteilungsmitarbeitende brauchen mindestens eine Abteilung', en: 'Department staff need at least one department' } }], this.language.current);
    }
  }

  async create(input: StaffUserInput): Promise<{ id: string }> {
    this.checkDepartments(input.role, input.departmentIds);
    const tenantId = this.tenant.tenantId;
    const slug = this.tenants.current().slug;
    try {
      return await this.scope.transaction(async () => {
        const id = await this.users.insert({ tenantId, email: input.email, displayName: input.displayName, role: input.role });
        await this.users.setDepartments(tenantId, id, input.role === 'department' ? input.departmentIds : []);
        await this.auth.issueSetPasswordLink(tenantId, id, slug, true);
        await this.audit.record({ action: 'staff_user.create', targetType: 'staff_user', targetId: id, after: { ...input, email: input.email.toLowerCase() } });
        return { id };
      });
    } catch (error) {
      throw translateDbError(error, { unique: 'email', foreignKey: 'departmentIds' }, this.language.current);
    }
  }

  async update(id: string, changes: Partial<Omit<StaffUserInput, 'email'>> & { active?: boolean }): Promise<void> {
    const tenantId = this.tenant.tenantId;
    const language = this.language.current;
    try {
      await this.scope.transaction(async () => {
        const before = await this.users.byId(id);
        if (!before) throw new NotFoundException({ statusCode: 404, message: 'Staff user not found' });
        const role = changes.role ?? before.role;
        const departmentIds = changes.departmentIds ?? before.departmentIds;
        this.checkDepartments(role, departmentIds);
        if (id === this.staff.principal.userId && (changes.active === false || (changes.role && changes.role !== 'tenant_admin'))) {
          throw fieldErrors([{ field: changes.active === false ? 'active' : 'role', code: 'self_lockout', message: { de: 'Das eigene Konto kann nicht deaktiviert oder herabgestuft werden', en: 'You cannot deactivate or demote your own account' } }], language);
        }
        await this.users.update(id, { displayName: changes.displayName, role: changes.role, active: changes.active });
        await this.users.setDepartments(tenantId, id, role === 'department' ? departmentIds : []);
        if (before.role === 'tenant_admin' && (await this.users.countActiveAdmins()) === 0) {
          throw fieldErrors([{ field: 'role', code: 'last_admin', message: { de: 'Die Kommune braucht mindestens eine aktive Administration', en: 'The municipality needs at least one active admin' } }], language);
        }
        // A deactivated account or a changed role must not keep an open session with the old rights.
        if (changes.active === false || (changes.role && changes.role !== before.role) || changes.departmentIds) await this.sessions.deleteForUser(id);
        const after = await this.users.byId(id);
        await this.audit.record({ action: 'staff_user.update', targetType: 'staff_user', targetId: id, before, after });
      });
    } catch (error) {
      if (error instanceof BadRequestException || error instanceof NotFoundException) throw error;
      throw translateDbError(error, { foreignKey: 'departmentIds' }, language);
    }
  }

  async sendPasswordLink(id: string): Promise<void> {
    const tenantId = this.tenant.tenantId;
    const slug = this.tenants.current().slug;
    await this.scope.transaction(async () => {
      const user = await this.users.byId(id);
      if (!user || !user.active) throw new NotFoundException({ statusCode: 404, message: 'Staff user not found' });
      await this.auth.issueSetPasswordLink(tenantId, id, slug, true);
      await this.audit.record({ action: 'staff_user.password_link', targetType: 'staff_user', targetId: id });
    });
  }
}
