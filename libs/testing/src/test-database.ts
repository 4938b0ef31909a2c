import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { APP_ROLE, SYSTEM_ROLE, dropDatabase, provisionDatabase, runMigrations, withDatabase } from '@app/core';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function serverUrl(database: string, user = 'postgres'): string {
  const url = new URL(withDatabase(SERVER, database));
  url.username = user;
  return url.toString();
}

/** Creates and migrates the run's template database (once per `npm test`). */
export async function createTemplateDatabase(): Promise<string> {
  const name = `mitreden_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await provisionDatabase({ adminUrl: serverUrl(name) });
  await runMigrations(serverUrl(name));
  return name;
}

export interface TestDatabase {
  name: string;
  adminUrl: string;
  appUrl: string;
  systemUrl: string;
  drop(): Promise<void>;
}

/** A private copy of the migrated template for one test file. */
export async function cloneTestDatabase(): Promise<TestDatabase> {
  const template = process.env.MITREDEN_TEST_TEMPLATE;
  if (!template) throw new Error('MITREDEN_TEST_TEMPLATE is not set: run through jest (globalSetup creates it)');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const maintenance = new Client({ connectionString: SERVER });
  await maintenance.connect();
  try {
    await maintenance.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await maintenance.query(`GRANT CONNECT ON DATABASE "${name}" TO ${APP_ROLE}, ${SYSTEM_ROLE}`);
  } finally {
    await maintenance.end();
  }
  return {
    name,
    adminUrl: serverUrl(name),
    appUrl: serverUrl(name, APP_ROLE),
    systemUrl: serverUrl(name, SYSTEM_ROLE),
    drop: () => dropDatabase(serverUrl(name)),
  };
}

/** Drops every database of a run (its template and the clones). */
export async function dropRunDatabases(template: string): Promise<void> {
  const maintenance = new Client({ connectionString: SERVER });
  await maintenance.connect();
  try {
    const rows = await maintenance.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY length(datname) DESC`, [`${template}%`]);
    for (const row of rows.rows) {
      await maintenance.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
  } finally {
    await maintenance.end();
  }
}
