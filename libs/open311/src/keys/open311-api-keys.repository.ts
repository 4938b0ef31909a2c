import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

export interface Open311ApiKey {
  id: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** API keys of the current tenant (inside its transaction); only hashes are stored. */
@Injectable()
export class Open311ApiKeysRepository {
  constructor(private readonly scope: TenantScope) {}

  async insert(tenantId: string, name: string, keyHash: string): Promise<Open311ApiKey> {
    const [row] = await this.scope.manager.query(
      `INSERT INTO open311_api_keys (tenant_id, name, key_hash) VALUES ($1, $2, $3) RETURNING id, name, created_at, revoked_at`,
      [tenantId, name, keyHash],
    );
    return { id: row.id, name: row.name, createdAt: row.created_at, revokedAt: row.revoked_at };
  }

  async findActiveByHash(keyHash: string): Promise<Open311ApiKey | null> {
    const rows = await this.scope.manager.query(`SELECT id, name, created_at, revoked_at FROM open311_api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
    return rows[0] ? { id: rows[0].id, name: rows[0].name, createdAt: rows[0].created_at, revokedAt: rows[0].revoked_at } : null;
  }

  /** True when a key was active and is now revoked. */
  async revoke(id: string): Promise<boolean> {
    const rows = await this.scope.manager.query(
      `WITH changed AS (UPDATE open311_api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM changed`,
      [id],
    );
    return rows.length > 0;
  }
}
