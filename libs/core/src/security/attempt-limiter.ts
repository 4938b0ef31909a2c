import { Injectable } from '@nestjs/common';

export interface AttemptLimit {
  /** Failures allowed within the window before the key is refused. */
  maxFailures: number;
  windowMs: number;
}

const MAX_KEYS = 100_000;

/**
 * Counts failed attempts per key (e.g. a client guessing voting codes) in
 * process memory, with a sliding window. Kept in memory because it sits on
 * the hot path of a voting deadline rush; behind N API replicas the effective
 * limit is N times the configured one (see docs/operations.md).
 */
@Injectable()
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  isBlocked(key: string, limit: AttemptLimit): boolean {
    return this.recent(key, limit).length >= limit.maxFailures;
  }

  recordFailure(key: string, limit: AttemptLimit): void {
    const recent = this.recent(key, limit);
    recent.push(this.now());
    if (!this.failures.has(key) && this.failures.size >= MAX_KEYS) {
      // Forget the oldest key rather than grow without bound under a flood of distinct keys.
      this.failures.delete(this.failures.keys().next().value as string);
    }
    this.failures.set(key, recent);
  }

  private recent(key: string, limit: AttemptLimit): number[] {
    const since = this.now() - limit.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}
