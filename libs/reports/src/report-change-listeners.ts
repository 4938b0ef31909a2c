import { Injectable } from '@nestjs/common';

/**
 * Writes tell interested parties (the map cache) that a tenant's reports
 * changed. A registry instead of a direct import keeps the write side free of
 * the read side's internals.
 */
@Injectable()
export class ReportChangeListeners {
  private readonly listeners: Array<(tenantId: string) => void> = [];

  register(listener: (tenantId: string) => void): void {
    this.listeners.push(listener);
  }

  changed(tenantId: string): void {
    for (const listener of this.listeners) listener(tenantId);
  }
}
