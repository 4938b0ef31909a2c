import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';

export interface VoterFacts {
  id: string;
  kind: 'email' | 'code';
  areaId: string | null;
  verified: boolean;
  phase: string;
  eligibilityEmail: boolean;
  eligibilityCodes: boolean;
  residencyRequired: boolean;
}

/** SQL of eligibility, ballots, receipts and paper sheets; always inside the tenant's transaction. */
@Injectable()
export class VotingRepository {
  constructor(private readonly scope: TenantScope) {}

  private get db(): EntityManager {
    return this.scope.manager;
  }

  /** The voter and the state of the cycle in one round trip (the hot path of casting). */
  async voterFacts(cycleId: string, by: { voterId: string } | { codeHash: string }): Promise<VoterFacts | null> {
    const byId = 'voterId' in by;
    const rows = await this.db.query(
      `SELECT v.id, v.kind, v.area_id, v.verified_at IS NOT NULL AS verified, c.phase, c.eligibility_email, c.eligibility_codes, c.residency_required
         FROM budget_voters v JOIN budget_cycles c ON c.tenant_id = v.tenant_id AND c.id = v.cycle_id
        WHERE v.cycle_id = $1 AND ${byId ? 'v.id = $2' : 'v.code_hash = $2'}`,
      [cycleId, byId ? by.voterId : by.codeHash],
    );
    const row = rows[0];
    return row
      ? { id: row.id, kind: row.kind, areaId: row.area_id, verified: row.verified, phase: row.phase, eligibilityEmail: row.eligibility_email, eligibilityCodes: row.eligibility_codes, residencyRequired: row.residency_required }
      : null;
  }

  /** Feasible proposals of a budget with the cost that counts (official, else the estimate). */
  async ballotProjects(budgetId: string): Promise<Array<{ id: string; number: string; title: string; costCents: number; externalId: string | null; category: string | null; lat: number | null; lon: number | null }>> {
    const rows = await this.db.query(
      `SELECT id, number::text AS number, title, coalesce(official_cost_cents, estimated_cost_cents)::float8 AS cost, external_id, category, ST_Y(location) AS lat, ST_X(location) AS lon
         FROM budget_proposals p WHERE budget_id = $1 AND status = 'feasible' ORDER BY p.number`,
      [budgetId],
    );
    return rows.map((row: any) => ({ id: row.id, number: row.number, title: row.title, costCents: row.cost, externalId: row.external_id, category: row.category, lat: row.lat, lon: row.lon }));
  }

  /**
   * Participation and ballot in one statement: the primary key of
   * budget_participations lets exactly one of any number of concurrent
   * submissions through; the others insert nothing and get null.
   */
  async castBallot(tenantId: string, budgetId: string, voterId: string, ballot: { projects: readonly string[]; points?: readonly number[] }, receiptHash: string): Promise<string | null> {
    const rows = await this.db.query(
      `WITH participation AS (
         INSERT INTO budget_participations (tenant_id, budget_id, voter_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1
       )
       INSERT INTO budget_ballots (tenant_id, budget_id, projects, points, channel, receipt_hash)
       SELECT $1, $2, $4::uuid[], $5::int[], 'online', $6 FROM participation RETURNING id`,
      [tenantId, budgetId, voterId, ballot.projects, ballot.points ?? null, receiptHash],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The hot path in one statement: the voter (by id or code hash) with the
   * cycle's state, the eligibility check, the participation (primary key: one
   * per voter and budget) and the ballot. Returns the voter's facts so the
   * caller can name the reason when nothing was inserted; no voter, no row.
   */
  async castIfEligible(
    tenantId: string,
    cycleId: string,
    budget: { id: string; areaId: string | null },
    by: { voterId: string } | { codeHash: string },
    ballot: { projects: readonly string[]; points?: readonly number[] },
    receiptHash: string,
  ): Promise<{ voter: VoterFacts | null; ballotId: string | null }> {
    const byId = 'voterId' in by;
    const rows = await this.db.query(
      `WITH voter AS (
         SELECT v.id, v.kind, v.area_id, v.verified_at IS NOT NULL AS verified, c.phase, c.eligibility_email, c.eligibility_codes, c.residency_required
           FROM budget_voters v JOIN budget_cycles c ON c.tenant_id = v.tenant_id AND c.id = v.cycle_id
          WHERE v.cycle_id = $2 AND ${byId ? 'v.id = $4::uuid' : 'v.code_hash = $4'}
       ), eligible AS (
         SELECT id FROM voter
          WHERE phase = 'voting' AND verified AND ((kind = 'email' AND eligibility_email) OR (kind = 'code' AND eligibility_codes))
            AND ($5::uuid IS NULL OR NOT residency_required OR area_id = $5::uuid)
       ), participation AS (
         INSERT INTO budget_participations (tenant_id, budget_id, voter_id) SELECT $1, $3, id FROM eligible ON CONFLICT DO NOTHING RETURNING 1
       ), ballot AS (
         INSERT INTO budget_ballots (tenant_id, budget_id, projects, points, channel, receipt_hash)
         SELECT $1, $3, $6::uuid[], $7::int[], 'online', $8 FROM participation RETURNING id
       )
       SELECT voter.*, (SELECT id FROM ballot) AS ballot_id FROM voter`,
      [tenantId, cycleId, budget.id, byId ? by.voterId : by.codeHash, budget.areaId, ballot.projects, ballot.points ?? null, receiptHash],
    );
    const row = rows[0];
    if (!row) return { voter: null, ballotId: null };
    return {
      voter: { id: row.id, kind: row.kind, areaId: row.area_id, verified: row.verified, phase: row.phase, eligibilityEmail: row.eligibility_email, eligibilityCodes: row.eligibility_codes, residencyRequired: row.residency_required },
      ballotId: row.ballot_id,
    };
  }

  async receipt(receiptHash: string): Promise<{ budgetId: string; budgetName: string; cycleId: string } | null> {
    const rows = await this.db.query(
      `SELECT b.budget_id, g.name, g.cycle_id FROM budget_ballots b JOIN budgets g ON g.tenant_id = b.tenant_id AND g.id = b.budget_id WHERE b.receipt_hash = $1`,
      [receiptHash],
    );
    return rows[0] ? { budgetId: rows[0].budget_id, budgetName: rows[0].name, cycleId: rows[0].cycle_id } : null;
  }

  async registerEmailVoter(tenantId: string, cycleId: string, email: string, locale: string, areaId: string | null): Promise<{ id: string; created: boolean }> {
    const inserted = await this.db.query(
      `INSERT INTO budget_voters (tenant_id, cycle_id, kind, email, locale, area_id) VALUES ($1, $2, 'email', $3, $4, $5)
       ON CONFLICT (tenant_id, cycle_id, email) WHERE email IS NOT NULL DO NOTHING RETURNING id`,
      [tenantId, cycleId, email, locale, areaId],
    );
    if (inserted.length > 0) return { id: inserted[0].id, created: true };
    const [row] = await this.db.query(`SELECT id FROM budget_voters WHERE cycle_id = $1 AND email = $2`, [cycleId, email]);
    return { id: row.id, created: false };
  }

  async verifyVoter(voterId: string): Promise<{ cycleId: string } | null> {
    const rows = await this.db.query(`WITH changed AS (UPDATE budget_voters SET verified_at = coalesce(verified_at, now()) WHERE id = $1 AND kind = 'email' RETURNING cycle_id) SELECT * FROM changed`, [voterId]);
    return rows[0] ? { cycleId: rows[0].cycle_id } : null;
  }

  async insertCodeVoters(tenantId: string, cycleId: string, codeHashes: string[], areaId: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO budget_voters (tenant_id, cycle_id, kind, code_hash, area_id, verified_at) SELECT $1, $2, 'code', h, $4, now() FROM unnest($3::text[]) AS h`,
      [tenantId, cycleId, codeHashes, areaId],
    );
  }

  async sheet(budgetId: string, sheetNumber: string): Promise<{ id: string; projects: string[]; points: number[] | null; firstEnteredBy: string; confirmedAt: Date | null } | null> {
    const rows = await this.db.query(
      `SELECT id, projects, points, first_entered_by, confirmed_at FROM budget_paper_sheets WHERE budget_id = $1 AND sheet_number = $2 FOR UPDATE`,
      [budgetId, sheetNumber],
    );
    return rows[0] ? { id: rows[0].id, projects: rows[0].projects, points: rows[0].points, firstEnteredBy: rows[0].first_entered_by, confirmedAt: rows[0].confirmed_at } : null;
  }

  /** First entry; false when a concurrent first entry of the same sheet won. */
  async insertSheet(tenantId: string, budgetId: string, sheetNumber: string, ballot: { projects: readonly string[]; points?: readonly number[] }, actor: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO budget_paper_sheets (tenant_id, budget_id, sheet_number, projects, points, first_entered_by) VALUES ($1, $2, $3, $4::uuid[], $5::int[], $6)
       ON CONFLICT (tenant_id, budget_id, sheet_number) DO NOTHING RETURNING id`,
      [tenantId, budgetId, sheetNumber, ballot.projects, ballot.points ?? null, actor],
    );
    return rows.length > 0;
  }

  async confirmSheet(tenantId: string, sheetId: string, budgetId: string, actor: string, ballot: { projects: readonly string[]; points?: readonly number[] | null }): Promise<void> {
    await this.db.query(`UPDATE budget_paper_sheets SET confirmed_by = $2, confirmed_at = now() WHERE id = $1`, [sheetId, actor]);
    await this.db.query(`INSERT INTO budget_ballots (tenant_id, budget_id, projects, points, channel) VALUES ($1, $2, $3::uuid[], $4::int[], 'paper')`, [tenantId, budgetId, ballot.projects, ballot.points ?? null]);
  }

  async countMismatch(sheetId: string): Promise<void> {
    await this.db.query(`UPDATE budget_paper_sheets SET mismatches = mismatches + 1 WHERE id = $1`, [sheetId]);
  }

  async paperStats(budgetId: string): Promise<{ awaiting: number; counted: number }> {
    const [row] = await this.db.query(`SELECT count(*) FILTER (WHERE confirmed_at IS NULL)::int AS awaiting, count(*) FILTER (WHERE confirmed_at IS NOT NULL)::int AS counted FROM budget_paper_sheets WHERE budget_id = $1`, [budgetId]);
    return row;
  }

  async ballots(budgetId: string): Promise<Array<{ projects: string[]; points: number[] | null }>> {
    return this.db.query(`SELECT projects, points FROM budget_ballots WHERE budget_id = $1`, [budgetId]);
  }
}
