import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';

export interface EscalationFacts {
  id: string;
  number: string;
  tenantSlug: string;
  tenantName: string;
  categoryName: string;
  description: string;
  address: string | null;
  dueAt: Date;
  stillOverdue: boolean;
  department: { name: string; email: string } | null;
}

@Injectable()
export class EscalationRepository {
  constructor(private readonly scope: TenantScope) {}

  /** Marks every newly overdue report of the tenant as escalated and returns them (the caller enqueues the mails in the same transaction). */
  async claimOverdue(now: Date, limit = 500): Promise<Array<{ id: string; dueAt: Date }>> {
    return this.scope.manager.query(
      `WITH due AS (
         SELECT id FROM reports
          WHERE is_open AND first_response_at IS NULL AND due_at IS NOT NULL AND due_at < $1 AND escalated_at IS NULL AND confirmed_at IS NOT NULL
          ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       marked AS (UPDATE reports r SET escalated_at = $1 FROM due WHERE r.id = due.id RETURNING r.id, r.due_at)
       SELECT id, due_at AS "dueAt" FROM marked`,
      [now, limit],
    );
  }

  async facts(reportId: string, now: Date): Promise<EscalationFacts | null> {
    const rows = await this.scope.manager.query(
      `SELECT r.id, r.number::text AS number, t.slug, t.name AS tenant_name, c.name_de, r.description, r.address, r.due_at,
              (r.is_open AND r.first_response_at IS NULL AND r.due_at < $2) AS still_overdue, d.name AS department_name, d.email AS department_email
         FROM reports r JOIN tenants t ON t.id = r.tenant_id JOIN categories c ON c.tenant_id = r.tenant_id AND c.id = r.category_id
         LEFT JOIN departments d ON d.tenant_id = r.tenant_id AND d.id = r.department_id
        WHERE r.id = $1`,
      [reportId, now],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id, number: row.number, tenantSlug: row.slug, tenantName: row.tenant_name, categoryName: row.name_de, description: row.description, address: row.address,
      dueAt: row.due_at, stillOverdue: row.still_overdue, department: row.department_name ? { name: row.department_name, email: row.department_email } : null,
    };
  }

  /** The Leitstelle's addresses (triage accounts; the admins when there is none). */
  async triageEmails(): Promise<string[]> {
    const rows: Array<{ email: string; role: string }> = await this.scope.manager.query(`SELECT email, role FROM staff_users WHERE active AND role IN ('triage', 'tenant_admin') ORDER BY email`);
    const triage = rows.filter((row) => row.role === 'triage').map((row) => row.email);
    return triage.length ? triage : rows.map((row) => row.email);
  }

  /** At-least-once per recipient: a key already marked sent is skipped on a retry. */
  async claim(tenantId: string, key: string): Promise<boolean> {
    const rows = await this.scope.manager.query(
      `INSERT INTO sent_notifications (tenant_id, idempotency_key) VALUES ($1, $2) ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET state = sent_notifications.state RETURNING state`,
      [tenantId, key],
    );
    return rows[0].state !== 'sent';
  }

  async markSent(key: string): Promise<void> {
    await this.scope.manager.query(`UPDATE sent_notifications SET state = 'sent', sent_at = now() WHERE idempotency_key = $1`, [key]);
  }
}
