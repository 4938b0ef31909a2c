import { Env } from '../config/env.schema';
import { runMigrations } from '../database/migrate';
import { provisionDatabase } from '../database/provision';
import { checkServices } from './service-check';

export class StartupError extends Error {}

/**
 * What every process does before Nest starts: check the services (one clear
 * line each when missing), create roles and database, migrate under the lock.
 */
export async function prepareDatabase(env: Env): Promise<string[]> {
  const problems = await checkServices(env);
  if (problems.length > 0) throw new StartupError(problems.map((problem) => problem.message).join('\n'));
  if (!env.MIGRATE_ON_START) return [];
  await provisionDatabase({ adminUrl: env.DATABASE_ADMIN_URL, appUrl: env.DATABASE_URL, systemUrl: env.DATABASE_SYSTEM_URL });
  return runMigrations(env.DATABASE_ADMIN_URL);
}
