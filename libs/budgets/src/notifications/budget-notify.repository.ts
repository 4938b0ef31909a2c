import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

/** Reads recipients and facts for budget e-mails at send time, and claims each mail once (sent_notifications). */
@Injectable()
export class BudgetNotifyRepository {
  constructor(private readonly scope: TenantScope) {}

  private query(sql: string, params: unknown[]): Promise<any[]> {
    return this.scope.manager.query(sql, params);
  }

  async tenant(): Promise<{ slug: string; name: string }> {
    const [row] = await this.query(`SELECT slug, name FROM tenants WHERE id = app.current_tenant_id()`, []);
    return row;
  }

  async support(id: string): Promise<{ email: string; locale: 'de' | 'en'; title: string; confirmed: boolean } | null> {
    const [row] = await this.query(
      `SELECT s.email, s.locale, p.title, s.confirmed_at IS NOT NULL AS confirmed FROM budget_supports s JOIN budget_proposals p ON p.tenant_id = s.tenant_id AND p.id = s.proposal_id WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async voter(id: string): Promise<{ email: string | null; locale: 'de' | 'en'; cycleTitle: string; cycleId: string } | null> {
    const [row] = await this.query(`SELECT v.email, v.locale, c.title AS "cycleTitle", c.id AS "cycleId" FROM budget_voters v JOIN budget_cycles c ON c.tenant_id = v.tenant_id AND c.id = v.cycle_id WHERE v.id = $1`, [id]);
    return row ?? null;
  }

  async reviewed(proposalId: string): Promise<{ email: string | null; locale: 'de' | 'en'; title: string; status: string; reason: string | null; officialCostCents: number | null; mergedIntoTitle: string | null; reviewedAt: Date | null; cycleId: string } | null> {
    const [row] = await this.query(
      `SELECT c.email, p.locale, p.title, p.status, p.review_reason AS reason, p.official_cost_cents::float8 AS "officialCostCents", m.title AS "mergedIntoTitle", p.reviewed_at AS "reviewedAt", p.cycle_id AS "cycleId"
         FROM budget_proposals p LEFT JOIN budget_proposal_contacts c ON c.tenant_id = p.tenant_id AND c.proposal_id = p.id
         LEFT JOIN budget_proposals m ON m.tenant_id = p.tenant_id AND m.id = p.merged_into WHERE p.id = $1`,
      [proposalId],
    );
    return row ?? null;
  }

  async follower(id: string): Promise<{ email: string; locale: 'de' | 'en'; title: string; proposalId: string } | null> {
    const [row] = await this.query(
      `SELECT f.email, f.locale, p.title, p.id AS "proposalId" FROM budget_followers f JOIN budget_proposals p ON p.tenant_id = f.tenant_id AND p.id = f.proposal_id WHERE f.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async update(id: string): Promise<{ proposalId: string; title: string; status: string; progress: number; note: string | null } | null> {
    const [row] = await this.query(
      `SELECT u.proposal_id AS "proposalId", p.title, u.status, u.progress, u.note FROM budget_implementation_updates u JOIN budget_proposals p ON p.tenant_id = u.tenant_id AND p.id = u.proposal_id WHERE u.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async confirmedFollowers(proposalId: string): Promise<Array<{ id: string; email: string; locale: 'de' | 'en' }>> {
    return this.query(`SELECT id, email, locale FROM budget_followers WHERE proposal_id = $1 AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL ORDER BY created_at`, [proposalId]);
  }

  async claim(tenantId: string, key: string): Promise<'claimed' | 'already-sent' | 'in-flight'> {
    return this.scope.transaction(async () => {
      const claimed = await this.query(
        `INSERT INTO sent_notifications (tenant_id, idempotency_key) VALUES ($1, $2)
         ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET created_at = now()
           WHERE sent_notifications.state = 'sending' AND sent_notifications.created_at < now() - make_interval(secs => 120)
         RETURNING state`,
        [tenantId, key],
      );
      if (claimed.length > 0) return 'claimed';
      const [row] = await this.query(`SELECT state FROM sent_notifications WHERE idempotency_key = $1`, [key]);
      return row?.state === 'sent' ? 'already-sent' : 'in-flight';
    });
  }

  async markSent(key: string): Promise<void> {
    await this.scope.transaction(() => this.query(`UPDATE sent_notifications SET state = 'sent', sent_at = now() WHERE idempotency_key = $1`, [key]));
  }

  async release(key: string): Promise<void> {
    await this.scope.transaction(() => this.query(`DELETE FROM sent_notifications WHERE idempotency_key = $1 AND state = 'sending'`, [key]));
  }
}
