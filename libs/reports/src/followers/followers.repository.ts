import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

// UPDATE … RETURNING is wrapped in a CTE: TypeORM's query() returns [rows, count] for a bare UPDATE.
@Injectable()
export class FollowersRepository {
  constructor(private readonly scope: TenantScope) {}

  async isPublicReport(reportId: string): Promise<boolean> {
    const rows = await this.scope.manager.query(`SELECT 1 FROM reports WHERE id = $1 AND confirmed_at IS NOT NULL AND NOT hidden`, [reportId]);
    return rows.length > 0;
  }

  /** Adds or re-activates a follower; returns its id and whether a confirmation mail is needed. */
  async upsert(tenantId: string, reportId: string, email: string, locale: 'de' | 'en'): Promise<{ id: string; needsConfirmation: boolean }> {
    const [row] = await this.scope.manager.query(
      `INSERT INTO report_followers (tenant_id, report_id, email, locale) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, report_id, email) DO UPDATE SET locale = EXCLUDED.locale, unsubscribed_at = NULL
       RETURNING id, confirmed_at IS NOT NULL AS confirmed`,
      [tenantId, reportId, email, locale],
    );
    return { id: row.id, needsConfirmation: !row.confirmed };
  }

  async confirm(followerId: string): Promise<boolean> {
    const rows = await this.scope.manager.query(
      `WITH changed AS (UPDATE report_followers SET confirmed_at = coalesce(confirmed_at, now()), unsubscribed_at = NULL WHERE id = $1 RETURNING report_id) SELECT report_id FROM changed`,
      [followerId],
    );
    return rows.length > 0;
  }

  async unsubscribe(followerId: string): Promise<{ reportId: string } | null> {
    const rows = await this.scope.manager.query(`WITH changed AS (UPDATE report_followers SET unsubscribed_at = now() WHERE id = $1 RETURNING report_id) SELECT report_id FROM changed`, [followerId]);
    return rows[0] ? { reportId: rows[0].report_id } : null;
  }

  async reportOf(followerId: string): Promise<string | null> {
    const rows = await this.scope.manager.query(`SELECT report_id FROM report_followers WHERE id = $1`, [followerId]);
    return rows[0]?.report_id ?? null;
  }
}
