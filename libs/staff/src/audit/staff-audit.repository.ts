import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';

export interface AuditEntry {
  tenantId: string;
  actorUserId: string | null;
  actor: string;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorUserId: string | null;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  detail: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  targetId?: string;
  actorUserId?: string;
  from?: Date;
  to?: Date;
}

const COLUMNS = `id::text AS id, at, actor_user_id AS "actorUserId", actor, action, target_type AS "targetType", target_id AS "targetId", before, after, detail`;

/** The append-only audit log (INSERT and SELECT only; a trigger refuses changes). */
@Injectable()
export class StaffAuditRepository {
  constructor(private readonly scope: TenantScope) {}

  async append(entry: AuditEntry, manager: EntityManager = this.scope.manager): Promise<void> {
    await manager.query(
      `INSERT INTO staff_audit_log (tenant_id, actor_user_id, actor, action, target_type, target_id, before, after, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb)`,
      [entry.tenantId, entry.actorUserId, entry.actor, entry.action, entry.targetType ?? null, entry.targetId ?? null,
        entry.before === undefined ? null : JSON.stringify(entry.before), entry.after === undefined ? null : JSON.stringify(entry.after), JSON.stringify(entry.detail ?? {})],
    );
  }

  private where(filter: AuditFilter, params: unknown[]): string {
    const clauses: string[] = ['true'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.action) add('action = ?', filter.action);
    if (filter.targetId) add('target_id = ?', filter.targetId);
    if (filter.actorUserId) add('actor_user_id = ?', filter.actorUserId);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    return clauses.join(' AND ');
  }

  async list(filter: AuditFilter, page: { limit: number; beforeId?: string }): Promise<AuditRow[]> {
    const params: unknown[] = [];
    let where = this.where(filter, params);
    if (page.beforeId) {
      params.push(page.beforeId);
      where += ` AND id < $${params.length}::bigint`;
    }
    params.push(page.limit);
    return this.scope.manager.query(`SELECT ${COLUMNS} FROM staff_audit_log WHERE ${where} ORDER BY id DESC LIMIT $${params.length}`, params);
  }

  /** Batches by id for a streamed export: never the whole log in memory. */
  async batchAfter(filter: AuditFilter, afterId: string, limit: number): Promise<AuditRow[]> {
    const params: unknown[] = [];
    let where = this.where(filter, params);
    params.push(afterId);
    where += ` AND id > $${params.length}::bigint`;
    params.push(limit);
    return this.scope.manager.query(`SELECT ${COLUMNS} FROM staff_audit_log WHERE ${where} ORDER BY id LIMIT $${params.length}`, params);
  }
}
