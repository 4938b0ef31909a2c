import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantContext, TenantScope } from '@app/core';
import { PhotoStorage } from '@app/photos';

const FILE = /^[0-9a-f]{64}(-thumb)?\.webp$/;

/** Serves processed photos of public reports; hidden photos and unpublished reports stay private. */
@Injectable()
export class MediaService {
  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly storage: PhotoStorage,
  ) {}

  async publicPhoto(file: string): Promise<Buffer> {
    if (!FILE.test(file)) throw new NotFoundException({ statusCode: 404, message: 'Not found' });
    const key = `${this.context.tenantId}/${file}`;
    const visible = await this.scope.transaction(async () => {
      const rows = await this.scope.manager.query(
        `SELECT 1 FROM report_photos p JOIN reports r ON r.tenant_id = p.tenant_id AND r.id = p.report_id
          WHERE (p.large_key = $1 OR p.thumb_key = $1) AND p.state = 'ready' AND NOT p.hidden AND NOT r.hidden AND r.confirmed_at IS NOT NULL LIMIT 1`,
        [key],
      );
      return rows.length > 0;
    });
    const body = visible ? await this.storage.get(key) : null;
    if (!body) throw new NotFoundException({ statusCode: 404, message: 'Not found' });
    return body;
  }
}
