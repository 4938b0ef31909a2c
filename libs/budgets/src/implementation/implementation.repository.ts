import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';
import { MilestoneInput, MilestoneUpdate } from './implementation.schemas';

export interface Milestone {
  id: string;
  title: string;
  description: string;
  status: string;
  progress: number;
  dueDate: string | null;
}

@Injectable()
export class ImplementationRepository {
  constructor(private readonly scope: TenantScope) {}

  private get db(): EntityManager {
    return this.scope.manager;
  }

  async insertMilestone(tenantId: string, proposalId: string, input: MilestoneInput): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO budget_milestones (tenant_id, proposal_id, title, description, status, progress, due_date) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [tenantId, proposalId, input.title, input.description, input.status, input.progress, input.dueDate ?? null],
    );
    return row.id;
  }

  async milestoneProposal(milestoneId: string): Promise<string | null> {
    const rows = await this.db.query(`SELECT proposal_id FROM budget_milestones WHERE id = $1 FOR UPDATE`, [milestoneId]);
    return rows[0]?.proposal_id ?? null;
  }

  async updateMilestone(milestoneId: string, update: MilestoneUpdate): Promise<void> {
    const columns: Record<string, string> = { title: 'title', description: 'description', status: 'status', progress: 'progress', dueDate: 'due_date' };
    const sets: string[] = [];
    const values: unknown[] = [milestoneId];
    for (const [key, value] of Object.entries(update)) {
      if (value === undefined) continue;
      values.push(value);
      sets.push(`${columns[key]} = $${values.length}`);
    }
    if (sets.length > 0) await this.db.query(`UPDATE budget_milestones SET ${sets.join(', ')} WHERE id = $1`, values);
  }

  async milestones(proposalId: string): Promise<Milestone[]> {
    const rows = await this.db.query(`SELECT id, title, description, status, progress, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM budget_milestones WHERE proposal_id = $1 ORDER BY created_at`, [proposalId]);
    return rows.map((row: any) => ({ id: row.id, title: row.title, description: row.description, status: row.status, progress: row.progress, dueDate: row.due_date }));
  }

  async recordUpdate(tenantId: string, proposalId: string, status: string, progress: number, note: string | null): Promise<string> {
    await this.db.query(`UPDATE budget_proposals SET implementation_status = $2, progress = $3, updated_at = now() WHERE id = $1`, [proposalId, status, progress]);
    const [row] = await this.db.query(`INSERT INTO budget_implementation_updates (tenant_id, proposal_id, status, progress, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [tenantId, proposalId, status, progress, note]);
    return row.id;
  }

  async updates(proposalId: string): Promise<Array<{ status: string; progress: number; note: string | null; at: Date }>> {
    return this.db.query(`SELECT status, progress, note, at FROM budget_implementation_updates WHERE proposal_id = $1 ORDER BY at DESC`, [proposalId]);
  }

  async insertFollower(tenantId: string, proposalId: string, email: string, locale: string): Promise<{ id: string; created: boolean; confirmed: boolean }> {
    const inserted = await this.db.query(
      `INSERT INTO budget_followers (tenant_id, proposal_id, email, locale) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, proposal_id, email) DO UPDATE SET unsubscribed_at = NULL RETURNING id, (xmax = 0) AS created, confirmed_at IS NOT NULL AS confirmed`,
      [tenantId, proposalId, email, locale],
    );
    return { id: inserted[0].id, created: inserted[0].created, confirmed: inserted[0].confirmed };
  }

  async confirmFollower(followerId: string): Promise<string | null> {
    const rows = await this.db.query(`WITH changed AS (UPDATE budget_followers SET confirmed_at = coalesce(confirmed_at, now()), unsubscribed_at = NULL WHERE id = $1 RETURNING proposal_id) SELECT * FROM changed`, [followerId]);
    return rows[0]?.proposal_id ?? null;
  }

  async unsubscribeFollower(followerId: string): Promise<string | null> {
    const rows = await this.db.query(`WITH changed AS (UPDATE budget_followers SET unsubscribed_at = coalesce(unsubscribed_at, now()) WHERE id = $1 RETURNING proposal_id) SELECT * FROM changed`, [followerId]);
    return rows[0]?.proposal_id ?? null;
  }
}
