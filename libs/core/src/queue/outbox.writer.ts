import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { JobDefinition } from './job-definition';

export interface EnqueueOptions {
  /** Do not publish before this many milliseconds have passed. */
  delayMs?: number;
}

/**
 * Producers never talk to Redis: they write an outbox row in the business
 * transaction, and the relay publishes it once the transaction committed.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async enqueue<P extends { tenantId: string }>(job: JobDefinition<P>, payload: P, options: EnqueueOptions = {}): Promise<string> {
    if (!this.txHost.isTransactionActive()) {
      throw new Error(`OutboxWriter.enqueue(${job.name}) outside a transaction: the job would not be tied to the business write`);
    }
    const parsed = job.payload.parse(payload);
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `INSERT INTO outbox (tenant_id, job_name, payload, available_at)
       VALUES ($1, $2, $3::jsonb, now() + make_interval(secs => $4::double precision / 1000)) RETURNING id`,
      [parsed.tenantId, job.name, JSON.stringify(parsed), options.delayMs ?? 0],
    );
    return String(rows[0].id);
  }
}
