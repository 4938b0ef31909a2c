import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantContext } from '@app/core';
import { StaffContext } from '../staff-context';
import { StaffAuditRepository } from './staff-audit.repository';

export interface AuditAction {
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

/** Writes the current staff member's action to the audit log, inside the caller's transaction. */
@Injectable()
export class StaffAudit {
  constructor(
    private readonly repository: StaffAuditRepository,
    private readonly staff: StaffContext,
    private readonly tenant: TenantContext,
  ) {}

  async record(action: AuditAction): Promise<void> {
    const principal = this.staff.principal;
    await this.repository.append({ tenantId: this.tenant.tenantId, actorUserId: principal.userId, actor: `staff:${principal.email}`, ...action });
  }

  /** For work without a signed-in user (sign-in attempts, CLI, jobs, other tenants via asSystem). */
  async recordAs(tenantId: string, actor: { userId: string | null; name: string }, action: AuditAction, manager?: EntityManager): Promise<void> {
    await this.repository.append({ tenantId, actorUserId: actor.userId, actor: actor.name, ...action }, manager);
  }
}
