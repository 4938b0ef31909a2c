import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

@Injectable()
export class StaffOidcRepository {
  constructor(private readonly scope: TenantScope) {}

  async saveRequest(tenantId: string, state: string, codeVerifier: string, nonce: string): Promise<void> {
    await this.scope.manager.query(`DELETE FROM staff_oidc_requests WHERE expires_at < now()`);
    await this.scope.manager.query(
      `INSERT INTO staff_oidc_requests (state, tenant_id, code_verifier, nonce, expires_at) VALUES ($1, $2, $3, $4, now() + interval '10 minutes')`,
      [state, tenantId, codeVerifier, nonce],
    );
  }

  /** Single use: the row is deleted as it is read. */
  async takeRequest(state: string): Promise<{ codeVerifier: string; nonce: string } | null> {
    const rows = await this.scope.manager.query(
      `WITH taken AS (DELETE FROM staff_oidc_requests WHERE state = $1 AND expires_at > now() RETURNING code_verifier, nonce) SELECT code_verifier AS "codeVerifier", nonce FROM taken`,
      [state],
    );
    return rows[0] ?? null;
  }

  async linkSubject(userId: string, subject: string, role: string): Promise<void> {
    await this.scope.manager.query(`UPDATE staff_users SET oidc_subject = $2, role = $3, updated_at = now() WHERE id = $1`, [userId, subject, role]);
  }
}
