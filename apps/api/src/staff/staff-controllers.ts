import { Type } from '@nestjs/common';
import { StaffAuthController } from './staff-auth.controller';
import { StaffReportsController } from './staff-reports.controller';
import { StaffReportActionsController } from './staff-report-actions.controller';
import { StaffAdminController } from './staff-admin.controller';
import { StaffAuditController } from './staff-audit.controller';
import { StaffStatsController } from './staff-stats.controller';
import { BudgetStaffController } from '../budgets/budget-staff.controller';

/** Every staff back-office controller; the permission-matrix suite walks these routes. */
export const staffControllers: Type[] = [StaffAuthController, StaffReportsController, StaffReportActionsController, StaffAdminController, StaffAuditController, StaffStatsController, BudgetStaffController];
