import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReportChangeListeners } from '../report-change-listeners';
import { ReportMapCache } from './report-map.cache';

/** Hooks the map cache to the write side's change notifications (intake, confirmation, routing, photos). */
@Injectable()
export class ReportMapCacheInvalidation implements OnModuleInit {
  constructor(
    private readonly listeners: ReportChangeListeners,
    private readonly cache: ReportMapCache,
  ) {}

  onModuleInit(): void {
    this.listeners.register((tenantId) => this.cache.invalidate(tenantId));
  }
}
