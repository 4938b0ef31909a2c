import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, PayloadOf, TenantScope } from '@app/core';
import { PhotoStorage, processPhoto } from '@app/photos';
import { ReportChangeListeners } from '../report-change-listeners';
import { ReportPhotosProcess } from '../report.jobs';
import { ReportPhotosRepository } from './report-photos.repository';

/**
 * Turns uploads into the stored photos: EXIF and GPS gone, at most 1600 px plus
 * a 320 px thumbnail, WebP, content-addressed names; then deletes the
 * original. Each photo is finished on its own, so a retry resumes where the
 * last attempt stopped.
 */
@Injectable()
export class ReportPhotosProcessor {
  private readonly logger = new Logger(ReportPhotosProcessor.name);

  constructor(
    private readonly scope: TenantScope,
    private readonly photos: ReportPhotosRepository,
    private readonly storage: PhotoStorage,
    private readonly listeners: ReportChangeListeners,
  ) {}

  @JobHandler(ReportPhotosProcess)
  async process(payload: PayloadOf<typeof ReportPhotosProcess>): Promise<void> {
    const pending = await this.scope.transaction(() => this.photos.pending(payload.reportId));
    for (const photo of pending) {
      const upload = photo.uploadKey ? await this.storage.get(photo.uploadKey) : null;
      if (!upload) {
        await this.scope.transaction(() => this.photos.markFailed(photo.id));
        continue;
      }
      let processed;
      try {
        processed = await processPhoto(upload);
      } catch (error) {
        // Not decodable: it will never succeed, so the photo fails, not the job.
        this.logger.warn(`photo ${photo.id} of report ${payload.reportId} is not decodable: ${(error as Error).message}`);
        await this.scope.transaction(() => this.photos.markFailed(photo.id));
        await this.storage.delete(photo.uploadKey!);
        continue;
      }
      const large = `${payload.tenantId}/${processed.hash}.webp`;
      const thumb = `${payload.tenantId}/${processed.hash}-thumb.webp`;
      await this.storage.put(large, processed.large, 'image/webp');
      await this.storage.put(thumb, processed.thumb, 'image/webp');
      await this.scope.transaction(() => this.photos.markReady(photo.id, { large, thumb, hash: processed.hash }));
      await this.storage.delete(photo.uploadKey!);
    }
    if (pending.length > 0) this.listeners.changed(payload.tenantId);
  }
}
