import { SetMetadata } from '@nestjs/common';

export const STUCK_WORK_SWEEP = Symbol('STUCK_WORK_SWEEP');

/**
 * A workflow's sweep: finds its rows that have waited longer than `stuckBefore`
 * for a job that evidently never ran (e.g. Redis lost it) and re-enqueues them
 * through the outbox. Returns how many were re-enqueued.
 */
export interface StuckWorkSweep {
  sweep(stuckBefore: Date): Promise<number>;
}

export const Sweep = (name: string): ClassDecorator => SetMetadata(STUCK_WORK_SWEEP, name);
