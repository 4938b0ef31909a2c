import { Client } from 'pg';
import { Redis } from 'ioredis';
import { withDatabase } from '../database/provision';

export interface ServiceProblem {
  service: 'postgresql' | 'postgis' | 'redis';
  /** One line a newcomer can act on. */
  message: string;
}

function hostPort(url: string, fallbackPort: number): string {
  const parsed = new URL(url);
  return `${parsed.hostname || '127.0.0.1'}:${parsed.port || fallbackPort}`;
}

export async function checkPostgres(adminUrl: string): Promise<ServiceProblem[]> {
  const client = new Client({ connectionString: withDatabase(adminUrl, 'postgres'), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    return [{
      service: 'postgresql',
      message: `PostgreSQL is not reachable at ${hostPort(adminUrl, 5432)} (${(error as Error).message}). Start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start`,
    }];
  }
  try {
    const result = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`);
    if (result.rowCount === 0) {
      return [{
        service: 'postgis',
        message: 'PostGIS is not installed in this PostgreSQL. Install it with: apt-get update && apt-get install -y postgresql-15-postgis-3',
      }];
    }
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(redisUrl: string): Promise<ServiceProblem[]> {
  const redis = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return [];
  } catch (error) {
    return [{
      service: 'redis',
      message: `Redis is not reachable at ${hostPort(redisUrl, 6379)} (${(error as Error).message}). Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    }];
  } finally {
    redis.disconnect();
  }
}

export async function checkServices(env: { DATABASE_ADMIN_URL: string; REDIS_URL: string }): Promise<ServiceProblem[]> {
  const [postgres, redis] = await Promise.all([checkPostgres(env.DATABASE_ADMIN_URL), checkRedis(env.REDIS_URL)]);
  return [...postgres, ...redis];
}
