import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Permission, StaffAuthService, StaffContext, hasPermission, safeEqual } from '@app/staff';

export const STAFF_PERMISSION = 'staffPermission';
export const STAFF_PUBLIC = 'staffPublic';
export const STAFF_COOKIE = 'mitreden_staff';
export const CSRF_HEADER = 'x-csrf-token';

/** The one permission a staff route needs (from the matrix in libs/staff/src/permissions.ts). */
export const RequirePermission = (permission: Permission): MethodDecorator => SetMetadata(STAFF_PERMISSION, permission);
/** Sign-in, password reset and the OIDC redirects: no session needed. */
export const StaffPublic = (): MethodDecorator => SetMetadata(STAFF_PUBLIC, true);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/**
 * After TenantRouteGuard: the session cookie must belong to a session of this
 * tenant (another tenant's session is simply unknown here → 401); requests
 * that change state must carry the session's CSRF token in X-CSRF-Token
 * (→ 403); then the route's permission is checked against the role (→ 403).
 * A route without a declared permission is refused: fail closed.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: StaffAuthService,
    private readonly staff: StaffContext,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const handler = execution.getHandler();
    if (this.reflector.get<boolean>(STAFF_PUBLIC, handler)) return true;
    const permission = this.reflector.get<Permission | undefined>(STAFF_PERMISSION, handler);
    if (!permission) throw new ForbiddenException({ statusCode: 403, message: 'Route without a permission' });
    const request = execution.switchToHttp().getRequest<Request>();
    const token = readCookie(request, STAFF_COOKIE);
    const principal = token && token.length <= 200 ? await this.auth.authenticate(token) : null;
    if (!principal) throw new UnauthorizedException({ statusCode: 401, message: 'Not signed in' });
    if (!SAFE_METHODS.has(request.method)) {
      const given = request.header(CSRF_HEADER);
      if (!given || !safeEqual(given, this.auth.csrfToken(principal.sessionId))) {
        throw new ForbiddenException({ statusCode: 403, code: 'csrf', message: 'Missing or wrong X-CSRF-Token header' });
      }
    }
    if (!hasPermission(principal.role, permission)) throw new ForbiddenException({ statusCode: 403, code: 'permission', message: `Your role may not ${permission}` });
    this.staff.set(principal);
    return true;
  }
}
