import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '@app/testing';

/** Runs a built entry point and collects what a newcomer would see. */
function runEntry(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('starting the built processes with a broken environment', () => {
  const api = 'dist/apps/api/src/main.js';
  const worker = 'dist/apps/worker/src/main.js';

  beforeAll(() => {
    if (!existsSync(api) || !existsSync(worker)) throw new Error('run `npm run build:server` first (npm test does)');
  });

  it('names the wrong variable instead of printing a stack trace', async () => {
    const result = await runEntry(api, { PORT: 'eighty', LOG_LEVEL: 'silent' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('configuration error');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says in one line that Redis is missing and how to start it', async () => {
    const port = await freePort();
    const result = await runEntry(worker, { REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: 'silent', MIGRATE_ON_START: 'false' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`Redis is not reachable at 127.0.0.1:${port}`);
    expect(lines[1]).toContain('redis-server --daemonize yes');
  });

  it('says that PostgreSQL is missing and how to start it', async () => {
    const port = await freePort();
    const result = await runEntry(api, { DATABASE_ADMIN_URL: `postgres://postgres@127.0.0.1:${port}/mitreden`, LOG_LEVEL: 'silent' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pg_ctlcluster --skip-systemctl-redirect 15 main start');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
