import { ForbiddenException, HttpException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { AppConfig, TenantContext, TenantScope } from '@app/core';
import { TenantsService } from '@app/tenants';
import { AdminSettingsRepository } from '../admin/admin-settings.repository';
import { StaffAudit } from '../audit/staff-audit.service';
import { STAFF_ROLES, StaffRole } from '../permissions';
import { openIdClient } from './oidc-client.loader';
import { decryptSecret } from './secret-tokens';
import { SignedIn, StaffAuthService } from './staff-auth.service';
import { StaffOidcRepository } from './staff-oidc.repository';
import { StaffUsersRepository } from './staff-users.repository';

type Configuration = import('openid-client').Configuration;

const CACHE_MS = 10 * 60_000;

/** The most privileged role any of the claim's values maps to (the matrix's role order), or null. */
export function mapRole(claim: unknown, mapping: Record<string, string>): StaffRole | null {
  const values = (Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : []).map(String);
  const roles = values.map((value) => mapping[value]).filter((role): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role));
  return STAFF_ROLES.find((role) => roles.includes(role)) ?? null;
}

/**
 * Single sign-on per tenant with OpenID Connect: authorization code flow with
 * PKCE (S256), state and nonce kept server-side for 10 minutes and used once.
 * The role comes from the configured claim through the tenant's mapping on
 * every sign-in (the identity provider is the source of truth); a user without
 * a mapped role is refused. Accounts are linked by subject, first by e-mail,
 * or created on first sign-in.
 */
@Injectable()
export class StaffOidcService {
  private readonly configurations = new Map<string, { config: Configuration; until: number }>();

  constructor(
    private readonly scope: TenantScope,
    private readonly tenant: TenantContext,
    private readonly tenants: TenantsService,
    private readonly settings: AdminSettingsRepository,
    private readonly requests: StaffOidcRepository,
    private readonly users: StaffUsersRepository,
    private readonly auth: StaffAuthService,
    private readonly audit: StaffAudit,
    private readonly config: AppConfig,
  ) {}

  redirectUri(): string {
    return `${this.config.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/v1/t/${this.tenants.current().slug}/staff/auth/oidc/callback`;
  }

  private async settingsOrThrow() {
    const sso = await this.scope.transaction(() => this.settings.sso());
    if (!sso?.enabled) throw new NotFoundException({ statusCode: 404, message: 'Single sign-on is not configured for this municipality' });
    return sso;
  }

  private async configuration(sso: { issuer: string; clientId: string; clientSecretEncrypted: string }): Promise<Configuration> {
    const key = `${this.tenant.tenantId}:${sso.issuer}:${sso.clientId}:${sso.clientSecretEncrypted}`;
    const hit = this.configurations.get(key);
    if (hit && hit.until > Date.now()) return hit.config;
    const client = openIdClient();
    const secret = decryptSecret(this.config.env.APP_SECRET, 'oidc-client-secret', sso.clientSecretEncrypted);
    // Plain http only outside production (the tests' local provider).
    const execute = this.config.env.NODE_ENV === 'production' ? [] : [client.allowInsecureRequests];
    let config: Configuration;
    try {
      config = await client.discovery(new URL(sso.issuer), sso.clientId, { redirect_uris: [this.redirectUri()] }, client.ClientSecretBasic(secret), { execute, timeout: 10 });
    } catch (error) {
      throw new HttpException({ statusCode: 502, message: `The identity provider did not answer discovery: ${(error as Error).message}` }, 502);
    }
    this.configurations.set(key, { config, until: Date.now() + CACHE_MS });
    return config;
  }

  async start(): Promise<string> {
    const sso = await this.settingsOrThrow();
    const config = await this.configuration(sso);
    const client = openIdClient();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.scope.transaction(() => this.requests.saveRequest(this.tenant.tenantId, state, codeVerifier, nonce));
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    }).href;
  }

  async callback(query: Record<string, string>): Promise<SignedIn> {
    const sso = await this.settingsOrThrow();
    if (query.error) throw new UnauthorizedException({ statusCode: 401, message: `The identity provider refused: ${query.error}` });
    const request = query.state ? await this.scope.transaction(() => this.requests.takeRequest(query.state)) : null;
    if (!request) throw new UnauthorizedException({ statusCode: 401, code: 'invalid_state', message: 'Unknown, used or expired sign-in attempt; please start again' });
    const config = await this.configuration(sso);
    const client = openIdClient();
    const currentUrl = new URL(this.redirectUri());
    for (const [name, value] of Object.entries(query)) currentUrl.searchParams.set(name, value);
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: request.codeVerifier, expectedState: query.state, expectedNonce: request.nonce, idTokenExpected: true });
      claims = { ...(tokens.claims() ?? {}) };
      if (claims[sso.roleClaim] === undefined || !claims.email) {
        Object.assign(claims, { ...(await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims });
      }
    } catch (error) {
      throw new UnauthorizedException({ statusCode: 401, message: `Sign-in with the identity provider failed: ${(error as Error).message}` });
    }
    const subject = String(claims.sub);
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
    const role = mapRole(claims[sso.roleClaim], sso.roleMapping);
    const tenantId = this.tenant.tenantId;
    const userId = await this.scope.transaction(async () => {
      const bySubject = await this.users.byOidcSubject(subject);
      if (!role) {
        await this.audit.recordAs(tenantId, { userId: bySubject?.id ?? null, name: `oidc:${email ?? subject}` }, { action: 'auth.sso_refused', detail: { reason: 'no mapped role', claim: sso.roleClaim } });
        return null;
      }
      const existing = bySubject ?? (email ? await this.users.byEmail(email) : null);
      if (existing && !existing.active) return null;
      if (existing) {
        if (existing.role !== role || !existing.sso) {
          await this.requests.linkSubject(existing.id, subject, role);
          await this.audit.recordAs(tenantId, { userId: existing.id, name: `oidc:${existing.email}` }, { action: 'staff_user.sso_sync', targetType: 'staff_user', targetId: existing.id, before: { role: existing.role, sso: existing.sso }, after: { role, sso: true } });
        }
        return existing.id;
      }
      if (!email) return null;
      const created = await this.users.insert({ tenantId, email, displayName: typeof claims.name === 'string' ? claims.name.slice(0, 200) : '', role, oidcSubject: subject });
      await this.audit.recordAs(tenantId, { userId: created, name: `oidc:${email}` }, { action: 'staff_user.create', targetType: 'staff_user', targetId: created, after: { email, role, via: 'oidc' } });
      return created;
    });
    if (!userId) throw new ForbiddenException({ statusCode: 403, code: 'no_role', message: 'Your account has no role in this municipality’s back office' });
    return this.auth.signInVerified(userId, 'oidc', { issuer: sso.issuer, role });
  }
}
