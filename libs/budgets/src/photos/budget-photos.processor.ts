import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, PayloadOf, TenantScope } from '@app/core';
import { PhotoStorage, processPhoto } from '@app/photos';
import { BudgetPhotosProcess } from '../budget.jobs';
import { ProposalsRepository } from '../proposals/proposals.repository';

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
    private readonly proposals: ProposalsRepository,
  ) {}

  @JobHandler(BudgetPhotosProcess)
  async process(payload: PayloadOf<typeof BudgetPhotosProcess>): Promise<void> {
    const pending = await this.scope.transaction(() => this.proposals.pendingPhotos(payload.proposalId));
    for (const photo of pending) {
      const upload = photo.uploadKey ? await this.storage.get(photo.uploadKey) : null;
      const fail = () => this.scope.transaction(() => this.proposals.photoFailed(photo.id));
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
        await this.storage.delete(photo.uploadKey!);
        continue;
      }
      const large = `${payload.tenantId}/${processed.hash}.webp`;
      const thumb = `${payload.tenantId}/${processed.hash}-thumb.webp`;
      await this.storage.put(large, processed.large, 'image/webp');
      await this.storage.put(thumb, processed.thumb, 'image/webp');
      await this.scope.transaction(() => this.proposals.photoReady(photo.id, { large, thumb, hash: processed.hash }));
      await this.storage.delete(photo.uploadKey!);
    }
  }
}
