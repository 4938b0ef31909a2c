import { INestApplicationContext } from '@nestjs/common';
import { staffCreateCommand } from '@app/staff';
import { open311CliCommands } from '@app/open311';
import { budgetImportPabulibCommand } from '@app/budgets';

export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  run(app: INestApplicationContext, args: string[]): Promise<string>;
}

/** Commands contributed by domain capabilities (e.g. Open311 API keys). */
export const cliCommands: CliCommand[] = [staffCreateCommand, ...open311CliCommands, budgetImportPabulibCommand];
