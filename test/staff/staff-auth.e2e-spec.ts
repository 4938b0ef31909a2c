import { generate } from 'otplib';
import { demoStaffEmail, staffCreateCommand } from '@app/staff';
import { waitFor } from '@app/testing';
import { json } from '../support/test-api';
import { PASSWORD, StaffClient, StaffStack, startStaffStack } from './support/staff-stack';

describe('staff sign-in: sessions, CSRF, lockout, password links, CLI, TOTP', () => {
  let staff: StaffStack;

  beforeAll(async () => {
    staff = await startStaffStack();
  });

  afterAll(async () => {
    await staff?.close();
  });

  const auditActions = async (userId: string) =>
    (await staff.admin.query(`SELECT action FROM staff_audit_log WHERE target_id = $1 ORDER BY id`, [userId])).rows.map((row) => row.action);

  it('signs in with a password: httpOnly SameSite=Strict cookie on the tenant path, only a hash stored', async () => {
    const userId = await staff.createUser('ilmenau', 'anna@ilmenau.example', 'triage');
    const client = new StaffClient(staff.baseUrl, 'ilmenau');
    const response = await client.signIn('Anna@Ilmenau.example');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^mitreden_staff=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/t\/ilmenau\/staff/);
    const body = await json(response);
    expect(body.user).toMatchObject({ id: userId, email: 'anna@ilmenau.example', role: 'triage' });
    expect(body.permissions).toContain('reports.triage');
    expect(body.permissions).not.toContain('admin.users');
    const token = client.cookie!.split('=')[1];
    const stored = (await staff.admin.query(`SELECT token_hash FROM staff_sessions WHERE user_id = $1`, [userId])).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    const session = await client.get('auth/session');
    expect(session.status).toBe(200);
    expect((await json(session)).csrfToken).toBe(client.csrfToken);
    expect(await auditActions(userId)).toContain('auth.sign_in');
  });

  it('stores passwords with scrypt and explicit cost parameters', async () => {
    const { rows } = await staff.admin.query(`SELECT password_hash FROM staff_users WHERE email = $1`, [demoStaffEmail('admin', 'ilmenau')]);
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
  });

  it('signs the demo accounts in with their documented demo passwords', async () => {
    const client = new StaffClient(staff.baseUrl, 'jena');
    expect((await client.signIn(demoStaffEmail('admin', 'jena'), 'demo-admin-jena')).status).toBe(200);
    expect(client.user!.role).toBe('tenant_admin');
    expect((await new StaffClient(staff.baseUrl, 'jena').signIn(demoStaffEmail('leitstelle', 'jena'), 'demo-leitstelle-jena')).status).toBe(200);
  });

  it('refuses state-changing requests without the CSRF header bound to the session', async () => {
    await staff.createUser('ilmenau', 'csrf@ilmenau.example', 'tenant_admin');
    const client = new StaffClient(staff.baseUrl, 'ilmenau');
    await client.signIn('csrf@ilmenau.example');
    const missing = await client.request('POST', 'auth/sign-out', {}, { csrf: false });
    expect(missing.status).toBe(403);
    expect((await json(missing)).code).toBe('csrf');
    const other = new StaffClient(staff.baseUrl, 'ilmenau');
    await other.signIn('csrf@ilmenau.example');
    const foreign = await client.request('POST', 'auth/sign-out', {}, { csrf: false, headers: { 'x-csrf-token': other.csrfToken! } });
    expect(foreign.status).toBe(403);
    expect((await client.get('auth/session')).status).toBe(200);
    expect((await client.post('auth/sign-out')).status).toBe(204);
    expect((await client.get('auth/session')).status).toBe(401);
  });

  it('answers 401 without a session and for a session of another tenant', async () => {
    expect((await fetch(`${staff.baseUrl}/api/v1/t/ilmenau/staff/auth/session`)).status).toBe(401);
    await staff.createUser('gera', 'gert@gera.example', 'tenant_admin');
    const gera = new StaffClient(staff.baseUrl, 'gera');
    await gera.signIn('gert@gera.example');
    const onIlmenau = await gera.request('GET', 'auth/session', undefined, { slug: 'ilmenau' });
    expect(onIlmenau.status).toBe(401);
    // The same e-mail address in another tenant is another account; gera's password does not open ilmenau.
    expect((await new StaffClient(staff.baseUrl, 'ilmenau').signIn('gert@gera.example')).status).toBe(401);
  });

  it('locks an account after 5 wrong passwords, even for the right one, and audits it', async () => {
    const userId = await staff.createUser('ilmenau', 'lock@ilmenau.example', 'department', ['Tiefbauamt']);
    const client = new StaffClient(staff.baseUrl, 'ilmenau');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await client.signIn('lock@ilmenau.example', `wrong password ${attempt}`)).status).toBe(401);
    }
    expect((await client.signIn('lock@ilmenau.example', 'wrong password 5')).status).toBe(423);
    expect((await client.signIn('lock@ilmenau.example')).status).toBe(423);
    const actions = await auditActions(userId);
    expect(actions.filter((action) => action === 'auth.sign_in_failed')).toHaveLength(4);
    expect(actions).toContain('auth.locked');
    expect(actions).toContain('auth.sign_in_refused_locked');
    await staff.admin.query(`UPDATE staff_users SET locked_until = now() - interval '1 second' WHERE id = $1`, [userId]);
    expect((await client.signIn('lock@ilmenau.example')).status).toBe(200);
  });

  it('rate-limits failed sign-ins per client across accounts', async () => {
    // Counted per tenant and client (hashed address); a tenant no other test signs in to.
    const client = new StaffClient(staff.baseUrl, 'allianz-thueringer-becken');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 22; attempt += 1) statuses.push((await client.signIn(`nobody${attempt}@example.org`, 'nothing at all')).status);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('resets a password through an e-mailed single-use link, ending old sessions', async () => {
    const userId = await staff.createUser('jena', 'reset@jena.example', 'read_only');
    const old = new StaffClient(staff.baseUrl, 'jena');
    await old.signIn('reset@jena.example');
    const unknown = await fetch(`${staff.baseUrl}/api/v1/t/jena/staff/auth/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nobody@jena.example' }) });
    expect(unknown.status).toBe(202);
    const asked = await fetch(`${staff.baseUrl}/api/v1/t/jena/staff/auth/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'reset@jena.example' }) });
    expect(asked.status).toBe(202);
    const mail = await waitFor(async () => staff.smtp.to('reset@jena.example')[0], { what: 'reset mail' });
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.text!)![1]);
    const set = (password: string, value = token) =>
      fetch(`${staff.baseUrl}/api/v1/t/jena/staff/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: value, password }) });
    const weak = await set('short');
    expect(weak.status).toBe(400);
    expect((await json(weak)).errors[0]).toMatchObject({ field: 'password', code: 'weak_password' });
    expect((await set('a new and long password', `${token.split('.')[0]}.forged`)).status).toBe(400);
    expect((await set('a new and long password')).status).toBe(204);
    expect((await set('another long password!')).status).toBe(400);
    expect((await old.get('auth/session')).status).toBe(401);
    expect((await new StaffClient(staff.baseUrl, 'jena').signIn('reset@jena.example', 'a new and long password')).status).toBe(200);
    expect(await auditActions(userId)).toEqual(expect.arrayContaining(['auth.password_reset_requested', 'auth.password_reset']));
  });

  it('changes the own password, ending the other sessions', async () => {
    await staff.createUser('jena', 'change@jena.example', 'department', ['Tiefbauamt']);
    const here = new StaffClient(staff.baseUrl, 'jena');
    const elsewhere = new StaffClient(staff.baseUrl, 'jena');
    await here.signIn('change@jena.example');
    await elsewhere.signIn('change@jena.example');
    const wrong = await here.post('auth/password/change', { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
    expect((await json(wrong)).errors[0]).toMatchObject({ field: 'currentPassword', code: 'wrong_password' });
    expect((await here.post('auth/password/change', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })).status).toBe(204);
    expect((await here.get('auth/session')).status).toBe(200);
    expect((await elsewhere.get('auth/session')).status).toBe(401);
    expect((await new StaffClient(staff.baseUrl, 'jena').signIn('change@jena.example', 'a brand new passphrase')).status).toBe(200);
  });

  it('creates the first admin with the CLI, which prints a one-time password link', async () => {
    const output = await staffCreateCommand.run(staff.worker, ['gera', 'First.Admin@gera.example', 'tenant_admin']);
    expect(output).toContain('created tenant_admin first.admin@gera.example in gera');
    const token = decodeURIComponent(/token=(\S+)/.exec(output)![1]);
    await expect(staffCreateCommand.run(staff.worker, ['gera', 'first.admin@gera.example', 'tenant_admin'])).rejects.toThrow(/already/);
    await expect(staffCreateCommand.run(staff.worker, ['gera', 'x@gera.example', 'emperor'])).rejects.toThrow(/unknown role/);
    const set = await fetch(`${staff.baseUrl}/api/v1/t/gera/staff/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: PASSWORD }) });
    expect(set.status).toBe(204);
    const client = new StaffClient(staff.baseUrl, 'gera');
    expect((await client.signIn('first.admin@gera.example')).status).toBe(200);
    expect(client.user!.role).toBe('tenant_admin');
    // A link of gera is no link in jena.
    expect((await fetch(`${staff.baseUrl}/api/v1/t/jena/staff/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: PASSWORD }) })).status).toBe(400);
  });

  it('adds TOTP as a second factor: enrol, then sign-in needs a fresh code, replay refused', async () => {
    const userId = await staff.createUser('ilmenau', 'totp@ilmenau.example', 'triage');
    const client = new StaffClient(staff.baseUrl, 'ilmenau');
    await client.signIn('totp@ilmenau.example');
    const setup = await client.post('auth/totp/setup');
    expect(setup.status).toBe(200);
    const { secret, otpauthUri } = await json(setup);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect((await client.post('auth/totp/enable', { code: '000000' })).status).toBe(400);
    expect((await client.post('auth/totp/enable', { code: await generate({ secret }) })).status).toBe(204);
    const { rows } = await staff.admin.query(`SELECT totp_secret FROM staff_users WHERE id = $1`, [userId]);
    expect(rows[0].totp_secret).not.toContain(secret);

    const next = new StaffClient(staff.baseUrl, 'ilmenau');
    const without = await next.signIn('totp@ilmenau.example');
    expect(without.status).toBe(401);
    expect((await json(without)).code).toBe('totp_required');
    expect((await next.signIn('totp@ilmenau.example', PASSWORD, '123456')).status).toBe(401);
    // The code used to enable is spent: the next valid code is in the next 30 s step.
    const later = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await next.signIn('totp@ilmenau.example', PASSWORD, later)).status).toBe(200);
    expect((await new StaffClient(staff.baseUrl, 'ilmenau').signIn('totp@ilmenau.example', PASSWORD, later)).status).toBe(401);
    expect(await auditActions(userId)).toEqual(expect.arrayContaining(['auth.totp_setup', 'auth.totp_enabled', 'auth.sign_in']));
  });
});
