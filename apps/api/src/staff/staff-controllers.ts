import { Type } from '@nestjs/common';
import { StaffAuthController } from './staff-auth.controller';

/** Every staff back-office controller; the permission-matrix suite walks these routes. */
export const staffControllers: Type[] = [StaffAuthController];
