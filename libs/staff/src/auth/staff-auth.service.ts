import { createHash } from 'node:crypto';
import { ConflictException, HttpException, HttpStatus, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { AppConfig, OutboxWriter, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { StaffAudit } from '../audit/staff-audit.service';
import { StaffPasswordMail } from '../staff.jobs';
import { StaffRole } from '../permissions';
import { StaffPrincipal } from '../staff.types';
import { hashPassword, passwordProblem, verifyPassword } from './password-hasher';
import { PasswordLinks } from './password-links';
import { csrfTokenFor, decryptSecret, encryptSecret, hashToken, newSecretToken } from './secret-tokens';
import { StaffSessionsRepository } from './staff-sessions.repository';
import { StaffCredentials, StaffUsersRepository } from './staff-users.repository';
import { totp } from './totp';

/** Sign-in limits; documented in docs/roles.md. */
export const SIGN_IN_LIMITS = {
  lockAfterFailures: 5,
  lockMinutes: 15,
  failuresPerClientPer15Min: 20,
  sessionHours: 12,
  idleMinutes: 120,
  setLinkHours: 72,
  resetLinkHours: 1,
};

export interface SignedIn {
  token: string;
  csrfToken: string;
  principal: StaffPrincipal;
}

@Injectable()
export class StaffAuthService {
  constructor(
    private readonly scope: TenantScope,
    private readonly tenant: TenantContext,
    private readonly users: StaffUsersRepository,
    private readonly sessions: StaffSessionsRepository,
    private readonly audit: StaffAudit,
    private readonly links: PasswordLinks,
    private readonly outbox: OutboxWriter,
    private readonly config: AppConfig,
    private readonly language: RequestLanguage,
  ) {}

  private clientHash(client: string | undefined): string {
    return createHash('sha256').update(`${this.config.env.APP_SECRET}:${client ?? 'unknown'}`).digest('hex').slice(0, 32);
  }

  csrfToken(sessionId: string): string {
    return csrfTokenFor(this.config.env.APP_SECRET, sessionId);
  }

  /**
   * Password (and TOTP when enabled). Failures are counted per account (lock
   * after 5 for 15 minutes) and per client (20 in 15 minutes → 429); the
   * counters commit even though the request fails.
   */
  async signIn(input: { email: string; password: string; totpCode?: string }, client: string | undefined): Promise<SignedIn> {
    const tenantId = this.tenant.tenantId;
    const clientHash = this.clientHash(client);
    const outcome = await this.scope.transaction(async () => {
      if ((await this.sessions.recentFailures(clientHash, 15)) >= SIGN_IN_LIMITS.failuresPerClientPer15Min) return { kind: 'rate-limited' as const };
      const user = await this.users.credentialsByEmail(input.email);
      const passwordOk = await verifyPassword(input.password, user?.active ? user.passwordHash : null);
      if (!user || !user.active) {
        await this.sessions.recordFailure(tenantId, clientHash);
        return { kind: 'failed' as const };
      }
      if (user.lockedUntil && user.lockedUntil > new Date()) {
        await this.sessions.recordFailure(tenantId, clientHash);
        await this.audit.recordAs(tenantId, { userId: user.id, name: `staff:${user.email}` }, { action: 'auth.sign_in_refused_locked', targetType: 'staff_user', targetId: user.id });
        return { kind: 'locked' as const };
      }
      if (!passwordOk) return this.failure(tenantId, clientHash, user, 'password');
      if (user.totpEnabled) {
        if (!input.totpCode) return { kind: 'totp-required' as const };
        const step = await totp.check(this.totpSecret(user.totpSecret!), input.totpCode, user.totpLastStep);
        if (step === null) return this.failure(tenantId, clientHash, user, 'totp');
        await this.users.setTotpLastStep(user.id, step);
      }
      await this.users.recordSuccess(user.id);
      const signedIn = await this.openSession(tenantId, user.id, 'password');
      await this.audit.recordAs(tenantId, { userId: user.id, name: `staff:${user.email}` }, { action: 'auth.sign_in', targetType: 'staff_user', targetId: user.id, detail: { method: 'password', totp: user.totpEnabled } });
      return { kind: 'ok' as const, signedIn };
    });
    const de = this.language.current === 'de';
    switch (outcome.kind) {
      case 'ok':
        return outcome.signedIn;
      case 'rate-limited':
        throw new HttpException({ statusCode: 429, message: de ? 'Zu viele fehlgeschlagene Anmeldungen; bitte später erneut versuchen' : 'Too many failed sign-ins; please try again later' }, HttpStatus.TOO_MANY_REQUESTS);
      case 'locked':
        throw new HttpException({ statusCode: 423, code: 'locked', message: de ? 'Das Konto ist vorübergehend gesperrt' : 'The account is temporarily locked' }, 423);
      case 'totp-required':
        throw new UnauthorizedException({ statusCode: 401, code: 'totp_required', message: de ? 'Bitte den Code aus der Authenticator-App angeben' : 'Please enter the code from your authenticator app' });
      default:
        throw new UnauthorizedException({ statusCode: 401, code: 'invalid_credentials', message: de ? 'E-Mail-Adresse oder Passwort falsch' : 'Wrong e-mail address or password' });
    }
  }

  private async failure(tenantId: string, clientHash: string, user: StaffCredentials, factor: 'password' | 'totp'): Promise<{ kind: 'failed' | 'locked' }> {
    await this.sessions.recordFailure(tenantId, clientHash);
    const result = await this.users.recordFailure(user.id, SIGN_IN_LIMITS.lockAfterFailures, SIGN_IN_LIMITS.lockMinutes);
    await this.audit.recordAs(tenantId, { userId: user.id, name: `staff:${user.email}` }, {
      action: result.locked ? 'auth.locked' : 'auth.sign_in_failed', targetType: 'staff_user', targetId: user.id, detail: { factor, failedAttempts: result.failedAttempts },
    });
    return { kind: result.locked ? 'locked' : 'failed' };
  }

  /** Inside a transaction of the tenant: a new session; the cookie gets the token, the table its hash. */
  async openSession(tenantId: string, userId: string, method: 'password' | 'oidc'): Promise<SignedIn> {
    const { token, hash } = newSecretToken();
    const sessionId = await this.sessions.create({ tenantId, userId, tokenHash: hash, method, ttlHours: SIGN_IN_LIMITS.sessionHours });
    const found = await this.sessions.find(hash, SIGN_IN_LIMITS.idleMinutes);
    return { token, csrfToken: this.csrfToken(sessionId), principal: { ...this.toPrincipal(found!), tenantId } };
  }

  private toPrincipal(found: NonNullable<Awaited<ReturnType<StaffSessionsRepository['find']>>>): Omit<StaffPrincipal, 'tenantId'> {
    return { userId: found.userId, email: found.email, role: found.role, departmentIds: found.departmentIds, sessionId: found.sessionId };
  }

  /** The principal of a session cookie in the current tenant, or null (unknown, expired, other tenant). */
  async authenticate(token: string): Promise<StaffPrincipal | null> {
    const tenantId = this.tenant.tenantId;
    return this.scope.transaction(async () => {
      const found = await this.sessions.find(hashToken(token), SIGN_IN_LIMITS.idleMinutes);
      if (!found) return null;
      if (Date.now() - new Date(found.lastSeenAt).getTime() > 60_000) await this.sessions.touch(found.sessionId);
      return { ...this.toPrincipal(found), tenantId };
    });
  }

  async signOut(principal: StaffPrincipal): Promise<void> {
    await this.scope.transaction(async () => {
      await this.sessions.delete(principal.sessionId);
      await this.audit.record({ action: 'auth.sign_out', targetType: 'staff_user', targetId: principal.userId });
    });
  }

  /** Always answers the same, so the form does not reveal which addresses have accounts. */
  async requestPasswordReset(email: string): Promise<void> {
    const tenantId = this.tenant.tenantId;
    await this.scope.transaction(async () => {
      const user = await this.users.byEmail(email);
      if (!user || !user.active) return;
      const tokenId = await this.sessions.createPasswordToken({ tenantId, userId: user.id, purpose: 'reset', ttlHours: SIGN_IN_LIMITS.resetLinkHours, hashFor: (id) => this.links.hash(id) });
      await this.outbox.enqueue(StaffPasswordMail, { tenantId, tokenId });
      await this.audit.recordAs(tenantId, { userId: user.id, name: `staff:${user.email}` }, { action: 'auth.password_reset_requested', targetType: 'staff_user', targetId: user.id });
    });
  }

  /** Sets the password from a set/reset link; ends every session of the user. */
  async setPasswordWithToken(token: string, password: string): Promise<void> {
    const language = this.language.current;
    const problem = passwordProblem(password);
    if (problem) throw fieldErrors([{ field: 'password', code: 'weak_password', message: problem }], language);
    const tenantId = this.tenant.tenantId;
    const id = this.links.parse(token);
    const invalid = () => fieldErrors([{ field: 'token', code: 'invalid_token', message: { de: 'Der Link ist ungültig oder abgelaufen', en: 'The link is invalid or has expired' } }], language);
    if (!id) throw invalid();
    const hash = await hashPassword(password);
    const ok = await this.scope.transaction(async () => {
      const used = await this.sessions.consumePasswordToken(id, this.links.hash(id));
      if (!used) return false;
      await this.users.setPassword(used.userId, hash);
      await this.sessions.deleteForUser(used.userId);
      const user = await this.users.byId(used.userId);
      await this.audit.recordAs(tenantId, { userId: used.userId, name: `staff:${user?.email}` }, { action: used.purpose === 'set' ? 'auth.password_set' : 'auth.password_reset', targetType: 'staff_user', targetId: used.userId });
      return true;
    });
    if (!ok) throw invalid();
  }

  /** A link to set the first password (admin-created accounts, CLI); inside the caller's transaction. */
  async issueSetPasswordLink(tenantId: string, userId: string, tenantSlug: string, mail: boolean): Promise<string> {
    const tokenId = await this.sessions.createPasswordToken({ tenantId, userId, purpose: 'set', ttlHours: SIGN_IN_LIMITS.setLinkHours, hashFor: (id) => this.links.hash(id) });
    if (mail) await this.outbox.enqueue(StaffPasswordMail, { tenantId, tokenId });
    return this.links.url(tenantSlug, tokenId);
  }

  async changePassword(principal: StaffPrincipal, current: string, next: string): Promise<void> {
    const language = this.language.current;
    const problem = passwordProblem(next);
    if (problem) throw fieldErrors([{ field: 'newPassword', code: 'weak_password', message: problem }], language);
    const hash = await hashPassword(next);
    await this.scope.transaction(async () => {
      const user = await this.users.credentialsById(principal.userId);
      if (!user || !(await verifyPassword(current, user.passwordHash))) {
        throw fieldErrors([{ field: 'currentPassword', code: 'wrong_password', message: { de: 'Das bisherige Passwort stimmt nicht', en: 'The current password is wrong' } }], language);
      }
      await this.users.setPassword(user.id, hash);
      // Other sessions (another browser, a stolen cookie) end; this one stays.
      await this.sessions.deleteOthersOfUser(user.id, principal.sessionId);
      await this.audit.record({ action: 'auth.password_changed', targetType: 'staff_user', targetId: user.id });
    });
  }

  private totpSecret(sealed: string): string {
    return decryptSecret(this.config.env.APP_SECRET, 'totp', sealed);
  }

  /** Starts TOTP enrolment: a new secret, active only after enableTotp() saw a valid code. */
  async setupTotp(principal: StaffPrincipal, tenantName: string): Promise<{ secret: string; otpauthUri: string }> {
    const secret = totp.newSecret();
    await this.scope.transaction(async () => {
      const user = await this.users.credentialsById(principal.userId);
      if (user?.totpEnabled) throw new ConflictException({ statusCode: 409, message: 'TOTP is already enabled; disable it first' });
      await this.users.setTotp(principal.userId, encryptSecret(this.config.env.APP_SECRET, 'totp', secret), false);
      await this.audit.record({ action: 'auth.totp_setup', targetType: 'staff_user', targetId: principal.userId });
    });
    return { secret, otpauthUri: totp.uri(secret, `mitreden ${tenantName}`, principal.email) };
  }

  async enableTotp(principal: StaffPrincipal, code: string): Promise<void> {
    await this.scope.transaction(async () => {
      const user = await this.users.credentialsById(principal.userId);
      if (!user?.totpSecret) throw new NotFoundException({ statusCode: 404, message: 'Start the TOTP setup first' });
      const step = await totp.check(this.totpSecret(user.totpSecret), code, null);
      if (step === null) throw fieldErrors([{ field: 'code', code: 'invalid_code', message: { de: 'Der Code stimmt nicht', en: 'The code is wrong' } }], this.language.current);
      await this.users.setTotp(user.id, user.totpSecret, true);
      await this.users.setTotpLastStep(user.id, step);
      await this.audit.record({ action: 'auth.totp_enabled', targetType: 'staff_user', targetId: user.id });
    });
  }

  async disableTotp(principal: StaffPrincipal, password: string): Promise<void> {
    await this.scope.transaction(async () => {
      const user = await this.users.credentialsById(principal.userId);
      if (!user || !(await verifyPassword(password, user.passwordHash))) {
        throw fieldErrors([{ field: 'password', code: 'wrong_password', message: { de: 'Das Passwort stimmt nicht', en: 'The password is wrong' } }], this.language.current);
      }
      await this.users.setTotp(user.id, null, false);
      await this.audit.record({ action: 'auth.totp_disabled', targetType: 'staff_user', targetId: user.id });
    });
  }

  /** Used by the OIDC callback once the identity provider vouched for the user. */
  async signInVerified(userId: string, method: 'oidc', detail: Record<string, unknown>): Promise<SignedIn> {
    const tenantId = this.tenant.tenantId;
    return this.scope.transaction(async () => {
      await this.users.recordSuccess(userId);
      const signedIn = await this.openSession(tenantId, userId, method);
      await this.audit.recordAs(tenantId, { userId, name: `staff:${signedIn.principal.email}` }, { action: 'auth.sign_in', targetType: 'staff_user', targetId: userId, detail: { method, ...detail } });
      return signedIn;
    });
  }
}

export type { StaffRole };
