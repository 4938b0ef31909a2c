import { dropRunDatabases } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.MITREDEN_TEST_TEMPLATE;
  if (template && !process.env.KEEP_TEST_DATABASES) await dropRunDatabases(template);
}
