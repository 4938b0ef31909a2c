import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

export interface PendingPhoto {
  id: string;
  uploadKey: string | null;
}

@Injectable()
export class ReportPhotosRepository {
  constructor(private readonly scope: TenantScope) {}

  async pending(reportId: string): Promise<PendingPhoto[]> {
    const rows = await this.scope.manager.query(`SELECT id, upload_key FROM report_photos WHERE report_id = $1 AND state = 'pending' ORDER BY position`, [reportId]);
    return rows.map((row: any) => ({ id: row.id, uploadKey: row.upload_key }));
  }

  async markReady(photoId: string, keys: { large: string; thumb: string; hash: string }): Promise<void> {
    await this.scope.manager.query(
      `UPDATE report_photos SET state = 'ready', large_key = $2, thumb_key = $3, content_hash = $4, upload_key = NULL WHERE id = $1`,
      [photoId, keys.large, keys.thumb, keys.hash],
    );
  }

  async markFailed(photoId: string): Promise<void> {
    await this.scope.manager.query(`UPDATE report_photos SET state = 'failed', upload_key = NULL WHERE id = $1`, [photoId]);
  }

  async pendingBefore(before: Date): Promise<string[]> {
    const rows = await this.scope.manager.query(`SELECT DISTINCT report_id FROM report_photos WHERE state = 'pending' AND created_at < $1 LIMIT 500`, [before]);
    return rows.map((row: { report_id: string }) => row.report_id);
  }
}
