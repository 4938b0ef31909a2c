import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { StaffPrincipal } from './staff.types';

const PRINCIPAL = 'staffPrincipal';

/** The staff member of the current request, set by the API's StaffAuthGuard. Fails closed. */
@Injectable()
export class StaffContext {
  constructor(private readonly cls: ClsService) {}

  get principal(): StaffPrincipal {
    const principal = this.cls.isActive() ? this.cls.get<StaffPrincipal | undefined>(PRINCIPAL) : undefined;
    if (!principal) throw new UnauthorizedException({ statusCode: 401, message: 'Not signed in' });
    return principal;
  }

  get actor(): string {
    const principal = this.principal;
    return `staff:${principal.email}`;
  }

  set(principal: StaffPrincipal): void {
    this.cls.set(PRINCIPAL, principal);
  }
}
