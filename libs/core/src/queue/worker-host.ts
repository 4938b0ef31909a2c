import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { ClsService } from 'nestjs-cls';
import { AppConfig } from '../config/app-config';
import { TenantContext } from '../tenancy/tenant-context';
import { DeadLetterRepository } from './dead-letter.repository';
import { JOB_HANDLER, JobContext } from './job-handler.decorator';
import { jobRegistry } from './job-definition';
import { RedisConnections } from './redis-connections';
import { STUCK_WORK_SWEEP, StuckWorkSweep } from './sweep.decorator';
import { OutboxRepository } from './outbox.repository';

type Handler = (payload: any, context: JobContext) => Promise<unknown>;

export class HandlerRegistrationError extends Error {}

/**
 * Runs every registered job's handler on BullMQ. Refuses to start when a job
 * has no handler or two, so a job can never silently pile up unhandled.
 */
@Injectable()
export class WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];
  private handlers = new Map<string, Handler>();
  private sweeps: Array<{ name: string; instance: StuckWorkSweep }> = [];
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly redis: RedisConnections,
    private readonly config: AppConfig,
    private readonly cls: ClsService,
    private readonly tenant: TenantContext,
    private readonly deadLetters: DeadLetterRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Finds handlers and sweeps; throws HandlerRegistrationError on a mismatch. */
  discover(): void {
    const found = new Map<string, Handler[]>();
    const sweeps: Array<{ name: string; instance: StuckWorkSweep }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const sweepName = wrapper.metatype ? this.reflector.get<string>(STUCK_WORK_SWEEP, wrapper.metatype as any) : undefined;
      if (sweepName) sweeps.push({ name: sweepName, instance: instance as unknown as StuckWorkSweep });
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const jobName = this.reflector.get<string>(JOB_HANDLER, prototype[method]);
        if (!jobName) continue;
        const list = found.get(jobName) ?? [];
        list.push((prototype[method] as Handler).bind(instance));
        found.set(jobName, list);
      }
    }
    const problems: string[] = [];
    for (const definition of jobRegistry.all()) {
      const count = found.get(definition.name)?.length ?? 0;
      if (count === 0) problems.push(`job ${definition.name} has no handler`);
      if (count > 1) problems.push(`job ${definition.name} has ${count} handlers`);
    }
    for (const name of found.keys()) {
      if (!jobRegistry.get(name)) problems.push(`handler for unregistered job ${name}`);
    }
    if (problems.length > 0) throw new HandlerRegistrationError(`Worker cannot start: ${problems.join('; ')}`);
    this.handlers = new Map([...found.entries()].map(([name, list]) => [name, list[0]]));
    this.sweeps = sweeps;
  }

  start(): void {
    if (this.handlers.size === 0) this.discover();
    for (const queue of jobRegistry.queues()) {
      const worker = new Worker(queue, (job) => this.process(job), {
        connection: this.redis.worker(),
        prefix: this.redis.prefix,
        concurrency: this.config.env.WORKER_CONCURRENCY,
        autorun: true,
      });
      worker.on('failed', (job, error) => void this.onFailed(job, error));
      worker.on('error', (error) => this.logger.warn(`queue ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
    this.sweepTimer = setInterval(() => void this.runSweeps(), this.config.env.SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  private async process(job: Job): Promise<unknown> {
    const definition = jobRegistry.get(job.name);
    const handler = this.handlers.get(job.name);
    if (!definition || !handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const parsed = definition.payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
    const context: JobContext = { jobId: String(job.id), attempt: job.attemptsMade + 1, idempotencyKey: `${job.name}:${job.id}` };
    return this.cls.run({ ifNested: 'override' }, () => {
      this.tenant.set(parsed.data.tenantId);
      return handler(parsed.data, context);
    });
  }

  private async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1);
    const unrecoverable = error instanceof UnrecoverableError || error.name === 'UnrecoverableError';
    if (!exhausted && !unrecoverable) return;
    this.logger.error(`job ${job.name} ${job.id} failed for good after ${job.attemptsMade} attempts: ${error.message}`);
    try {
      await this.deadLetters.record({
        tenantId: (job.data as { tenantId?: string })?.tenantId ?? null,
        jobName: job.name,
        jobId: String(job.id),
        payload: job.data,
        error: error.stack ?? error.message,
        attempts: job.attemptsMade,
      });
    } catch (recordError) {
      this.logger.error(`could not record dead letter for ${job.name} ${job.id}: ${(recordError as Error).message}`);
    }
  }

  /** Re-enqueues stuck work of every workflow; returns how many were re-enqueued. */
  async runSweeps(): Promise<number> {
    const stuckBefore = new Date(Date.now() - this.config.env.SWEEP_STUCK_AFTER_MS);
    let total = 0;
    for (const { name, instance } of this.sweeps) {
      try {
        const count = await instance.sweep(stuckBefore);
        if (count > 0) this.logger.warn(`sweep ${name} re-enqueued ${count} stuck items`);
        total += count;
      } catch (error) {
        this.logger.error(`sweep ${name} failed: ${(error as Error).message}`);
      }
    }
    await this.outbox.purgeSent(7 * 24 * 3600 * 1000).catch(() => undefined);
    return total;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
