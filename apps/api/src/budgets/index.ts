import { Type } from '@nestjs/common';
import { BudgetsModule } from '@app/budgets';
import { BudgetPublicController } from './budget-public.controller';
import { BudgetStaffController } from './budget-staff.controller';

/** The participatory budget's module and controllers, wired in feature-modules.ts. */
export const budgetsFeature: { modules: Type[]; controllers: Type[] } = {
  modules: [BudgetsModule],
  controllers: [BudgetPublicController, BudgetStaffController],
};
