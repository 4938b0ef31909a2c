import { SetMetadata } from '@nestjs/common';
import { JobDefinition } from './job-definition';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** Marks a provider method as the handler of a job; the worker finds it at start. */
export const JobHandler = (job: JobDefinition<any>): MethodDecorator => SetMetadata(JOB_HANDLER, job.name);

/** What a handler receives besides the payload. */
export interface JobContext {
  jobId: string;
  attempt: number;
  /** Stable across retries and redelivery: use it to make side effects idempotent. */
  idempotencyKey: string;
}
