import { Injectable } from '@nestjs/common';
import { Language, LocalizedFieldError, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { BudgetClock } from '../budget-clock';
import { conflict, notFound, phaseClosed } from '../budget-errors';
import { Budget, BudgetCycle, BudgetInput, BudgetPhase, BudgetUpdate, CycleInput, CycleUpdate } from '../budget.types';
import { CyclesRepository } from './cycles.repository';
import { PhaseAction, allowedIn, nextPhase } from './phase-rules';

const KNAPSACK_OR_APPROVAL = new Set(['approval', 'knapsack']);

/**
 * Cycles, their phases and budgets. A phase change is one step forward, by
 * an admin or by the schedule (BudgetCycleAdvance); entering the voting
 * phase freezes every budget's rules, which the database then guards too.
 */
@Injectable()
export class CyclesService {
  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly cycles: CyclesRepository,
    private readonly clock: BudgetClock,
    private readonly language: RequestLanguage,
  ) {}

  private get lang(): Language {
    return this.language.current;
  }

  async createCycle(input: CycleInput): Promise<BudgetCycle> {
    return this.scope.transaction(async () => {
      if (await this.cycles.officialYearTaken(input.year)) {
        throw conflict('cycle_exists', { de: `Für ${input.year} gibt es schon einen Bürgerhaushalt.`, en: `There is already a participatory budget for ${input.year}.` }, this.lang);
      }
      return this.cycles.insertCycle(this.context.tenantId, input);
    });
  }

  async updateCycle(cycleId: string, update: CycleUpdate): Promise<BudgetCycle> {
    return this.scope.transaction(async () => {
      await this.requireCycle(cycleId, { lock: true });
      await this.cycles.updateCycle(cycleId, update);
      return (await this.cycles.cycle(cycleId))!;
    });
  }

  async listCycles(): Promise<BudgetCycle[]> {
    return this.scope.transaction(() => this.cycles.cycles());
  }

  async cycleWithBudgets(cycleId: string): Promise<BudgetCycle & { budgets: Budget[] }> {
    return this.scope.transaction(async () => {
      const cycle = await this.requireCycle(cycleId);
      return { ...cycle, budgets: await this.cycles.budgets(cycleId) };
    });
  }

  /** Admin: open the next phase now. Only one step forward; the target names the intent. */
  async changePhase(cycleId: string, target: BudgetPhase): Promise<BudgetCycle> {
    return this.scope.transaction(async () => {
      const cycle = await this.requireCycle(cycleId, { lock: true });
      const next = nextPhase(cycle.phase);
      if (cycle.kind === 'simulation' || next !== target) {
        throw conflict(
          'phase_order',
          { de: `Von „${cycle.phase}“ geht es nur zu „${next ?? '–'}“.`, en: `From "${cycle.phase}" the only next phase is "${next ?? '-'}".` },
          this.lang,
        );
      }
      await this.enter(cycle, target);
      return (await this.cycles.cycle(cycleId))!;
    });
  }

  /**
   * The schedule: advances as many phases as are due by the clock (a worker
   * that was down catches up). A no-op when nothing is due, so redelivery is harmless.
   */
  async advanceIfDue(cycleId: string): Promise<BudgetPhase[]> {
    return this.scope.transaction(async () => {
      const entered: BudgetPhase[] = [];
      const now = this.clock.now();
      for (;;) {
        const cycle = await this.cycles.cycle(cycleId, { lock: true });
        if (!cycle || cycle.kind !== 'official') return entered;
        const next = nextPhase(cycle.phase);
        if (!next || next === 'preparation') return entered;
        const start = cycle.schedule[next as Exclude<BudgetPhase, 'preparation'>];
        if (!start || start.getTime() > now.getTime()) return entered;
        await this.enter(cycle, next);
        entered.push(next);
      }
    });
  }

  async dueCycles(): Promise<string[]> {
    return this.scope.transaction(() => this.cycles.dueForAdvance(this.clock.now()));
  }

  private async enter(cycle: BudgetCycle, phase: BudgetPhase): Promise<void> {
    const now = this.clock.now();
    if (phase === 'voting') await this.cycles.freezeRules(cycle.id, now);
    await this.cycles.setPhase(cycle.id, phase, now);
  }

  async createBudget(cycleId: string, input: BudgetInput): Promise<Budget> {
    return this.scope.transaction(async () => {
      const cycle = await this.requireCycle(cycleId, { lock: true });
      this.assertPhase(cycle, 'change-rules');
      await this.checkBudget(input);
      if (await this.cycles.budgetForArea(cycleId, input.areaId ?? null)) {
        throw conflict('budget_exists', { de: 'Für dieses Gebiet gibt es in diesem Zyklus schon ein Budget.', en: 'This cycle already has a budget for that area.' }, this.lang);
      }
      const id = await this.cycles.insertBudget(this.context.tenantId, cycleId, { ...input, areaId: input.areaId ?? null });
      return (await this.cycles.budget(id))!;
    });
  }

  /** Any change after voting opened is refused with 409, whatever it touches. */
  async updateBudget(budgetId: string, update: BudgetUpdate): Promise<Budget> {
    return this.scope.transaction(async () => {
      const budget = await this.requireBudget(budgetId, { lock: true });
      const cycle = (await this.cycles.cycle(budget.cycleId, { lock: true }))!;
      if (budget.rulesFrozenAt) {
        throw conflict(
          'rules_frozen',
          { de: 'Die Regeln dieses Budgets sind seit Beginn der Abstimmung festgeschrieben.', en: 'The rules of this budget are frozen since voting opened.' },
          this.lang,
        );
      }
      this.assertPhase(cycle, 'change-rules');
      const merged: Budget = {
        ...budget,
        ...Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)),
        areaId: update.areaId === undefined ? budget.areaId : update.areaId,
      };
      await this.checkBudget({ ...merged, areaId: merged.areaId });
      await this.cycles.updateBudget(budgetId, merged);
      return (await this.cycles.budget(budgetId))!;
    });
  }

  private async checkBudget(input: Pick<BudgetInput, 'areaId' | 'ballotType' | 'ballotRules' | 'aggregation' | 'amountCents'>): Promise<void> {
    const errors: LocalizedFieldError[] = [];
    const rules = input.ballotRules;
    if (input.areaId && !(await this.cycles.districtExists(input.areaId))) {
      errors.push({ field: 'areaId', code: 'unknown_district', message: { de: 'Unbekannter Ortsteil', en: 'Unknown district' } });
    }
    if (input.ballotType === 'cumulative' && !rules.totalPoints) {
      errors.push({ field: 'ballotRules.totalPoints', code: 'required', message: { de: 'Punkte-Stimmzettel brauchen die Punktzahl pro Person', en: 'Cumulative ballots need the number of points per voter' } });
    }
    if (input.ballotType === 'ranked' && !rules.rankLength) {
      errors.push({ field: 'ballotRules.rankLength', code: 'required', message: { de: 'Rangfolge-Stimmzettel brauchen die Zahl der Ränge', en: 'Ranked ballots need the number of ranks' } });
    }
    if (rules.minProjects !== undefined && rules.maxProjects !== undefined && rules.minProjects > rules.maxProjects) {
      errors.push({ field: 'ballotRules.minProjects', code: 'min_above_max', message: { de: 'Mindestzahl größer als Höchstzahl', en: 'Minimum above maximum' } });
    }
    if (input.aggregation.rule !== 'greedy' && !KNAPSACK_OR_APPROVAL.has(input.ballotType)) {
      errors.push({
        field: 'aggregation.rule',
        code: 'rule_needs_approval',
        message: { de: 'Equal Shares und Phragmén zählen hier nur Zustimmungs- und Budget-Stimmzettel', en: 'Equal Shares and Phragmén count approval and knapsack ballots only' },
      });
    }
    if (errors.length > 0) throw fieldErrors(errors, this.lang);
  }

  async requireCycle(cycleId: string, options: { lock?: boolean } = {}): Promise<BudgetCycle> {
    const cycle = await this.cycles.cycle(cycleId, options);
    if (!cycle) throw notFound('cycle');
    return cycle;
  }

  async requireBudget(budgetId: string, options: { lock?: boolean } = {}): Promise<Budget> {
    const budget = await this.cycles.budget(budgetId, options);
    if (!budget) throw notFound('budget');
    return budget;
  }

  assertPhase(cycle: BudgetCycle, action: PhaseAction): void {
    if (cycle.kind === 'simulation' && (action === 'tally' || action === 'publish')) return;
    if (!allowedIn(action, cycle.phase)) throw phaseClosed(action, cycle.phase, this.lang);
  }
}
