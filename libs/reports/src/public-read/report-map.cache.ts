import { Inject, Injectable, Optional } from '@nestjs/common';

export interface ReportMapCacheOptions {
  /** Safety net for writes this process does not hear about (worker, other API instances). */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

export const REPORT_MAP_CACHE_OPTIONS = Symbol('REPORT_MAP_CACHE_OPTIONS');

const DEFAULTS: ReportMapCacheOptions = { ttlMs: 5_000, maxEntries: 10_000 };

interface Entry {
  value: Promise<unknown>;
  expires: number;
}

/**
 * In-process cache of public map answers (clusters), keyed by tenant, the
 * tenant's version counter and the request (zoom, snapped box, filters).
 *
 * Invalidation: every write that changes what the public map shows calls
 * invalidate(tenantId) AFTER its transaction commits. That bumps the tenant's
 * version, so older entries are never read again (they age out of the LRU).
 * Calling it before the commit would let a concurrent read cache the old
 * state under the new version until the TTL ends.
 *
 * Trade-off: the counter lives in this process. Writes in another process (the
 * worker, a second API instance) are seen only when the TTL (a few seconds)
 * ends. A shared counter in Redis would close that gap at the price of a
 * round trip per request; for a public map a few seconds are acceptable.
 *
 * Concurrent misses for one key share one computation, so a burst of
 * identical requests costs one query.
 */
@Injectable()
export class ReportMapCache {
  private readonly options: ReportMapCacheOptions;
  private readonly versions = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();
  private hitCount = 0;
  private missCount = 0;

  constructor(@Optional() @Inject(REPORT_MAP_CACHE_OPTIONS) options?: Partial<ReportMapCacheOptions>) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Call after a committed write that changes the tenant's public reports. */
  invalidate(tenantId: string): void {
    this.versions.set(tenantId, (this.versions.get(tenantId) ?? 0) + 1);
  }

  /** The tenant's current version (changes with every invalidate). */
  version(tenantId: string): number {
    return this.versions.get(tenantId) ?? 0;
  }

  async getOrCompute<T>(tenantId: string, key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.now();
    const fullKey = `${tenantId}#${this.version(tenantId)}#${key}`;
    const hit = this.entries.get(fullKey);
    if (hit && hit.expires > now) {
      this.hitCount++;
      // Re-insert: Map order is the LRU order.
      this.entries.delete(fullKey);
      this.entries.set(fullKey, hit);
      return hit.value as Promise<T>;
    }
    this.missCount++;
    const value = compute();
    this.entries.delete(fullKey);
    this.entries.set(fullKey, { value, expires: now + this.options.ttlMs });
    this.evict();
    // A failure is not cached: the next request tries again.
    value.catch(() => {
      if (this.entries.get(fullKey)?.value === value) this.entries.delete(fullKey);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  get stats(): { hits: number; misses: number; entries: number } {
    return { hits: this.hitCount, misses: this.missCount, entries: this.entries.size };
  }

  private evict(): void {
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
