import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { Open311Document } from '../format/open311-format';
import { Open311Error } from '../format/open311-error';
import { Open311SubmissionsRepository } from './open311-submissions.repository';

/**
 * GET tokens/{token}. A token is written in the same request that created the
 * report, so it resolves at once: there is no pending state (see docs/open311.md).
 */
@Injectable()
export class Open311TokensService {
  constructor(
    private readonly scope: TenantScope,
    private readonly submissions: Open311SubmissionsRepository,
  ) {}

  async resolve(token: string): Promise<Open311Document> {
    const row = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await this.scope.transaction(() => this.submissions.findToken(token)) : null;
    if (!row) throw Open311Error.of(404, `token: unknown token ${token.slice(0, 64)}`);
    return { kind: 'list', root: 'service_requests', items: [{ service_request_id: row.service_request_id, token }] };
  }
}
