import { readFile } from 'node:fs/promises';
import { INestApplicationContext } from '@nestjs/common';
import { FieldValidationException, TenantScope } from '@app/core';
import { PabulibTransferService } from './pabulib-transfer.service';

/**
 * `budget:import-pabulib <tenantSlug> <file.pb> [title]`: a simulation cycle
 * from a pabulib file of any size (the HTTP upload stops at 10 MB). Refused
 * files print the line and the reason and store nothing.
 */
export const budgetImportPabulibCommand = {
  name: 'budget:import-pabulib',
  usage: 'budget:import-pabulib <slug> <file.pb> [title]',
  description: 'import a pabulib .pb file as a simulation cycle of the participatory budget',
  async run(app: INestApplicationContext, args: string[]): Promise<string> {
    const [slug, path, ...title] = args;
    if (!slug || !path) throw new Error('usage: budget:import-pabulib <tenantSlug> <file.pb> [title]');
    const scope = app.get(TenantScope);
    const tenants = await scope.asSystem({ actor: 'cli:budget:import-pabulib', action: 'tenants.lookup', tenantIds: [], detail: { slug } }, (manager) =>
      manager.query(`SELECT id FROM tenants WHERE slug = $1`, [slug]),
    );
    if (tenants.length === 0) throw new Error(`no tenant with slug ${slug}`);
    const text = await readFile(path, 'utf8');
    try {
      const imported = await scope.withTenant(tenants[0].id, () => app.get(PabulibTransferService).import(text, title.length > 0 ? title.join(' ') : undefined));
      return `imported ${imported.projects} projects and ${imported.ballots} ballots into simulation cycle ${imported.cycleId} (budget ${imported.budgetId})`;
    } catch (error) {
      if (error instanceof FieldValidationException) throw new Error(`${path}: ${error.fieldErrors.map((fieldError) => fieldError.message).join('; ')}`);
      throw error;
    }
  },
};
