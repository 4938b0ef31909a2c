import { Type } from '@nestjs/common';
import { BudgetsModule } from '@app/budgets';
import { BudgetPublicController } from './budget-public.controller';

/** The participatory budget's module and public controller; its staff controller is listed with the other staff controllers. */
export const budgetsFeature: { modules: Type[]; controllers: Type[] } = {
  modules: [BudgetsModule],
  controllers: [BudgetPublicController],
};
