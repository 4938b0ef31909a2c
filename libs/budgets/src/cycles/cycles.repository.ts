import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';
import { Aggregation, BallotRules, Budget, BudgetCycle, BudgetPhase, CycleInput, CycleUpdate } from '../budget.types';

const CYCLE_COLUMNS = `id, year, title, kind, phase, phase_changed_at, proposals_start, review_start, voting_start, results_start, implementation_start,
  eligibility_email, eligibility_codes, residency_required, currency`;

const BUDGET_COLUMNS = `b.id, b.cycle_id, b.area_id, a.name AS area_name, b.name, b.amount_cents::text AS amount_cents, b.ballot_type, b.ballot_rules, b.aggregation, b.rules_frozen_at`;

export function toCycle(row: any): BudgetCycle {
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    kind: row.kind,
    phase: row.phase,
    phaseChangedAt: row.phase_changed_at,
    schedule: { proposals: row.proposals_start, review: row.review_start, voting: row.voting_start, results: row.results_start, implementation: row.implementation_start },
    eligibility: { email: row.eligibility_email, codes: row.eligibility_codes, residencyRequired: row.residency_required },
    currency: row.currency,
  };
}

export function toBudget(row: any): Budget {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    areaId: row.area_id,
    areaName: row.area_name ?? null,
    name: row.name,
    amountCents: Number(row.amount_cents),
    ballotType: row.ballot_type,
    ballotRules: row.ballot_rules as BallotRules,
    aggregation: row.aggregation as Aggregation,
    rulesFrozenAt: row.rules_frozen_at,
  };
}

const SCHEDULE_COLUMNS: Record<string, string> = {
  proposalsStart: 'proposals_start',
  reviewStart: 'review_start',
  votingStart: 'voting_start',
  resultsStart: 'results_start',
  implementationStart: 'implementation_start',
  title: 'title',
  eligibilityEmail: 'eligibility_email',
  eligibilityCodes: 'eligibility_codes',
  residencyRequired: 'residency_required',
};

/** SQL of cycles and budgets; always inside the tenant's transaction. */
@Injectable()
export class CyclesRepository {
  constructor(private readonly scope: TenantScope) {}

  private get db(): EntityManager {
    return this.scope.manager;
  }

  async insertCycle(tenantId: string, input: CycleInput, extra: { kind?: 'official' | 'simulation'; phase?: BudgetPhase; currency?: string; sourceMeta?: unknown } = {}): Promise<BudgetCycle> {
    const [row] = await this.db.query(
      `INSERT INTO budget_cycles (tenant_id, year, title, kind, phase, proposals_start, review_start, voting_start, results_start, implementation_start,
         eligibility_email, eligibility_codes, residency_required, currency, source_meta)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb) RETURNING ${CYCLE_COLUMNS}`,
      [tenantId, input.year, input.title, extra.kind ?? 'official', extra.phase ?? 'preparation', input.proposalsStart ?? null, input.reviewStart ?? null,
        input.votingStart ?? null, input.resultsStart ?? null, input.implementationStart ?? null, input.eligibilityEmail, input.eligibilityCodes,
        input.residencyRequired, extra.currency ?? 'EUR', extra.sourceMeta === undefined ? null : JSON.stringify(extra.sourceMeta)],
    );
    return toCycle(row);
  }

  async officialYearTaken(year: number): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM budget_cycles WHERE kind = 'official' AND year = $1`, [year])).length > 0;
  }

  async updateCycle(cycleId: string, update: CycleUpdate): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [cycleId];
    for (const [key, value] of Object.entries(update)) {
      if (value === undefined || !SCHEDULE_COLUMNS[key]) continue;
      values.push(value);
      sets.push(`${SCHEDULE_COLUMNS[key]} = $${values.length}`);
    }
    if (sets.length > 0) await this.db.query(`UPDATE budget_cycles SET ${sets.join(', ')} WHERE id = $1`, values);
  }

  async cycle(cycleId: string, options: { lock?: boolean } = {}): Promise<BudgetCycle | null> {
    const rows = await this.db.query(`SELECT ${CYCLE_COLUMNS} FROM budget_cycles WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [cycleId]);
    return rows[0] ? toCycle(rows[0]) : null;
  }

  async sourceMeta(cycleId: string): Promise<Record<string, string> | null> {
    const rows = await this.db.query(`SELECT source_meta FROM budget_cycles WHERE id = $1`, [cycleId]);
    return rows[0]?.source_meta ?? null;
  }

  async cycles(): Promise<BudgetCycle[]> {
    const rows = await this.db.query(`SELECT ${CYCLE_COLUMNS} FROM budget_cycles ORDER BY year DESC, created_at DESC`);
    return rows.map(toCycle);
  }

  async setPhase(cycleId: string, phase: BudgetPhase, at: Date): Promise<void> {
    await this.db.query(`UPDATE budget_cycles SET phase = $2, phase_changed_at = $3 WHERE id = $1`, [cycleId, phase, at]);
  }

  /** Cycles whose next phase has a scheduled start at or before `now`. */
  async dueForAdvance(now: Date): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT id FROM budget_cycles WHERE kind = 'official' AND (
         (phase = 'preparation' AND proposals_start <= $1) OR (phase = 'proposals' AND review_start <= $1) OR
         (phase = 'review' AND voting_start <= $1) OR (phase = 'voting' AND results_start <= $1) OR
         (phase = 'results' AND implementation_start <= $1))`,
      [now],
    );
    return rows.map((row: { id: string }) => row.id);
  }

  async freezeRules(cycleId: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE budgets SET rules_frozen_at = $2 WHERE cycle_id = $1 AND rules_frozen_at IS NULL`, [cycleId, at]);
  }

  async insertBudget(tenantId: string, cycleId: string, input: { name: string; areaId: string | null; amountCents: number; ballotType: string; ballotRules: BallotRules; aggregation: Aggregation; frozenAt?: Date }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO budgets (tenant_id, cycle_id, area_id, name, amount_cents, ballot_type, ballot_rules, aggregation, rules_frozen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9) RETURNING id`,
      [tenantId, cycleId, input.areaId, input.name, input.amountCents, input.ballotType, JSON.stringify(input.ballotRules), JSON.stringify(input.aggregation), input.frozenAt ?? null],
    );
    return row.id;
  }

  async updateBudget(budgetId: string, budget: Budget): Promise<void> {
    await this.db.query(
      `UPDATE budgets SET name = $2, area_id = $3, amount_cents = $4, ballot_type = $5, ballot_rules = $6::jsonb, aggregation = $7::jsonb WHERE id = $1`,
      [budgetId, budget.name, budget.areaId, budget.amountCents, budget.ballotType, JSON.stringify(budget.ballotRules), JSON.stringify(budget.aggregation)],
    );
  }

  async budget(budgetId: string, options: { lock?: boolean } = {}): Promise<Budget | null> {
    const rows = await this.db.query(`SELECT ${BUDGET_COLUMNS} FROM budgets b LEFT JOIN areas a ON a.tenant_id = b.tenant_id AND a.id = b.area_id WHERE b.id = $1${options.lock ? ' FOR UPDATE OF b' : ''}`, [budgetId]);
    return rows[0] ? toBudget(rows[0]) : null;
  }

  async budgets(cycleId: string): Promise<Budget[]> {
    const rows = await this.db.query(`SELECT ${BUDGET_COLUMNS} FROM budgets b LEFT JOIN areas a ON a.tenant_id = b.tenant_id AND a.id = b.area_id WHERE b.cycle_id = $1 ORDER BY b.area_id NULLS FIRST, b.name`, [cycleId]);
    return rows.map(toBudget);
  }

  async districtExists(areaId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM areas WHERE id = $1 AND kind = 'district'`, [areaId])).length > 0;
  }

  async budgetForArea(cycleId: string, areaId: string | null): Promise<string | null> {
    const rows = await this.db.query(`SELECT id FROM budgets WHERE cycle_id = $1 AND area_id IS NOT DISTINCT FROM $2`, [cycleId, areaId]);
    return rows[0]?.id ?? null;
  }
}
