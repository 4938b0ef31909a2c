import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

export interface UpdateRow {
  id: string;
  number: string;
  status: string;
  at: Date;
  note: string | null;
}

/** report_history as the FixMyStreet update exchange; inside the tenant's transaction. */
@Injectable()
export class Open311UpdatesRepository {
  constructor(private readonly scope: TenantScope) {}

  /**
   * Public history entries of public reports in [from, to], oldest first. The
   * entry that created a report is not an update (FixMyStreet knows the report).
   */
  async between(tenantId: string, from: Date, to: Date): Promise<UpdateRow[]> {
    return this.scope.manager.query(
      `SELECT h.id, r.number::text AS number, h.status, h.at, h.note
         FROM report_history h
         JOIN reports r ON r.tenant_id = h.tenant_id AND r.id = h.report_id
        WHERE h.tenant_id = $1 AND NOT h.internal AND h.at >= $2::timestamptz AND h.at <= $3::timestamptz
          AND r.confirmed_at IS NOT NULL AND NOT r.hidden
          AND EXISTS (SELECT 1 FROM report_history e WHERE e.tenant_id = h.tenant_id AND e.report_id = h.report_id AND (e.at, e.id) < (h.at, h.id))
        ORDER BY h.at, h.id`,
      [tenantId, from.toISOString(), to.toISOString()],
    );
  }

  /** A public report by its number, locked for the update. */
  async lockPublicReport(number: string): Promise<{ id: string; status: string; is_open: boolean } | null> {
    const rows = await this.scope.manager.query(
      `SELECT id, status, is_open FROM reports WHERE number = $1::bigint AND confirmed_at IS NOT NULL AND NOT hidden FOR UPDATE`,
      [number],
    );
    return rows[0] ?? null;
  }

  async findReceipt(apiKeyId: string, clientUpdateId: string): Promise<string | null> {
    const rows = await this.scope.manager.query(`SELECT history_id FROM open311_update_receipts WHERE api_key_id = $1 AND client_update_id = $2`, [apiKeyId, clientUpdateId]);
    return rows[0]?.history_id ?? null;
  }

  async reopen(reportId: string, status: string): Promise<void> {
    await this.scope.manager.query(`UPDATE reports SET status = $2, closed_at = NULL, updated_at = now() WHERE id = $1`, [reportId, status]);
  }

  async touch(reportId: string): Promise<void> {
    await this.scope.manager.query(`UPDATE reports SET updated_at = now() WHERE id = $1`, [reportId]);
  }

  async insertHistory(tenantId: string, reportId: string, status: string, note: string, actor: string): Promise<string> {
    const [row] = await this.scope.manager.query(
      `INSERT INTO report_history (tenant_id, report_id, status, note, actor) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [tenantId, reportId, status, note, actor],
    );
    return row.id;
  }

  async insertReceipt(tenantId: string, apiKeyId: string, clientUpdateId: string | undefined, historyId: string, mediaUrls: string[]): Promise<void> {
    await this.scope.manager.query(
      `INSERT INTO open311_update_receipts (tenant_id, api_key_id, client_update_id, history_id, media_urls) VALUES ($1, $2, $3, $4, $5::text[])`,
      [tenantId, apiKeyId, clientUpdateId ?? null, historyId, mediaUrls],
    );
  }
}
