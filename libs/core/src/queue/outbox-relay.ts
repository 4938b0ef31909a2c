import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutboxRepository } from './outbox.repository';
import { QueuePublisher } from './queue-publisher';
import { jobRegistry } from './job-definition';

/**
 * The BullMQ job id of an outbox row. BullMQ drops a job whose id it still
 * holds, which makes a repeated publish of the same row harmless; the row's
 * creation time (µs) keeps the id unique when a restored or recreated
 * database counts outbox ids from 1 again against a Redis that remembers the
 * old ones. (BullMQ also refuses integer-like ids, hence the prefix.)
 */
export const outboxJobId = (outboxId: string, createdMicros: string): string => `ob-${outboxId}-${createdMicros}`;

const MAX_BACKOFF_MS = 10_000;
/** A publish that hangs (a half-open Redis connection) must not hold the claimed rows' transaction forever. */
const PUBLISH_TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

/**
 * Moves committed outbox rows to BullMQ. Several relays may run: each claims
 * rows with FOR UPDATE SKIP LOCKED, and jobId = outbox id makes a repeated
 * publish harmless. While Redis is unreachable the rows stay and the relay
 * backs off.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = true;
  private failures = 0;
  private inFlight?: Promise<number>;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly publisher: QueuePublisher,
    private readonly config: AppConfig,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Publishes everything due now; returns the number of rows sent. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.relayOnce();
      total += sent;
      if (sent < this.config.env.OUTBOX_BATCH_SIZE) return total;
    }
  }

  async relayOnce(): Promise<number> {
    return this.outbox.withClaimedBatch(this.config.env.OUTBOX_BATCH_SIZE, async (rows, manager) => {
      if (rows.length === 0) return 0;
      const known = rows.filter((row) => jobRegistry.get(row.job_name));
      const unknown = rows.filter((row) => !jobRegistry.get(row.job_name));
      if (unknown.length > 0) {
        // A row this build cannot publish must not block the rows behind it.
        this.logger.error(`outbox rows name unknown jobs: ${unknown.map((row) => `${row.id}:${row.job_name}`).join(', ')}`);
        await this.outbox.markPublishFailed(unknown.map((row) => row.id), 'unknown job name', 3600_000, manager);
      }
      await withTimeout(
        this.publisher.publish(known.map((row) => ({ jobId: outboxJobId(row.id, row.created_us), name: row.job_name, payload: row.payload }))),
        PUBLISH_TIMEOUT_MS,
        'publishing to Redis',
      );
      await this.outbox.markSent(manager, known.map((row) => row.id));
      return rows.length;
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let next = this.config.env.OUTBOX_POLL_MS;
    try {
      this.inFlight = this.drain();
      const sent = await this.inFlight;
      if (this.failures > 0) this.logger.log(`outbox relay recovered after ${this.failures} failed attempts`);
      this.failures = 0;
      if (sent > 0) next = 0;
    } catch (error) {
      this.failures += 1;
      next = Math.min(this.config.env.OUTBOX_POLL_MS * 2 ** this.failures, MAX_BACKOFF_MS);
      // One line per outage, not per retry.
      if (this.failures === 1) this.logger.warn(`outbox relay cannot publish (${(error as Error).message}); retrying with back-off`);
    } finally {
      this.inFlight = undefined;
      this.running = false;
      this.schedule(next);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
