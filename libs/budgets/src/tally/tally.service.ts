import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BudgetResult, equalShares, formatExplanation, greedy, phragmen, toBudgetElection, writePabulib } from '@app/domain';
import { Language, OutboxWriter, RequestLanguage, TenantContext, TenantScope } from '@app/core';
import { conflict, notFound } from '../budget-errors';
import { BudgetTally } from '../budget.jobs';
import { Aggregation, Budget } from '../budget.types';
import { CyclesService } from '../cycles/cycles.service';
import { BallotExport, BallotExportBuilder, pabulibRule } from './ballot-export.builder';
import { TallyRepository, TallyRow } from './tally.repository';
import { ProposalsRepository } from '../proposals/proposals.repository';

export interface PublicResult {
  budget: { id: string; name: string; areaId: string | null; amountCents: number };
  tallyId: string;
  rule: string;
  pabulibRule: string;
  options: Record<string, unknown>;
  ballotSetHash: string;
  ballotsCount: number;
  computedAt: Date;
  publishedAt: Date;
  selected: Array<{ id: string; title: string }>;
  totalCostCents: number;
  /** Amounts in the explanation are in counting units of unitCents cents. */
  unitCents: number;
  explanation: unknown;
  text: { de: string[]; en: string[] };
}

/** Runs the frozen rule of a budget in exact arithmetic (pure, from @app/domain). */
export function runRule(aggregation: Aggregation, exported: BallotExport): { result: BudgetResult; options: Record<string, unknown> } {
  const election = toBudgetElection(exported.file);
  const tieOrder = exported.file.projects.map((project) => project.id);
  switch (aggregation.rule) {
    case 'greedy': {
      const options = { variant: aggregation.variant, threshold: aggregation.threshold, tieOrder };
      return { result: greedy(election, options), options };
    }
    case 'equal-shares': {
      const options = {
        mode: 'exact' as const, perVoterBudget: aggregation.perVoterBudget, increment: aggregation.increment, exhaustiveStop: aggregation.exhaustiveStop,
        utilitarianCompletion: aggregation.utilitarianCompletion, comparison: aggregation.comparison, tieOrder, explain: true,
      };
      return { result: equalShares(election, options), options };
    }
    case 'phragmen': {
      const options = { mode: 'exact' as const, variant: aggregation.variant, greedyCompletion: aggregation.greedyCompletion, tieOrder };
      return { result: phragmen(election, options), options };
    }
  }
}

/**
 * Tallies and results. A tally stores the rule, its options (tie order
 * included), the SHA-256 of the canonical .pb ballot export and the result
 * with its explanation; an admin publishes one tally per budget.
 */
@Injectable()
export class TallyService {
  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly cycles: CyclesService,
    private readonly tallies: TallyRepository,
    private readonly proposals: ProposalsRepository,
    private readonly exports: BallotExportBuilder,
    private readonly outbox: OutboxWriter,
    private readonly language: RequestLanguage,
  ) {}

  private get lang(): Language {
    return this.language.current;
  }

  async request(budgetId: string, actor: string): Promise<{ tallyId: string }> {
    const tenantId = this.context.tenantId;
    return this.scope.transaction(async () => {
      const budget = await this.cycles.requireBudget(budgetId);
      const cycle = await this.cycles.requireCycle(budget.cycleId);
      this.cycles.assertPhase(cycle, 'tally');
      const tallyId = await this.tallies.insert(tenantId, budgetId, budget.aggregation.rule, budget.aggregation, actor);
      await this.outbox.enqueue(BudgetTally, { tenantId, tallyId });
      return { tallyId };
    });
  }

  /** The job: read in one transaction, count outside it, store if still pending (redelivery is harmless). */
  async compute(tallyId: string): Promise<void> {
    const input = await this.scope.transaction(async () => {
      const tally = await this.tallies.tally(tallyId);
      if (!tally || tally.state !== 'pending') return null;
      const budget = (await this.cycles.requireBudget(tally.budgetId))!;
      const cycle = await this.cycles.requireCycle(budget.cycleId);
      const tenantName = await this.tenantName();
      return { budget, exported: await this.exports.build(cycle, budget, tenantName) };
    });
    if (!input) return;
    const { budget, exported } = input;
    const text = writePabulib(exported.file);
    const ballotSetHash = createHash('sha256').update(text).digest('hex');
    let counted: ReturnType<typeof runRule>;
    try {
      counted = runRule(budget.aggregation, exported);
    } catch (error) {
      // The rule refused this election: it will never succeed, so the tally fails, not the job.
      await this.scope.transaction(() => this.tallies.fail(tallyId, (error as Error).message));
      return;
    }
    const { result, options } = counted;
    const selected = result.selected.map((pid) => exported.proposalOf.get(pid)!);
    await this.scope.transaction(() =>
      this.tallies.store(tallyId, {
        unitCents: exported.unitCents,
        options: { aggregation: budget.aggregation, ...options, pabulibRule: pabulibRule(budget.aggregation) },
        ballotSetHash,
        ballotsCount: exported.file.votes.length,
        result: {
          rule: result.rule,
          selected,
          totalCostCents: result.totalCost * exported.unitCents,
          tieBreaks: result.tieBreaks,
          pabulibIds: Object.fromEntries(exported.proposalOf),
          names: exported.names,
        },
        explanation: result.explanation,
      }),
    );
  }

  private tenantName(): Promise<string> {
    return this.proposals.tenantName();
  }

  async get(tallyId: string): Promise<TallyRow> {
    const tally = await this.scope.transaction(() => this.tallies.tally(tallyId));
    if (!tally) throw notFound('tally');
    return tally;
  }

  async publish(tallyId: string, actor: string): Promise<TallyRow> {
    return this.scope.transaction(async () => {
      const tally = await this.tallies.tally(tallyId, { lock: true });
      if (!tally) throw notFound('tally');
      const budget = await this.cycles.requireBudget(tally.budgetId);
      const cycle = await this.cycles.requireCycle(budget.cycleId);
      this.cycles.assertPhase(cycle, 'publish');
      if (tally.state !== 'done') {
        throw conflict('tally_not_done', { de: 'Nur eine fertige Auszählung kann veröffentlicht werden.', en: 'Only a finished tally can be published.' }, this.lang);
      }
      await this.tallies.publish(tally, actor);
      return (await this.tallies.tally(tallyId))!;
    });
  }

  /** Public: the published result of each budget of the cycle, with the explanation in both languages. */
  async results(cycleId: string): Promise<{ cycleId: string; results: PublicResult[] }> {
    return this.scope.transaction(async () => {
      const cycle = await this.cycles.cycleWithBudgets(cycleId);
      const results: PublicResult[] = [];
      for (const budget of cycle.budgets) {
        const tally = await this.tallies.published(budget.id);
        if (tally) results.push(this.present(budget, tally, cycle.currency));
      }
      return { cycleId, results };
    });
  }

  private present(budget: Budget, tally: TallyRow, currency: string): PublicResult {
    const result = tally.result!;
    const currencyLabel = tally.unitCents === 100 ? currency : `${currency} cent`;
    const text = (language: 'de' | 'en') => formatExplanation(tally.explanation, { language, currency: currencyLabel, names: result.names });
    const titles = new Map(Object.entries(result.pabulibIds).map(([pid, proposalId]) => [proposalId, result.names[pid]]));
    return {
      budget: { id: budget.id, name: budget.name, areaId: budget.areaId, amountCents: budget.amountCents },
      tallyId: tally.id,
      rule: tally.rule,
      pabulibRule: String(tally.options.pabulibRule ?? ''),
      options: tally.options,
      ballotSetHash: tally.ballotSetHash!,
      ballotsCount: tally.ballotsCount!,
      computedAt: tally.computedAt!,
      publishedAt: tally.publishedAt!,
      selected: result.selected.map((id) => ({ id, title: titles.get(id) ?? id })),
      totalCostCents: result.totalCostCents,
      unitCents: tally.unitCents,
      explanation: tally.explanation,
      text: { de: text('de'), en: text('en') },
    };
  }
}
