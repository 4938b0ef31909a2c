import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis, RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * Redis connections. Producers fail fast (no offline queue) so a request never
 * hangs on Redis; workers block and reconnect forever as BullMQ requires.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly opened: Redis[] = [];

  constructor(private readonly config: AppConfig) {}

  get prefix(): string {
    return this.config.env.QUEUE_PREFIX;
  }

  producer(): Redis {
    return this.open({ enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  }

  worker(): Redis {
    return this.open({ maxRetriesPerRequest: null, enableOfflineQueue: true });
  }

  /** Pings, giving a fresh connection a moment to connect first. */
  async ping(connection: Redis, timeoutMs = 3000): Promise<void> {
    if (connection.status !== 'ready') {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Redis not connected (${connection.status})`)), timeoutMs);
        connection.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await connection.ping();
  }

  private open(options: RedisOptions): Redis {
    const connection = new Redis(this.config.env.REDIS_URL, {
      lazyConnect: false,
      retryStrategy: (times) => Math.min(200 * 2 ** Math.min(times, 6), 5000),
      ...options,
    });
    // Connection errors are reported by health checks and the relay; an
    // unhandled 'error' event would crash the process.
    connection.on('error', () => undefined);
    this.opened.push(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.opened.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }
}
