import { randomBytes } from 'node:crypto';
import { AppConfig, Env } from '@app/core';
import { TestDatabase } from './test-database';

/** Config for a test file: its own database clone and its own queue prefix. */
export function testConfig(database: TestDatabase, overrides: Partial<Record<keyof Env, string>> = {}): AppConfig {
  return AppConfig.fromProcess({
    NODE_ENV: 'test',
    DATABASE_URL: database.appUrl,
    DATABASE_SYSTEM_URL: database.systemUrl,
    DATABASE_ADMIN_URL: database.adminUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-${randomBytes(5).toString('hex')}`,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '20',
    ...overrides,
  });
}
