import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';

export interface TallyRow {
  id: string;
  budgetId: string;
  state: 'pending' | 'done' | 'failed';
  rule: string;
  options: Record<string, unknown>;
  unitCents: number;
  ballotSetHash: string | null;
  ballotsCount: number | null;
  result: { selected: string[]; totalCostCents: number; tieBreaks: unknown[]; pabulibIds: Record<string, string>; names: Record<string, string> } | null;
  explanation: any;
  error: string | null;
  requestedAt: Date;
  computedAt: Date | null;
  publishedAt: Date | null;
}

function toTally(row: any): TallyRow {
  return {
    id: row.id,
    budgetId: row.budget_id,
    state: row.state,
    rule: row.rule,
    options: row.options,
    unitCents: row.unit_cents,
    ballotSetHash: row.ballot_set_hash,
    ballotsCount: row.ballots_count,
    result: row.result,
    explanation: row.explanation,
    error: row.error,
    requestedAt: row.requested_at,
    computedAt: row.computed_at,
    publishedAt: row.published_at,
  };
}

@Injectable()
export class TallyRepository {
  constructor(private readonly scope: TenantScope) {}

  private get db(): EntityManager {
    return this.scope.manager;
  }

  async insert(tenantId: string, budgetId: string, rule: string, options: unknown, actor: string): Promise<string> {
    const [row] = await this.db.query(`INSERT INTO budget_tallies (tenant_id, budget_id, rule, options, requested_by) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING id`, [tenantId, budgetId, rule, JSON.stringify(options), actor]);
    return row.id;
  }

  async tally(id: string, options: { lock?: boolean } = {}): Promise<TallyRow | null> {
    const rows = await this.db.query(`SELECT * FROM budget_tallies WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toTally(rows[0]) : null;
  }

  async store(id: string, outcome: { unitCents: number; options: unknown; ballotSetHash: string; ballotsCount: number; result: unknown; explanation: unknown }): Promise<boolean> {
    const rows = await this.db.query(
      `WITH changed AS (UPDATE budget_tallies SET state = 'done', unit_cents = $2, options = $3::jsonb, ballot_set_hash = $4, ballots_count = $5, result = $6::jsonb, explanation = $7::jsonb, computed_at = now()
        WHERE id = $1 AND state = 'pending' RETURNING id) SELECT * FROM changed`,
      [id, outcome.unitCents, JSON.stringify(outcome.options), outcome.ballotSetHash, outcome.ballotsCount, JSON.stringify(outcome.result), JSON.stringify(outcome.explanation)],
    );
    return rows.length > 0;
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.query(`UPDATE budget_tallies SET state = 'failed', error = $2, computed_at = now() WHERE id = $1 AND state = 'pending'`, [id, error.slice(0, 2000)]);
  }

  async publish(tally: TallyRow, actor: string): Promise<void> {
    await this.db.query(`UPDATE budget_tallies SET published_at = NULL, published_by = NULL WHERE budget_id = $1 AND published_at IS NOT NULL`, [tally.budgetId]);
    await this.db.query(`UPDATE budget_tallies SET published_at = now(), published_by = $2 WHERE id = $1`, [tally.id, actor]);
    await this.db.query(`UPDATE budget_proposals SET funded = (id = ANY($2::uuid[])), implementation_status = CASE WHEN id = ANY($2::uuid[]) THEN coalesce(implementation_status, 'planned') END, updated_at = now() WHERE budget_id = $1`, [tally.budgetId, tally.result!.selected]);
  }

  async published(budgetId: string): Promise<TallyRow | null> {
    const rows = await this.db.query(`SELECT * FROM budget_tallies WHERE budget_id = $1 AND published_at IS NOT NULL`, [budgetId]);
    return rows[0] ? toTally(rows[0]) : null;
  }

  async latestDone(budgetId: string): Promise<TallyRow | null> {
    const rows = await this.db.query(`SELECT * FROM budget_tallies WHERE budget_id = $1 AND state = 'done' ORDER BY computed_at DESC LIMIT 1`, [budgetId]);
    return rows[0] ? toTally(rows[0]) : null;
  }
}
