import type { Response } from 'express';
import { AppConfig } from '@app/core';
import { SIGN_IN_LIMITS } from '@app/staff';
import { STAFF_COOKIE } from './staff-auth.guard';

/** httpOnly, SameSite=Strict, limited to the tenant's staff API path; Secure when served over https. */
export function setSessionCookie(response: Response, config: AppConfig, tenantSlug: string, token: string): void {
  response.cookie(STAFF_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.env.PUBLIC_BASE_URL.startsWith('https:'),
    path: `/api/v1/t/${tenantSlug}/staff`,
    maxAge: SIGN_IN_LIMITS.sessionHours * 3600_000,
  });
}

export function clearSessionCookie(response: Response, config: AppConfig, tenantSlug: string): void {
  response.clearCookie(STAFF_COOKIE, { httpOnly: true, sameSite: 'strict', secure: config.env.PUBLIC_BASE_URL.startsWith('https:'), path: `/api/v1/t/${tenantSlug}/staff` });
}
