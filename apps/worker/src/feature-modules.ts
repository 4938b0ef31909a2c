import { Type } from '@nestjs/common';
import { ReportsWorkerModule } from '@app/reports';
import { StaffWorkerModule } from '@app/staff';
import { BudgetsWorkerModule } from '@app/budgets';

/** The domain capabilities whose job handlers and sweeps run in the worker. */
export function workerFeatureModules(): Type[] {
  return [ReportsWorkerModule, StaffWorkerModule, BudgetsWorkerModule];
}
