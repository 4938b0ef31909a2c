import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ReportDemoSeed } from '@app/reports';
import { DemoSeedContributor, DemoSeedService } from '@app/tenants';
import { TestDatabase, freePort, waitFor } from '@app/testing';
import { TestStack } from '../../support/test-api';

const ROOT = join(__dirname, '../../..');
export const BUILT = { api: join(ROOT, 'dist/apps/api/src/main.js'), worker: join(ROOT, 'dist/apps/worker/src/main.js') };

/** Long variants (scripts in test/hardening/run-long.sh) scale the counts up. */
export const LONG = process.env.HARDENING_LONG === '1';

export async function seedDemo(stack: TestStack): Promise<void> {
  await stack.api.get(DemoSeedService).seedIfEmpty([stack.api.get(ReportDemoSeed) as DemoSeedContributor]);
}

const centres = new Map<string, { lat: number; lon: number }>();
export async function centreOf(baseUrl: string, slug: string): Promise<{ lat: number; lon: number }> {
  const key = `${baseUrl}/${slug}`;
  if (!centres.has(key)) centres.set(key, ((await (await fetch(`${baseUrl}/api/v1/t/${slug}`)).json()) as any).map.centre);
  return centres.get(key)!;
}

let clientCounter = 0;
/** A distinct client address per request (the API trusts X-Forwarded-For from loopback), so per-IP rate limits do not interfere. */
export function clientIp(): string {
  clientCounter += 1;
  return `10.${(clientCounter >> 16) & 255}.${(clientCounter >> 8) & 255}.${clientCounter & 255}`;
}

export interface Submission {
  category?: string;
  description?: string;
  contactEmail?: string;
  contactName?: string;
  contactPhone?: string;
  lat?: number;
  lon?: number;
}

export async function submitReport(baseUrl: string, slug: string, input: Submission = {}): Promise<{ status: number; body: any }> {
  const centre = await centreOf(baseUrl, slug);
  const response = await fetch(`${baseUrl}/api/v1/t/${slug}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp() },
    body: JSON.stringify({ category: 'graffiti', lat: centre.lat, lon: centre.lon, description: 'Schmiererei an der Brücke', ...input }),
    signal: AbortSignal.timeout(15000),
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the assertion message
  }
  return { status: response.status, body };
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.org`;
}

/** Environment for a built API or worker process on a given database and Redis. */
export function processEnv(db: TestDatabase, extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: db.appUrl,
    DATABASE_SYSTEM_URL: db.systemUrl,
    DATABASE_ADMIN_URL: db.adminUrl,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'info',
    OUTBOX_POLL_MS: '50',
    WEB_DIST_DIR: '/nonexistent',
    ...extra,
  };
}

/** A built API or worker process (dist/), with everything it printed. */
export class BuiltProcess {
  readonly output: string[] = [];
  private exitPromise: Promise<number | null>;

  private constructor(
    readonly kind: 'api' | 'worker',
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const collect = (chunk: Buffer) => this.output.push(...String(chunk).split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exitPromise = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(kind: 'api' | 'worker', env: Record<string, string>): Promise<BuiltProcess> {
    if (!existsSync(BUILT[kind])) throw new Error(`run \`npm run build:server\` first (npm test does): ${BUILT[kind]} is missing`);
    const port = kind === 'api' ? await freePort() : 0;
    const child = spawn(process.execPath, [BUILT[kind]], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, ...(kind === 'api' ? { PORT: String(port), HOST: '127.0.0.1' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const built = new BuiltProcess(kind, child, port);
    await built.ready();
    return built;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private async ready(): Promise<void> {
    const marker = this.kind === 'api' ? 'api listening' : 'worker started';
    await waitFor(async () => {
      if (this.exited) throw new Error(`${this.kind} exited during start:\n${this.output.join('\n')}`);
      return this.output.some((line) => line.includes(marker));
    }, { timeoutMs: 60000, intervalMs: 100, what: `${this.kind} start` }).catch((error) => {
      this.child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${this.output.slice(-20).join('\n')}`);
    });
  }

  /** SIGKILL: no shutdown hooks, no acknowledgements — a crash. */
  async kill(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGKILL');
    await this.exitPromise;
  }

  /** SIGTERM and wait (falls back to SIGKILL after 15 s). */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15000);
    await this.exitPromise;
    clearTimeout(timer);
  }
}
