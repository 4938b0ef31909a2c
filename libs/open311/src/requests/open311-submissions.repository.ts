import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

/** What an Open311 client sent beside the report, and batch tokens; inside the tenant's transaction. */
@Injectable()
export class Open311SubmissionsRepository {
  constructor(private readonly scope: TenantScope) {}

  async insertSubmission(row: { tenantId: string; reportId: string; clientName: string; deviceId?: string; accountId?: string; mediaUrls: string[] }): Promise<void> {
    await this.scope.manager.query(
      `INSERT INTO open311_submissions (tenant_id, report_id, client_name, device_id, account_id, media_urls) VALUES ($1, $2, $3, $4, $5, $6::text[])`,
      [row.tenantId, row.reportId, row.clientName, row.deviceId ?? null, row.accountId ?? null, row.mediaUrls],
    );
  }

  async insertToken(tenantId: string, token: string, serviceRequestId: string, reportTenantId: string): Promise<void> {
    await this.scope.manager.query(
      `INSERT INTO open311_tokens (tenant_id, token, service_request_id, report_tenant_id) VALUES ($1, $2, $3, $4)`,
      [tenantId, token, serviceRequestId, reportTenantId],
    );
  }

  async findToken(token: string): Promise<{ service_request_id: string } | null> {
    const rows = await this.scope.manager.query(`SELECT service_request_id FROM open311_tokens WHERE token = $1`, [token]);
    return rows[0] ?? null;
  }
}
