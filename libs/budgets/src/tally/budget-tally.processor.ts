import { Injectable } from '@nestjs/common';
import { JobHandler, PayloadOf } from '@app/core';
import { BudgetTally } from '../budget.jobs';
import { TallyService } from './tally.service';

@Injectable()
export class BudgetTallyProcessor {
  constructor(private readonly tallies: TallyService) {}

  @JobHandler(BudgetTally)
  async tally(payload: PayloadOf<typeof BudgetTally>): Promise<void> {
    await this.tallies.compute(payload.tallyId);
  }
}
