import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, PayloadOf, TenantScope } from '@app/core';
import { PhotoStorage, processPhoto } from '@app/photos';
import { BudgetPhotosProcess } from '../budget.jobs';

/**
 * The reporter's photo pipeline for proposals and implementation photos:
 * EXIF and GPS gone (processPhoto re-encodes to WebP without metadata),
 * content-addressed names, original upload deleted. Photo by photo, so a
 * retry resumes where the last attempt stopped.
 */
@Injectable()
export class BudgetPhotosProcessor {
  private readonly logger = new Logger(BudgetPhotosProcessor.name);

  constructor(
    private readonly scope: TenantScope,
    private readonly storage: PhotoStorage,
  ) {}

  @JobHandler(BudgetPhotosProcess)
  async process(payload: PayloadOf<typeof BudgetPhotosProcess>): Promise<void> {
    const db = () => this.scope.manager;
    const pending: Array<{ id: string; upload_key: string | null }> = await this.scope.transaction(() =>
      db().query(`SELECT id, upload_key FROM budget_photos WHERE proposal_id = $1 AND state = 'pending' ORDER BY position`, [payload.proposalId]),
    );
    for (const photo of pending) {
      const upload = photo.upload_key ? await this.storage.get(photo.upload_key) : null;
      const fail = () => this.scope.transaction(() => db().query(`UPDATE budget_photos SET state = 'failed', upload_key = NULL WHERE id = $1`, [photo.id]));
      if (!upload) {
        await fail();
        continue;
      }
      let processed;
      try {
        processed = await processPhoto(upload);
      } catch (error) {
        this.logger.warn(`photo ${photo.id} of proposal ${payload.proposalId} is not decodable: ${(error as Error).message}`);
        await fail();
        await this.storage.delete(photo.upload_key!);
        continue;
      }
      const large = `${payload.tenantId}/${processed.hash}.webp`;
      const thumb = `${payload.tenantId}/${processed.hash}-thumb.webp`;
      await this.storage.put(large, processed.large, 'image/webp');
      await this.storage.put(thumb, processed.thumb, 'image/webp');
      await this.scope.transaction(() =>
        db().query(`UPDATE budget_photos SET state = 'ready', large_key = $2, thumb_key = $3, content_hash = $4, upload_key = NULL WHERE id = $1`, [photo.id, large, thumb, processed.hash]),
      );
      await this.storage.delete(photo.upload_key!);
    }
  }
}
