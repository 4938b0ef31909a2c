import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_DATA_SOURCE, RedisConnections, pendingMigrations } from '@app/core';
import { Redis } from 'ioredis';

export interface ReadinessCheck {
  name: 'postgresql' | 'postgis' | 'redis' | 'migrations';
  ok: boolean;
  detail?: string;
}

@Injectable()
export class HealthService {
  private redis?: Redis;

  constructor(
    @Inject(APP_DATA_SOURCE) private readonly db: DataSource,
    private readonly connections: RedisConnections,
  ) {}

  async readiness(): Promise<{ ready: boolean; checks: ReadinessCheck[] }> {
    const checks: ReadinessCheck[] = [];
    try {
      const [row] = await this.db.query(`SELECT postgis_lib_version() AS postgis`);
      checks.push({ name: 'postgresql', ok: true });
      checks.push({ name: 'postgis', ok: true, detail: row.postgis });
    } catch (error) {
      checks.push({ name: 'postgresql', ok: false, detail: (error as Error).message });
      checks.push({ name: 'postgis', ok: false });
    }
    try {
      const pending = await pendingMigrations((sql) => this.db.query(sql));
      checks.push({ name: 'migrations', ok: pending.length === 0, detail: pending.length ? `pending: ${pending.join(', ')}` : undefined });
    } catch (error) {
      checks.push({ name: 'migrations', ok: false, detail: (error as Error).message });
    }
    try {
      this.redis ??= this.connections.producer();
      await this.connections.ping(this.redis);
      checks.push({ name: 'redis', ok: true });
    } catch (error) {
      checks.push({ name: 'redis', ok: false, detail: (error as Error).message });
    }
    return { ready: checks.every((check) => check.ok), checks };
  }
}
