import { Injectable } from '@nestjs/common';

/** Time for the phase schedule, behind an interface so tests can move it. */
export abstract class BudgetClock {
  abstract now(): Date;
}

@Injectable()
export class SystemBudgetClock extends BudgetClock {
  now(): Date {
    return new Date();
  }
}
