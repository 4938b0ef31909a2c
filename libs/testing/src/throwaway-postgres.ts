import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ROLE, SYSTEM_ROLE, provisionDatabase, runMigrations } from '@app/core';
import { freePort } from './throwaway-redis';
import { TestDatabase } from './test-database';

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** initdb and postgres refuse to run as root: as root, run them as the postgres user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function run(command: string, args: string[]): string {
  const [file, argv] = asServerUser(command, args);
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temp folder, a free
 * port, trust auth on 127.0.0.1), for tests that must stop, kill or restart
 * the database; never the shared one. PostGIS comes from the system-wide
 * extension files. fsync is off (the tests survive process crashes, which
 * leave the data in the OS cache, not power loss); synchronous_commit stays
 * on, or a crash would lose acknowledged commits.
 */
export class ThrowawayPostgres {
  private running = false;
  private readonly onExit = () => this.killSync();

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<ThrowawayPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'mitreden-pg-'));
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    run(`${BIN}/initdb`, ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const postgres = new ThrowawayPostgres(dir, await freePort());
    await postgres.startServer();
    return postgres;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** A connection URL for a database on this cluster (as the owner unless a role is given). */
  url(database = 'postgres', user = 'postgres'): string {
    return `postgres://${user}@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server (again) on the same port and data. */
  async startServer(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB`;
    run(`${BIN}/pg_ctl`, ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    this.running = true;
    process.once('exit', this.onExit);
  }

  /** fast: ends sessions and checkpoints; immediate: like a crash (recovery on the next start). */
  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.running) return;
    run(`${BIN}/pg_ctl`, ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    this.running = false;
    process.removeListener('exit', this.onExit);
  }

  /** A migrated mitreden database on this cluster, reached with the same three roles as in production. */
  async createDatabase(name = 'mitreden', migrate = true): Promise<TestDatabase> {
    const adminUrl = this.url(name);
    await provisionDatabase({ adminUrl });
    if (migrate) await runMigrations(adminUrl);
    return {
      name,
      adminUrl,
      appUrl: this.url(name, APP_ROLE),
      systemUrl: this.url(name, SYSTEM_ROLE),
      drop: async () => undefined,
    };
  }

  /** Runs a PostgreSQL client program (pg_dump, pg_restore, psql) against this cluster. */
  tool(program: string, args: string[]): string {
    return execFileSync(`${BIN}/${program}`, ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  }

  /** Stops the server and removes its folder. */
  async destroy(): Promise<void> {
    await this.stopServer('immediate').catch(() => this.killSync());
    rmSync(this.dir, { recursive: true, force: true });
  }

  private killSync(): void {
    if (!this.running || !existsSync(this.dataDir)) return;
    const [file, argv] = asServerUser(`${BIN}/pg_ctl`, ['-D', this.dataDir, '-m', 'immediate', 'stop']);
    spawnSync(file, argv, { stdio: 'ignore' });
    this.running = false;
  }
}
