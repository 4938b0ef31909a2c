import { StaffRole } from './permissions';

/** The signed-in staff member of the current request. */
export interface StaffPrincipal {
  userId: string;
  tenantId: string;
  email: string;
  role: StaffRole;
  departmentIds: string[];
  sessionId: string;
}

export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  departmentIds: string[];
  active: boolean;
  totpEnabled: boolean;
  sso: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}
