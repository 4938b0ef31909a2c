import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL');

/**
 * The one place that reads the environment. Defaults work on a developer
 * machine with PostgreSQL and Redis on 127.0.0.1.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** The app role: neither table owner nor BYPASSRLS. */
  DATABASE_URL: postgresUrl.default('postgres://mitreden_app@127.0.0.1:5432/mitreden'),
  /** BYPASSRLS role used only by the audited asSystem() helper. */
  DATABASE_SYSTEM_URL: postgresUrl.default('postgres://mitreden_system@127.0.0.1:5432/mitreden'),
  /** Owner of the schema: provisioning and migrations. */
  DATABASE_ADMIN_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/mitreden'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9:_{}-]+$/).default('mitreden'),
  MIGRATE_ON_START: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
  WEB_DIST_DIR: z.string().default('apps/web/dist'),
  MEDIA_DIR: z.string().default('var/media'),
  /** Where photos live: local disk (MEDIA_DIR) or S3-compatible object storage (S3_*). */
  PHOTO_STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('eu-central-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(200),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(60000),
  SWEEP_STUCK_AFTER_MS: z.coerce.number().int().min(100).default(10 * 60 * 1000),
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('mitreden <noreply@mitreden.local>'),
  /** Signs the links in e-mails (confirmation, follow, self-service); see libs/core/src/security/link-tokens.ts. */
  APP_SECRET: z.string().min(16).default('development-only-secret-do-not-use'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
});

export type Env = z.infer<typeof envSchema>;

export class EnvValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/** Parses the environment; every problem names the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema
    .refine((env) => env.NODE_ENV !== 'production' || env.APP_SECRET !== 'development-only-secret-do-not-use', {
      path: ['APP_SECRET'],
      message: 'must be set to a random value in production',
    })
    .refine((env) => env.PHOTO_STORAGE !== 's3' || Boolean(env.S3_ENDPOINT && env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY), {
      path: ['PHOTO_STORAGE'],
      message: 's3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
    })
    .safeParse(cleaned);
  if (!result.success) {
    throw new EnvValidationError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}
