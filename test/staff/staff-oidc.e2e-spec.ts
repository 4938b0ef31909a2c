import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestDatabase, cloneTestDatabase, freePort, insertTenants } from '@app/testing';
import { encryptSecret } from '@app/staff';
import { json } from '../support/test-api';

const ROOT = join(__dirname, '../..');
const BUILD = join(ROOT, 'test-artifacts', `staff-oidc-${process.pid}`);
const APP_SECRET = 'staff-oidc-e2e-secret-0123456789';
const CLIENT = { client_id: 'mitreden-sso-town', client_secret: 'oidc-client-secret-for-tests' };

function started(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 30000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

/** A per-origin cookie jar: enough for following the provider's redirects like a browser. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
    return response;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  /** Follows redirects until one leaves `leaving`'s origin (or no redirect); returns that last response. */
  async follow(url: string, stopAtOrigin: string): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hops = 0; hops < 15; hops += 1) {
      const response = await this.get(current);
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status >= 400) return { response, url: current };
      const next = new URL(location, current).href;
      if (new URL(next).origin === stopAtOrigin) return { response, url: next };
      current = next;
    }
    throw new Error('too many redirects');
  }
}

/**
 * Single sign-on against a local oidc-provider. openid-client and
 * oidc-provider are ES modules that jest's module system cannot load, so both
 * the provider and the API run as real Node processes: the API is built with
 * swc from the current sources into test-artifacts/.
 */
describe('staff single sign-on with OpenID Connect (authorization code + PKCE) against oidc-provider', () => {
  let db: TestDatabase;
  let admin: Client;
  let provider: ChildProcess;
  let api: ChildProcess;
  let issuer: string;
  let apiBase: string;

  const setAccount = (accountId: string) => fetch(`${issuer}/test/account`, { method: 'POST', body: JSON.stringify({ accountId }) });

  async function signInWithSso(accountId: string): Promise<{ browser: Browser; response: Response; callbackUrl: string }> {
    await setAccount(accountId);
    const browser = new Browser();
    const start = await browser.get(`${apiBase}/api/v1/t/sso-town/staff/auth/oidc/start`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const back = await browser.follow(authorize.href, apiBase);
    expect(new URL(back.url).pathname).toBe('/api/v1/t/sso-town/staff/auth/oidc/callback');
    const response = await browser.get(back.url);
    return { browser, response, callbackUrl: back.url };
  }

  beforeAll(async () => {
    mkdirSync(BUILD, { recursive: true });
    execFileSync(join(ROOT, 'node_modules/.bin/swc'), ['apps/api/src', 'apps/worker/src', 'libs', '-d', BUILD, '--ignore', '**/*.spec.ts', '--ignore', '**/*.int-spec.ts', '-q'], { cwd: ROOT, stdio: 'pipe' });
    db = await cloneTestDatabase();
    const [tenant] = await insertTenants(db.adminUrl, ['sso-town']);
    admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
    const apiPort = await freePort();
    apiBase = `http://127.0.0.1:${apiPort}`;

    provider = spawn('node', [join(__dirname, 'support/oidc-provider.mjs')], {
      env: {
        ...process.env,
        OIDC_CLIENT: JSON.stringify({ ...CLIENT, redirect_uris: [`${apiBase}/api/v1/t/sso-town/staff/auth/oidc/callback`] }),
        OIDC_ACCOUNTS: JSON.stringify({
          'alice-sub': { email: 'Alice@sso-town.example', email_verified: true, name: 'Alice Admin', groups: ['mitreden-admins', 'staff'] },
          'bob-sub': { email: 'bob@sso-town.example', email_verified: true, name: 'Bob Leitstelle', groups: ['leitstelle'] },
          'eve-sub': { email: 'eve@sso-town.example', email_verified: true, name: 'Eve', groups: ['visitors'] },
          'carl-sub': { email: 'carl@sso-town.example', email_verified: true, name: 'Carl', groups: ['leitstelle'] },
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    issuer = (await started(provider, /READY (\S+)/, 'oidc-provider'))[1];

    await admin.query(
      `INSERT INTO tenant_sso_settings (tenant_id, enabled, issuer, client_id, client_secret_encrypted, role_claim, role_mapping) VALUES ($1, true, $2, $3, $4, 'groups', $5::jsonb)`,
      [tenant.id, issuer, CLIENT.client_id, encryptSecret(APP_SECRET, 'oidc-client-secret', CLIENT.client_secret), JSON.stringify({ 'mitreden-admins': 'tenant_admin', leitstelle: 'triage' })],
    );
    // Carl had a password account before SSO: linked by e-mail on first SSO sign-in.
    await admin.query(`INSERT INTO staff_users (tenant_id, email, role) VALUES ($1, 'carl@sso-town.example', 'read_only')`, [tenant.id]);

    api = spawn('node', [join(BUILD, 'apps/api/src/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'test', PORT: String(apiPort), HOST: '127.0.0.1', PUBLIC_BASE_URL: apiBase, APP_SECRET,
        DATABASE_URL: db.appUrl, DATABASE_SYSTEM_URL: db.systemUrl, DATABASE_ADMIN_URL: db.adminUrl, MIGRATE_ON_START: 'false',
        REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: `test-oidc-${process.pid}`, LOG_LEVEL: 'info', WEB_DIST_DIR: join(BUILD, 'no-web'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await started(api, /api listening/, 'API');
  }, 120000);

  afterAll(async () => {
    api?.kill('SIGTERM');
    provider?.kill('SIGTERM');
    await admin?.end();
    await db?.drop();
    rmSync(BUILD, { recursive: true, force: true });
  });

  it('signs in through the provider, creates the account with the mapped role, and opens a session', async () => {
    const { browser, response } = await signInWithSso('alice-sub');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sso-town/verwaltung');
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/mitreden_staff=.*HttpOnly.*SameSite=Strict/i);
    const cookie = `mitreden_staff=${browser.cookie(apiBase, 'mitreden_staff')}`;
    const session = await fetch(`${apiBase}/api/v1/t/sso-town/staff/auth/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect((await json(session)).user).toMatchObject({ email: 'alice@sso-town.example', role: 'tenant_admin' });
    const { rows } = await admin.query(`SELECT role, oidc_subject, password_hash FROM staff_users WHERE email = 'alice@sso-town.example'`);
    expect(rows).toEqual([{ role: 'tenant_admin', oidc_subject: 'alice-sub', password_hash: null }]);
    expect((await admin.query(`SELECT method FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE u.email = 'alice@sso-town.example'`)).rows).toEqual([{ method: 'oidc' }]);
    const audit = (await admin.query(`SELECT action, detail FROM staff_audit_log WHERE actor = 'oidc:alice@sso-town.example' OR actor = 'staff:alice@sso-town.example' ORDER BY id`)).rows;
    expect(audit.map((entry) => entry.action)).toEqual(['staff_user.create', 'auth.sign_in']);
    expect(audit[1].detail).toMatchObject({ method: 'oidc', role: 'tenant_admin' });
  });

  it('links an existing account by e-mail and takes the role from the provider', async () => {
    const { response } = await signInWithSso('carl-sub');
    expect(response.status).toBe(303);
    expect((await admin.query(`SELECT role, oidc_subject FROM staff_users WHERE email = 'carl@sso-town.example'`)).rows).toEqual([{ role: 'triage', oidc_subject: 'carl-sub' }]);
  });

  it('refuses a user whose claim maps to no role, and a replayed callback', async () => {
    const refused = await signInWithSso('eve-sub');
    expect(refused.response.status).toBe(403);
    expect(refused.response.headers.get('set-cookie')).toBeNull();
    expect((await admin.query(`SELECT count(*)::int AS n FROM staff_users WHERE email = 'eve@sso-town.example'`)).rows[0].n).toBe(0);
    const { callbackUrl } = await signInWithSso('bob-sub');
    const replay = await fetch(callbackUrl, { redirect: 'manual' });
    expect(replay.status).toBe(401);
    expect((await json(replay)).code).toBe('invalid_state');
  });

  it('answers 404 for single sign-on where none is configured', async () => {
    await insertTenants(db.adminUrl, ['no-sso-town']);
    expect((await fetch(`${apiBase}/api/v1/t/no-sso-town/staff/auth/oidc/start`, { redirect: 'manual' })).status).toBe(404);
  });
});
