import { checkServices, parseEnv } from '@app/core';
import { createTemplateDatabase } from './test-database';

/**
 * jest globalSetup for integration and e2e projects: checks the real services
 * and migrates one template database per run; each test file clones it.
 */
export default async function globalSetup(): Promise<void> {
  const problems = await checkServices(parseEnv({ DATABASE_ADMIN_URL: process.env.TEST_POSTGRES_URL, REDIS_URL: process.env.TEST_REDIS_URL }));
  if (problems.length > 0) {
    throw new Error(`Tests need the real services:\n${problems.map((problem) => `  - ${problem.message}`).join('\n')}`);
  }
  if (!process.env.MITREDEN_TEST_TEMPLATE) {
    process.env.MITREDEN_TEST_TEMPLATE = await createTemplateDatabase();
  }
}
