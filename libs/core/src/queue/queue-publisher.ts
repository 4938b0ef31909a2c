import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JobDefinition, jobRegistry } from './job-definition';
import { RedisConnections } from './redis-connections';

export interface PublishableJob {
  jobId: string;
  name: string;
  payload: unknown;
  delayMs?: number;
}

/** BullMQ queues for publishing (relay) and for reading depths (metrics). */
@Injectable()
export class QueuePublisher implements OnApplicationShutdown {
  private connection?: Redis;
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly redis: RedisConnections) {}

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= this.redis.producer();
      queue = new Queue(name, { connection: this.connection, prefix: this.redis.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Publishes with jobId = outbox id, so a second publish of the same row is a no-op. */
  async publish(jobs: PublishableJob[]): Promise<void> {
    const byQueue = new Map<string, Array<{ definition: JobDefinition; job: PublishableJob }>>();
    for (const job of jobs) {
      const definition = jobRegistry.get(job.name);
      if (!definition) throw new Error(`Outbox row ${job.jobId} names unknown job ${job.name}`);
      const list = byQueue.get(definition.queue) ?? [];
      list.push({ definition, job });
      byQueue.set(definition.queue, list);
    }
    await Promise.all(
      [...byQueue.entries()].map(([queueName, list]) =>
        this.queue(queueName).addBulk(
          list.map(({ definition, job }) => ({
            name: job.name,
            data: job.payload,
            opts: {
              jobId: job.jobId,
              attempts: definition.attempts,
              backoff: definition.backoff,
              delay: job.delayMs && job.delayMs > 0 ? job.delayMs : undefined,
              removeOnComplete: { age: 24 * 3600, count: 100000 },
              removeOnFail: { age: 7 * 24 * 3600 },
            },
          })),
        ),
      ),
    );
  }

  async depths(): Promise<Record<string, Record<string, number>>> {
    const result: Record<string, Record<string, number>> = {};
    for (const name of jobRegistry.queues()) {
      result[name] = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed');
    }
    return result;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  }
}
