import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

/** SQL for merging a duplicate into its original; runs in the tenant's transaction. */
@Injectable()
export class ReportMergeRepository {
  constructor(private readonly scope: TenantScope) {}

  /** Followers move; an address that already follows the original is not doubled. Returns how many moved. */
  async moveFollowers(duplicateId: string, originalId: string): Promise<number> {
    const rows = await this.scope.manager.query(
      `WITH moved AS (
         UPDATE report_followers f SET report_id = $2
          WHERE f.report_id = $1 AND NOT EXISTS (SELECT 1 FROM report_followers o WHERE o.report_id = $2 AND lower(o.email) = lower(f.email))
          RETURNING id)
       SELECT count(*)::int AS n FROM moved`,
      [duplicateId, originalId],
    );
    await this.scope.manager.query(`DELETE FROM report_followers WHERE report_id = $1`, [duplicateId]);
    return rows[0].n;
  }

  /** The duplicate's reporter follows the original from now on (confirmed: they confirmed their own report). */
  async reporterFollows(tenantId: string, duplicateId: string, originalId: string): Promise<boolean> {
    const rows = await this.scope.manager.query(
      `WITH added AS (
         INSERT INTO report_followers (tenant_id, report_id, email, locale, confirmed_at)
         SELECT $1, $3, c.email, r.locale, now() FROM report_contacts c JOIN reports r ON r.tenant_id = c.tenant_id AND r.id = c.report_id
          WHERE c.report_id = $2 AND c.email IS NOT NULL AND c.anonymized_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM report_followers o WHERE o.report_id = $3 AND lower(o.email) = lower(c.email))
            AND NOT EXISTS (SELECT 1 FROM report_contacts oc WHERE oc.report_id = $3 AND lower(oc.email) = lower(c.email))
         ON CONFLICT DO NOTHING RETURNING id)
       SELECT count(*)::int AS n FROM added`,
      [tenantId, duplicateId, originalId],
    );
    return rows[0].n > 0;
  }

  async movePhotos(duplicateId: string, originalId: string): Promise<number> {
    const rows = await this.scope.manager.query(
      `WITH base AS (SELECT coalesce(max(position) + 1, 0) AS next FROM report_photos WHERE report_id = $2),
            moved AS (UPDATE report_photos SET report_id = $2, position = position + (SELECT next FROM base) WHERE report_id = $1 RETURNING id)
       SELECT count(*)::int AS n FROM moved`,
      [duplicateId, originalId],
    );
    return rows[0].n;
  }

  async moveHistory(duplicateId: string, originalId: string): Promise<number> {
    const rows = await this.scope.manager.query(`WITH moved AS (UPDATE report_history SET report_id = $2 WHERE report_id = $1 RETURNING id) SELECT count(*)::int AS n FROM moved`, [duplicateId, originalId]);
    return rows[0].n;
  }

  async markDuplicate(duplicateId: string, originalId: string): Promise<void> {
    await this.scope.manager.query(
      `UPDATE reports SET status = 'duplicate', duplicate_of = $2, closed_at = coalesce(closed_at, now()), first_response_at = coalesce(first_response_at, now()), updated_at = now() WHERE id = $1`,
      [duplicateId, originalId],
    );
    await this.scope.manager.query(`UPDATE reports SET duplicate_of = $2 WHERE duplicate_of = $1`, [duplicateId, originalId]);
  }
}
