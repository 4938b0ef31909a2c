import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

export interface PointOwner {
  tenantId: string;
  slug: string;
  name: string;
}

/**
 * Which tenant of the deployment owns a point. This reads every tenant's
 * boundary, so it goes through the audited asSystem() helper; it is only
 * asked when the point lies outside the tenant the citizen reported through.
 */
@Injectable()
export class PointOwnerRepository {
  constructor(private readonly scope: TenantScope) {}

  async ownerOf(lon: number, lat: number, askedBy: { tenantId: string; actor: string }): Promise<PointOwner | null> {
    return this.scope.asSystem(
      { actor: askedBy.actor, action: 'report.point-owner-lookup', tenantIds: [askedBy.tenantId], detail: { lon: Math.round(lon * 1000) / 1000, lat: Math.round(lat * 1000) / 1000 } },
      async (manager) => {
        const rows = await manager.query(
          `SELECT t.id AS "tenantId", t.slug, t.name FROM areas a JOIN tenants t ON t.id = a.tenant_id
            WHERE a.kind = 'municipality' AND ST_Covers(a.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) LIMIT 1`,
          [lon, lat],
        );
        return rows[0] ?? null;
      },
    );
  }

  /** Records the hand-over in the audit trail of both tenants. */
  async auditForward(from: string, to: string, reportId: string, actor: string): Promise<void> {
    await this.scope.asSystem({ actor, action: 'report.forward', tenantIds: [from, to], detail: { reportId } }, async () => undefined);
  }
}
