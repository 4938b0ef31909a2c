import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_DATA_SOURCE } from '../database/tokens';
import { TenantContext } from './tenant-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SystemAuditEntry {
  /** Who asked: a job name, a staff user, a CLI command. */
  actor: string;
  /** What crosses tenants, e.g. 'report.forward'. */
  action: string;
  tenantIds: string[];
  detail?: Record<string, unknown>;
}

/**
 * The only ways into the database for tenant data:
 * - transaction(): a transaction for the tenant in the current context;
 * - withTenant(): enter a tenant (jobs, relay, CLI) and run a transaction;
 * - asSystem(): the audited escape hatch for work that must cross tenants.
 * Each transaction sets app.tenant_id with set_config(..., true), so the
 * setting ends with the transaction and cannot leak to the next user of
 * the pooled connection.
 */
@Injectable()
export class TenantScope {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly context: TenantContext,
    private readonly cls: ClsService,
    @Inject(SYSTEM_DATA_SOURCE) private readonly systemDataSource: DataSource,
  ) {}

  /** Runs fn in a transaction of the current tenant; joins an open one. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const tenantId = this.context.tenantId;
    if (this.txHost.isTransactionActive()) return fn();
    return this.txHost.withTransaction(async () => {
      await this.txHost.tx.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return fn();
    });
  }

  /** Enters a tenant, with a fresh CLS context when there is none. */
  async withTenant<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
    if (!UUID.test(tenantId)) throw new Error(`withTenant: not a tenant id: ${JSON.stringify(tenantId)}`);
    return this.cls.run({ ifNested: 'override' }, async () => {
      this.context.set(tenantId);
      return this.transaction(fn);
    });
  }

  /**
   * Runs fn with a BYPASSRLS connection in its own transaction, writing an
   * audit row in the same transaction: no cross-tenant work without a trace.
   */
  async asSystem<T>(entry: SystemAuditEntry, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.systemDataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO system_audit (actor, action, tenant_ids, detail) VALUES ($1, $2, $3::uuid[], $4::jsonb)`,
        [entry.actor, entry.action, entry.tenantIds, JSON.stringify(entry.detail ?? {})],
      );
      return fn(manager);
    });
  }

  /** The entity manager of the current transaction (repositories use this). */
  get manager(): EntityManager {
    return this.txHost.tx;
  }
}
