import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { StaffRole } from '../permissions';

export interface SessionLookup {
  sessionId: string;
  userId: string;
  email: string;
  role: StaffRole;
  departmentIds: string[];
  lastSeenAt: Date;
}

@Injectable()
export class StaffSessionsRepository {
  constructor(private readonly scope: TenantScope) {}

  async create(input: { tenantId: string; userId: string; tokenHash: string; method: 'password' | 'oidc'; ttlHours: number }): Promise<string> {
    const [row] = await this.scope.manager.query(
      `INSERT INTO staff_sessions (tenant_id, user_id, token_hash, method, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5)) RETURNING id`,
      [input.tenantId, input.userId, input.tokenHash, input.method, input.ttlHours],
    );
    return row.id;
  }

  /** A live session of an active user, within the absolute and the idle limit. */
  async find(tokenHash: string, idleMinutes: number): Promise<SessionLookup | null> {
    const rows = await this.scope.manager.query(
      `SELECT s.id AS "sessionId", u.id AS "userId", u.email, u.role, s.last_seen_at AS "lastSeenAt",
              coalesce((SELECT array_agg(d.department_id) FROM staff_user_departments d WHERE d.tenant_id = u.tenant_id AND d.user_id = u.id), '{}') AS "departmentIds"
         FROM staff_sessions s JOIN staff_users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2) AND u.active`,
      [tokenHash, idleMinutes],
    );
    return rows[0] ?? null;
  }

  async touch(sessionId: string): Promise<void> {
    await this.scope.manager.query(`UPDATE staff_sessions SET last_seen_at = now() WHERE id = $1`, [sessionId]);
  }

  async delete(sessionId: string): Promise<void> {
    await this.scope.manager.query(`DELETE FROM staff_sessions WHERE id = $1`, [sessionId]);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.scope.manager.query(`DELETE FROM staff_sessions WHERE user_id = $1`, [userId]);
  }

  async deleteOthersOfUser(userId: string, keepSessionId: string): Promise<void> {
    await this.scope.manager.query(`DELETE FROM staff_sessions WHERE user_id = $1 AND id <> $2`, [userId, keepSessionId]);
  }

  async recordFailure(tenantId: string, clientHash: string): Promise<void> {
    await this.scope.manager.query(`INSERT INTO staff_sign_in_failures (tenant_id, client_hash) VALUES ($1, $2)`, [tenantId, clientHash]);
    await this.scope.manager.query(`DELETE FROM staff_sign_in_failures WHERE at < now() - interval '1 day'`);
  }

  async recentFailures(clientHash: string, minutes: number): Promise<number> {
    const [row] = await this.scope.manager.query(
      `SELECT count(*)::int AS n FROM staff_sign_in_failures WHERE client_hash = $1 AND at > now() - make_interval(mins => $2)`,
      [clientHash, minutes],
    );
    return row.n;
  }

  async createPasswordToken(input: { tenantId: string; userId: string; purpose: 'set' | 'reset'; ttlHours: number; hashFor: (id: string) => string }): Promise<string> {
    // A new link replaces every older one of the user.
    await this.scope.manager.query(`UPDATE staff_password_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [input.userId]);
    const [row] = await this.scope.manager.query(`SELECT gen_random_uuid() AS id`);
    await this.scope.manager.query(
      `INSERT INTO staff_password_tokens (id, tenant_id, user_id, token_hash, purpose, expires_at) VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))`,
      [row.id, input.tenantId, input.userId, input.hashFor(row.id), input.purpose, input.ttlHours],
    );
    return row.id;
  }

  async passwordToken(id: string): Promise<{ userId: string; purpose: 'set' | 'reset'; email: string; usable: boolean } | null> {
    const rows = await this.scope.manager.query(
      `SELECT t.user_id AS "userId", t.purpose, u.email, (t.used_at IS NULL AND t.expires_at > now()) AS usable
         FROM staff_password_tokens t JOIN staff_users u ON u.tenant_id = t.tenant_id AND u.id = t.user_id WHERE t.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Uses a password link once: returns its user, or null when unknown, used or expired. */
  async consumePasswordToken(id: string, tokenHash: string): Promise<{ userId: string; purpose: 'set' | 'reset' } | null> {
    const rows = await this.scope.manager.query(
      `WITH used AS (UPDATE staff_password_tokens SET used_at = now() WHERE id = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > now() RETURNING user_id, purpose)
       SELECT user_id AS "userId", purpose FROM used`,
      [id, tokenHash],
    );
    return rows[0] ?? null;
  }
}
