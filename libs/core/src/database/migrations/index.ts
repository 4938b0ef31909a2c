import { Foundation1732300000000 } from './1732300000000-foundation';
import { Reports1732300001000 } from './1732300001000-reports';
import { ReportReadIndexes1732300002000 } from './1732300002000-report-read-indexes';
import { Open3111732300003000 } from './1732300003000-open311';
import { Staff1732300004000 } from './1732300004000-staff';
import { Performance1732300005000 } from './1732300005000-performance';
import { Budgets1732300006000 } from './1732300006000-budgets';
import { BudgetIndexes1732300006010 } from './1732300006010-budget-indexes';
import { Privacy1732300007000 } from './1732300007000-privacy';

/** Every migration, in order. New migrations are appended here. */
export const migrations = [Foundation1732300000000, Reports1732300001000, ReportReadIndexes1732300002000, Open3111732300003000, Staff1732300004000, Budgets1732300006000, Performance1732300005000, Privacy1732300007000, BudgetIndexes1732300006010];
