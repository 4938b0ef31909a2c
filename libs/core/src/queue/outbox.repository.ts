import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_DATA_SOURCE } from '../database/tokens';

export interface OutboxRow {
  id: string;
  /** created_at in microseconds since the epoch, part of the job id. */
  created_us: string;
  job_name: string;
  payload: unknown;
  delay_ms: number;
}

/** SQL of the outbox table (infrastructure: ids only, no tenant data). */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Runs fn with rows claimed by this transaction; other relays skip them. */
  async withClaimedBatch<T>(limit: number, fn: (rows: OutboxRow[], manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id::text AS id, (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us, job_name, payload, 0 AS delay_ms
           FROM outbox
          WHERE sent_at IS NULL AND available_at <= now()
          ORDER BY id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      return fn(rows, manager);
    });
  }

  async markSent(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async markPublishFailed(ids: string[], error: string, retryInMs: number, manager: EntityManager | DataSource = this.dataSource): Promise<void> {
    await manager.query(
      `UPDATE outbox SET publish_attempts = publish_attempts + 1, last_error = $2,
              available_at = now() + make_interval(secs => $3::double precision / 1000)
        WHERE id = ANY($1::bigint[]) AND sent_at IS NULL`,
      [ids, error.slice(0, 2000), retryInMs],
    );
  }

  async backlog(): Promise<number> {
    const rows: Array<{ count: string }> = await this.dataSource.query(`SELECT count(*) AS count FROM outbox WHERE sent_at IS NULL`);
    return Number(rows[0].count);
  }

  /** Sent rows are only kept for inspection for a while. */
  async purgeSent(olderThanMs: number): Promise<number> {
    const rows = await this.dataSource.query(
      `WITH gone AS (DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1::double precision / 1000) RETURNING 1) SELECT count(*)::int AS count FROM gone`,
      [olderThanMs],
    );
    return rows[0].count;
  }

  /** Re-enqueues a job (sweeps, dead-letter re-drive) as a new row. */
  async insert(manager: EntityManager | DataSource, tenantId: string | null, jobName: string, payload: unknown): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO outbox (tenant_id, job_name, payload) VALUES ($1, $2, $3::jsonb) RETURNING id::text AS id`,
      [tenantId, jobName, JSON.stringify(payload)],
    );
    return rows[0].id;
  }
}
