import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';
import { StaffRole } from '../permissions';
import { StaffUser } from '../staff.types';

export interface StaffCredentials {
  id: string;
  email: string;
  role: StaffRole;
  active: boolean;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  failedAttempts: number;
  lockedUntil: Date | null;
}

const USER_COLUMNS = `u.id, u.email, u.display_name AS "displayName", u.role, u.active, u.totp_enabled AS "totpEnabled", u.oidc_subject IS NOT NULL AS sso,
  u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt",
  coalesce((SELECT array_agg(d.department_id ORDER BY d.department_id) FROM staff_user_departments d WHERE d.tenant_id = u.tenant_id AND d.user_id = u.id), '{}') AS "departmentIds"`;

@Injectable()
export class StaffUsersRepository {
  constructor(private readonly scope: TenantScope) {}

  private get db(): EntityManager {
    return this.scope.manager;
  }

  async credentialsByEmail(email: string): Promise<StaffCredentials | null> {
    return this.credentials(`lower(email) = lower($1)`, email);
  }

  async credentialsById(id: string): Promise<StaffCredentials | null> {
    return this.credentials(`id = $1`, id);
  }

  private async credentials(where: string, value: string): Promise<StaffCredentials | null> {
    const rows = await this.db.query(
      `SELECT id, email, role, active, password_hash AS "passwordHash", totp_secret AS "totpSecret", totp_enabled AS "totpEnabled",
              totp_last_step::float8 AS "totpLastStep", failed_attempts AS "failedAttempts", locked_until AS "lockedUntil"
         FROM staff_users WHERE ${where} FOR UPDATE`,
      [value],
    );
    return rows[0] ?? null;
  }

  async byId(id: string): Promise<StaffUser | null> {
    const rows = await this.db.query(`SELECT ${USER_COLUMNS} FROM staff_users u WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async byOidcSubject(subject: string): Promise<StaffUser | null> {
    const rows = await this.db.query(`SELECT ${USER_COLUMNS} FROM staff_users u WHERE u.oidc_subject = $1`, [subject]);
    return rows[0] ?? null;
  }

  async byEmail(email: string): Promise<StaffUser | null> {
    const rows = await this.db.query(`SELECT ${USER_COLUMNS} FROM staff_users u WHERE u.email = lower($1)`, [email]);
    return rows[0] ?? null;
  }

  async list(): Promise<StaffUser[]> {
    return this.db.query(`SELECT ${USER_COLUMNS} FROM staff_users u ORDER BY u.email`);
  }

  async insert(input: { tenantId: string; email: string; displayName: string; role: StaffRole; oidcSubject?: string }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO staff_users (tenant_id, email, display_name, role, oidc_subject) VALUES ($1, lower($2), $3, $4, $5) RETURNING id`,
      [input.tenantId, input.email, input.displayName, input.role, input.oidcSubject ?? null],
    );
    return row.id;
  }

  async update(id: string, changes: { displayName?: string; role?: StaffRole; active?: boolean; oidcSubject?: string }): Promise<void> {
    await this.db.query(
      `UPDATE staff_users SET display_name = coalesce($2, display_name), role = coalesce($3, role), active = coalesce($4, active),
              oidc_subject = coalesce($5, oidc_subject), updated_at = now() WHERE id = $1`,
      [id, changes.displayName ?? null, changes.role ?? null, changes.active ?? null, changes.oidcSubject ?? null],
    );
  }

  async setDepartments(tenantId: string, userId: string, departmentIds: string[]): Promise<void> {
    await this.db.query(`DELETE FROM staff_user_departments WHERE user_id = $1`, [userId]);
    for (const departmentId of departmentIds) {
      await this.db.query(`INSERT INTO staff_user_departments (tenant_id, user_id, department_id) VALUES ($1, $2, $3)`, [tenantId, userId, departmentId]);
    }
  }

  async recordFailure(id: string, lockAfter: number, lockMinutes: number): Promise<{ failedAttempts: number; locked: boolean }> {
    const [row] = await this.db.query(
      `WITH changed AS (UPDATE staff_users SET failed_attempts = failed_attempts + 1,
              locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1 RETURNING failed_attempts, locked_until > now() AS locked) SELECT * FROM changed`,
      [id, lockAfter, lockMinutes],
    );
    return { failedAttempts: row.failed_attempts, locked: Boolean(row.locked) };
  }

  async recordSuccess(id: string): Promise<void> {
    await this.db.query(`UPDATE staff_users SET failed_attempts = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [id]);
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.query(`UPDATE staff_users SET password_hash = $2, failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [id, passwordHash]);
  }

  async setTotp(id: string, secret: string | null, enabled: boolean): Promise<void> {
    await this.db.query(`UPDATE staff_users SET totp_secret = $2, totp_enabled = $3, totp_last_step = NULL, updated_at = now() WHERE id = $1`, [id, secret, enabled]);
  }

  async setTotpLastStep(id: string, step: number): Promise<void> {
    await this.db.query(`UPDATE staff_users SET totp_last_step = $2 WHERE id = $1`, [id, step]);
  }

  async countActiveAdmins(): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM staff_users WHERE role = 'tenant_admin' AND active`);
    return row.n;
  }
}
