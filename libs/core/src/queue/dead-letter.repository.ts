import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_DATA_SOURCE } from '../database/tokens';
import { OutboxRepository } from './outbox.repository';

export interface DeadLetter {
  id: string;
  tenantId: string | null;
  jobName: string;
  jobId: string;
  payload: unknown;
  error: string;
  attempts: number;
  failedAt: Date;
  redrivenAt: Date | null;
}

@Injectable()
export class DeadLetterRepository {
  constructor(
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  async record(entry: { tenantId: string | null; jobName: string; jobId: string; payload: unknown; error: string; attempts: number }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letters (tenant_id, job_name, job_id, payload, error, attempts)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (job_name, job_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now(), redriven_at = NULL`,
      [entry.tenantId, entry.jobName, entry.jobId, JSON.stringify(entry.payload), entry.error.slice(0, 4000), entry.attempts],
    );
  }

  async list(includeRedriven = false): Promise<DeadLetter[]> {
    const rows = await this.dataSource.query(
      `SELECT id::text, tenant_id, job_name, job_id, payload, error, attempts, failed_at, redriven_at
         FROM dead_letters ${includeRedriven ? '' : 'WHERE redriven_at IS NULL'} ORDER BY id`,
    );
    return rows.map((row: any) => ({
      id: row.id, tenantId: row.tenant_id, jobName: row.job_name, jobId: row.job_id, payload: row.payload,
      error: row.error, attempts: row.attempts, failedAt: row.failed_at, redrivenAt: row.redriven_at,
    }));
  }

  /** Puts dead jobs back through the outbox as new jobs; returns how many. */
  async redrive(ids?: string[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; tenant_id: string | null; job_name: string; payload: unknown }> = await manager.query(
        `SELECT id::text, tenant_id, job_name, payload FROM dead_letters
          WHERE redriven_at IS NULL AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[])) FOR UPDATE`,
        [ids ?? null],
      );
      for (const row of rows) {
        await this.outbox.insert(manager, row.tenant_id, row.job_name, row.payload);
      }
      await manager.query(`UPDATE dead_letters SET redriven_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }
}
