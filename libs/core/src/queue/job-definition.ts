import { z } from 'zod';

export interface JobBackoff {
  type: 'exponential' | 'fixed';
  /** Milliseconds before the first retry. */
  delay: number;
}

export interface JobDefinition<TPayload extends { tenantId: string } = { tenantId: string }> {
  /** `<Entity><Verb>`, e.g. ReportRoute. */
  name: string;
  /** kebab-case queue name. */
  queue: string;
  attempts: number;
  backoff: JobBackoff;
  /** Strict schema: ids and tenantId only, so no personal data can ride along. */
  payload: z.ZodType<TPayload>;
}

export type PayloadOf<T> = T extends JobDefinition<infer P> ? P : never;

const JOB_NAME = /^[A-Z][a-zA-Z0-9]*[A-Z][a-zA-Z0-9]*$/;
const QUEUE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const definitions = new Map<string, JobDefinition<any>>();

/**
 * Declares a job. Every job in the system is declared through here, so the
 * worker can check that each has exactly one handler.
 */
export function defineJob<TPayload extends { tenantId: string }>(definition: JobDefinition<TPayload>): JobDefinition<TPayload> {
  if (!JOB_NAME.test(definition.name)) throw new Error(`Job name ${definition.name} is not <Entity><Verb>`);
  if (!QUEUE_NAME.test(definition.queue)) throw new Error(`Queue name ${definition.queue} is not kebab-case`);
  if (definition.attempts < 1) throw new Error(`Job ${definition.name} needs at least one attempt`);
  const existing = definitions.get(definition.name);
  if (existing && existing !== definition) throw new Error(`Job ${definition.name} is defined twice`);
  definitions.set(definition.name, definition);
  return definition;
}

export const jobRegistry = {
  get(name: string): JobDefinition<any> | undefined {
    return definitions.get(name);
  },
  all(): JobDefinition<any>[] {
    return [...definitions.values()];
  },
  queues(): string[] {
    return [...new Set(this.all().map((definition) => definition.queue))];
  },
  /** Tests define jobs of their own; they remove them again here. */
  remove(name: string): void {
    definitions.delete(name);
  },
};

/** Base for payload schemas: always the tenant, never anything personal. */
export const tenantPayload = z.object({ tenantId: z.string().uuid() });
