import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { OutboxRelay, WorkerHost } from '@app/core';
import { ReportDemoSeed } from '@app/reports';
import { StaffDemoSeed, StaffRole, hashPassword } from '@app/staff';
import { DemoSeedContributor, DemoSeedService } from '@app/tenants';
import { TestSmtpServer } from '@app/testing';
import { WorkerAppModule } from '../../../apps/worker/src/worker.module';
import { TestStack, json, startTestStack } from '../../support/test-api';

export const PASSWORD = 'correct horse battery staple';

export interface StaffStack {
  stack: TestStack;
  smtp: TestSmtpServer;
  admin: Client;
  /** The worker's own application context, so tests can reach its providers (Clock, sweeps). */
  worker: INestApplicationContext;
  baseUrl: string;
  tenantId(slug: string): Promise<string>;
  /** Creates a staff account with PASSWORD directly in the database (as the owner). */
  createUser(slug: string, email: string, role: StaffRole, departmentNames?: string[]): Promise<string>;
  close(): Promise<void>;
}

/** API + worker on a fresh database with the demo tenants, their categories and demo staff; a test SMTP server. */
export async function startStaffStack(env: Record<string, string> = {}): Promise<StaffStack> {
  const smtp = await TestSmtpServer.start();
  const mediaDir = await mkdtemp(join(tmpdir(), 'mitreden-staff-media-'));
  const stack = await startTestStack({ env: { SMTP_URL: smtp.url, MEDIA_DIR: mediaDir, PUBLIC_BASE_URL: 'http://mitreden.test', ...env } });
  await stack.api.get(DemoSeedService).seedIfEmpty([stack.api.get(ReportDemoSeed) as DemoSeedContributor, stack.api.get(StaffDemoSeed) as DemoSeedContributor]);
  const worker = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(stack.config), { logger: false, abortOnError: false });
  const host = worker.get(WorkerHost);
  host.discover();
  host.start();
  worker.get(OutboxRelay).start();
  const admin = new Client({ connectionString: stack.db.adminUrl });
  await admin.connect();
  const passwordHash = await hashPassword(PASSWORD);
  const tenantId = async (slug: string) => (await admin.query(`SELECT id FROM tenants WHERE slug = $1`, [slug])).rows[0].id as string;
  return {
    stack,
    smtp,
    admin,
    worker,
    baseUrl: stack.baseUrl,
    tenantId,
    async createUser(slug, email, role, departmentNames = []) {
      const tenant = await tenantId(slug);
      const { rows } = await admin.query(`INSERT INTO staff_users (tenant_id, email, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [tenant, email, role, passwordHash]);
      for (const name of departmentNames) {
        await admin.query(`INSERT INTO staff_user_departments (tenant_id, user_id, department_id) SELECT $1, $2, id FROM departments WHERE tenant_id = $1 AND name = $3`, [tenant, rows[0].id, name]);
      }
      return rows[0].id;
    },
    async close() {
      await admin.end();
      await worker.close();
      await stack.close();
      await smtp.stop();
    },
  };
}

/** A browser-like client: keeps the session cookie, sends the CSRF header on writes. */
export class StaffClient {
  cookie?: string;
  csrfToken?: string;
  user?: { id: string; role: string };

  constructor(readonly baseUrl: string, readonly slug: string) {}

  url(path: string): string {
    return `${this.baseUrl}/api/v1/t/${this.slug}/staff/${path.replace(/^\//, '')}`;
  }

  async signIn(email: string, password = PASSWORD, totpCode?: string): Promise<Response> {
    const response = await fetch(this.url('auth/sign-in'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, ...(totpCode ? { totpCode } : {}) }) });
    if (response.status === 200) {
      const setCookie = response.headers.get('set-cookie') ?? '';
      this.cookie = setCookie.split(';')[0];
      const body = await json(response.clone());
      this.csrfToken = body.csrfToken;
      this.user = body.user;
    }
    return response;
  }

  async request(method: string, path: string, body?: unknown, options: { csrf?: boolean; headers?: Record<string, string>; slug?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (options.csrf !== false && this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = options.slug ? `${this.baseUrl}/api/v1/t/${options.slug}/staff/${path.replace(/^\//, '')}` : this.url(path);
    return fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path);
  }

  post(path: string, body: unknown = {}): Promise<Response> {
    return this.request('POST', path, body);
  }

  patch(path: string, body: unknown = {}): Promise<Response> {
    return this.request('PATCH', path, body);
  }
}

/** Files a public report through the citizen API and waits until routing finished. */
export async function fileReport(staff: StaffStack, slug: string, input: { category: string; description: string; email?: string; lat?: number; lon?: number }): Promise<{ id: string; number: string }> {
  const centre = (await json(await fetch(`${staff.baseUrl}/api/v1/t/${slug}`))).map.centre;
  const response = await fetch(`${staff.baseUrl}/api/v1/t/${slug}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: input.category, lat: input.lat ?? centre.lat, lon: input.lon ?? centre.lon, description: input.description, contactEmail: input.email, contactName: input.email ? 'Erika Muster' : undefined, locale: 'de' }),
  });
  if (response.status !== 201) throw new Error(`report refused: ${response.status} ${await response.text()}`);
  const body = await json(response);
  for (let i = 0; i < 200; i += 1) {
    const { rows } = await staff.admin.query(`SELECT routed_at FROM reports WHERE id = $1`, [body.id]);
    if (rows[0]?.routed_at) return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('report was not routed');
}
