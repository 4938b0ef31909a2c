import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppConfig } from '@app/core';
import { SignedIn, StaffAuthService, StaffContext, StaffOidcService, permissionsOf } from '@app/staff';
import { TenantRouteGuard, TenantsService } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam } from '../http/params';
import { RequirePermission, StaffAuthGuard, StaffPublic } from './staff-auth.guard';
import { clearSessionCookie, setSessionCookie } from './staff-cookie';
import { errorSchema, sessionSchema, staffResponses } from './staff-schemas';

const signInSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(200), totpCode: z.string().regex(/^\d{6}$/).optional() }).strict();
const resetRequestSchema = z.object({ email: z.email().max(254) }).strict();
const resetConfirmSchema = z.object({ token: z.string().min(10).max(300), password: z.string().max(500) }).strict();
const changePasswordSchema = z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(500) }).strict();
const totpCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
const passwordSchema = z.object({ password: z.string().max(200) }).strict();
const oidcCallbackSchema = z.record(z.string().max(40), z.string().max(4000)).refine((query) => Object.keys(query).length <= 20, 'too many parameters');

type Session = z.infer<typeof sessionSchema>;

function sessionBody(signedIn: Pick<SignedIn, 'principal' | 'csrfToken'>): Session {
  const { principal } = signedIn;
  return { user: { id: principal.userId, email: principal.email, role: principal.role, departmentIds: principal.departmentIds }, permissions: permissionsOf(principal.role), csrfToken: signedIn.csrfToken };
}

@Controller('api/v1/t/:tenantSlug/staff/auth')
@UseGuards(TenantRouteGuard, StaffAuthGuard)
export class StaffAuthController {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly staff: StaffContext,
    private readonly tenants: TenantsService,
    private readonly config: AppConfig,
    private readonly oidc: StaffOidcService,
  ) {}

  @Get('oidc/start')
  @StaffPublic()
  @ApiDocs({ summary: 'Single sign-on: redirects to the municipality’s OpenID Connect provider (code flow with PKCE)', tags: ['staff'], responses: { 302: { description: 'to the identity provider' }, 404: { description: 'no SSO configured' } } })
  async startOidcSignIn(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string, @Res() response: Response): Promise<void> {
    response.redirect(302, await this.oidc.start());
  }

  @Get('oidc/callback')
  @StaffPublic()
  @ApiDocs({ summary: 'Single sign-on: the provider’s redirect back; sets the session cookie and redirects to the back office', tags: ['staff'], responses: { 303: { description: 'signed in' }, 401: { description: 'failed or replayed', schema: errorSchema }, 403: { description: 'no mapped role', schema: errorSchema } } })
  async finishOidcSignIn(
    @Param('tenantSlug', { schema: tenantSlugParam }) tenantSlug: string,
    @Query({ schema: oidcCallbackSchema }) query: z.output<typeof oidcCallbackSchema>,
    @Res() response: Response,
  ): Promise<void> {
    const signedIn = await this.oidc.callback(query as Record<string, string>);
    setSessionCookie(response, this.config, tenantSlug, signedIn.token);
    response.redirect(303, `/${tenantSlug}/verwaltung`);
  }

  @Post('sign-in')
  @HttpCode(200)
  @StaffPublic()
  @ApiDocs({
    summary: 'Sign in with e-mail and password (plus a TOTP code when enabled); sets the session cookie',
    tags: ['staff'],
    responses: {
      200: { description: 'signed in; the body carries the CSRF token', schema: sessionSchema },
      401: { description: 'wrong credentials, or code totp_required', schema: errorSchema },
      423: { description: 'account locked after repeated failures', schema: errorSchema },
      429: { description: 'too many failed attempts from this client', schema: errorSchema },
    },
  })
  async signIn(
    @Param('tenantSlug', { schema: tenantSlugParam }) tenantSlug: string,
    @Body({ schema: signInSchema }) body: z.output<typeof signInSchema>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Session> {
    const signedIn = await this.auth.signIn(body, request.ip);
    setSessionCookie(response, this.config, tenantSlug, signedIn.token);
    return sessionBody(signedIn);
  }

  @Get('session')
  @RequirePermission('account.self')
  @ApiDocs({ summary: 'The signed-in staff member, permissions and CSRF token', tags: ['staff'], responses: { 200: { description: 'session', schema: sessionSchema }, ...staffResponses } })
  getSession(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string): Session {
    const principal = this.staff.principal;
    return sessionBody({ principal, csrfToken: this.auth.csrfToken(principal.sessionId) });
  }

  @Post('sign-out')
  @HttpCode(204)
  @RequirePermission('account.self')
  @ApiDocs({ summary: 'Sign out (ends the session)', tags: ['staff'], responses: { 204: { description: 'signed out' }, ...staffResponses } })
  async signOut(@Param('tenantSlug', { schema: tenantSlugParam }) tenantSlug: string, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.signOut(this.staff.principal);
    clearSessionCookie(response, this.config, tenantSlug);
  }

  @Post('password-reset')
  @HttpCode(202)
  @StaffPublic()
  @ApiDocs({ summary: 'Ask for a password reset link by e-mail (same answer whether or not the address has an account)', tags: ['staff'], responses: { 202: { description: 'a link is mailed if the account exists' } } })
  async requestPasswordReset(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string, @Body({ schema: resetRequestSchema }) body: z.output<typeof resetRequestSchema>): Promise<{ accepted: true }> {
    await this.auth.requestPasswordReset(body.email);
    return { accepted: true };
  }

  @Post('password')
  @HttpCode(204)
  @StaffPublic()
  @ApiDocs({ summary: 'Set a password with the token from a set/reset link (single use; ends all sessions)', tags: ['staff'], responses: { 204: { description: 'password set' }, 400: { description: 'weak password or invalid link', schema: errorSchema } } })
  async setPassword(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string, @Body({ schema: resetConfirmSchema }) body: z.output<typeof resetConfirmSchema>): Promise<void> {
    await this.auth.setPasswordWithToken(body.token, body.password);
  }

  @Post('password/change')
  @HttpCode(204)
  @RequirePermission('account.self')
  @ApiDocs({ summary: 'Change the own password', tags: ['staff'], responses: { 204: { description: 'changed' }, 400: { description: 'wrong current or weak new password', schema: errorSchema }, ...staffResponses } })
  async changePassword(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string, @Body({ schema: changePasswordSchema }) body: z.output<typeof changePasswordSchema>): Promise<void> {
    await this.auth.changePassword(this.staff.principal, body.currentPassword, body.newPassword);
  }

  @Post('totp/setup')
  @HttpCode(200)
  @RequirePermission('account.self')
  @ApiDocs({ summary: 'Start TOTP enrolment: a secret and otpauth:// URI for the authenticator app', tags: ['staff'], responses: { 200: { description: 'secret', schema: z.object({ secret: z.string(), otpauthUri: z.string() }) }, ...staffResponses } })
  setupTotp(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string): Promise<{ secret: string; otpauthUri: string }> {
    return this.auth.setupTotp(this.staff.principal, this.tenants.current().name);
  }

  @Post('totp/enable')
  @HttpCode(204)
  @RequirePermission('account.self')
  @ApiDocs({ summary: 'Enable TOTP with a first valid code', tags: ['staff'], responses: { 204: { description: 'enabled' }, 400: { description: 'wrong code', schema: errorSchema }, ...staffResponses } })
  async enableTotp(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string, @Body({ schema: totpCodeSchema }) body: z.output<typeof totpCodeSchema>): Promise<void> {
    await this.auth.enableTotp(this.staff.principal, body.code);
  }

  @Post('totp/disable')
  @HttpCode(204)
  @RequirePermission('account.self')
  @ApiDocs({ summary: 'Disable TOTP (needs the password)', tags: ['staff'], responses: { 204: { description: 'disabled' }, 400: { description: 'wrong password', schema: errorSchema }, ...staffResponses } })
  async disableTotp(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string, @Body({ schema: passwordSchema }) body: z.output<typeof passwordSchema>): Promise<void> {
    await this.auth.disableTotp(this.staff.principal, body.password);
  }
}
