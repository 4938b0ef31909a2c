import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

export interface ContactRecord {
  report: { id: string; number: string; status: string; category: string; description: string; address: string | null; lat: number; lon: number; createdAt: string; closedAt: string | null };
  contact: { email: string | null; name: string | null; phone: string | null; anonymizedAt: string | null } | null;
  history: Array<{ at: string; status: string; note: string | null }>;
}

/**
 * SQL for the reporter's contact data: self-service and retention. Always inside the current tenant.
 * Writes that report rows are wrapped in a CTE: TypeORM answers a bare UPDATE/DELETE … RETURNING
 * with [rows, count], not with the rows.
 */
@Injectable()
export class ContactPrivacyRepository {
  constructor(private readonly scope: TenantScope) {}

  async record(reportId: string): Promise<ContactRecord | null> {
    const [row] = await this.scope.manager.query(
      `SELECT r.id, r.number::text AS number, r.status, c.code AS category, r.description, r.address, ST_Y(r.location) AS lat, ST_X(r.location) AS lon,
              r.created_at, r.closed_at, rc.report_id IS NOT NULL AS has_contact, rc.email, rc.name, rc.phone, rc.anonymized_at
         FROM reports r
         JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id
         LEFT JOIN report_contacts rc ON rc.tenant_id = r.tenant_id AND rc.report_id = r.id
        WHERE r.id = $1`,
      [reportId],
    );
    if (!row) return null;
    const history = await this.scope.manager.query(`SELECT at, status, note FROM report_history WHERE report_id = $1 AND NOT internal ORDER BY at`, [reportId]);
    return {
      report: { id: row.id, number: row.number, status: row.status, category: row.category, description: row.description, address: row.address, lat: row.lat, lon: row.lon, createdAt: new Date(row.created_at).toISOString(), closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null },
      contact: row.has_contact ? { email: row.email, name: row.name, phone: row.phone, anonymizedAt: row.anonymized_at ? new Date(row.anonymized_at).toISOString() : null } : null,
      history: history.map((entry: { at: Date; status: string; note: string | null }) => ({ at: new Date(entry.at).toISOString(), status: entry.status, note: entry.note })),
    };
  }

  /** Removes the reporter's contact data of one report (and the connection hash); true when the report exists. */
  async erase(reportId: string, now: Date): Promise<boolean> {
    const found = await this.scope.manager.query(`WITH changed AS (UPDATE reports SET ip_hash = NULL WHERE id = $1 RETURNING id) SELECT id FROM changed`, [reportId]);
    if (found.length === 0) return false;
    await this.scope.manager.query(`UPDATE report_contacts SET email = NULL, name = NULL, phone = NULL, anonymized_at = coalesce(anonymized_at, $2) WHERE report_id = $1`, [reportId, now]);
    return true;
  }

  /** Contact data (reporter and followers) of reports closed before `closedBefore`; returns the number of reports affected. */
  async anonymiseClosedBefore(closedBefore: Date, now: Date): Promise<number> {
    const contacts = await this.scope.manager.query(
      `WITH changed AS (
         UPDATE report_contacts rc SET email = NULL, name = NULL, phone = NULL, anonymized_at = $2
           FROM reports r
          WHERE r.tenant_id = rc.tenant_id AND r.id = rc.report_id AND rc.anonymized_at IS NULL
            AND r.closed_at IS NOT NULL AND NOT r.is_open AND r.closed_at < $1
         RETURNING rc.report_id)
       SELECT report_id FROM changed`,
      [closedBefore, now],
    );
    await this.scope.manager.query(
      `DELETE FROM report_followers f USING reports r
        WHERE r.tenant_id = f.tenant_id AND r.id = f.report_id AND r.closed_at IS NOT NULL AND NOT r.is_open AND r.closed_at < $1`,
      [closedBefore],
    );
    await this.scope.manager.query(`UPDATE reports SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND closed_at IS NOT NULL AND NOT is_open AND closed_at < $1`, [closedBefore]);
    return contacts.length;
  }

  /** Deletes reports whose e-mail confirmation never came; returns their photo keys, to delete the files too. */
  async deleteUnconfirmedBefore(createdBefore: Date): Promise<{ count: number; photoKeys: string[] }> {
    const photos: Array<{ upload_key: string | null; large_key: string | null; thumb_key: string | null }> = await this.scope.manager.query(
      `SELECT p.upload_key, p.large_key, p.thumb_key FROM report_photos p JOIN reports r ON r.tenant_id = p.tenant_id AND r.id = p.report_id
        WHERE r.confirmed_at IS NULL AND r.created_at < $1`,
      [createdBefore],
    );
    const deleted = await this.scope.manager.query(`WITH gone AS (DELETE FROM reports WHERE confirmed_at IS NULL AND created_at < $1 RETURNING id) SELECT id FROM gone`, [createdBefore]);
    const keys = [...new Set(photos.flatMap((photo) => [photo.upload_key, photo.large_key, photo.thumb_key]).filter((key): key is string => Boolean(key)))];
    // Files are content-addressed: one still used by another report stays.
    const stillUsed: Array<{ key: string }> = keys.length
      ? await this.scope.manager.query(`SELECT k AS key FROM unnest($1::text[]) k WHERE EXISTS (SELECT 1 FROM report_photos p WHERE k IN (p.upload_key, p.large_key, p.thumb_key))`, [keys])
      : [];
    const used = new Set(stillUsed.map((row) => row.key));
    return { count: deleted.length, photoKeys: keys.filter((key) => !used.has(key)) };
  }
}
