import { createHash } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import sharp from 'sharp';
import { RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { PhotoStorage, blurRegion } from '@app/photos';
import { ReportChangeListeners } from '@app/reports';
import { StaffAudit } from '../audit/staff-audit.service';
import { StaffContext } from '../staff-context';
import { StaffReportsRepository } from './staff-reports.repository';
import { StaffReportsService } from './staff-reports.service';

export interface BlurRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Moderation: the citizen's original text is kept once (description_original,
 * visible to admins); photos are hidden or blurred (sharp) with the original
 * files kept for admins but no longer served publicly.
 */
@Injectable()
export class ReportModerationService {
  constructor(
    private readonly scope: TenantScope,
    private readonly tenant: TenantContext,
    private readonly reports: StaffReportsService,
    private readonly repository: StaffReportsRepository,
    private readonly staff: StaffContext,
    private readonly audit: StaffAudit,
    private readonly storage: PhotoStorage,
    private readonly listeners: ReportChangeListeners,
    private readonly language: RequestLanguage,
  ) {}

  /** Edit the description; null hides it (empty public text). The first original is kept. */
  async editDescription(id: string, description: string | null, reason?: string): Promise<void> {
    await this.scope.transaction(async () => {
      const report = await this.reports.lockOrThrow(id);
      const text = description ?? '';
      await this.scope.manager.query(
        `UPDATE reports SET description_original = coalesce(description_original, description), description = $2, moderated_at = now(), updated_at = now() WHERE id = $1`,
        [id, text],
      );
      await this.repository.addHistory({ tenantId: this.tenant.tenantId, reportId: id, status: report.status, note: `Beschreibung moderiert${reason ? `: ${reason}` : ''}`, internal: true, actor: this.staff.actor });
      await this.audit.record({ action: description === null ? 'report.description_hide' : 'report.description_edit', targetType: 'report', targetId: id, before: { description: report.description }, after: { description: text }, detail: { reason: reason ?? null } });
    });
    this.listeners.changed(this.tenant.tenantId);
  }

  async setReportHidden(id: string, hidden: boolean, reason?: string): Promise<void> {
    await this.scope.transaction(async () => {
      const report = await this.reports.lockOrThrow(id);
      if (report.hidden === hidden) return;
      await this.scope.manager.query(`UPDATE reports SET hidden = $2, moderated_at = now(), updated_at = now() WHERE id = $1`, [id, hidden]);
      await this.repository.addHistory({ tenantId: this.tenant.tenantId, reportId: id, status: report.status, note: `${hidden ? 'Verborgen' : 'Wieder sichtbar'}${reason ? `: ${reason}` : ''}`, internal: true, actor: this.staff.actor });
      await this.audit.record({ action: hidden ? 'report.hide' : 'report.unhide', targetType: 'report', targetId: id, before: { hidden: report.hidden }, after: { hidden }, detail: { reason: reason ?? null } });
    });
    this.listeners.changed(this.tenant.tenantId);
  }

  private async lockPhoto(reportId: string, photoId: string) {
    await this.reports.lockOrThrow(reportId);
    const [photo] = await this.scope.manager.query(
      `SELECT id, state, hidden, large_key AS "largeKey", thumb_key AS "thumbKey", original_large_key AS "originalLargeKey", original_thumb_key AS "originalThumbKey"
         FROM report_photos WHERE id = $1 AND report_id = $2 FOR UPDATE`,
      [photoId, reportId],
    );
    if (!photo) throw new NotFoundException({ statusCode: 404, message: this.language.current === 'de' ? 'Foto nicht gefunden' : 'Photo not found' });
    return photo as { id: string; state: string; hidden: boolean; largeKey: string | null; thumbKey: string | null; originalLargeKey: string | null; originalThumbKey: string | null };
  }

  async setPhotoHidden(reportId: string, photoId: string, hidden: boolean): Promise<void> {
    await this.scope.transaction(async () => {
      const photo = await this.lockPhoto(reportId, photoId);
      if (photo.hidden === hidden) return;
      await this.scope.manager.query(`UPDATE report_photos SET hidden = $2 WHERE id = $1`, [photoId, hidden]);
      await this.audit.record({ action: hidden ? 'photo.hide' : 'photo.unhide', targetType: 'report_photo', targetId: photoId, before: { hidden: photo.hidden }, after: { hidden }, detail: { reportId } });
    });
    this.listeners.changed(this.tenant.tenantId);
  }

  /** Blurs a rectangle (fractions of width and height) of the large image and rebuilds the thumbnail. */
  async blurPhoto(reportId: string, photoId: string, region: BlurRegion): Promise<{ large: string; thumb: string }> {
    const language = this.language.current;
    if (region.x + region.width > 1.0001 || region.y + region.height > 1.0001) {
      throw fieldErrors([{ field: 'width', code: 'outside_image', message: { de: 'Der Bereich ragt über das Bild hinaus', en: 'The region extends beyond the image' } }], language);
    }
    const tenantId = this.tenant.tenantId;
    const written: string[] = [];
    try {
      const result = await this.scope.transaction(async () => {
        const photo = await this.lockPhoto(reportId, photoId);
        if (photo.state !== 'ready' || !photo.largeKey || !photo.thumbKey) {
          throw fieldErrors([{ field: 'photoId', code: 'photo_not_ready', message: { de: 'Das Foto wird noch verarbeitet', en: 'The photo is still being processed' } }], language);
        }
        const source = await this.storage.get(photo.largeKey);
        if (!source) throw new NotFoundException({ statusCode: 404, message: 'Photo file missing' });
        const large = await blurRegion(source, region);
        const thumb = await sharp(large).resize({ width: 320, height: 320, fit: 'cover' }).webp({ quality: 75 }).toBuffer();
        const hash = createHash('sha256').update(large).digest('hex');
        const largeKey = `${tenantId}/${hash}.webp`;
        const thumbKey = `${tenantId}/${hash}-thumb.webp`;
        await this.storage.put(largeKey, large, 'image/webp');
        written.push(largeKey);
        await this.storage.put(thumbKey, thumb, 'image/webp');
        written.push(thumbKey);
        await this.scope.manager.query(
          `UPDATE report_photos SET original_large_key = coalesce(original_large_key, large_key), original_thumb_key = coalesce(original_thumb_key, thumb_key),
                  large_key = $2, thumb_key = $3, content_hash = $4 WHERE id = $1`,
          [photoId, largeKey, thumbKey, hash],
        );
        await this.audit.record({ action: 'photo.blur', targetType: 'report_photo', targetId: photoId, before: { large: photo.largeKey }, after: { large: largeKey }, detail: { reportId, region } });
        return { large: largeKey.split('/')[1], thumb: thumbKey.split('/')[1] };
      });
      this.listeners.changed(tenantId);
      return result;
    } catch (error) {
      await Promise.all(written.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error;
    }
  }

  /** A photo file for staff: large or thumb; 'original' (before blurring) needs reports.moderation_original. */
  async photoFile(reportId: string, photoId: string, variant: 'large' | 'thumb' | 'original'): Promise<Buffer> {
    const key = await this.scope.transaction(async () => {
      await this.reports.lockOrThrow(reportId);
      const [photo] = await this.scope.manager.query(
        `SELECT large_key, thumb_key, original_large_key FROM report_photos WHERE id = $1 AND report_id = $2 AND state = 'ready'`,
        [photoId, reportId],
      );
      if (!photo) return null;
      return variant === 'large' ? photo.large_key : variant === 'thumb' ? photo.thumb_key : photo.original_large_key ?? photo.large_key;
    });
    const body = key ? await this.storage.get(key) : null;
    if (!body) throw new NotFoundException({ statusCode: 404, message: 'Not found' });
    return body;
  }
}
