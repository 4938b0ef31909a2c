import { Client } from 'pg';
import { APP_ROLE, SYSTEM_ROLE } from './roles';

export interface ProvisionOptions {
  adminUrl: string;
  /** Create the database from this template instead of empty (tests). */
  template?: string;
  /** When these URLs carry passwords, the roles get them (deployments without trust auth). */
  appUrl?: string;
  systemUrl?: string;
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Creates the roles and the database if missing and installs the extensions.
 * Idempotent: safe at every start and from several processes.
 */
export async function provisionDatabase(options: ProvisionOptions): Promise<void> {
  const database = databaseName(options.adminUrl);
  const maintenance = new Client({ connectionString: withDatabase(options.adminUrl, 'postgres') });
  await maintenance.connect();
  try {
    await ensureRoles(maintenance);
    for (const [role, url] of [[APP_ROLE, options.appUrl], [SYSTEM_ROLE, options.systemUrl]] as const) {
      const password = url ? decodeURIComponent(new URL(url).password) : '';
      if (password) await maintenance.query(`ALTER ROLE ${role} PASSWORD ${quoteLiteral(password)}`);
    }
    const exists = await maintenance.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      const template = options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : '';
      try {
        await maintenance.query(`CREATE DATABASE ${quoteIdent(database)}${template}`);
      } catch (error) {
        // Another process created it between our check and our CREATE: 42P04, or 23505 when both
        // CREATE DATABASE statements race on the pg_database catalog index.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await maintenance.end();
  }
  const admin = new Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['mitreden:provision']);
    await admin.query('CREATE EXTENSION IF NOT EXISTS postgis');
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await admin.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await admin.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${APP_ROLE}, ${SYSTEM_ROLE}`);
  } finally {
    await admin.end();
  }
}

async function ensureRoles(client: Client): Promise<void> {
  // Roles are cluster-wide; creating them can race between processes.
  const statements = [
    `CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`,
    `CREATE ROLE ${SYSTEM_ROLE} LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE`,
  ];
  for (const statement of statements) {
    try {
      await client.query(statement);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== '42710' && code !== '23505') throw error;
    }
  }
}

export async function dropDatabase(adminUrl: string): Promise<void> {
  const database = databaseName(adminUrl);
  const maintenance = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await maintenance.connect();
  try {
    await maintenance.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await maintenance.end();
  }
}

export { databaseName, withDatabase };
