import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OutboxRepository } from '../queue/outbox.repository';
import { QueuePublisher } from '../queue/queue-publisher';

/** Prometheus metrics: HTTP latency, queue depths, outbox backlog. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly jobsProcessed: Counter<'job' | 'outcome'>;

  constructor(outbox: OutboxRepository, publisher: QueuePublisher) {
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route template',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.jobsProcessed = new Counter({ name: 'jobs_processed_total', help: 'Jobs handled', labelNames: ['job', 'outcome'], registers: [this.registry] });
    new Gauge({
      name: 'outbox_backlog',
      help: 'Outbox rows not yet published to the queue',
      registers: [this.registry],
      async collect() {
        this.set(await outbox.backlog().catch(() => -1));
      },
    });
    new Gauge({
      name: 'queue_depth',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const depths = await publisher.depths().catch(() => ({}) as Record<string, Record<string, number>>);
        for (const [queue, counts] of Object.entries(depths)) {
          for (const [state, count] of Object.entries(counts)) this.set({ queue, state }, count);
        }
      },
    });
  }
}
